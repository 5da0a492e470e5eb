/** One timed build. */
export interface RunFigures {
  /** Wall time of the whole child process, start-up included. */
  wallMs: number;
  /** The build's own phase timings (see phase-timings.ts). */
  phasesMs: Record<string, number>;
  pages: number;
  /** Peak RSS of the largest build process, the build's or Eleventy's, in KiB (its `process.resourceUsage().maxRSS`, threads included). */
  maxRssKb: number;
  /**
   * Peak RSS of the build's whole process tree, in KiB: the summed RSS of the process and all its
   * descendants (the Pagefind indexer), sampled every 100 ms; null where there is no /proc.
   */
  treePeakRssKb: number | null;
  /** CPU time of the build (user and system), in milliseconds: its own process and Eleventy's. */
  cpuMs: number;
  /**
   * CPU time of the build's whole process tree (user and system), in milliseconds: the above and
   * the Pagefind indexer; null where there is no /proc to read it from.
   */
  treeCpuMs: number | null;
}

export interface BenchSummary {
  issues: number;
  runs: number;
  medianWallMs: number;
  minWallMs: number;
  maxWallMs: number;
  /** The median of each phase over the runs. */
  medianPhasesMs: Record<string, number>;
  /** Pages written (the most any run wrote; `pagesVaried` says when runs disagreed). */
  pages: number;
  pagesVaried: boolean;
  /** The highest peak RSS of the build process in any run, in KiB. */
  peakRssKb: number;
  /** The highest peak RSS of the build's process tree in any run, in KiB; null unless every run was measured. */
  peakTreeRssKb: number | null;
  /** Median wall time divided by the number of issues. */
  msPerIssue: number;
  /** The median CPU time of the build over all its threads; a wall time far above it means a busy machine. */
  medianCpuMs: number;
  /** The median CPU time of the whole process tree, the search indexer included; null unless every run was measured. */
  medianTreeCpuMs: number | null;
  /** The machine's cores (`os.availableParallelism()`). */
  cores: number;
  /**
   * The least wall time that CPU time allows on these cores, `medianTreeCpuMs / cores`: a build
   * whose median is near it is bound by its CPU, and only doing less work makes it faster.
   */
  cpuBoundWallMs: number | null;
}

