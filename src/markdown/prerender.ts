import { MessageChannel, receiveMessageOnPort, type MessagePort, type Worker } from "node:worker_threads";
import { startTypeScriptWorker } from "../typescript-worker.ts";
import { recordStyleClasses } from "./inline-styles.ts";

/** What the worker receives, once: every body, and the claims both threads mark. */
export interface RenderWork {
  sources: string[];
  /** One slot per body: who renders it, and whether it is done (the `Claim` values). */
  claims: SharedArrayBuffer;
  results: MessagePort;
}

/** What the worker posts for each body it renders. */
export interface RenderResult {
  slot: number;
  html?: string;
  /** KaTeX style classes the worker saw first while rendering this body. */
  styleClasses: [className: string, declarations: string][];
}

/** The states of a claim slot. */
export const Claim = { open: 0, main: 1, worker: 2, done: 3, failed: 4 } as const;

/**
 * Renders issue bodies on a second core while the main thread validates issues and Eleventy builds
 * its data: Eleventy renders every page on one thread, and Markdown was a fifth of its work.
 *
 * `submit` hands the worker every body once validation has read them; the worker renders them from
 * the last, while Eleventy asks for them (`take`) in about the order given. Each body is claimed
 * by whichever thread reaches it first, so the threads meet in the middle and neither renders a
 * body twice. `take` is synchronous: results are read off the port with `receiveMessageOnPort`, as
 * Eleventy's rendering seldom returns to the event loop. The worker uses the same markdown-it
 * setup (src/markdown/create-markdown.ts), so the HTML is the same either way; a body that differs
 * from the one submitted is rendered on the main thread.
 */
export class MarkdownPrerenderer {
  #worker: Worker | undefined;
  #results: MessagePort | undefined;
  #claims: Int32Array<ArrayBufferLike> = new Int32Array(0);
  #slots = new Map<string, { slot: number; source: string }>();
  #ready = new Map<number, string>();

  /** Starts rendering `jobs` (keyed by the issue file's absolute path) on a worker thread. */
  submit(jobs: readonly { key: string; source: string }[]): void {
    if (this.#worker) throw new Error("prerender: expected one submission per build, got a second");
    const claims = new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT * jobs.length);
    this.#claims = new Int32Array(claims);
    jobs.forEach(({ key, source }, slot) => this.#slots.set(key, { slot, source }));
    const channel = new MessageChannel();
    this.#results = channel.port1;
    this.#results.unref();
    this.#worker = startTypeScriptWorker(new URL("./render-worker.ts", import.meta.url));
    this.#worker.unref();
    // Should the worker fail to start, each body it has not claimed is rendered on the main thread.
    this.#worker.on("error", () => undefined);
    const work: RenderWork = { sources: jobs.map((job) => job.source), claims, results: channel.port2 };
    this.#worker.postMessage(work, [channel.port2]);
  }

  /** The HTML of `source`: the worker's when it rendered this very body, else `renderHere()`'s. */
  take(key: string | undefined, source: string, renderHere: () => string): string {
    const job = key === undefined ? undefined : this.#slots.get(key);
    if (!job || job.source !== source) return renderHere();
    this.#slots.delete(key as string);
    const { slot } = job;
    if (Atomics.compareExchange(this.#claims, slot, Claim.open, Claim.main) === Claim.open) return renderHere();
    // The worker has it: wait until it is done. Its result is posted before the claim says so.
    for (;;) {
      this.#drain();
      const html = this.#ready.get(slot);
      if (html !== undefined) {
        this.#ready.delete(slot);
        return html;
      }
      const claim = Atomics.load(this.#claims, slot);
      if (claim === Claim.failed) return renderHere();
      if (claim === Claim.worker) Atomics.wait(this.#claims, slot, Claim.worker, 1000);
    }
  }

  /** Stops the worker. */
  async close(): Promise<void> {
    this.#results?.close();
    await this.#worker?.terminate();
    this.#slots.clear();
    this.#ready.clear();
  }

  #drain(): void {
    if (!this.#results) return;
    for (let message = receiveMessageOnPort(this.#results); message; message = receiveMessageOnPort(this.#results)) {
      const result = message.message as RenderResult;
      recordStyleClasses(result.styleClasses);
      if (result.html !== undefined) this.#ready.set(result.slot, result.html);
    }
  }
}

let active: MarkdownPrerenderer | undefined;

/** Starts prerendering for this process's build (`npm run build`; src/cli/build.ts). */
export function startPrerendering(): MarkdownPrerenderer {
  active ??= new MarkdownPrerenderer();
  return active;
}

/** The prerenderer this process started, if any. */
export function activePrerenderer(): MarkdownPrerenderer | undefined {
  return active;
}
