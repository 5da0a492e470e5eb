// A thread drawing cards (src/cards/render-pool.ts): each message is one card, answered when its
// PNG is in the cache.
import { rename, writeFile } from "node:fs/promises";
import { parentPort, threadId, workerData } from "node:worker_threads";
import { cardRenderer } from "./render-card.ts";
import type { CardJob, CardJobResult, CardWorkerData } from "./render-pool.ts";

const port = parentPort;
if (!port) throw new Error("card-worker.ts: expected to run in a worker thread");
const renderer = cardRenderer((workerData as CardWorkerData).logo);
let written = 0;

port.on("message", async (job: CardJob) => {
  let result: CardJobResult;
  try {
    const png = await renderer.render(job.drawing);
    // Written beside its name, then renamed: a build stopped halfway, or another build drawing the
    // same card, never leaves half a file under a card's name.
    const temporary = `${job.file}.${process.pid}-${threadId}-${(written += 1)}.tmp`;
    await writeFile(temporary, png);
    await rename(temporary, job.file);
    result = { path: job.path };
  } catch (error) {
    result = { path: job.path, error: error instanceof Error ? error.message : String(error) };
  }
  port.postMessage(result);
});
