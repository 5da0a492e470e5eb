import path from "node:path";
import { fileURLToPath } from "node:url";

/** The project's folder: the benchmarks run its scripts and write their results there, and the build
 *  bundles its render process from its sources (src/cli/render-bundle.ts). */
export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
