import path from "node:path";
import type { Issue } from "../model/issue.ts";
import { isShown, publicationStatus, type PublicationPolicy, type PublicationStatus } from "../model/publication.ts";
import { buildSiteIndex, type SiteIndex } from "../model/site-index.ts";
import { seriesRegistry } from "../model/series.ts";
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

  replace(issues: readonly Issue[], policy: PublicationPolicy): void {
    this.#byPath = new Map(issues.map((issue) => [issue.absolutePath, issue]));
    this.#policy = policy;
    this.#index = undefined;
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
        seriesRegistry,
        { pageSize: site.pageSize, homeDescription: site.description },
      );
    }
    return this.#index;
  }
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
