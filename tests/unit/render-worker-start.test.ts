// The render worker started ahead of the prerenderer (src/markdown/render-worker-start.ts).
import { expect, onTestFinished, test } from "vitest";
import { startRenderWorkerEarly, takeRenderWorker } from "../../src/markdown/render-worker-start.ts";

test("the worker started ahead is the one taken, once; the next taker gets a new one", async () => {
  const early = startRenderWorkerEarly();
  expect(startRenderWorkerEarly()).toBe(early);
  const taken = takeRenderWorker();
  onTestFinished(async () => void (await taken.terminate()));
  expect(taken).toBe(early);
  const next = takeRenderWorker();
  onTestFinished(async () => void (await next.terminate()));
  expect(next).not.toBe(early);
});

test("a worker that exited before it was taken is not handed out", async () => {
  const early = startRenderWorkerEarly();
  await early.terminate();
  const taken = takeRenderWorker();
  onTestFinished(async () => void (await taken.terminate()));
  expect(taken).not.toBe(early);
});
