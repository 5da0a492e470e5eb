// `npm run build [-- --content DIR --output DIR]`: validate, render, index for search and swap the site into place.
import path from "node:path";
import { PhaseTimings } from "../bench/phase-timings.ts";
import { buildSearchIndex } from "../search/build-search-index.ts";
import { parseBuildArgs } from "./args.ts";
import { writeAtomically } from "./atomic-output.ts";
import { errorMessage } from "./error-message.ts";
import { renderSiteInChildProcess } from "./render-site.ts";

async function main(): Promise<void> {
  // Phase timings for `npm run bench`, only when NEWSLETTER_TIMINGS_FILE is set (src/bench/phase-timings.ts).
  const timings = PhaseTimings.fromEnvironment();
  const options = parseBuildArgs(process.argv.slice(2));
  // .eleventy.js reads the folders from the environment when it loads, so set them first.
  process.env.NEWSLETTER_CONTENT = path.relative(process.cwd(), path.resolve(options.content)) || ".";
  const started = performance.now();
  let written = 0;
  await writeAtomically(options.output, async (folder) => {
    // Eleventy runs in a process of its own, which ends with it: Pagefind, a process as large as
    // Eleventy, then indexes without Eleventy's memory still held.
    const render = () => renderSiteInChildProcess(options.content, folder, timings);
    written = await (timings ? timings.eleventy(render) : render());
    // Indexed in the staging folder, so a failed index fails the build and keeps the previous site,
    // whose search bundle's unchanged files the new one reuses.
    const index = () => buildSearchIndex(folder, { previousBundle: path.join(path.resolve(options.output), "pagefind") });
    await (timings ? timings.searchIndex(index) : index());
  });
  const seconds = ((performance.now() - started) / 1000).toFixed(2);
  console.log(`Built ${written} pages from ${options.content} into ${options.output} in ${seconds} s.`);
  await timings?.write(written);
}

main().catch((error: unknown) => {
  console.error(`Build failed; the previous site was left as it was.\n${errorMessage(error)}`);
  process.exitCode = 1;
});
