// Eleventy's part of `npm run build`, in a child process of its own (src/cli/build.ts): once it
// exits, everything Eleventy held is returned to the system while Pagefind, started once the issue
// pages were written, still indexes them; a worker thread would leave much of Eleventy's memory
// in the build's process (docs/decisions.md). The process runs src/cli/render-process.ts; this module,
// which the build loads before anything else can start, imports none of what that one needs.
import { fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { PhaseTimings } from "../bench/phase-timings.ts";
import { errorMessage } from "./error-message.ts";
import { bundleRenderProcess, type RenderBundle } from "./render-bundle.ts";
import { isIssuePagesWritten, requestVariable, type RenderOutcome, type RenderRequest } from "./render-protocol.ts";

/** Node flags for the render process alone, separated by spaces (`--cpu-prof --cpu-prof-dir=prof`). */
export const renderNodeFlagsVariable = "NEWSLETTER_RENDER_NODE_FLAGS";

// A larger young generation, as `npm start` has (package.json): Eleventy makes many short-lived
// strings, so fewer collections pay for some memory (docs/decisions.md).
const youngGenerationFlag = "--max-semi-space-size=64";

function nodeFlags(value: string | undefined): string[] {
  return value?.split(/\s+/).filter(Boolean) ?? [];
}

/**
 * The render process's environment: this one's, the request, the output folder for `.eleventy.js`
 * and, as a build renders once, Eleventy's ESM resolver off. Eleventy 3 registers that resolver to
 * load a template's modules again after they change in `--serve`; on Node 20 it runs on a thread of
 * its own that every later import waits on (docs/decisions.md); a build needs no reloading.
 */
export function renderProcessEnvironment(environment: NodeJS.ProcessEnv, request: RenderRequest): NodeJS.ProcessEnv {
  return { ...environment, NEWSLETTER_OUTPUT: request.folder, [requestVariable]: JSON.stringify(request), ELEVENTY_SKIP_ESM_RESOLVER: "1" };
}

/** Eleventy failed: the message is already in the form `errorMessage` gives. */
export class RenderError extends Error {
  override name = "RenderError";
}

/**
 * Renders the site into `folder` in a new Node process, which runs its modules bundled
 * (src/cli/render-bundle.ts), and resolves with the number of pages written, once the process
 * has exited; the hooks it timed and its memory and CPU go to `timings`. `onIssuePagesWritten` is
 * called once every issue page is on disk, while Eleventy may still be writing others (not at all
 * for a site without issues). Rejects with a `RenderError` saying what failed. `.eleventy.js`
 * reads the folders from the environment, so NEWSLETTER_CONTENT must be set already;
 * NEWSLETTER_OUTPUT is set for the process. `makeBundle` bundles the modules; where it gives no
 * bundle, the process runs the TypeScript through tsx.
 */
export async function renderSiteInChildProcess(
  content: string,
  folder: string,
  timings: PhaseTimings | undefined,
  onIssuePagesWritten: () => void = () => undefined,
  makeBundle: () => Promise<RenderBundle | undefined> = bundleRenderProcess,
): Promise<number> {
  const bundled = await makeBundle();
  try {
    return await renderInChildProcess(content, folder, bundled, timings, onIssuePagesWritten);
  } finally {
    await bundled?.dispose();
  }
}

async function renderInChildProcess(
  content: string,
  folder: string,
  bundle: RenderBundle | undefined,
  timings: PhaseTimings | undefined,
  onIssuePagesWritten: () => void,
): Promise<number> {
  const request: RenderRequest = { content, folder, configPath: bundle?.config ?? ".eleventy.js", timed: timings !== undefined };
  // Without a bundle, the TypeScript modules load through tsx, as in this process.
  const [entry, loader] = bundle ? [bundle.entry, []] : [fileURLToPath(new URL("./render-process.ts", import.meta.url)), ["--import", import.meta.resolve("tsx")]];
  const child = fork(entry, [], {
    // Node flags for this process alone, such as `--cpu-prof` to profile Eleventy, come from
    // NEWSLETTER_RENDER_NODE_FLAGS.
    execArgv: [youngGenerationFlag, ...nodeFlags(process.env[renderNodeFlagsVariable]), ...loader],
    env: renderProcessEnvironment(process.env, request),
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const exited = new Promise<string>((resolve) => {
    child.once("exit", (code, signal) => resolve(signal ? `was stopped by ${signal}` : `exited with code ${code}`));
  });
  // Messages are read off the channel before it reports being closed; the exit itself may be seen first.
  const disconnected = new Promise<void>((resolve) => child.once("disconnect", resolve));
  const outcome = await new Promise<RenderOutcome>((resolve, reject) => {
    child.on("message", (message) => (isIssuePagesWritten(message) ? onIssuePagesWritten() : resolve(message as RenderOutcome)));
    child.once("error", (error) => reject(new RenderError(`rendering stopped: ${errorMessage(error)}`)));
    void Promise.all([exited, disconnected]).then(([how]) => reject(new RenderError(`rendering stopped: its process ${how} and gave no result`)));
  });
  // The process ends by itself once Eleventy is done (its output flushed); should a handle keep it
  // open, it is stopped.
  const stop = setTimeout(() => child.kill(), 2000);
  await exited;
  clearTimeout(stop);
  if (!outcome.ok) throw new RenderError(outcome.message);
  timings?.addHooks(outcome.hooks);
  timings?.addProcess(outcome.usage);
  return outcome.pages;
}
