// `npm run bench -- --issues N [--runs R] [--seed S] [--against FOLDER]`: generates a corpus, builds
// it once to warm up and R times to measure, each build a child process, and writes the figures to
// bench/results/. With --against, a checkout of another revision builds the same corpus after each
// run, alternating, so the two are compared under the same load.
import { spawn } from "node:child_process";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parseFlags, required } from "./args.ts";
import { assetLines, peakRss, phaseLine, resultFileName, seconds, summariseRuns, summaryLine, type RunFigures } from "./bench-stats.ts";
import { corpusStats, generateCorpus, writeCorpus } from "./corpus.ts";
import { buildScriptArguments, packageScript } from "./package-scripts.ts";
import { timingsFileVariable, type BuildTimings } from "./phase-timings.ts";
import { ownReapedChildrenCpuMs, watchProcessTreeRss } from "./process-tree.ts";
import { projectRoot } from "./project-root.ts";
import { revision } from "./revision.ts";
import { machineFigures, scratchFolder } from "./scratch-and-machine.ts";

/** How often the RSS of each build's process tree is sampled. */
const treeSampleMs = 100;

async function main(): Promise<void> {
  const flags = parseFlags("bench", process.argv.slice(2), { issues: "count", runs: "count", seed: "seed", against: "folder" });
  const issues = required("bench", "--issues N", flags.issues);
  const runs = flags.runs ?? 3;
  const seed = flags.seed ?? 1;
  const against = flags.against === undefined ? undefined : path.resolve(flags.against);
  if (against) packageScript("build", against);

  const scratch = await scratchFolder("newsletter-bench-");
  const content = path.join(scratch.folder, "corpus");
  const output = path.join(scratch.folder, "site");
  log(`bench: writing ${issues} issues (seed ${seed}) to ${content}${scratch.tmpfs ? " (tmpfs)" : ""}`);
  const corpusStarted = performance.now();
  const corpus = generateCorpus({ issues, seed });
  await writeCorpus(content, corpus);
  const corpusMs = performance.now() - corpusStarted;
  const stats = corpusStats(corpus);

  const load = [os.loadavg()];
  log(`bench: warm-up build`);
  const warmUp = await build(content, output, path.join(scratch.folder, "timings-warm-up.json"));
  if (!warmUp.ok) return fail(warmUp, scratch.folder);
  const warmUpTimings = JSON.parse(await readFile(warmUp.timingsFile, "utf8")) as BuildTimings;
  const warmUpPages = warmUpTimings.pages;
  // The warm-up writes into an empty folder, as a first build or a clean CI build does; the runs
  // after it replace a site, whose search bundle the build reuses where it is unchanged.
  const { searchIndex, searchIndexAhead } = warmUpTimings.phasesMs;
  log(`bench: warm-up, into an empty folder: ${seconds(warmUp.wallMs)} s; search index ${seconds(searchIndex)} s after Eleventy, ${seconds(searchIndexAhead)} s alongside it`);
  for (const line of assetLines(warmUp.stdout)) log(`bench: warm-up: ${line}`);
  if (warmUpPages < issues) {
    warmUp.stdout += `bench: expected at least ${issues} pages (one per issue), got ${warmUpPages}\n`;
    return fail(warmUp, scratch.folder);
  }
  // The other revision's warm-up: its own output folder and caches, so neither reuses the other's.
  const otherOutput = path.join(scratch.folder, "other-site");
  const otherScratch = path.join(scratch.folder, "other");
  if (against) {
    await mkdir(otherScratch, { recursive: true });
    const otherWarmUp = await build(content, otherOutput, path.join(otherScratch, "timings-warm-up.json"), against);
    if (!otherWarmUp.ok) return fail(otherWarmUp, scratch.folder);
    log(`bench: ${against}: warm-up: ${seconds(otherWarmUp.wallMs)} s`);
  }
  const figures: RunFigures[] = [];
  const otherFigures: RunFigures[] = [];
  for (let run = 1; run <= runs; run++) {
    const result = await build(content, output, path.join(scratch.folder, `timings-${run}.json`));
    if (!result.ok) return fail(result, scratch.folder);
    const timings = JSON.parse(await readFile(result.timingsFile, "utf8")) as BuildTimings;
    if (against) {
      const other = await build(content, otherOutput, path.join(otherScratch, `timings-${run}.json`), against);
      if (!other.ok) return fail(other, scratch.folder);
      otherFigures.push(await runFigures(other));
      log(`bench: run ${run}/${runs}: ${against}: ${(other.wallMs / 1000).toFixed(2)} s, ${peakRss(otherFigures.at(-1)!.maxRssKb, other.treePeakRssKb)}`);
    }
    figures.push({
      wallMs: result.wallMs,
      phasesMs: { ...timings.phasesMs },
      pages: timings.pages,
      maxRssKb: timings.maxRssKb,
      treePeakRssKb: result.treePeakRssKb,
      cpuMs: Math.round(timings.cpuMs.user + timings.cpuMs.system),
      treeCpuMs: result.treeCpuMs,
    });
    load.push(os.loadavg());
    log(`bench: run ${run}/${runs}: ${(result.wallMs / 1000).toFixed(2)} s, ${timings.pages} pages, ${peakRss(timings.maxRssKb, result.treePeakRssKb)}`);
    for (const line of assetLines(result.stdout)) log(`bench: run ${run}/${runs}: ${line}`);
  }
  await rm(scratch.folder, { recursive: true, force: true });

  const summary = summariseRuns(issues, figures, os.availableParallelism());
  const resultsFolder = path.join(projectRoot, "bench/results");
  const resultFile = path.join(resultsFolder, resultFileName({ issues, runs, seed }));
  await mkdir(resultsFolder, { recursive: true });
  const result = {
    command: `npm run bench -- --issues ${issues} --runs ${runs} --seed ${seed}`,
    date: new Date().toISOString(),
    revision: revision(projectRoot),
    /** Load averages before the warm-up and after each run. */
    machine: machineFigures(scratch.tmpfs, load),
    corpus: { ...stats, seed, generateMs: Math.round(corpusMs) },
    warmUpWallMs: Math.round(warmUp.wallMs),
    warmUpPhasesMs: warmUpTimings.phasesMs,
    summary,
    runs: figures.map((run) => ({ ...run, wallMs: Math.round(run.wallMs) })),
    ...(against && { against: { folder: against, revision: revision(against), summary: summariseRuns(issues, otherFigures, os.availableParallelism()), runs: otherFigures } }),
  };
  await writeFile(resultFile, `${JSON.stringify(result, null, 2)}\n`);
  log(`bench: wrote ${path.relative(process.cwd(), resultFile)}`);
  log(`bench: load average (1 min) ${load.map((averages) => averages[0]?.toFixed(2)).join(" → ")} on ${os.cpus().length} CPUs`);
  log(phaseLine(summary));
  console.log(summaryLine(summary));
  if (against && result.against) {
    const other = result.against.summary;
    console.log(`${against} (${result.against.revision?.commit.slice(0, 7) ?? "no git"}): ${summaryLine(other)}`);
    console.log(`bench: median ${(summary.medianWallMs / other.medianWallMs).toFixed(2)}x the other revision's; peak RSS ${(summary.peakRssKb / other.peakRssKb).toFixed(2)}x`);
  }
}

