// `npm start` as a child process, for `npm run bench:edit` and the dev-server test: package.json's
// start script run through tsx, on a port of its own, its log followed line by line. The server
// runs in a process group of its own, which `stop` ends whole (Eleventy, tsx, esbuild, Pagefind).
import { spawn, type ChildProcess } from "node:child_process";
import net from "node:net";
import path from "node:path";
import { DevServerState, parseDevServerLine, type DevServerEvent } from "./dev-server-log.ts";
import { packageScript, scriptArguments } from "./package-scripts.ts";
import { projectRoot } from "./project-root.ts";

const tsxCli = path.join(projectRoot, "node_modules/tsx/dist/cli.mjs");

export interface DevServerOptions {
  /** The content folder; inside the project for `--incremental` to rebuild one issue (see .eleventy.js). */
  content: string;
  /** The output folder; without one the server builds where `npm start` does, `_dev`. */
  output?: string;
  /** More environment variables for the server. */
  env?: Record<string, string>;
}

/** A line of the server's log (stdout and stderr), with when it arrived (`performance.now()`). */
export interface LoggedLine {
  atMs: number;
  text: string;
  event: DevServerEvent | undefined;
}

/**
 * The arguments after `tsx` of package.json's start script, so the server starts as `npm start`
 * starts it, without npm and a shell in between.
 */
export function startScriptArguments(script: string): string[] {
  return scriptArguments("dev server", "start", "tsx", script);
}

/** A port nothing listens on now, as the operating system hands one out. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen({ port: 0 }, () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("dev server: no free port"))));
    });
  });
}

// Servers still running when this process exits, ended with it: none outlives a failed run.
const running = new Set<DevServer>();
process.once("exit", () => {
  for (const server of running) server.kill("SIGKILL");
});

export class DevServer {
  readonly lines: LoggedLine[] = [];
  readonly state = new DevServerState();
  #exit: string | undefined;
  readonly #exited: Promise<void>;

  private constructor(private readonly child: ChildProcess) {
    running.add(this);
    for (const stream of [child.stdout, child.stderr]) {
      let partial = "";
      stream?.setEncoding("utf8");
      stream?.on("data", (chunk: string) => {
        const atMs = performance.now();
        const lines = (partial + chunk).split("\n");
        partial = lines.pop() ?? "";
        for (const text of lines) this.#record(atMs, text);
      });
      stream?.on("end", () => partial && this.#record(performance.now(), partial));
    }
    this.#exited = new Promise<void>((resolve) => {
      child.once("error", (error) => {
        this.#exit ??= `failed to start: ${error.message}`;
        if (child.pid === undefined) resolve();
      });
      child.once("exit", (code, signal) => {
        this.#exit = signal ? `was killed by ${signal}` : `exited with status ${code}`;
        resolve();
      });
    }).then(() => {
      running.delete(this);
    });
  }

  /** Starts `npm start`'s command with `--port=<a free port>`; see `waitUntilSettled` for when it serves. */
  static async start(options: DevServerOptions): Promise<DevServer> {
    const env: NodeJS.ProcessEnv = { ...process.env, ...options.env, NEWSLETTER_CONTENT: options.content, NEWSLETTER_OUTPUT: options.output };
    if (options.output === undefined) delete env.NEWSLETTER_OUTPUT;
    const child = spawn(process.execPath, [tsxCli, ...startScriptArguments(packageScript("start")), `--port=${await freePort()}`], {
      cwd: projectRoot,
      env,
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
    });
    return new DevServer(child);
  }

  #record(atMs: number, text: string): void {
    const event = parseDevServerLine(text);
    this.lines.push({ atMs, text, event });
    this.state.apply(event);
  }

  /** The server's address, once it listens (Eleventy takes the next port if this one was taken). */
  get url(): string {
    if (!this.state.url) throw new Error("dev server: not listening yet");
    return this.state.url;
  }

  /** The events logged after `sinceMs` (a `performance.now()` time). */
  eventsSince(sinceMs: number): (DevServerEvent & { atMs: number })[] {
    return this.lines.flatMap((line) => (line.event && line.atMs >= sinceMs ? [{ ...line.event, atMs: line.atMs }] : []));
  }

  /** Polls `condition` every 20 ms; throws, with the end of the log, after `timeoutMs` or once the server has exited. */
  async waitUntil(condition: () => boolean | Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
    const deadline = performance.now() + timeoutMs;
    for (;;) {
      if (await condition()) return;
      if (this.#exit) throw new Error(`dev server: ${this.#exit} before ${what}; its log ends:\n${this.logTail()}`);
      if (performance.now() > deadline) throw new Error(`dev server: no ${what} within ${timeoutMs / 1000} s; its log ends:\n${this.logTail()}`);
      await sleep(20);
    }
  }

  /**
   * Waits until the server listens, no build runs or waits, the search index is up to date, and
   * the log has been quiet for `quietMs`: a change seen late (a full build asked for by the issues
   * plugin) starts another build within that time.
   */
  waitUntilSettled(timeoutMs: number, quietMs = 1000): Promise<void> {
    return this.waitUntil(
      () => this.state.settled && performance.now() - (this.lines.at(-1)?.atMs ?? 0) >= quietMs,
      timeoutMs,
      "settled build and search index",
    );
  }

  /** GETs a path of the site; a status and text, or an error's message as text with status 0. */
  async fetch(pathname: string): Promise<{ status: number; text: string }> {
    try {
      const response = await fetch(new URL(pathname.replace(/^\//, ""), this.url));
      return { status: response.status, text: await response.text() };
    } catch (error) {
      return { status: 0, text: error instanceof Error ? error.message : String(error) };
    }
  }

  /** The text of a path of the site; throws unless it is served with status 200. */
  async text(pathname: string): Promise<string> {
    const { status, text } = await this.fetch(pathname);
    if (status !== 200) throw new Error(`dev server: GET ${pathname}: expected status 200, got ${status}${status ? "" : ` (${text})`}`);
    return text;
  }

  logTail(lines = 40): string {
    return this.lines
      .slice(-lines)
      .map((line) => line.text)
      .join("\n");
  }

  /** The process group's id: the server's pid, as it leads its own group. */
  get pid(): number | undefined {
    return this.child.pid;
  }

  /** Whether any process of the server's group is left. */
  groupAlive(): boolean {
    if (this.child.pid === undefined) return false;
    try {
      process.kill(-this.child.pid, 0);
      return true;
    } catch {
      return false;
    }
  }

  /** Sends `signal` to every process of the server's group. */
  kill(signal: NodeJS.Signals): void {
    if (this.child.pid === undefined) return;
    try {
      process.kill(-this.child.pid, signal);
    } catch {
      // The group is gone.
    }
  }

  /** Ends the whole process group: SIGTERM, then SIGKILL for what is left after `graceMs`. */
  async stop(graceMs = 5000): Promise<void> {
    this.kill("SIGTERM");
    await Promise.race([this.#exited, sleep(graceMs)]);
    const deadline = performance.now() + graceMs;
    while (this.groupAlive() && performance.now() < deadline) await sleep(50);
    if (this.groupAlive()) this.kill("SIGKILL");
    await this.#exited;
    running.delete(this);
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
