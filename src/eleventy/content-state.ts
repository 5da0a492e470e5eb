import path from "node:path";
import type { Issue } from "../model/issue.ts";
import { buildSiteIndex, type SiteIndex } from "../model/site-index.ts";
import { seriesRegistry } from "../model/series.ts";
import { siteMetadata } from "../site.ts";

/**
 * What one build knows about its issues, filled by validation before Eleventy renders anything,
 * and the index derived from them, computed once per build on first use.
 * Each Eleventy config gets its own, so builds in one process do not share state.
 */
export class ContentState {
  #byPath = new Map<string, Issue>();
  #index: SiteIndex | undefined;

  replace(issues: readonly Issue[]): void {
    this.#byPath = new Map(issues.map((issue) => [issue.absolutePath, issue]));
    this.#index = undefined;
  }

  /** The issue an Eleventy input path (relative or absolute) was validated as. */
  issueAt(inputPath: string): Issue | undefined {
    return this.#byPath.get(path.resolve(inputPath));
  }

  index(): SiteIndex {
    const site = siteMetadata();
    this.#index ??= buildSiteIndex([...this.#byPath.values()], seriesRegistry, {
      pageSize: site.pageSize,
      homeDescription: site.description,
    });
    return this.#index;
  }
}
