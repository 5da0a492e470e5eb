import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";

/** Set to a file path, `npm run build` writes its phase timings there as JSON. */
export const timingsFileVariable = "NEWSLETTER_TIMINGS_FILE";

/** The phases a build reports, in milliseconds of wall time. */
export interface PhasesMs {
  /** From process start (Node, tsx and imports included) to the site swapped into place. */
  total: number;
  /** From process start to the first line of the build script: Node, tsx and module loading. */
  startup: number;
  /** Eleventy's process (src/cli/render-process.ts): starting it, loading Eleventy, configuration, the hooks below, rendering and writing every page. */
  eleventy: number;
  /** The issues plugin's hooks: reading and validating every issue file. */
  validation: number;
  /** The styles plugins' hooks: compiling Sass and writing the stylesheets. */
  styles: number;
  /**
   * What the build waits for Pagefind once Eleventy is done (`searchIndex`; Pagefind starts as soon
   * as the issue pages are written, while Eleventy writes the rest), plus hooks of a plugin whose
   * name mentions "search".
   */
  searchIndex: number;
  /** How long Pagefind had been indexing when Eleventy's process ended: the part of its work done
   *  alongside Eleventy, not counted in `searchIndex` (0 when it started after). */
  searchIndexAhead: number;
  /** Hooks of any other plugin. */
  otherHooks: number;
}

/** What `NEWSLETTER_TIMINGS_FILE` receives. */
export interface BuildTimings {
  phasesMs: PhasesMs;
  /** Each timed hook, as `<plugin> <event>`, in milliseconds. */
  hooksMs: Record<string, number>;
  /** Pages Eleventy wrote. */
  pages: number;
  /** Peak resident set size of the largest build process, in KiB: the build's own or Eleventy's
   *  (each its `process.resourceUsage().maxRSS`; they do not run side by side for long). */
  maxRssKb: number;
  /** CPU time of the build process and Eleventy's, over all their threads (garbage collection included), in milliseconds. */
  cpuMs: { user: number; system: number };
}

/** What a process reports of its own resources, for another to count. */
export interface ProcessUsage {
  maxRssKb: number;
  userMs: number;
  systemMs: number;
}

type HookPhase = "validation" | "styles" | "searchIndex" | "otherHooks";

/** One timed hook, as `<plugin> <event>`. */
export interface HookFigure {
  key: string;
  phase: HookPhase;
  ms: number;
}

/** Which phase a plugin's hooks count towards, by the plugin function's name. */
export function phaseOfPlugin(name: string | undefined): HookPhase {
  if (name === "issuesPlugin") return "validation";
  if (name === "stylesPlugin" || name === "mathStylesPlugin") return "styles";
  if (name && /search/i.test(name)) return "searchIndex";
  return "otherHooks";
}

/** The slice of Eleventy's user config the instrumentation touches. */
interface InstrumentedConfig {
  addPlugin(plugin: unknown, options?: unknown): unknown;
  on(event: string, listener: (...args: unknown[]) => unknown): unknown;
  setEventEmitterMode?(mode: "parallel" | "sequential"): void;
}

/**
 * Times one build's phases when `NEWSLETTER_TIMINGS_FILE` is set. Eleventy hooks are timed where
 * the plugins register them: `addPlugin` is wrapped so each `on(event, listener)` a plugin calls
 * is attributed to that plugin, and the listener is wrapped with a clock. Hooks then run one after
 * another (Eleventy's "sequential" event mode) so each is timed alone, not overlapped with the
 * others; the pages written are the same either way.
 */
export class PhaseTimings {
  readonly #hooks = new Map<string, { phase: HookPhase; ms: number }>();
  readonly #startup = performance.now();
  #eleventy = 0;
  #searchIndex = 0;
  #searchIndexStartedAt: number | undefined;
  #searchIndexAhead = 0;
  readonly #otherProcesses: ProcessUsage[] = [];

  constructor(readonly file: string) {}

  /** The recorder for this process, or undefined when timings were not asked for. */
  static fromEnvironment(env: NodeJS.ProcessEnv = process.env): PhaseTimings | undefined {
    const file = env[timingsFileVariable];
    return file ? new PhaseTimings(path.resolve(file)) : undefined;
  }

