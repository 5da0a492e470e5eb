import { type BuiltPage, elementLine, everyElement } from "./built-site.ts";
import { pageUrls } from "./page-urls.ts";
import type { SiteProblem } from "./site-problem.ts";

/**
 * Finds code written into the page rather than loaded from a file, which a Content-Security-Policy
 * without 'unsafe-inline' blocks: inline scripts (JSON-LD data blocks aside), `on*` event handler
 * attributes, `style` attributes, `<style>` elements and `javascript:` URLs. Data blocks (JSON-LD,
 * Pagefind's result templates) are not run, so no policy blocks them.
 */
export function checkInlineCode(page: BuiltPage): SiteProblem[] {
  const problems: SiteProblem[] = [];
  const report = (line: number | undefined, rule: string, message: string) =>
    problems.push({ page: page.file, line, rule: `no-inline-code/${rule}`, message });
  page.document(everyElement).each((_, element) => {
    const line = elementLine(element);
    const { tagName, attribs } = element;
    if (tagName === "script" && attribs.src === undefined && !isDataBlock(attribs.type)) {
      report(line, "inline-script", "expected <script src> or a data block (JSON-LD, a template), found an inline script");
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

// What HTML runs as script: no type, a JavaScript MIME type, or one of its script kinds. Any other
// type makes a data block, which is never run. https://html.spec.whatwg.org/#data-block
const scriptTypes = /^(?:module|importmap|speculationrules|(?:text|application)\/(?:x-)?(?:java|ecma)script(?:1\.\d)?|text\/(?:jscript|livescript))$/;

/** Whether a `<script type>` makes the element a data block rather than a script. */
export function isDataBlock(type: string | undefined): boolean {
  const essence = type?.split(";")[0]?.trim().toLowerCase() ?? "";
  return essence !== "" && !scriptTypes.test(essence);
}
