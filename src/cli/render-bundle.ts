// The render process (src/cli/render-process.ts, started by render-site.ts) runs plain ES modules
// that esbuild bundles from the project's TypeScript as each build starts, rather than the
// TypeScript itself through tsx: on Node 20 tsx's loader answers every import from a thread of its
// own, the render process's and its worker's, thousands of round trips before Eleventy starts;
// bundling costs far less (docs/decisions.md, Render process).
import { mkdir, mkdtemp, readdir, rm } from "node:fs/promises";
import path from "node:path";
import * as esbuild from "esbuild";
import { projectRoot } from "../bench/project-root.ts";
import { isRunning } from "./process-running.ts";

/** The render process's modules, bundled into a folder of their own. */
export interface RenderBundle {
  /** The render process's entry module, absolute. */
  entry: string;
  /** Eleventy's configuration, bundled, relative to the working folder as Eleventy is given `.eleventy.js`. */
  config: string;
  /** Removes the bundle's folder. */
  dispose(): Promise<void>;
}

/**
 * The sources bundled, by the name of the module each becomes. The render worker
 * (src/markdown/prerender.ts) is started from the module beside the one starting it, with `.mjs`
 * for `.ts`. Modules the three share go into shared chunks, so each is loaded once: the worker
 * started by the entry is the one Eleventy's configuration finds.
 */
const entryPoints = {
  "render-process": "src/cli/render-process.ts",
  "render-worker": "src/markdown/render-worker.ts",
  "eleventy-config": ".eleventy.js",
};

/**
 * Bundles the render process into a new folder under the project's `node_modules/.cache`: there
 * its imports of packages (left out of the bundle) resolve as the sources' do. A folder per build,
 * as builds may run side by side, named after the build's process; `dispose` removes it, and the
 * next bundling removes those of builds no longer running (stopped before they could). Undefined
 * when it cannot be bundled there (a read-only `node_modules`, say): the render process then runs
 * the sources through tsx, slower but the same.
 */
export async function bundleRenderProcess(root = projectRoot): Promise<RenderBundle | undefined> {
  const parent = path.join(root, "node_modules", ".cache", "newsletter-render");
  let folder: string | undefined;
  try {
    await mkdir(parent, { recursive: true });
    await removeLeftBundles(parent);
    folder = await mkdtemp(path.join(parent, `build-${process.pid}-`));
    await esbuild.build({
      absWorkingDir: root,
      entryPoints,
      bundle: true,
      splitting: true,
      platform: "node",
      format: "esm",
      target: "node20",
      packages: "external",
      // Names as in the sources: the build's timings know the plugins by their functions' names.
      keepNames: true,
      outdir: folder,
      outExtension: { ".js": ".mjs" },
      logLevel: "silent",
    });
  } catch {
    if (folder) await rm(folder, { recursive: true, force: true });
    return undefined;
  }
  const bundled = folder;
  return {
    entry: path.join(bundled, "render-process.mjs"),
    config: path.relative(process.cwd(), path.join(bundled, "eleventy-config.mjs")),
    dispose: () => rm(bundled, { recursive: true, force: true }),
  };
}

/** Removes the bundles of builds whose process has ended; a process that may not be signalled is running. */
async function removeLeftBundles(parent: string): Promise<void> {
  for (const name of await readdir(parent)) {
    const pid = Number(/^build-(\d+)-/.exec(name)?.[1]);
    if (Number.isInteger(pid) && pid !== process.pid && !isRunning(pid)) await rm(path.join(parent, name), { recursive: true, force: true });
  }
}

