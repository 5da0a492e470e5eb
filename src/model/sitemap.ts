import { absoluteUrl } from "../site.ts";
import type { SiteIndex } from "./site-index.ts";

/** One `<url>` of sitemap.xml. */
export interface SitemapEntry {
  /** The page's canonical, absolute URL. */
  loc: string;
  /** `YYYY-MM-DD`; absent on a site without issues. */
  lastmod?: string;
}

/**
 * When each page last changed, from issue dates alone so builds stay deterministic: an issue page
 * on its date; every page of an archive (home, tag, series) and a year page on the date of the
 * newest issue it holds.
 */
export function lastModifiedByUrl(index: Pick<SiteIndex, "issues" | "archives" | "years">): Map<string, string> {
  const dates = new Map<string, string>();
  for (const issue of index.issues) dates.set(issue.url, issue.date);
  const newestByArchive = new Map<string, string>();
  for (const page of index.archives.pages) {
    const newest = page.pageNumber === 1 ? page.items[0]?.issue.date : undefined;
    if (newest) newestByArchive.set(page.key, newest);
  }
  for (const page of index.archives.pages) {
    const newest = newestByArchive.get(page.key);
    if (newest) dates.set(page.href, newest);
  }
  for (const year of index.years) {
    const newest = year.months[0]?.issues[0]?.date;
    if (newest) dates.set(year.href, newest);
  }
  return dates;
}

/**
 * The sitemap of a site's page URLs: every HTML page but the 404 page, sorted, each with its last
 * modification date; pages no issue date describes (the tag index, say) take `fallback`, the
 * newest issue's date.
 */
export function sitemapEntries(
  pageUrls: Iterable<string>,
  lastModified: ReadonlyMap<string, string>,
  baseUrl: string,
  fallback: string | undefined,
): SitemapEntry[] {
  const pages = [...new Set(pageUrls)].filter((url) => (url.endsWith("/") || url.endsWith(".html")) && url !== "/404.html").sort();
  return pages.map((url) => {
    const lastmod = lastModified.get(url) ?? fallback;
    return { loc: absoluteUrl(url, baseUrl), ...(lastmod ? { lastmod } : {}) };
  });
}
