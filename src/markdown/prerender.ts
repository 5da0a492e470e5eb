import { readFileSync } from "node:fs";
import { MessageChannel, receiveMessageOnPort, type MessagePort, type Worker } from "node:worker_threads";
import { unreadableFileProblem, type IssueFileStat } from "../eleventy/content-folder.ts";
import { rememberParsedFrontMatter, splitFrontMatter, takeParsedFrontMatter, type ParsedFrontMatterEntry } from "../model/front-matter.ts";
import type { Issue } from "../model/issue.ts";
import { collectValidation, validateIssueSource, type ValidationResult } from "../model/validate-issues.ts";
import { takeRenderWorker } from "./render-worker-start.ts";
import { recordStyleClasses } from "./inline-styles.ts";

/** What each worker receives, once: the files, and the counters and claims all threads share. */
export interface PrerenderWork {
  files: readonly { file: string; absolutePath: string }[];
  /** One counter: the next file to validate. Workers take files from it in turn. */
  nextFile: SharedArrayBuffer;
  /** One slot per file: who renders its body, and whether it is done (the `Claim` values). */
  claims: SharedArrayBuffer;
  results: MessagePort;
}

/** What a worker posts for each file it validated. */
export interface ValidatedFile {
  kind: "validated";
  slot: number;
  /** The issue, or every problem found in the file, as `validateIssueSource` gives them. */
  result: Issue | string[];
  /** The Markdown body of a valid issue, decoded as Eleventy reads it. */
  body?: string;
  /** The front matter as validation parsed it, for Eleventy to take instead of parsing it again. */
  frontMatter?: ParsedFrontMatterEntry;
}

/** What a worker posts for each body it rendered. */
export interface RenderedBody {
  kind: "rendered";
  slot: number;
  html?: string;
  /**
   * The body rendered, when the worker read the file itself after Eleventy's thread validated it:
   * Eleventy's thread uses the HTML only if that body is the one it was given.
   */
  body?: string;
  /** KaTeX style classes the worker saw first while rendering this body. */
  styleClasses: [className: string, declarations: string][];
}

export type PrerenderMessage = ValidatedFile | RenderedBody;

/**
 * Reads and validates one listed file, as the issues plugin would, with the body Eleventy will
 * render. `handOverFrontMatter` takes the parsed front matter out of this thread's store for the
 * message; on Eleventy's thread it stays in the store, where Eleventy's parse finds it.
 */
export function validateListedFile(slot: number, { file, absolutePath }: { file: string; absolutePath: string }, handOverFrontMatter: boolean): ValidatedFile {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(absolutePath);
  } catch (error) {
    // Reported with the other files' problems, in plain words.
    return { kind: "validated", slot, result: [unreadableFileProblem(file, error)] };
  }
  const result = validateIssueSource({ file, absolutePath, bytes });
  if (Array.isArray(result)) return { kind: "validated", slot, result };
  const split = splitIssueBytes(bytes);
  const frontMatter = handOverFrontMatter && split.yaml !== undefined ? takeParsedFrontMatter(split.yaml) : undefined;
  return { kind: "validated", slot, result, body: split.body, frontMatter };
}

/** The Markdown body of an issue file, read again, as Eleventy reads it; undefined if it cannot be read. */
export function readIssueBody(absolutePath: string): string | undefined {
  try {
    return splitIssueBytes(readFileSync(absolutePath)).body;
  } catch {
    return undefined;
  }
}

// Decoded as Eleventy reads the file, so the body is the one Eleventy renders.
function splitIssueBytes(bytes: Uint8Array) {
  return splitFrontMatter(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("utf8"));
}

/** The states of a claim slot. */
export const Claim = { open: 0, main: 1, worker: 2, done: 3, failed: 4 } as const;

/**
 * Worker threads: with Eleventy's own thread, one per core of the machines the build targets (2).
 * More threads than cores only add CPU (docs/decisions.md).
 */
const defaultWorkers = 1;

/** The validation the workers did, for the issues plugin to use as its own. */
export interface PrerenderedValidation extends ValidationResult {
  /** Every file: all were validated. */
  changed: string[];
}

