// The resident memory of a process and all its descendants, sampled from Linux's /proc: the build's
// own `maxRSS` leaves out the child processes it runs, the Pagefind indexer above all.
import { readdirSync, readFileSync } from "node:fs";

/** The `VmRSS` of a /proc/<pid>/status text, in KiB; undefined when it has none (a zombie, a kernel thread). */
export function vmRssKb(statusText: string): number | undefined {
  const match = /^VmRSS:\s+(\d+)\s+kB$/m.exec(statusText);
  return match ? Number(match[1]) : undefined;
}

/**
 * The fields of a /proc/<pid>/stat text from the third on (the state), or none without a command
 * name. The command name, in parentheses, may itself hold spaces and parentheses, so the fields
 * are read after the last `)`. `statField(fields, n)` is field n as proc(5) numbers them.
 */
function statFieldsAfterName(statText: string): string[] {
  const end = statText.lastIndexOf(")");
  return end === -1 ? [] : statText.slice(end + 1).trim().split(/\s+/);
}

function statField(fields: readonly string[], field: number): number {
  return Number(fields[field - 3]);
}

/** The parent pid (field 4) in a /proc/<pid>/stat text. */
export function parentPid(statText: string): number | undefined {
  const ppid = statField(statFieldsAfterName(statText), 4);
  return Number.isInteger(ppid) && ppid >= 0 ? ppid : undefined;
}

// Times in /proc/<pid>/stat count clock ticks of USER_HZ, which Linux fixes at 100 a second for
// every architecture (the kernel's own tick rate may differ; these fields are converted).
const userHz = 100;

/**
 * The CPU time, user and system, of the children a process has waited for (and of those they waited
 * for, down the tree), in milliseconds: `cutime` and `cstime`, fields 16 and 17 of a
 * /proc/<pid>/stat text. Undefined when the text has no such fields.
 */
export function reapedChildrenCpuMs(statText: string): number | undefined {
  const fields = statFieldsAfterName(statText);
  const [cutime, cstime] = [statField(fields, 16), statField(fields, 17)];
  return Number.isInteger(cutime) && Number.isInteger(cstime) ? ((cutime + cstime) * 1000) / userHz : undefined;
}

/**
 * This process's `reapedChildrenCpuMs`; undefined without a /proc. Read before and after a child
 * process, the difference is the CPU time of the child and every process below it that was waited
 * for: the whole build, its Eleventy process and the Pagefind indexer included.
 */
export function ownReapedChildrenCpuMs(proc = "/proc"): number | undefined {
  const stat = readText(`${proc}/self/stat`);
  return stat === undefined ? undefined : reapedChildrenCpuMs(stat);
}

/** `root` and every process below it, given each process's parent (pid → parent pid). */
export function processTree(root: number, parents: ReadonlyMap<number, number>): number[] {
  const children = new Map<number, number[]>();
  for (const [pid, parent] of parents) {
    if (pid === parent) continue;
    const siblings = children.get(parent);
    if (siblings) siblings.push(pid);
    else children.set(parent, [pid]);
  }
  const tree = [root];
  const seen = new Set(tree);
  for (let index = 0; index < tree.length; index++) {
    for (const child of children.get(tree[index] as number) ?? []) {
      if (seen.has(child)) continue;
      seen.add(child);
      tree.push(child);
    }
  }
  return tree;
}

/** The summed RSS of `pids`, in KiB, counting those without a reading (gone since) as 0. */
export function treeRssKb(pids: readonly number[], rssKb: (pid: number) => number | undefined): number {
  return pids.reduce((sum, pid) => sum + (rssKb(pid) ?? 0), 0);
}

/** Whether this platform has a /proc to sample (Linux). */
export function canSampleProcessTree(proc = "/proc"): boolean {
  return readText(`${proc}/self/status`) !== undefined && readText(`${proc}/self/stat`) !== undefined;
}

/**
 * The current RSS of `root` and its descendants, in KiB, or undefined when `root` has none (it has
 * exited). Finds the descendants from each process's parent pid in /proc/<pid>/stat (the
 * /proc/<pid>/task/<tid>/children files need a kernel option not every kernel has); a process whose
 * parent exited before it is re-parented and no longer counted.
 */
export function sampleProcessTreeRssKb(root: number, proc = "/proc"): number | undefined {
  const rootRss = readRss(root, proc);
  if (rootRss === undefined) return undefined;
  const parents = new Map<number, number>();
  let entries: string[];
  try {
    entries = readdirSync(proc);
  } catch {
    return undefined;
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readText(`${proc}/${entry}/stat`);
    const parent = stat === undefined ? undefined : parentPid(stat);
    if (parent !== undefined) parents.set(Number(entry), parent);
  }
  return treeRssKb(processTree(root, parents), (pid) => (pid === root ? rootRss : readRss(pid, proc)));
}

/**
 * Samples a process tree's RSS every `intervalMs` from now until `stop()`, which returns the
 * highest sum seen, in KiB, or null without /proc or when no sample found the process.
 */
export function watchProcessTreeRss(root: number, intervalMs = 100, proc = "/proc"): { stop(): number | null } {
  if (!canSampleProcessTree(proc)) return { stop: () => null };
  let peak: number | null = null;
  const sample = () => {
    const rss = sampleProcessTreeRssKb(root, proc);
    if (rss !== undefined && (peak === null || rss > peak)) peak = rss;
  };
  sample();
  const timer = setInterval(sample, intervalMs);
  return {
    stop() {
      clearInterval(timer);
      return peak;
    },
  };
}

function readRss(pid: number, proc: string): number | undefined {
  const status = readText(`${proc}/${pid}/status`);
  return status === undefined ? undefined : vmRssKb(status);
}

function readText(file: string): string | undefined {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
}