export function median(values: readonly number[]): number {
  if (!values.length) throw new Error("median: expected at least one value");
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

export function summariseRuns(issues: number, runs: readonly RunFigures[], cores: number): BenchSummary {
  const walls = runs.map((run) => run.wallMs);
  const phases = [...new Set(runs.flatMap((run) => Object.keys(run.phasesMs)))];
  const medianPhasesMs = Object.fromEntries(
    phases.map((phase) => [phase, round(median(runs.map((run) => run.phasesMs[phase] ?? 0)))]),
  );
  const pages = runs.map((run) => run.pages);
  const medianWallMs = median(walls);
  const treeCpu = runs.map((run) => run.treeCpuMs);
  const medianTreeCpuMs = treeCpu.every((ms) => ms !== null) ? round(median(treeCpu)) : null;
  return {
    issues,
    runs: runs.length,
    medianWallMs: round(medianWallMs),
    minWallMs: round(Math.min(...walls)),
    maxWallMs: round(Math.max(...walls)),
    medianPhasesMs,
    pages: Math.max(...pages),
    pagesVaried: new Set(pages).size > 1,
    peakRssKb: Math.max(...runs.map((run) => run.maxRssKb)),
    peakTreeRssKb: runs.some((run) => run.treePeakRssKb === null) ? null : Math.max(...runs.map((run) => run.treePeakRssKb ?? 0)),
    msPerIssue: round(medianWallMs / issues, 2),
    medianCpuMs: round(median(runs.map((run) => run.cpuMs))),
    medianTreeCpuMs,
    cores,
    cpuBoundWallMs: medianTreeCpuMs === null ? null : round(medianTreeCpuMs / cores),
  };
}

/** Milliseconds as seconds, to `digits` decimals. */
export const seconds = (ms: number, digits = 2) => (ms / 1000).toFixed(digits);
const mebibytes = (kb: number) => `${Math.round(kb / 1024).toLocaleString("en-US")} MiB`;

/** Peak memory: of the build process, and of its whole process tree when measured. */
export function peakRss(buildKb: number, treeKb: number | null): string {
  const tree = treeKb === null ? "not measured with the search indexer" : `${mebibytes(treeKb)} (with the search indexer)`;
  return `peak RSS ${mebibytes(buildKb)} (build process), ${tree}`;
}

/** The line `npm run bench` ends with. */
export function summaryLine(summary: BenchSummary): string {
  const runs = `${summary.runs} run${summary.runs === 1 ? "" : "s"}`;
  return (
    `bench: ${summary.issues} issues, ${runs}: median ${seconds(summary.medianWallMs)} s ` +
    `(min ${seconds(summary.minWallMs)}, max ${seconds(summary.maxWallMs)}), ${summary.msPerIssue.toFixed(1)} ms/issue, ` +
    `${peakRss(summary.peakRssKb, summary.peakTreeRssKb)}, ${summary.pages} pages${summary.pagesVaried ? " (varied between runs)" : ""}`
  );
}

/**
 * The median phase split: start-up, the Eleventy write with the hooks timed inside it and the rest
 * of it (rendering and writing pages), the wait for the search index after it (and how long it
 * had run alongside Eleventy before), what is left of the
 * build's own clock (`total`, from process start: importing Eleventy, the atomic swap), the
 * build's CPU time over all its threads, and, where measured, that of its whole process tree with
 * the least wall time it allows on the machine's cores.
 */
export function phaseLine(summary: BenchSummary): string {
  const phase = (name: string) => summary.medianPhasesMs[name] ?? 0;
  const hooks = phase("validation") + phase("styles") + phase("otherHooks");
  const inside = [
    `validation ${seconds(phase("validation"))}`,
    `styles ${seconds(phase("styles"))}`,
    `render+write ${seconds(Math.max(0, phase("eleventy") - hooks))}`,
  ];
  const other = phase("total") - phase("startup") - phase("eleventy") - phase("searchIndex");
  const parts = [
    `startup ${seconds(phase("startup"))}`,
    `eleventy ${seconds(phase("eleventy"))} (${inside.join(", ")})`,
    `searchIndex ${seconds(phase("searchIndex"))}${phase("searchIndexAhead") > 0 ? ` (and ${seconds(phase("searchIndexAhead"))} alongside Eleventy)` : ""}`,
    `other ${seconds(Math.max(0, other))}`,
    `total ${seconds(phase("total"))}`,
    `cpu ${seconds(summary.medianCpuMs)}${wholeBuildCpu(summary)}`,
  ];
  return `bench: median phases (s): ${parts.join(", ")}`;
}

function wholeBuildCpu({ medianTreeCpuMs, cpuBoundWallMs, cores }: BenchSummary): string {
  if (medianTreeCpuMs === null || cpuBoundWallMs === null) return "";
  return ` (whole build ${seconds(medianTreeCpuMs)}: at least ${seconds(cpuBoundWallMs)} of wall time on ${cores} core${cores === 1 ? "" : "s"})`;
}

/** A commit-friendly result name: the same command writes the same file. */
export function resultFileName(options: { issues: number; runs: number; seed: number }): string {
  return `issues-${options.issues}-runs-${options.runs}${options.seed === 1 ? "" : `-seed-${options.seed}`}.json`;
}

function round(value: number, digits = 1): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}

/** The lines in which a build reports the images it encoded, the cards it drew and the formula images it
 *  rendered, with their times: the share of a build they take, for the bench to show beside each run. */
export function assetLines(stdout: string): string[] {
  return stdout.split("\n").filter((line) => /^(Images|Social cards|Formula images): /.test(line));
}
