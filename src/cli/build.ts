// `npm run build [-- --content DIR --output DIR]`: validate, render, index for search and swap the site into place.
import path from "node:path";
import v8 from "node:v8";
import vm from "node:vm";
import { PhaseTimings } from "../bench/phase-timings.ts";
import { startPrerendering } from "../markdown/prerender.ts";
import { buildSearchIndex } from "../search/build-search-index.ts";
import { parseBuildArgs } from "./args.ts";
import { writeAtomically } from "./atomic-output.ts";
import { errorMessage } from "./error-message.ts";
import { releaseWrittenPages } from "./release-written-pages.ts";

async function main(): Promise<void> {
  // Phase timings for `npm run bench`, only when NEWSLETTER_TIMINGS_FILE is set (src/bench/phase-timings.ts).
  const timings = PhaseTimings.fromEnvironment();
  const options = parseBuildArgs(process.argv.slice(2));
  // .eleventy.js reads the folders from the environment when it loads, so set them first.
  process.env.NEWSLETTER_CONTENT = path.relative(process.cwd(), path.resolve(options.content)) || ".";
  const { Eleventy } = (await import("@11ty/eleventy")) as unknown as { Eleventy: EleventyConstructor };
  await releaseWrittenPages();
  // Issue bodies render on a second core while Eleventy prepares (src/markdown/prerender.ts).
  const prerenderer = startPrerendering();
  const started = performance.now();
  let written = 0;
  await writeAtomically(options.output, async (folder) => {
    process.env.NEWSLETTER_OUTPUT = folder;
    const render = () => renderSite(Eleventy, options.content, folder, timings).finally(() => prerenderer.close());
    written = await (timings ? timings.eleventy(render) : render());
    // Pagefind runs as a process of its own, as large as this one: let the memory Eleventy used go
    // back to the system first, rather than hold both at once.
    collectGarbage();
    // Indexed in the staging folder, so a failed index fails the build and keeps the previous site.
    await (timings ? timings.searchIndex(() => buildSearchIndex(folder)) : buildSearchIndex(folder));
  });
  const seconds = ((performance.now() - started) / 1000).toFixed(2);
  console.log(`Built ${written} pages from ${options.content} into ${options.output} in ${seconds} s.`);
  await timings?.write(written);
}

/** Renders the site into `folder`; returns the number of pages written. Nothing of Eleventy's outlives it. */
async function renderSite(Eleventy: EleventyConstructor, content: string, folder: string, timings: PhaseTimings | undefined): Promise<number> {
  const eleventy = new Eleventy(path.resolve(content), folder, {
    configPath: ".eleventy.js",
    quietMode: true,
    config: (config: QuietableConfig) => {
      // quietMode does not reach the configuration's own benchmarks, which warn on stderr
      // whenever a transform or filter passes 8% of the build, however fast the build is.
      config.benchmarks?.config?.setIsVerbose?.(false);
      timings?.instrument(config as unknown as Parameters<PhaseTimings["instrument"]>[0]);
    },
  });
  // The build reports for itself: one summary, or the error chain without Eleventy's stack dump.
  eleventy.disableLogger();
  eleventy.errorHandler.logger.overrideLogger(false);
  const [, templates] = await eleventy.write();
  return templates.length;
}

/** A full garbage collection, through V8's `gc` made available for the call. */
function collectGarbage(): void {
  v8.setFlagsFromString("--expose-gc");
  const gc = vm.runInNewContext("gc") as (() => void) | undefined;
  gc?.();
}

interface QuietableConfig {
  benchmarks?: { config?: { setIsVerbose?(verbose: boolean): void } };
}

interface EleventyConstructor {
  new (input: string, output: string, options: Record<string, unknown>): {
    write(): Promise<[unknown, unknown[]]>;
    disableLogger(): void;
    errorHandler: { logger: { overrideLogger(enabled: boolean): void } };
  };
}

main().catch((error: unknown) => {
  console.error(`Build failed; the previous site was left as it was.\n${errorMessage(error)}`);
  process.exitCode = 1;
});