  /** Times the hooks of every plugin; call from Eleventy's programmatic `config` callback, which runs before .eleventy.js. */
  instrument(config: InstrumentedConfig): void {
    config.setEventEmitterMode?.("sequential");
    let current: string | undefined;
    const on = config.on.bind(config);
    config.on = (event, listener) => on(event, this.#timedHook(current, event, listener));
    const addPlugin = config.addPlugin.bind(config);
    config.addPlugin = (plugin, options) => {
      if (typeof plugin !== "function") return addPlugin(plugin, options);
      const name = plugin.name;
      // Hooks a plugin registers after an `await` of its own count as "anonymous" (none here do).
      // The stand-in keeps the plugin's name, which Eleventy identifies plugins by...
      const named = {
        [name](this: unknown, ...args: unknown[]): unknown {
          const previous = current;
          current = name;
          try {
            return (plugin as (...args: unknown[]) => unknown).apply(this, args);
          } finally {
            current = previous;
          }
        },
      }[name] as (...args: unknown[]) => unknown;
      // ...and its other properties, such as `eleventyPluginOptions`.
      const { name: _name, length: _length, prototype: _prototype, ...rest } = Object.getOwnPropertyDescriptors(plugin);
      Object.defineProperties(named, rest);
      return addPlugin(named, options);
    };
  }

  #timedHook(plugin: string | undefined, event: string, listener: (...args: unknown[]) => unknown) {
    const key = `${plugin || "anonymous"} ${event}`;
    const entry = this.#hooks.get(key) ?? { phase: phaseOfPlugin(plugin), ms: 0 };
    this.#hooks.set(key, entry);
    return async function (this: unknown, ...args: unknown[]): Promise<unknown> {
      const started = performance.now();
      try {
        return await listener.apply(this, args);
      } finally {
        entry.ms += performance.now() - started;
      }
    };
  }

  /** The hooks timed so far, to hand to the recorder of another thread (`addHooks`). */
  hookFigures(): HookFigure[] {
    return [...this.#hooks].map(([key, { phase, ms }]) => ({ key, phase, ms }));
  }

  /** Counts hooks another thread timed (its `hookFigures`) as this build's. */
  addHooks(figures: readonly HookFigure[]): void {
    for (const { key, phase, ms } of figures) {
      const entry = this.#hooks.get(key) ?? { phase, ms: 0 };
      entry.ms += ms;
      this.#hooks.set(key, entry);
    }
  }

  /** This process's peak memory and CPU time so far. */
  static processUsage(): ProcessUsage {
    const usage = process.resourceUsage();
    return { maxRssKb: usage.maxRSS, userMs: usage.userCPUTime / 1000, systemMs: usage.systemCPUTime / 1000 };
  }

  /** Counts the memory and CPU time of another process of this build (Eleventy's) as this build's. */
  addProcess(usage: ProcessUsage): void {
    this.#otherProcesses.push(usage);
  }

  /** Runs Eleventy's write, timing it as the `eleventy` phase. */
  async eleventy<T>(write: () => Promise<T>): Promise<T> {
    const started = performance.now();
    try {
      return await write();
    } finally {
      const ended = performance.now();
      this.#eleventy += ended - started;
      if (this.#searchIndexStartedAt !== undefined) this.#searchIndexAhead = ended - this.#searchIndexStartedAt;
    }
  }

  /** Notes that Pagefind starts now, perhaps while Eleventy still writes (`searchIndexAhead`). */
  searchIndexStarted(): void {
    this.#searchIndexStartedAt ??= performance.now();
  }

  /** Waits for the search indexer after Eleventy's write, timing the wait as the `searchIndex` phase. */
  async searchIndex<T>(index: () => Promise<T>): Promise<T> {
    const started = performance.now();
    try {
      return await index();
    } finally {
      this.#searchIndex += performance.now() - started;
    }
  }

  /** The figures so far; `total` is measured now. */
  result(pages: number): BuildTimings {
    const phasesMs: PhasesMs = {
      total: performance.now(),
      startup: this.#startup,
      eleventy: this.#eleventy,
      validation: 0,
      styles: 0,
      searchIndex: this.#searchIndex,
      searchIndexAhead: this.#searchIndexAhead,
      otherHooks: 0,
    };
    const hooksMs: Record<string, number> = {};
    for (const [key, { phase, ms }] of this.#hooks) {
      phasesMs[phase] += ms;
      hooksMs[key] = round(ms);
    }
    for (const phase of Object.keys(phasesMs) as (keyof PhasesMs)[]) phasesMs[phase] = round(phasesMs[phase]);
    const processes = [PhaseTimings.processUsage(), ...this.#otherProcesses];
    const sum = (field: "userMs" | "systemMs") => round(processes.reduce((total, usage) => total + usage[field], 0));
    const cpuMs = { user: sum("userMs"), system: sum("systemMs") };
    return { phasesMs, hooksMs, pages, maxRssKb: Math.max(...processes.map((usage) => usage.maxRssKb)), cpuMs };
  }

  async write(pages: number): Promise<void> {
    await mkdir(path.dirname(this.file), { recursive: true });
    await writeFile(this.file, `${JSON.stringify(this.result(pages), null, 2)}\n`);
  }
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}
