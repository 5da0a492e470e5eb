import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, onTestFinished, test } from "vitest";
import {
  canSampleProcessTree,
  ownReapedChildrenCpuMs,
  parentPid,
  reapedChildrenCpuMs,
  processTree,
  sampleProcessTreeRssKb,
  treeRssKb,
  vmRssKb,
  watchProcessTreeRss,
} from "../../src/bench/process-tree.ts";

const status = (pid: number, ppid: number, rssKb?: number) =>
  [`Name:\tproc${pid}`, "State:\tS (sleeping)", `Pid:\t${pid}`, `PPid:\t${ppid}`, "VmPeak:\t  999999 kB", "VmHWM:\t  888888 kB"]
    .concat(rssKb === undefined ? [] : [`VmRSS:\t${String(rssKb).padStart(8)} kB`, "RssAnon:\t      12 kB"])
    .join("\n") + "\n";
const stat = (pid: number, name: string, ppid: number) => `${pid} (${name}) S ${ppid} ${pid} ${pid} 0 -1 4194560 101 0 0 0\n`;

describe("reading /proc", () => {
  test("VmRSS from a status text, not VmHWM or RssAnon; none for a zombie", () => {
    expect(vmRssKb(status(12, 1, 123_456))).toBe(123_456);
    expect(vmRssKb(status(12, 1))).toBeUndefined();
    expect(vmRssKb("")).toBeUndefined();
  });

  test("the parent pid from a stat text, whatever the command name holds", () => {
    expect(parentPid(stat(24656, "cat", 24654))).toBe(24654);
    expect(parentPid(stat(300, "pagefind worker", 299))).toBe(299);
    expect(parentPid(stat(301, "a) S 1 (b", 42))).toBe(42);
    expect(parentPid("1 (init) S 0 1 1")).toBe(0);
    expect(parentPid("")).toBeUndefined();
    expect(parentPid("7 (x)")).toBeUndefined();
  });

  test("the CPU time of the children waited for, from a stat text: cutime and cstime, in ticks of 10 ms", () => {
    // Fields 14 to 17: utime 900, stime 80 (the process's own), cutime 2150, cstime 37.
    const line = (name: string) => `4242 (${name}) S 4200 4242 4200 0 -1 4194560 5120 880 0 0 900 80 2150 37 20 0 11 0 2410846 3133440 382\n`;
    expect(reapedChildrenCpuMs(line("node"))).toBe(21_870);
    expect(reapedChildrenCpuMs(line("a) S 1 2 3 4 5 6 7 8 9 10 11 12 13 14 (b"))).toBe(21_870);
    expect(reapedChildrenCpuMs(stat(7, "short", 1))).toBeUndefined();
    expect(reapedChildrenCpuMs("")).toBeUndefined();
  });

  test.runIf(existsSync("/proc/self/stat"))("on Linux, a child's CPU time and its own child's count once they have exited", async () => {
    // The child waits for a grandchild that keeps a core busy for 400 ms, then exits.
    const busy = "const end = Date.now() + 400; while (Date.now() < end);";
    const script = `require("node:child_process").spawnSync(process.execPath, ["-e", ${JSON.stringify(busy)}], { stdio: "inherit" });`;
    const before = ownReapedChildrenCpuMs() as number;
    const child = spawn(process.execPath, ["-e", script], { stdio: "inherit" });
    await new Promise((resolve) => child.once("close", resolve));
    const after = ownReapedChildrenCpuMs() as number;
    expect(after - before).toBeGreaterThanOrEqual(350);
  });
});

