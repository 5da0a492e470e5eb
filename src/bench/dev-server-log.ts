// What `npm start` says on its console, read line by line: when a build starts and ends, when the
// search plugin's background indexing ends, and where the server listens.

/** One line of the dev server's log, read as an event; undefined for every other line. */
export type DevServerEvent =
  /** The watcher saw a file change (`File changed: ...`, also added or deleted): a build starts. */
  | { kind: "change" }
  /** A build ended: `Wrote 319 files (skipped 12) in 6.01 seconds`. */
  | { kind: "built"; files: number; skipped: number; eleventyMs: number }
  /** Eleventy waits for changes (`Watching…`): no build runs or is queued. */
  | { kind: "watching" }
  /** The search plugin indexed the site, or failed to (src/eleventy/search-plugin.ts). */
  | { kind: "indexed"; ok: boolean }
  /** `Server at http://localhost:8080/`. */
  | { kind: "server"; url: string };

// Eleventy colours its log only on a terminal, but FORCE_COLOR may ask for colours anyway.
const ansiEscape = /\u001b\[[0-9;]*m/g;

export function parseDevServerLine(line: string): DevServerEvent | undefined {
  const text = line.replace(ansiEscape, "").trim();
  if (/^\[11ty\] File (?:changed|added|deleted|removed):/.test(text)) return { kind: "change" };
  const built = /^\[11ty\] (?:Copied \d+ )?Wrote (\d+) files? (?:\(skipped (\d+)\) )?in ([\d.]+) seconds?\b/.exec(text);
  if (built) return { kind: "built", files: Number(built[1]), skipped: Number(built[2] ?? 0), eleventyMs: Math.round(Number(built[3]) * 1000) };
  if (/^\[11ty\] Watching…/.test(text)) return { kind: "watching" };
  if (text.startsWith("[search] Indexed ")) return { kind: "indexed", ok: true };
  if (text.startsWith("[search] Indexing failed")) return { kind: "indexed", ok: false };
  const server = /^\[11ty\] Server at (\S+)/.exec(text);
  if (server) return { kind: "server", url: server[1] as string };
  return undefined;
}

/**
 * Whether the dev server is busy, followed from its log. Eleventy builds from start-up or a
 * `File changed` line until it says `Watching…`; every build that ends asks the search plugin for
 * an indexing, which runs one at a time, and one asked for meanwhile waits for it (SerialJobs:
 * any number of requests meanwhile make one more run).
 */
export class DevServerState {
  /** Eleventy is building, or has a build queued: true from start-up to the first `Watching…`. */
  building = true;
  /** An indexing runs. */
  indexing = false;
  /** Another indexing waits for the running one. */
  indexQueued = false;
  url: string | undefined;

  apply(event: DevServerEvent | undefined): void {
    switch (event?.kind) {
      case "change":
        this.building = true;
        break;
      case "watching":
        this.building = false;
        break;
      case "built":
        if (this.indexing) this.indexQueued = true;
        else this.indexing = true;
        break;
      case "indexed":
        this.indexing = this.indexQueued;
        this.indexQueued = false;
        break;
      case "server":
        this.url ??= event.url;
        break;
    }
  }

  /** Serving, with no build and no indexing running or waiting. */
  get settled(): boolean {
    return this.url !== undefined && !this.building && !this.indexing && !this.indexQueued;
  }
}
