// The render worker (src/markdown/render-worker.ts) can be started as soon as the render process
// starts: it then loads its own modules (markdown-it, KaTeX, the validation) while the process
// loads the prerenderer's and Eleventy's, and waits for its work (src/markdown/prerender.ts).
import type { Worker } from "node:worker_threads";
import { startModuleWorker } from "../module-worker.ts";

/**
 * The render worker's module: beside this one, TypeScript or, in the render process's bundle
 * (src/cli/render-bundle.ts), where this module is in a chunk beside the worker's, JavaScript.
 */
function renderWorkerEntry(): URL {
  return new URL(import.meta.url.endsWith(".ts") ? "./render-worker.ts" : "./render-worker.mjs", import.meta.url);
}

/** A worker started ahead, until it is taken; `ended` once it has failed or exited meanwhile. */
let waiting: { worker: Worker; ended: boolean } | undefined;

/**
 * Starts a render worker now, for `takeRenderWorker` to hand out. Until taken it does not keep the
 * process alive: a build that stops before (no issues, say) ends as it would without it.
 */
export function startRenderWorkerEarly(): Worker {
  if (waiting) return waiting.worker;
  const worker = startModuleWorker(renderWorkerEntry());
  const started = { worker, ended: false };
  // Its error or exit may come before the taker listens: noted here, so a worker that can no longer
  // work is never handed out.
  worker.once("error", () => (started.ended = true));
  worker.once("exit", () => (started.ended = true));
  worker.unref();
  waiting = started;
  return worker;
}

/** The worker started ahead, if it is still running, else a new one; either keeps the process alive. */
export function takeRenderWorker(): Worker {
  const started = waiting;
  waiting = undefined;
  if (!started || started.ended) return startModuleWorker(renderWorkerEntry());
  started.worker.ref();
  return started.worker;
}
