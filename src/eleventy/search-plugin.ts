import { isDevelopmentRun } from "../run-mode.ts";
import { buildSearchIndex } from "../search/build-search-index.ts";
import { issueSearchFields } from "../search/search-fields.ts";
import type { EleventyConfig } from "./eleventy-config.ts";
import { SerialJobs } from "./serial-jobs.ts";

/**
 * Search: the issue layout reads its Pagefind fields with the `issueSearchFields` filter, and in
 * `npm start` the index is rebuilt after every build, so search finds what the pages now say.
 * `npm run build` indexes its staging folder itself (src/cli/build.ts), inside the atomic swap.
 *
 * In `npm start` the indexing runs in the background: Eleventy reloads the browser when its build
 * ends, and Pagefind takes seconds on a large archive, so the build does not wait for it. One
 * indexing runs at a time; builds that end meanwhile ask for one more, run once the current ends.
 * A failed indexing is logged, and the next build tries again.
 */
export function searchPlugin(eleventyConfig: EleventyConfig): void {
  eleventyConfig.addFilter("issueSearchFields", issueSearchFields);
  const indexing = new SerialJobs((error) => console.error(`[search] Indexing failed: ${error instanceof Error ? error.message : String(error)}`));
  eleventyConfig.on("eleventy.after", ({ directories, runMode }: { directories: { output: string }; runMode?: string }) => {
    if (!isDevelopmentRun(runMode)) return;
    indexing.run(async () => {
      // At the lowest CPU priority: the next edit's rebuild, which the author waits for, comes first.
      const report = await buildSearchIndex(directories.output, { lowPriority: true });
      console.log(`[search] Indexed ${report.pages} issues into ${report.bundle} in ${Math.round(report.milliseconds)} ms`);
    });
  });
}
