import path from "node:path";
import * as pagefind from "pagefind";
import { issueHref } from "../model/issue-url.ts";

/** Options of `buildSearchIndex`. */
export interface SearchIndexOptions {
  /** Folder, inside the site, Pagefind's bundle (index, scripts, UI) is written to.
   *  @default "pagefind" */
  bundleFolder?: string;
}

/** What an index build did. */
export interface SearchIndexReport {
  /** Pages indexed: one per issue. */
  pages: number;
  /** The bundle folder, absolute. */
  bundle: string;
  milliseconds: number;
}

/** Pagefind could not build or write the index; the message says which step and why. */
export class SearchIndexError extends Error {
  constructor(step: string, problems: readonly string[], options?: ErrorOptions) {
    super(`search index: ${step} failed: ${problems.join("; ") || "no reason given"}`, options);
    this.name = "SearchIndexError";
  }
}

// Only issue pages are indexed. Their `data-pagefind-body` marks the content; the glob also keeps
// an archive without issues from being indexed whole, as Pagefind indexes every <body> when no
// page has a `data-pagefind-body`.
const issuePagesGlob = `${issueHref("*").replace(/^\//, "")}index.html`;

// KaTeX writes each formula three times: MathML, its TeX source and HTML for display. Only the
// MathML is indexed, so an excerpt shows a formula once, as readable text.
const mathsDuplicates = [".katex-html", ".katex annotation"];

/**
 * Indexes the issue pages of a built site folder with Pagefind's Node API and writes the bundle
 * into it (`<site>/pagefind/`). Runs after Eleventy has written every page; throws
 * `SearchIndexError` when Pagefind reports any problem, so a failed index fails the build.
 * https://pagefind.app/docs/node-api/
 */
export async function buildSearchIndex(site: string, options: SearchIndexOptions = {}): Promise<SearchIndexReport> {
  const started = performance.now();
  const bundle = path.resolve(site, options.bundleFolder ?? "pagefind");
  try {
    const created = await pagefind.createIndex({ excludeSelectors: mathsDuplicates });
    const index = created.index;
    if (!index || created.errors.length) throw new SearchIndexError("starting Pagefind", created.errors);
    const added = await index.addDirectory({ path: path.resolve(site), glob: issuePagesGlob });
    if (added.errors.length) throw new SearchIndexError(`indexing ${site}`, added.errors);
    const written = await index.writeFiles({ outputPath: bundle });
    if (written.errors.length) throw new SearchIndexError(`writing ${bundle}`, written.errors);
    return { pages: added.page_count, bundle, milliseconds: performance.now() - started };
  } catch (error) {
    if (error instanceof SearchIndexError) throw error;
    throw new SearchIndexError("running Pagefind", [error instanceof Error ? error.message : String(error)], { cause: error });
  } finally {
    // Pagefind indexes in a child process; stop it so the build can exit.
    await pagefind.close();
  }
}
