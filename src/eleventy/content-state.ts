import path from "node:path";
import { isDeepStrictEqual } from "node:util";
import type { Issue } from "../model/issue.ts";
import { isShown, publicationStatus, type PublicationPolicy, type PublicationStatus } from "../model/publication.ts";
import { buildSiteIndex, type SiteIndex } from "../model/site-index.ts";
import { newsletterSeries } from "../model/series.ts";
import { siteMetadata } from "../site.ts";

/**
 * What one build knows about its issues, filled by validation before Eleventy renders anything,
 * and the index derived from the issues the build shows, computed once per build on first use.
 * Each Eleventy config gets its own, so builds in one process do not share state.
 */
export class ContentState {
  #byPath = new Map<string, Issue>();
  #policy: PublicationPolicy = { showUnpublished: false, today: "" };
  #index: SiteIndex | undefined;
  #listingsDue: ReadonlySet<string> | undefined;

  replace(issues: readonly Issue[], policy: PublicationPolicy): void {
    this.#byPath = new Map(issues.map((issue) => [issue.absolutePath, issue]));
    this.#policy = policy;
    this.#index = undefined;
    this.#listingsDue = undefined;
  }

  /**
   * Which listings (archives, year pages, feeds) this build renders again. Undefined: all of them.
   * A set of issues (absolute paths): only those issues' text changed (`update` kept the index), so
   * only the feeds that list one of them, and no archive. Empty: none, as a full build follows
   * (`deferListings`).
   */
  listingsDue(): ReadonlySet<string> | undefined {
    return this.#listingsDue;
  }

  /** No listing renders in this build: the full build asked for next renders them all. */
  deferListings(): void {
    this.#listingsDue = new Set();
  }

  /**
   * Takes a build's issues when only the files at `changed` (absolute paths) differ from the last
   * build's. When each changed issue differs only in what its own page alone shows (its word count
   * and reading time), the index of the previous build is kept, every other page stays as it was,
   * and this returns false. Otherwise (a title, date, tag, summary, draft flag or tagged item
   * changed, or a file was added, removed or became invalid) it is rebuilt on next use and this
   * returns true: the archives, feeds and other issues' pages must render again.
   */
  update(issues: readonly Issue[], policy: PublicationPolicy, changed: readonly string[]): boolean {
    const previous = this.#byPath;
    const samePolicy = policy.showUnpublished === this.#policy.showUnpublished && policy.today === this.#policy.today;
    if (this.#index && samePolicy && issues.length === previous.size) {
      const byPath = new Map(issues.map((issue) => [issue.absolutePath, issue]));
      const unchanged = changed.every((file) => {
        const before = previous.get(file);
        const after = byPath.get(file);
        return before !== undefined && after !== undefined && sameInIndex(before, after);
      });
      if (unchanged && [...byPath.keys()].every((file) => previous.has(file))) {
        // Keep the index's own objects, so every page reads one model of each issue.
        for (const file of changed) {
          const before = previous.get(file);
          const after = byPath.get(file);
          if (before && after) Object.assign(before, after);
        }
        this.#listingsDue = new Set(changed);
        return false;
      }
    }
    this.replace(issues, policy);
    return true;
  }

  /** The issue an Eleventy input path (relative or absolute) was validated as. */
  issueAt(inputPath: string): Issue | undefined {
    return this.#byPath.get(path.resolve(inputPath));
  }

  /** An issue this build leaves out: a draft or a future-dated issue in a production build. */
  isHidden(inputPath: string): boolean {
    const issue = this.issueAt(inputPath);
    return issue !== undefined && !isShown(issue, this.#policy);
  }

  status(issue: Pick<Issue, "draft" | "date">): PublicationStatus {
    return publicationStatus(issue, this.#policy.today);
  }

  /** The index of the issues the build shows. */
  index(): SiteIndex {
    // Filters call this on every page: build once per build, and only then read the metadata.
    if (!this.#index) {
      const site = siteMetadata();
      this.#index = buildSiteIndex(
        [...this.#byPath.values()].filter((issue) => isShown(issue, this.#policy)),
        newsletterSeries(),
        { pageSize: site.pageSize, homeDescription: site.description },
      );
    }
    return this.#index;
  }
}

/** Fields only the issue's own page shows (layouts/issue.njk reads them through `issueAt`). */
const ownPageOnly = new Set<keyof Issue>(["words", "readingMinutes"]);

/** Whether two models of one issue agree on everything any other page, list or feed shows. */
function sameInIndex(a: Issue, b: Issue): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)] as (keyof Issue)[]);
  for (const key of keys) {
    if (!ownPageOnly.has(key) && !isDeepStrictEqual(a[key], b[key])) return false;
  }
  return true;
}

const states = new WeakMap<object, ContentState>();

/** The content state of one Eleventy config, shared by the plugins that read it. */
export function contentStateFor(eleventyConfig: object): ContentState {
  let state = states.get(eleventyConfig);
  if (!state) {
    state = new ContentState();
    states.set(eleventyConfig, state);
  }
  return state;
}
