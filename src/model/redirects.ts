import { issueHref } from "./issue-url.ts";
import type { Issue } from "./issue.ts";

/** The file Netlify and Cloudflare Pages read redirects from, at the site's root. */
export const redirectsFileName = "_redirects";

/**
 * Site paths this site writes pages under (besides issues): an alias there would be shadowed by the
 * page, as both hosts serve an existing file before a redirect.
 */
const siteSections = ["/tags/", "/series/", "/archive/", "/feeds/", "/search/", "/subscribe/", "/page/", "/assets/", "/pagefind/"];
const siteFiles = ["/", "/feed.xml", "/rss.xml", "/feed.json", "/sitemap.xml", "/robots.txt", "/404.html", "/_headers", "/_redirects", "/favicon.svg", "/logo.svg"];

/** A path as the hosts match it: the trailing slash does not count. */
export function aliasKey(alias: string): string {
  return alias.length > 1 ? alias.replace(/\/+$/, "") : alias;
}

/** What is wrong with one alias as a path, or undefined: a site path, one line, no query or fragment. */
export function aliasFormatProblem(alias: string): string | undefined {
  if (!alias.startsWith("/") || alias.startsWith("//")) return "a site path starting with one /";
  if (/[\s?#%\\]/.test(alias) || /[^\x21-\x7e]/.test(alias)) return "a path of printable ASCII without spaces, ?, #, % or \\";
  if (alias.split("/").some((segment) => segment === "." || segment === "..")) return "a path without . or .. segments";
  const key = aliasKey(alias);
  if (siteFiles.some((file) => aliasKey(file) === key) || siteSections.some((section) => `${key}/`.startsWith(section))) {
    return "a path that is not a page of this site";
  }
  return undefined;
}

/**
 * Aliases that collide with an issue's own page or with another alias (in this issue or another):
 * each names the other file, as duplicate URLs do. One map lookup per alias.
 */
export function aliasCollisionProblems(issues: readonly Pick<Issue, "file" | "slug" | "aliases">[]): string[] {
  const pages = new Map(issues.map((issue) => [aliasKey(issueHref(issue.slug)), issue.file]));
  const first = new Map<string, string>();
  const problems: string[] = [];
  for (const issue of issues) {
    for (const alias of issue.aliases ?? []) {
      const key = aliasKey(alias);
      const page = pages.get(key);
      const seen = first.get(key);
      if (page !== undefined) problems.push(`${issue.file}: aliases: expected a path that is not a page of this site, got ${alias}, the address of ${page}`);
      else if (seen !== undefined) problems.push(`${issue.file}: aliases: expected a path no other alias has, got ${alias}, also an alias of ${seen}`);
      else first.set(key, issue.file);
    }
  }
  return problems;
}

/** The `_redirects` file: one `old new 301` line per alias of each issue, both under the path prefix. */
export function redirectsFile(issues: readonly Pick<Issue, "url" | "aliases">[], pathPrefix: string): string {
  const prefixed = (sitePath: string) => `${pathPrefix.replace(/\/$/, "")}${sitePath}`;
  const lines: string[] = [];
  for (const issue of issues) {
    for (const alias of issue.aliases ?? []) lines.push(`${prefixed(alias)} ${prefixed(issue.url)} 301`);
  }
  lines.sort();
  return lines.length ? `${lines.join("\n")}\n` : "";
}
