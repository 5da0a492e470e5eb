// `npm run build [-- --config FILE --content DIR --output DIR]`: validate, render, index for search and swap the site into place.
import { homedir } from "node:os";
import path from "node:path";
import { PhaseTimings } from "../bench/phase-timings.ts";
import { projectRoot } from "../bench/project-root.ts";
import { buildSearchIndex } from "../search/build-search-index.ts";
import { newsletterConfig } from "../config/newsletter-config.ts";
import { parseBuildArgs } from "./args.ts";
import { takeConfigFlag } from "./config-flag.ts";
import { OutputStateError, writeAtomically } from "./atomic-output.ts";
import { errorMessage } from "./error-message.ts";
import { outputGuardProblem } from "./output-guard.ts";
import { renderSiteInChildProcess } from "./render-site.ts";

async function main(): Promise<void> {
  // Phase timings for `npm run bench`, only when NEWSLETTER_TIMINGS_FILE is set (src/bench/phase-timings.ts).
  const timings = PhaseTimings.fromEnvironment();
  const options = parseBuildArgs(takeConfigFlag(process.argv.slice(2)));
  // Read first, so a configuration problem stops the build before anything is written.
  newsletterConfig();
  // Before anything is created: the swap replaces the output whole.
  const problem = outputGuardProblem({ output: options.output, content: options.content, projectRoot, home: homedir() });
  if (problem) throw new Error(problem);
  // .eleventy.js reads the folders from the environment when it loads, so set them first.
  process.env.NEWSLETTER_CONTENT = path.relative(process.cwd(), path.resolve(options.content)) || ".";
  const started = performance.now();
  let written = 0;
  await writeAtomically(options.output, async (folder) => {
    // Indexed in the staging folder, so a failed index fails the build and keeps the previous site,
    // whose search bundle's unchanged files the new one reuses.
    const stopIndexing = new AbortController();
    let indexing: Promise<unknown> | undefined;
    const startIndexing = (whileRendering: boolean) => {
      if (indexing) return indexing;
      timings?.searchIndexStarted();
      const previousBundle = path.join(path.resolve(options.output), "pagefind");
      indexing = buildSearchIndex(folder, { previousBundle, signal: stopIndexing.signal, lowPriority: whileRendering });
      // Awaited below; until then a failure must not count as unhandled.
      indexing.catch(() => undefined);
      return indexing;
    };
    // Eleventy runs in a process of its own, which ends with it, so that its memory is returned
    // before Pagefind's peak. Pagefind starts once the issue pages, all it indexes, are written,
    // while Eleventy writes the archives and feeds, at the lowest priority so as not to slow it
    // (docs/decisions.md).
    const render = () => renderSiteInChildProcess(options.content, folder, timings, () => void startIndexing(true));
    try {
      written = await (timings ? timings.eleventy(render) : render());
    } catch (error) {
      stopIndexing.abort();
      await indexing?.catch(() => undefined);
      throw error;
    }
    // The `searchIndex` phase is what the build waits for the index once Eleventy is done.
    await (timings ? timings.searchIndex(() => startIndexing(false)) : startIndexing(false));
  }, options.output);
  const seconds = ((performance.now() - started) / 1000).toFixed(2);
  console.log(`Built ${written} pages from ${options.content} into ${options.output} in ${seconds} s.`);
  await timings?.write(written);
}

main().catch((error: unknown) => {
  // An error outside the swap's (arguments, the output guard) comes before any write.
  const [state, cause] = error instanceof OutputStateError ? [error.state, error.cause] : ["nothing was written", error];
  console.error(`Build failed; ${state}.\n${errorMessage(cause)}`);
  process.exitCode = 1;
});
