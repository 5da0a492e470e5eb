// Whatever stops a build, SIGKILL of its whole process group included, _site is a whole site: the
// previous one or the new one, byte for byte, and never missing.
import { spawn, type ChildProcess } from "node:child_process";
import { cpSync, existsSync, readdirSync, readFileSync, readlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { isDeepStrictEqual } from "node:util";
import { setTimeout as sleep } from "node:timers/promises";
import { beforeAll, describe, expect, test } from "vitest";
import { buildScriptArguments } from "../../src/bench/package-scripts.ts";
import { siteManifest } from "../support/manifest.ts";
import { projectRoot, tempFolder } from "../support/run-build.ts";

const root = tempFolder("kill-");
const output = path.join(root, "_site");
const seed = path.join(root, "seed");
const changed = path.join(root, "changed");
cpSync(path.join(projectRoot, "issues"), seed, { recursive: true });
cpSync(path.join(projectRoot, "issues"), changed, { recursive: true });
{
  const file = path.join(changed, readdirSync(changed).sort()[0] ?? "missing");
  writeFileSync(file, readFileSync(file, "utf8").replace(/^title: "/m, 'title: "Changed: '));
}

interface Build {
  child: ChildProcess;
  stderr: string;
  exited: Promise<number | null>;
}

/** Starts `npm run build`'s script in a process group of its own, so the test can kill the whole group. */
function startBuild(content: string, env: Record<string, string> = {}): Build {
  const child = spawn(process.execPath, [...buildScriptArguments(), "--content", content, "--output", output], {
    cwd: projectRoot,
    detached: true,
    stdio: ["ignore", "ignore", "pipe"],
    env: { ...process.env, ...env },
  });
  const build: Build = { child, stderr: "", exited: new Promise((resolve) => child.on("exit", (code) => resolve(code))) };
  child.stderr?.on("data", (chunk: Buffer) => (build.stderr += chunk.toString()));
  return build;
}

/** SIGKILLs the build's process group and waits until none of it is left. */
async function killGroup(build: Build): Promise<void> {
  const group = build.child.pid ?? 0;
  try {
    process.kill(-group, "SIGKILL");
  } catch {
    // Ended already: a kill planned for the build's last moment came after it.
  }
  await build.exited;
  for (;;) {
    try {
      process.kill(-group, 0);
    } catch {
      return;
    }
    await sleep(10);
  }
}

async function waitFor(build: Build, line: string): Promise<void> {
  while (!build.stderr.includes(line)) {
    if (build.child.exitCode !== null) throw new Error(`the build ended before "${line}":\n${build.stderr}`);
    await sleep(2);
  }
}

let manifests: { seed: Record<string, string>; changed: Record<string, string> };
let buildMs = 0;

/** Which whole site the output is, or what it holds instead. */
function outputIs(): "seed" | "changed" | string {
  if (!existsSync(output)) return "missing";
  const now = siteManifest(output);
  if (isDeepStrictEqual(now, manifests.seed)) return "seed";
  if (isDeepStrictEqual(now, manifests.changed)) return "changed";
  return `a mix of ${Object.keys(now).length} files`;
}

/** The content that is not the output's now, so each kill has an old site and a new one to tell apart. */
const other = (site: string) => (site === "seed" ? changed : seed);

beforeAll(async () => {
  const reference = startBuild(changed);
  const started = performance.now();
  expect(await reference.exited).toBe(0);
  buildMs = performance.now() - started;
  const changedManifest = siteManifest(output);
  expect(await startBuild(seed).exited).toBe(0);
  manifests = { seed: siteManifest(output), changed: changedManifest };
  expect(manifests.seed).not.toEqual(manifests.changed);
});

describe("a build killed at any point", () => {
  test("a watcher polling _site through a build and its swap never finds it missing", async () => {
    const stop = path.join(root, "stop-watching");
    // In a process of its own, reading as a web server would, as fast as it can.
    const watcher = spawn(process.execPath, [
      "-e",
      `const fs = require("node:fs"); const [file, stop] = process.argv.slice(1);
       let polls = 0, misses = 0; const seen = new Set();
       for (;;) {
         try { seen.add(fs.readFileSync(file, "utf8")); } catch { misses++; }
         if (++polls % 200 === 0 && fs.existsSync(stop)) break;
       }
       process.stdout.write(JSON.stringify({ polls, misses, seen: seen.size }));`,
      path.join(output, "index.html"),
      stop,
    ]);
    let report = "";
    watcher.stdout.on("data", (chunk: Buffer) => (report += chunk.toString()));
    const watched = new Promise((resolve) => watcher.on("exit", resolve));
    expect(outputIs()).toBe("seed");
    const build = startBuild(changed);
    expect(await build.exited).toBe(0);
    writeFileSync(stop, "");
    await watched;
    const { polls, misses, seen } = JSON.parse(report) as { polls: number; misses: number; seen: number };
    expect(misses).toBe(0);
    expect(polls).toBeGreaterThan(1000);
    // It saw the old home page and then the new one.
    expect(seen).toBe(2);
    expect(outputIs()).toBe("changed");
  }, 300_000);

  test("leaves the old site or the new one whole, and the next build removes what it left", async () => {
    const outcomes: string[] = [];
    // Spread over the build's duration, up to the swap (its last few milliseconds).
    const fractions = [0.05, 0.15, 0.3, 0.45, 0.6, 0.75, 0.9, 0.97];
    for (const fraction of fractions) {
      const before = outputIs();
      const build = startBuild(other(before));
      await sleep(fraction * buildMs);
      await killGroup(build);
      const after = outputIs();
      expect(["seed", "changed"], `killed at ${fraction} of the build`).toContain(after);
      outcomes.push(`${fraction}: ${after === before ? "old" : "new"}`);
    }
    // In and around the swap, widened by the test hook (each step waits 150 ms): once the new link
    // is made, just before it replaces the old one, just after, and while the old build is removed.
    const swapPoints = [
      { step: "swap: linked", delay: 0, expected: "old" },
      { step: "swap: linked", delay: 145, expected: "old" },
      { step: "swap: swapped", delay: 0, expected: "new" },
      { step: "swap: swapped", delay: 152, expected: "new" },
    ];
    for (const point of swapPoints) {
      const before = outputIs();
      const build = startBuild(other(before), { NEWSLETTER_SWAP_DELAY_MS: "150" });
      await waitFor(build, point.step);
      await sleep(point.delay);
      await killGroup(build);
      const after = outputIs();
      expect(["seed", "changed"], `killed ${point.delay} ms after ${point.step}`).toContain(after);
      expect(after === before ? "old" : "new", `killed ${point.delay} ms after ${point.step}`).toBe(point.expected);
      outcomes.push(`${point.step} +${point.delay} ms: ${point.expected}`);
    }
    console.log(`${outcomes.length} kill points, build ${Math.round(buildMs)} ms:\n  ${outcomes.join("\n  ")}`);
    expect(outcomes.length).toBe(fractions.length + swapPoints.length);

    // Killed builds left their folders; the next build removes them and keeps only its own.
    const builds = path.join(root, ".site-builds");
    expect(readdirSync(builds).length).toBeGreaterThan(1);
    const last = startBuild(other(outputIs()));
    expect(await last.exited).toBe(0);
    expect(readdirSync(builds)).toEqual([path.basename(readlinkSync(output))]);
    expect(readdirSync(root).filter((name) => name.startsWith("."))).toEqual([".site-builds"]);
  }, 600_000); // a dozen builds: on a loaded machine well past the suite's two minutes
});