async function runFigures(result: BuildResult): Promise<RunFigures> {
  const timings = JSON.parse(await readFile(result.timingsFile, "utf8")) as BuildTimings;
  return {
    wallMs: Math.round(result.wallMs),
    phasesMs: { ...timings.phasesMs },
    pages: timings.pages,
    maxRssKb: timings.maxRssKb,
    treePeakRssKb: result.treePeakRssKb,
    cpuMs: Math.round(timings.cpuMs.user + timings.cpuMs.system),
    treeCpuMs: result.treeCpuMs,
  };
}

interface BuildResult {
  ok: boolean;
  wallMs: number;
  /** Peak summed RSS of the build and its descendants, in KiB; null where it could not be sampled. */
  treePeakRssKb: number | null;
  /** CPU time of the build and its descendants, in milliseconds; null where it could not be read. */
  treeCpuMs: number | null;
  timingsFile: string;
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Output kept of each stream, as spawnSync's `maxBuffer` had it: past it the build is stopped. */
const maxOutputBytes = 64 * 1024 * 1024;

/**
 * One `npm run build`, as a child process, timed from spawn to exit, with the peak RSS of its
 * process tree (the build and the processes it starts) sampled meanwhile, and the tree's CPU time:
 * the bench runs one build at a time, so the CPU time of the children it waited for grows by the
 * build's alone.
 */
function build(content: string, output: string, timingsFile: string, root = projectRoot): Promise<BuildResult> {
  return new Promise((resolve) => {
    const cpuBefore = ownReapedChildrenCpuMs();
    const started = performance.now();
    const child = spawn(process.execPath, [...buildScriptArguments(packageScript("build", root)), "--content", content, "--output", output], {
      cwd: root,
      env: { ...process.env, [timingsFileVariable]: timingsFile, ...cacheFolders(path.dirname(timingsFile)) },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const watch = child.pid === undefined ? { stop: () => null } : watchProcessTreeRss(child.pid, treeSampleMs);
    let wallMs: number | undefined;
    let treePeakRssKb: number | null = null;
    let failure: Error | undefined;
    const collected = { stdout: [] as Buffer[], stderr: [] as Buffer[] };
    const bytes = { stdout: 0, stderr: 0 };
    for (const name of ["stdout", "stderr"] as const) {
      child[name].on("data", (chunk: Buffer) => {
        if (failure) return;
        bytes[name] += chunk.length;
        if (bytes[name] > maxOutputBytes) {
          failure = new Error(`${name} maxBuffer length exceeded`);
          child.kill("SIGTERM");
          chunk = chunk.subarray(0, chunk.length - (bytes[name] - maxOutputBytes));
        }
        collected[name].push(chunk);
      });
    }
    const exited = () => {
      if (wallMs !== undefined) return;
      wallMs = performance.now() - started;
      treePeakRssKb = watch.stop();
    };
    child.on("exit", exited);
    let settled = false;
    const settle = (status: number | null, signal: NodeJS.Signals | null) => {
      if (settled) return;
      settled = true;
      exited();
      const cpuAfter = ownReapedChildrenCpuMs();
      resolve({
        ok: status === 0 && !failure,
        wallMs: wallMs as number,
        treePeakRssKb,
        treeCpuMs: cpuBefore === undefined || cpuAfter === undefined ? null : Math.round(cpuAfter - cpuBefore),
        timingsFile,
        status,
        signal,
        stdout: Buffer.concat(collected.stdout).toString("utf8"),
        stderr: `${Buffer.concat(collected.stderr).toString("utf8")}${failure ? `\n${failure.message}` : ""}`,
      });
    };
    child.on("error", (error) => {
      failure ??= error;
      // Not started at all: no exit or close to wait for.
      if (child.pid === undefined) settle(null, null);
    });
    child.on("close", settle);
  });
}

/** Caches of encoded images, cards and formula images in the scratch folder, not the project's:
 *  the warm-up is a first build from nothing, the runs after it rebuilds with a warm cache. */
function cacheFolders(scratch: string): Record<string, string> {
  return {
    NEWSLETTER_IMAGE_CACHE: path.join(scratch, "cache/images"),
    NEWSLETTER_CARDS_CACHE: path.join(scratch, "cache/cards"),
    NEWSLETTER_MATHS_CACHE: path.join(scratch, "cache/maths"),
  };
}

/** Keeps the corpus for a look and says why the build failed. */
function fail(result: BuildResult, folder: string): void {
  const how = result.signal ? `was killed by ${result.signal}` : `exited with status ${result.status}`;
  console.error(`bench: the build ${how} after ${(result.wallMs / 1000).toFixed(2)} s; the corpus and output are kept in ${folder}`);
  console.error(`${result.stdout}${result.stderr}`.trim());
  process.exitCode = 1;
}

function log(line: string): void {
  console.log(line);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
});
