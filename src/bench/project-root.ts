import path from "node:path";
import { fileURLToPath } from "node:url";

/** The project's folder: the benchmarks run its scripts and write their results there. */
export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
