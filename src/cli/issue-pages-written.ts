import path from "node:path";
import { isIssueHref } from "../model/issue-url.ts";

/**
 * Tells when every issue page of a build is on disk: the pages the search index covers, so that
 * Pagefind can start on them while Eleventy still writes the archives and feeds (src/cli/build.ts).
 * `expect` takes every page URL the build writes (Eleventy's `eleventy.contentMap`), `written` each
 * output path as a page is written; `whenAllWritten` is called once, as the last issue page is. A
 * build without issue pages never calls it.
 */
export class IssuePagesWritten {
  #awaited: Set<string> | undefined;

  constructor(
    private readonly folder: string,
    private readonly whenAllWritten: () => void,
  ) {}

  expect(urls: Iterable<string>): void {
    const pages = [...urls].filter(isIssueHref).map((url) => path.resolve(this.folder, `.${url}`, "index.html"));
    this.#awaited = pages.length > 0 ? new Set(pages) : undefined;
  }

  written(outputPath: string): void {
    if (!this.#awaited?.delete(path.resolve(outputPath)) || this.#awaited.size > 0) return;
    this.#awaited = undefined;
    this.whenAllWritten();
  }
}
