import { Worker, type WorkerOptions } from "node:worker_threads";

/**
 * A worker thread running a TypeScript module. The loader the main thread runs under (tsx) does
 * not carry over to worker threads on Node 20, so the worker registers tsx itself, then imports
 * `entry` (a `file:` URL).
 */
export function startTypeScriptWorker(entry: URL, options: Omit<WorkerOptions, "eval"> = {}): Worker {
  const tsx = import.meta.resolve("tsx/esm/api");
  const bootstrap = `import(${JSON.stringify(tsx)}).then(({ register }) => { register(); return import(${JSON.stringify(entry.href)}); });`;
  return new Worker(bootstrap, { ...options, eval: true });
}
