// A worker thread of src/markdown/prerender.ts: validates the files it takes in turn with the other
// threads, posting each result, then renders the bodies it read, from the last one down, then those
// of the other files, read again, each it can claim before Eleventy's thread does, with the same
// markdown-it setup.
import { readlinkSync } from "node:fs";
import { setPriority } from "node:os";
import { parentPort } from "node:worker_threads";
import { createMarkdown } from "./create-markdown.ts";
import { recordedStyleClasses } from "./inline-styles.ts";
import { Claim, readIssueBody, validateListedFile, type PrerenderWork, type RenderedBody } from "./prerender.ts";

const port = parentPort;
if (!port) throw new Error("render-worker: expected to run as a worker thread");

// Eleventy's thread is the build's critical path: this thread yields the CPU to it whenever both
// want it, and works in the time it leaves. Linux names a thread by its id in /proc/thread-self,
// and setpriority(2) takes a thread id; elsewhere the thread keeps its priority.
try {
  const threadId = Number(readlinkSync("/proc/thread-self").split("/").pop());
  if (Number.isInteger(threadId)) setPriority(threadId, 19);
} catch {
  // Not Linux, or not allowed: the build is as correct, if slower.
}

port.once("message", ({ files, nextFile, claims: claimsBuffer, results }: PrerenderWork) => {
  const next = new Int32Array(nextFile);
  const claims = new Int32Array(claimsBuffer);
  const bodies = new Map<number, string>();
  for (let slot = Atomics.add(next, 0, 1); slot < files.length; slot = Atomics.add(next, 0, 1)) {
    const validated = validateListedFile(slot, files[slot] as PrerenderWork["files"][number], true);
    if (validated.body !== undefined) bodies.set(slot, validated.body);
    results.postMessage(validated);
  }

  const md = createMarkdown();
  let styleClassesSent = 0;
  // `reread`: the body was read here after Eleventy's thread validated the file, and goes back
  // with the HTML, which is used only if Eleventy was given that very body.
  const render = (slot: number, body: string, reread: boolean) => {
    if (Atomics.compareExchange(claims, slot, Claim.open, Claim.worker) !== Claim.open) return;
    let html: string | undefined;
    try {
      // The issue's path, as Eleventy's thread gives it: images resolve against it (images.ts).
      html = md.render(body, { page: { inputPath: (files[slot] as PrerenderWork["files"][number]).absolutePath } });
    } catch {
      // Eleventy's thread renders it again and reports the error as Eleventy reports any other.
    }
    const styleClasses = recordedStyleClasses(styleClassesSent);
    styleClassesSent += styleClasses.length;
    const rendered: RenderedBody = { kind: "rendered", slot, html, ...(reread ? { body } : {}), styleClasses };
    results.postMessage(rendered);
    Atomics.store(claims, slot, html === undefined ? Claim.failed : Claim.done);
    Atomics.notify(claims, slot);
  };
  for (const [slot, body] of [...bodies].reverse()) render(slot, body, false);
  // Then, from the last down, the files the other threads validated, while no thread has claimed them.
  for (let slot = files.length - 1; slot >= 0; slot--) {
    if (bodies.has(slot) || Atomics.load(claims, slot) !== Claim.open) continue;
    const body = readIssueBody((files[slot] as PrerenderWork["files"][number]).absolutePath);
    if (body !== undefined) render(slot, body, true);
  }
  results.close();
});
