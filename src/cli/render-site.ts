// Eleventy's part of `npm run build`, on a worker thread of its own (src/cli/build.ts): once it
// ends, the thread and everything Eleventy held go with it, before Pagefind indexes the site.
import path from "node:path";
import { parentPort, workerData } from "node:worker_threads";
import { PhaseTimings, type HookFigure } from "../bench/phase-timings.ts";
import { startPrerendering } from "../markdown/prerender.ts";
import { startTypeScriptWorker } from "../typescript-worker.ts";
import { errorMessage } from "./error-message.ts";
import { releaseWrittenPages } from "./release-written-pages.ts";

/** What the render thread is given: the content folder and the staging folder to write into. */
interface RenderRequest {
  content: string;
  folder: string;
  /** Whether to time the plugins' hooks (`npm run bench`). */
  timed: boolean;
}

/** What it answers: the pages written, or the failure as the publisher reads it. */
type RenderOutcome = { ok: true; pages: number; hooks: HookFigure[] } | { ok: false; message: string };

/** Eleventy failed: the message is already in the form `errorMessage` gives. */
export class RenderError extends Error {
  override name = "RenderError";
}

/**
 * Renders the site into `folder` on a new worker thread and resolves with the number of pages
 * written, once the thread has ended; the hooks it timed go to `timings`. Rejects with a
 * `RenderError` saying what failed. `.eleventy.js` reads the folders from the environment, so
 * NEWSLETTER_CONTENT must be set already; NEWSLETTER_OUTPUT is set for the thread.
 */
export async function renderSiteOnWorker(content: string, folder: string, timings: PhaseTimings | undefined): Promise<number> {
  const request: RenderRequest = { content, folder, timed: timings !== undefined };
  const worker = startTypeScriptWorker(new URL(import.meta.url), {
    workerData: request,
    env: { ...process.env, NEWSLETTER_OUTPUT: folder },
  });
  const exited = new Promise<number>((resolve) => worker.once("exit", resolve));
  const outcome = await new Promise<RenderOutcome>((resolve, reject) => {
    worker.once("message", resolve);
    worker.once("error", (error) => reject(new RenderError(`rendering stopped: ${errorMessage(error)}`)));
    void exited.then((code) => reject(new RenderError(`rendering stopped: its thread exited with code ${code} and no result`)));
  });
  // The thread ends by itself once Eleventy is done (its output flushed); should a handle keep it
  // open, it is stopped.
  const stop = setTimeout(() => void worker.terminate(), 2000);
  await exited;
  clearTimeout(stop);
  if (!outcome.ok) throw new RenderError(outcome.message);
  timings?.addHooks(outcome.hooks);
  return outcome.pages;
}

/** Renders the site into `folder`; returns the number of pages written. */
async function renderSite({ content, folder, timed }: RenderRequest): Promise<{ pages: number; hooks: HookFigure[] }> {
  const timings = timed ? new PhaseTimings("") : undefined;
  const { Eleventy } = (await import("@11ty/eleventy")) as unknown as { Eleventy: EleventyConstructor };
  await releaseWrittenPages();
  // Issue bodies render on another core while Eleventy prepares (src/markdown/prerender.ts).
  const prerenderer = startPrerendering();
  try {
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
    return { pages: templates.length, hooks: timings?.hookFigures() ?? [] };
  } finally {
    await prerenderer.close();
  }
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

// Loaded as the worker's entry: render, answer, and let the thread end.
if (parentPort && (workerData as Partial<RenderRequest> | undefined)?.folder) {
  const port = parentPort;
  renderSite(workerData as RenderRequest).then(
    ({ pages, hooks }) => port.postMessage({ ok: true, pages, hooks } satisfies RenderOutcome),
    (error: unknown) => port.postMessage({ ok: false, message: errorMessage(error) } satisfies RenderOutcome),
  );
}
