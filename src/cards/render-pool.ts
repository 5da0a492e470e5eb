import { availableParallelism } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { Worker } from "node:worker_threads";
import { startModuleWorker } from "../module-worker.ts";
import type { CardDrawing } from "./card-design.ts";

/** One card to draw: its site path (for messages), what it draws and the cache file it goes to. */
export interface CardJob {
  path: string;
  drawing: CardDrawing;
  file: string;
}

export interface CardJobResult {
  path: string;
  error?: string;
}

export interface CardWorkerData {
  logo: { file: string; type: string } | undefined;
}

/**
 * The worker's module. The build's render process runs a bundle (src/cli/render-bundle.ts) that
 * does not hold it: there it is the source, run through tsx, from the project the build runs in.
 */
function workerEntry(): URL {
  if (import.meta.url.endsWith(".ts")) return new URL("./card-worker.ts", import.meta.url);
  return pathToFileURL(path.resolve("src/cards/card-worker.ts"));
}

/**
 * Draws the cards in worker threads, one per core at most and one card per thread at a time, so
 * memory stays bounded whatever the count. Resolves once all are drawn; rejects naming every card
 * that failed.
 */
export async function renderCards(jobs: readonly CardJob[], data: CardWorkerData, threads = availableParallelism()): Promise<void> {
  if (!jobs.length) return;
  const failures: string[] = [];
  let next = 0;
  const run = (worker: Worker) =>
    new Promise<void>((resolve, reject) => {
      const take = () => {
        const job = jobs[next];
        next += 1;
        if (job) worker.postMessage(job);
        else resolve();
      };
      worker.on("message", (result: CardJobResult) => {
        if (result.error) failures.push(`${result.path}: ${result.error}`);
        take();
      });
      worker.once("error", reject);
      worker.once("exit", (code) => reject(new Error(`social cards: a drawing thread stopped (exit code ${code})`)));
      take();
    });
  const workers = Array.from({ length: Math.max(1, Math.min(threads, jobs.length)) }, () => startModuleWorker(workerEntry(), { workerData: data }));
  try {
    await Promise.all(workers.map(run));
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
  if (failures.length) throw new Error(`social cards: ${failures.length} could not be drawn:\n${failures.join("\n")}`);
}
