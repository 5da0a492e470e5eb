// The worker thread of src/markdown/prerender.ts: renders the submitted bodies from the last one
// down, each it can claim before the main thread does, with the same markdown-it setup.
import { parentPort } from "node:worker_threads";
import { createMarkdown } from "./create-markdown.ts";
import { recordedStyleClasses } from "./inline-styles.ts";
import { Claim, type RenderResult, type RenderWork } from "./prerender.ts";

const port = parentPort;
if (!port) throw new Error("render-worker: expected to run as a worker thread");

port.once("message", ({ sources, claims: buffer, results }: RenderWork) => {
  const md = createMarkdown();
  const claims = new Int32Array(buffer);
  let styleClassesSent = 0;
  for (let slot = sources.length - 1; slot >= 0; slot--) {
    if (Atomics.compareExchange(claims, slot, Claim.open, Claim.worker) !== Claim.open) continue;
    let html: string | undefined;
    try {
      html = md.render(sources[slot] ?? "", {});
    } catch {
      // The main thread renders it again and reports the error as Eleventy reports any other.
    }
    const styleClasses = recordedStyleClasses(styleClassesSent);
    styleClassesSent += styleClasses.length;
    const result: RenderResult = { slot, html, styleClasses };
    results.postMessage(result);
    Atomics.store(claims, slot, html === undefined ? Claim.failed : Claim.done);
    Atomics.notify(claims, slot);
  }
  results.close();
});
