import { type BuiltPage, elementLine, everyElement } from "./built-site.ts";
import { pageUrls } from "./page-urls.ts";
import type { SiteProblem } from "./site-problem.ts";

/**
 * Finds code written into the page rather than loaded from a file, which a Content-Security-Policy
 * without 'unsafe-inline' blocks: inline scripts (JSON-LD data blocks aside), `on*` event handler
 * attributes, `style` attributes, `<style>` elements and `javascript:` URLs.
 */
export function checkInlineCode(page: BuiltPage): SiteProblem[] {
  const problems: SiteProblem[] = [];
  const report = (line: number | undefined, rule: string, message: string) =>
    problems.push({ page: page.file, line, rule: `no-inline-code/${rule}`, message });
  page.document(everyElement).each((_, element) => {
    const line = elementLine(element);
    const { tagName, attribs } = element;
    if (tagName === "script" && attribs.src === undefined && attribs.type?.trim().toLowerCase() !== "application/ld+json") {
      report(line, "inline-script", "expected <script src> or a JSON-LD data block, found an inline script");
    }
    if (tagName === "style") report(line, "style-element", "expected styles in a stylesheet file, found a <style> element");
    for (const name of Object.keys(attribs)) {
      if (name.startsWith("on")) report(line, "event-handler", `expected no event handler attributes, found <${tagName} ${name}>`);
      if (name === "style") report(line, "style-attribute", `expected styles in a stylesheet file, found <${tagName} style>`);
    }
  });
  for (const { url, source, line } of pageUrls(page.document)) {
    if (URL.parse(url)?.protocol === "javascript:") report(line, "javascript-url", `expected no javascript: URLs, found ${source} "${url}"`);
  }
  return problems;
}
