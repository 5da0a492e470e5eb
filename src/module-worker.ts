import { Worker, type WorkerOptions } from "node:worker_threads";

/**
 * A worker thread running the module at `entry` (a `file:` URL): JavaScript as it is, and
 * TypeScript through tsx, which the worker registers itself, as the loader the main thread runs
 * under does not carry over to worker threads on Node 20. (The build's render process runs
 * bundled JavaScript, src/cli/render-bundle.ts; tests and `npm start` run the TypeScript.)
 */
export function startModuleWorker(entry: URL, options: Omit<WorkerOptions, "eval"> = {}): Worker {
  if (!entry.pathname.endsWith(".ts")) return new Worker(entry, options);
  const tsx = import.meta.resolve("tsx/esm/api");
  const bootstrap = `import(${JSON.stringify(tsx)}).then(({ register }) => { register(); return import(${JSON.stringify(entry.href)}); });`;
  return new Worker(bootstrap, { ...options, eval: true });
}
