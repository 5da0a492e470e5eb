import { fileURLToPath } from "node:url";
import { FileSystemConfigLoader, HtmlValidate } from "html-validate";
import type { BuiltPage } from "./built-site.ts";
import type { SiteProblem } from "./site-problem.ts";

/** The project's html-validate configuration; each rule it changes says why. */
const htmlValidateConfig = fileURLToPath(new URL("../../.htmlvalidate.mjs", import.meta.url));

/**
 * Validates every page with html-validate. The project configuration is the root, so a site
 * built into any folder (a temp folder, say) is judged by the same rules as `_site/`.
 */
export async function checkHtmlValidity(pages: readonly BuiltPage[]): Promise<SiteProblem[]> {
  const validator = new HtmlValidate(new FileSystemConfigLoader({ root: true, extends: [htmlValidateConfig] }));
  const problems: SiteProblem[] = [];
  for (const page of pages) {
    const report = await validator.validateString(page.html, page.file);
    for (const message of report.results.flatMap((result) => result.messages)) {
      problems.push({ page: page.file, line: message.line, rule: `valid-html/${message.ruleId}`, message: message.message });
    }
  }
  return problems;
}
