import { readFile } from "node:fs/promises";
import path from "node:path";
import { headersFileName } from "../model/headers.ts";
import { siteMetadata } from "../site.ts";
import { readBuiltSite } from "./built-site.ts";
import { checkHostHeaders } from "./headers-check.ts";
import { checkHtmlValidity } from "./html-validity.ts";
import { checkInlineCode } from "./inline-code.ts";
import { checkLinks } from "./links.ts";
import type { SiteProblem } from "./site-problem.ts";

/** The checks every page goes through, named by the prefix of the rules they report. */
export const siteChecks = ["valid-html", "no-broken-links", "no-inline-code", "host-headers"] as const;

export interface SiteCheckReport {
  /** How many `.html` pages were checked. */
  pagesChecked: number;
  /** Sorted by page, then line. */
  problems: SiteProblem[];
}

export interface SiteCheckOptions {
  /** The URL the site is served from, path prefix included: links must stay under it, and
   *  absolute links on it count as internal.
   *  @default siteMetadata().baseUrl, which follows SITE_URL, URL and PATH_PREFIX */
  baseUrl?: string;
}

/**
 * Runs every check on a built site folder; absolute links on the site's base URL count as
 * internal. A folder without pages is a problem, never a pass.
 */
export async function runSiteChecks(folder: string, options: SiteCheckOptions = {}): Promise<SiteCheckReport> {
  const site = await readBuiltSite(folder);
  const baseUrl = options.baseUrl ?? siteMetadata().baseUrl;
  // A folder for a host that reads no _headers (GitHub Pages) may leave it out: nothing to check then.
  const headersText = site.files.has(headersFileName) ? await readFile(path.join(folder, headersFileName), "utf8") : undefined;
  const problems = [
    ...(site.pages.length ? [] : [{ page: ".", rule: "has-pages", message: `expected .html pages in ${folder}, found none` }]),
    ...(await checkHtmlValidity(site.pages)),
    ...checkLinks(site, baseUrl),
    ...site.pages.flatMap(checkInlineCode),
    ...checkHostHeaders(site, headersText, baseUrl),
  ];
  problems.sort((a, b) => a.page.localeCompare(b.page) || (a.line ?? 0) - (b.line ?? 0));
  return { pagesChecked: site.pages.length, problems };
}

/** The problems of a built site folder: invalid HTML, broken links, inline code and its headers. */
export async function checkSite(folder: string, options: SiteCheckOptions = {}): Promise<SiteProblem[]> {
  return (await runSiteChecks(folder, options)).problems;
}
