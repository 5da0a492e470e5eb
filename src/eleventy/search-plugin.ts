import { isDevelopmentRun } from "../run-mode.ts";
import { buildSearchIndex } from "../search/build-search-index.ts";
import { issueSearchFields } from "../search/search-fields.ts";
import type { EleventyConfig } from "./eleventy-config.ts";

/**
 * Search: the issue layout reads its Pagefind fields with the `issueSearchFields` filter, and in
 * `npm start` the index is rebuilt after every build, so search finds what the pages now say.
 * `npm run build` indexes its staging folder itself (src/cli/build.ts), inside the atomic swap.
 */
export function searchPlugin(eleventyConfig: EleventyConfig): void {
  eleventyConfig.addFilter("issueSearchFields", issueSearchFields);
  eleventyConfig.on("eleventy.after", async ({ directories, runMode }: { directories: { output: string }; runMode?: string }) => {
    if (!isDevelopmentRun(runMode)) return;
    const report = await buildSearchIndex(directories.output);
    console.log(`[search] Indexed ${report.pages} issues into ${report.bundle} in ${Math.round(report.milliseconds)} ms`);
  });
}
