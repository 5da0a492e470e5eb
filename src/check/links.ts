import type { BuiltSite } from "./built-site.ts";
import { pageUrls } from "./page-urls.ts";
import type { SiteProblem } from "./site-problem.ts";

/**
 * Every internal URL on every page (relative, root-relative, or absolute on the site's base URL)
 * must name a file in the site, and every `#fragment` on an HTML page must name an element id
 * there. Other hosts and schemes (mailto:, tel:) are never fetched.
 */
export function checkLinks(site: BuiltSite, baseUrl: string): SiteProblem[] {
  const base = new URL(baseUrl);
  const idsByPage = new Map(site.pages.map((page) => [page.file, new Set(page.document("[id]").map((_, element) => element.attribs.id).get())]));
  const problems: SiteProblem[] = [];
  for (const page of site.pages) {
    const pageUrl = new URL(page.file.split("/").map(encodeURIComponent).join("/"), base);
    for (const { url, source, line } of pageUrls(page.document)) {
      const report = (rule: string, message: string) =>
        problems.push({ page: page.file, line, rule: `no-broken-links/${rule}`, message: `${source} "${url}": ${message}` });
      const target = URL.parse(url, pageUrl);
      if (!target) {
        report("invalid-url", "expected a valid URL");
        continue;
      }
      if (target.origin !== base.origin || (target.protocol !== "https:" && target.protocol !== "http:")) continue;
      const file = targetFile(target, base, site.files);
      if (typeof file !== "string") {
        report("missing-file", file.reason);
        continue;
      }
      const ids = idsByPage.get(file);
      if (!ids || target.hash === "") continue;
      const fragment = decoded(target.hash.slice(1));
      // "#top" scrolls to the top of any page (HTML's "find a potential indicated element").
      if (fragment !== undefined && (ids.has(fragment) || fragment.toLowerCase() === "top")) continue;
      report("missing-fragment", `expected an element with id "${fragment ?? target.hash.slice(1)}" in ${file}, found none`);
    }
  }
  return problems;
}

/**
 * The site file a same-origin URL is served from, as a static host serves it: `dir/` is
 * `dir/index.html`, and so is `dir` (hosts redirect it to `dir/`) when no file `dir` exists.
 */
function targetFile(target: URL, base: URL, files: ReadonlySet<string>): string | { reason: string } {
  if (!target.pathname.startsWith(base.pathname)) return { reason: `expected a path inside the site's base URL ${base.href}` };
  const relative = decoded(target.pathname.slice(base.pathname.length));
  if (relative === undefined) return { reason: "expected a path with valid percent-escapes" };
  const candidates = relative === "" || relative.endsWith("/") ? [`${relative}index.html`] : [relative, `${relative}/index.html`];
  return candidates.find((candidate) => files.has(candidate)) ?? { reason: `expected the file ${candidates[0]} in the site, found none` };
}

function decoded(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}