describe("process trees", () => {
  // 1 ─┬─ 10 (bench) ── 20 (tsx) ── 30 (build) ─┬─ 40 (pagefind) ── 50
  //    │                                        └─ 41
  //    └─ 11 ── 21 (not in the tree)
  const parents = new Map([
    [1, 0],
    [10, 1],
    [11, 1],
    [20, 10],
    [21, 11],
    [30, 20],
    [40, 30],
    [41, 30],
    [50, 40],
  ]);

  test("a process and all its descendants, and nothing else", () => {
    expect(processTree(20, parents).sort((a, b) => a - b)).toEqual([20, 30, 40, 41, 50]);
    expect(processTree(40, parents).sort((a, b) => a - b)).toEqual([40, 50]);
    expect(processTree(50, parents)).toEqual([50]);
    expect(processTree(99, parents)).toEqual([99]);
  });

  test("a cycle in the parent map does not loop", () => {
    expect(processTree(1, new Map([[1, 2], [2, 1], [3, 3]])).sort()).toEqual([1, 2]);
  });

  test("sums RSS over the tree, a process gone since counting 0", () => {
    const rss = new Map([[20, 50_000], [30, 1_900_000], [40, 1_700_000], [41, 1000]]);
    expect(treeRssKb(processTree(20, parents), (pid) => rss.get(pid))).toBe(3_651_000);
    expect(treeRssKb([], () => 5)).toBe(0);
  });
});

describe("sampling a /proc", () => {
  async function fakeProc(processes: [pid: number, name: string, ppid: number, rssKb?: number][]): Promise<string> {
    const proc = await mkdtemp(path.join(tmpdir(), "newsletter-fake-proc-"));
    onTestFinished(() => rm(proc, { recursive: true, force: true }));
    for (const [pid, name, ppid, rssKb] of processes) {
      for (const folder of [String(pid), ...(pid === 10 ? ["self"] : [])]) {
        await mkdir(path.join(proc, folder));
        await writeFile(path.join(proc, folder, "status"), status(pid, ppid, rssKb));
        await writeFile(path.join(proc, folder, "stat"), stat(pid, name, ppid));
      }
    }
    await mkdir(path.join(proc, "sys"));
    return proc;
  }

  test("sums the root and its descendants from a /proc folder", async () => {
    const proc = await fakeProc([
      [10, "node", 1, 60_000],
      [20, "node", 10, 50_000],
      [30, "node", 20, 1_900_000],
      [40, "pagefind", 30, 1_700_000],
      [45, "zombie", 30],
      [50, "other", 1, 9_999_999],
    ]);
    expect(canSampleProcessTree(proc)).toBe(true);
    expect(sampleProcessTreeRssKb(20, proc)).toBe(3_650_000);
    expect(sampleProcessTreeRssKb(40, proc)).toBe(1_700_000);
    expect(sampleProcessTreeRssKb(45, proc)).toBeUndefined();
    expect(sampleProcessTreeRssKb(77, proc)).toBeUndefined();
    const watch = watchProcessTreeRss(30, 10, proc);
    expect(watch.stop()).toBe(3_600_000);
  });

  test("without a /proc, the peak is null", async () => {
    const empty = await mkdtemp(path.join(tmpdir(), "newsletter-no-proc-"));
    onTestFinished(() => rm(empty, { recursive: true, force: true }));
    expect(canSampleProcessTree(empty)).toBe(false);
    expect(ownReapedChildrenCpuMs(empty)).toBeUndefined();
    expect(canSampleProcessTree(path.join(empty, "missing"))).toBe(false);
    expect(watchProcessTreeRss(process.pid, 10, empty).stop()).toBeNull();
  });

  test.runIf(existsSync("/proc/self/status"))("on Linux, counts a child process's memory in its parent's tree", async () => {
    // A child that holds ~64 MiB of touched memory, and says when it does.
    const script = "globalThis.b = Buffer.alloc(64 * 1024 * 1024, 1); console.log('ready'); setInterval(() => {}, 1000);";
    const child = spawn(process.execPath, ["-e", script], { stdio: ["ignore", "pipe", "inherit"] });
    onTestFinished(() => {
      child.kill();
    });
    await new Promise((resolve) => child.stdout.once("data", resolve));
    const own = sampleProcessTreeRssKb(child.pid as number);
    expect(own).toBeGreaterThan(64 * 1024);
    const watch = watchProcessTreeRss(process.pid, 20);
    await new Promise((resolve) => setTimeout(resolve, 60));
    const peak = watch.stop();
    const alone = vmRssKb(readFileSync("/proc/self/status", "utf8")) as number;
    expect(peak).toBeGreaterThan(alone + 60 * 1024);
  });
});