/**
 * Validates the issue files and renders their bodies on worker threads, from the moment the build
 * starts: Eleventy renders every page on one thread, where validating the issues and rendering
 * their Markdown are a large share of its time (docs/decisions.md).
 *
 * `start` lists the content folder and starts the workers, which take the files in turn, validate
 * each (the same `validateIssueSource` the issues plugin runs) and post the result, while Eleventy
 * loads. The issues plugin then takes that validation (`validated`) instead of doing its own,
 * provided the files are still the ones listed; Eleventy's thread validates the files left by then
 * alongside the workers. Each worker next renders the bodies it read, from the last, then reads
 * again and renders those of the files Eleventy's thread validated (else that thread rendered all
 * of them itself while the worker idled), while Eleventy
 * asks for them (`take`) in about file order: each body is claimed by whichever thread reaches it
 * first, so the threads meet in the middle and none renders a body twice. `take` is
 * synchronous: results are read off the ports with `receiveMessageOnPort`, as Eleventy's rendering
 * seldom returns to the event loop. The workers use the same markdown-it setup
 * (src/markdown/create-markdown.ts), so the HTML is the same either way; a body that differs from
 * the one the worker read (a file changed during the build) is rendered on Eleventy's thread.
 */
export class IssuePrerenderer {
  #workers: Worker[] = [];
  #ports: MessagePort[] = [];
  #files: IssueFileStat[] = [];
  #claims: Int32Array<ArrayBufferLike> = new Int32Array(0);
  #nextFile: Int32Array<ArrayBufferLike> = new Int32Array(1);
  #slots = new Map<string, number>();
  #bodies: (string | undefined)[] = [];
  #validated: (ValidatedFile | undefined)[] = [];
  #validatedCount = 0;
  #failed = false;
  #asked = false;
  #ready = new Map<number, { html: string; body: string | undefined }>();
  #started: Promise<void> | undefined;
  #exited: Promise<void>[] = [];
  #settle: () => void = () => undefined;
  /** Resolves once every file is validated, or a worker failed. */
  readonly #settled = new Promise<void>((resolve) => (this.#settle = resolve));

  /** Lists the issue files of `contentDir` and starts validating and rendering them on `workers` threads. */
  start(contentDir: string, listFiles: (contentDir: string) => Promise<IssueFileStat[]>, workers = defaultWorkers): void {
    if (this.#started) throw new Error("prerender: expected one start per build, got a second");
    this.#started = listFiles(contentDir).then(
      (files) => this.#startWorkers(files, workers),
      () => this.#fail(),
    );
    // Until then the ports and workers keep this process alive, as the issues plugin awaits them;
    // after, Eleventy's thread only reads the ports when it needs a body.
    void this.#settled.then(() => {
      for (const port of this.#ports) port.unref();
      for (const worker of this.#workers) worker.unref();
    });
  }

  #startWorkers(files: IssueFileStat[], workers: number): void {
    this.#files = files;
    if (files.length === 0) return this.#settle();
    this.#bodies = new Array<string | undefined>(files.length);
    this.#validated = new Array<ValidatedFile | undefined>(files.length);
    files.forEach((file, slot) => this.#slots.set(file.absolutePath, slot));
    const claims = new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT * files.length);
    this.#claims = new Int32Array(claims);
    const nextFile = new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT);
    this.#nextFile = new Int32Array(nextFile);
    const listed = files.map(({ file, absolutePath }) => ({ file, absolutePath }));
    for (let count = 0; count < Math.min(workers, files.length); count++) {
      const channel = new MessageChannel();
      const port = channel.port1;
      port.on("message", (message: PrerenderMessage) => this.#accept(message));
      this.#ports.push(port);
      // The first may have been started ahead, as the render process started (src/cli/render-process.ts).
      const worker = takeRenderWorker();
      // A worker that fails leaves its files to Eleventy's thread: validated there, rendered there.
      worker.on("error", () => this.#fail());
      const exited = new Promise<void>((resolve) =>
        worker.on("exit", () => {
          this.#drain();
          if (this.#validatedCount < this.#files.length) this.#fail();
          resolve();
        }),
      );
      this.#exited.push(exited);
      this.#workers.push(worker);
      const work: PrerenderWork = { files: listed, nextFile, claims, results: channel.port2 };
      worker.postMessage(work, [channel.port2]);
    }
  }

  /**
   * The workers' validation of `files` (the issues plugin's own listing, which must match the one
   * the workers read), once every file is validated; undefined when the files differ or a worker
   * failed: the caller then validates on its own. A file that could not be read is a problem.
   */
  async validated(files: readonly IssueFileStat[]): Promise<PrerenderedValidation | undefined> {
    // Handed over once: a second build in this process validates on its own.
    if (!this.#started || this.#asked) return undefined;
    this.#asked = true;
    await this.#started;
    if (!sameFiles(files, this.#files)) return undefined;
    // Rather than wait, this thread validates files too, taking them in turn with the workers.
    // The workers render their bodies too, once they have rendered their own, reading them again.
    for (let slot = Atomics.add(this.#nextFile, 0, 1); slot < files.length && !this.#failed; slot = Atomics.add(this.#nextFile, 0, 1)) {
      this.#accept(validateListedFile(slot, this.#files[slot] as IssueFileStat, false));
    }
    await this.#settled;
    const results = this.#validated;
    // Only the bodies (#bodies) are needed from here on.
    this.#validated = [];
    if (this.#failed) return undefined;
    const validation = collectValidation(results.flatMap((validated) => (validated ? [validated.result] : [])));
    return { ...validation, changed: files.map((file) => file.absolutePath) };
  }

  /** The HTML of `source`: a worker's when it rendered this very body, else `renderHere()`'s. */
  take(key: string | undefined, source: string, renderHere: () => string): string {
    const slot = key === undefined ? undefined : this.#slots.get(key);
    if (slot === undefined || this.#bodies[slot] !== source) return renderHere();
    this.#slots.delete(key as string);
    this.#bodies[slot] = undefined;
    if (Atomics.compareExchange(this.#claims, slot, Claim.open, Claim.main) === Claim.open) return renderHere();
    // A worker has it: wait until it is done. Its result is posted before the claim says so.
    for (;;) {
      this.#drain();
      const ready = this.#ready.get(slot);
      if (ready !== undefined) {
        this.#ready.delete(slot);
        return ready.body === undefined || ready.body === source ? ready.html : renderHere();
      }
      const claim = Atomics.load(this.#claims, slot);
      if (claim === Claim.failed) return renderHere();
      if (claim === Claim.worker) Atomics.wait(this.#claims, slot, Claim.worker, 1000);
    }
  }

  /**
   * Resolves once every worker has validated and rendered all it could and exited, and what it
   * posted has been read. A build never waits for this; tests do, to know what the workers did
   * however busy the machine is.
   */
  async finished(): Promise<void> {
    await this.#started;
    await Promise.all(this.#exited);
  }

  /** Stops the workers. */
  async close(): Promise<void> {
    await this.#started;
    for (const port of this.#ports) port.close();
    await Promise.all(this.#workers.map((worker) => worker.terminate()));
    this.#slots.clear();
    this.#ready.clear();
    this.#bodies = [];
    this.#validated = [];
  }

  #accept(message: PrerenderMessage): void {
    if (message.kind === "rendered") {
      recordStyleClasses(message.styleClasses);
      if (message.html !== undefined) this.#ready.set(message.slot, { html: message.html, body: message.body });
      return;
    }
    if (this.#validated[message.slot]) return;
    this.#validated[message.slot] = message;
    this.#bodies[message.slot] = message.body;
    if (message.frontMatter) rememberParsedFrontMatter(message.frontMatter);
    this.#validatedCount++;
    if (this.#validatedCount === this.#files.length) this.#settle();
  }

  #drain(): void {
    for (const port of this.#ports) {
      for (let message = receiveMessageOnPort(port); message; message = receiveMessageOnPort(port)) {
        this.#accept(message.message as PrerenderMessage);
      }
    }
  }

  #fail(): void {
    this.#failed = true;
    this.#settle();
  }
}

function sameFiles(a: readonly IssueFileStat[], b: readonly IssueFileStat[]): boolean {
  return (
    a.length === b.length &&
    a.every((file, index) => {
      const other = b[index];
      return other !== undefined && file.absolutePath === other.absolutePath && file.mtimeMs === other.mtimeMs && file.size === other.size;
    })
  );
}

let active: IssuePrerenderer | undefined;

/** Starts prerendering for this process's build (`npm run build`; src/cli/render-process.ts). */
export function startPrerendering(): IssuePrerenderer {
  active ??= new IssuePrerenderer();
  return active;
}

/** The prerenderer this process started, if any. */
export function activePrerenderer(): IssuePrerenderer | undefined {
  return active;
}
