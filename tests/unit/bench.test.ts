import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, onTestFinished, test } from "vitest";
import { parseFlags, required } from "../../src/bench/args.ts";
import { assetLines, median, peakRss, phaseLine, resultFileName, summariseRuns, summaryLine, type RunFigures } from "../../src/bench/bench-stats.ts";
import { generateCorpus, writeCorpus } from "../../src/bench/corpus.ts";
import { PhaseTimings, phaseOfPlugin, timingsFileVariable, type BuildTimings } from "../../src/bench/phase-timings.ts";
import { runBuild } from "../support/run-build.ts";

describe("parseFlags", () => {
  const spec = { issues: "count", runs: "count", seed: "seed", out: "folder", replace: "switch" } as const;

  test("reads --flag value, --flag=value and switches", () => {
    expect(parseFlags("bench", ["--issues", "1000", "--runs=5", "--seed", "0", "--out", "x/y", "--replace"], spec)).toEqual({
      issues: 1000,
      runs: 5,
      seed: 0,
      out: "x/y",
      replace: true,
    });
    expect(parseFlags("bench", [], spec)).toEqual({});
  });

  test.each([
    [["--issues", "0"], 'bench: --issues: expected a whole number of 1 or more, got "0"'],
    [["--issues", "1e3"], 'bench: --issues: expected a whole number of 1 or more, got "1e3"'],
    [["--issues"], "bench: --issues: expected a whole number of 1 or more, got nothing"],
    [["--issues", "--runs", "2"], "bench: --issues: expected a whole number of 1 or more, got nothing"],
    [["--seed", "4294967296"], 'bench: --seed: expected a whole number from 0 to 4294967295, got "4294967296"'],
    [["--replace=yes"], 'bench: --replace: expected no value, got "yes"'],
    [["--isues", "3"], 'bench: expected one of --issues, --runs, --seed, --out, --replace, got "--isues"'],
    [["3"], 'bench: expected one of --issues, --runs, --seed, --out, --replace, got "3"'],
  ])("%j is an error", (argv, message) => {
    expect(() => parseFlags("bench", argv, spec)).toThrow(message);
  });

  test("required flags say which is missing", () => {
    expect(required("corpus", "--out DIR", "a")).toBe("a");
    expect(() => required("corpus", "--out DIR", undefined)).toThrow("corpus: expected --out DIR, got nothing");
  });
});

describe("bench figures", () => {
  const run = (
    wallMs: number,
    phases: Record<string, number>,
    maxRssKb: number,
    pages = 4012,
    treePeakRssKb: number | null = maxRssKb + 1_000_000,
    treeCpuMs: number | null = null,
  ): RunFigures => ({
    wallMs,
    phasesMs: phases,
    pages,
    maxRssKb,
    treePeakRssKb,
    cpuMs: wallMs - 200,
    treeCpuMs,
  });
  const runs = [
    run(10_100, { total: 10_000, startup: 300, eleventy: 9000, validation: 1200, styles: 300, searchIndex: 0 }, 700_000),
    run(9_700, { total: 9_600, startup: 280, eleventy: 8600, validation: 1100, styles: 290, searchIndex: 0 }, 831_488),
    run(9_810, { total: 9_700, startup: 290, eleventy: 8700, validation: 1150, styles: 310, searchIndex: 0 }, 800_000),
  ];

  test("median of odd and even counts", () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(() => median([])).toThrow();
  });

  test("summarises runs: median, min and max wall time, median phases, peak memory, ms per issue", () => {
    const summary = summariseRuns(1000, runs, 2);
    expect(summary).toMatchObject({
      issues: 1000,
      runs: 3,
      medianWallMs: 9810,
      minWallMs: 9700,
      maxWallMs: 10_100,
      pages: 4012,
      pagesVaried: false,
      peakRssKb: 831_488,
      peakTreeRssKb: 1_831_488,
      msPerIssue: 9.81,
      medianCpuMs: 9610,
      medianTreeCpuMs: null,
      cores: 2,
      cpuBoundWallMs: null,
    });
    expect(summary.medianPhasesMs).toEqual({ total: 9700, startup: 290, eleventy: 8700, validation: 1150, styles: 300, searchIndex: 0 });
  });

  test("the summary line", () => {
    expect(summaryLine(summariseRuns(1000, runs, 2))).toBe(
      "bench: 1000 issues, 3 runs: median 9.81 s (min 9.70, max 10.10), 9.8 ms/issue, peak RSS 812 MiB (build process), 1,789 MiB (with the search indexer), 4012 pages",
    );
    expect(summaryLine(summariseRuns(10, [run(500, {}, 1024, 30), run(600, {}, 1024, 31)], 2))).toBe(
      "bench: 10 issues, 2 runs: median 0.55 s (min 0.50, max 0.60), 55.0 ms/issue, peak RSS 1 MiB (build process), 978 MiB (with the search indexer), 31 pages (varied between runs)",
    );
  });

  test("the process tree's peak is the highest of the runs, its own figure apart from the build process's", () => {
    const summary = summariseRuns(10, [run(500, {}, 3_000_000, 30, 3_100_000), run(600, {}, 1_000_000, 30, 3_737_600)], 2);
    expect(summary.peakRssKb).toBe(3_000_000);
    expect(summary.peakTreeRssKb).toBe(3_737_600);
    expect(summaryLine(summary)).toContain(", peak RSS 2,930 MiB (build process), 3,650 MiB (with the search indexer), 30 pages");
  });

  test("without a process tree figure for every run, the summary says the search indexer was not measured", () => {
    const unmeasured = summariseRuns(10, [run(500, {}, 2048, 30, null), run(600, {}, 1024, 30, 900_000)], 2);
    expect(unmeasured.peakTreeRssKb).toBeNull();
    expect(unmeasured.peakRssKb).toBe(2048);
    expect(summaryLine(unmeasured)).toBe(
      "bench: 10 issues, 2 runs: median 0.55 s (min 0.50, max 0.60), 55.0 ms/issue, peak RSS 2 MiB (build process), not measured with the search indexer, 30 pages",
    );
    expect(peakRss(1024, null)).toBe("peak RSS 1 MiB (build process), not measured with the search indexer");
    expect(peakRss(1_938_432, 3_737_600)).toBe("peak RSS 1,893 MiB (build process), 3,650 MiB (with the search indexer)");
    expect(JSON.parse(JSON.stringify(unmeasured)).peakTreeRssKb).toBeNull();
  });

  test("the phase line splits the Eleventy write into hooks and the rest, and shows the search index after it", () => {
    expect(phaseLine(summariseRuns(1000, runs, 2))).toBe(
      "bench: median phases (s): startup 0.29, eleventy 8.70 (validation 1.15, styles 0.30, render+write 7.25), searchIndex 0.00, other 0.71, total 9.70, cpu 9.61",
    );
    const indexed = [run(10_000, { total: 9_900, startup: 300, eleventy: 8000, validation: 1000, styles: 300, searchIndex: 1200 }, 1)];
    expect(phaseLine(summariseRuns(1000, indexed, 2))).toBe(
      "bench: median phases (s): startup 0.30, eleventy 8.00 (validation 1.00, styles 0.30, render+write 6.70), searchIndex 1.20, other 0.40, total 9.90, cpu 9.80",
    );
    const overlapped = [run(10_000, { total: 9_900, startup: 300, eleventy: 8000, validation: 1000, styles: 300, searchIndex: 1200, searchIndexAhead: 2500 }, 1)];
    expect(phaseLine(summariseRuns(1000, overlapped, 2))).toBe(
      "bench: median phases (s): startup 0.30, eleventy 8.00 (validation 1.00, styles 0.30, render+write 6.70), searchIndex 1.20 (and 2.50 alongside Eleventy), other 0.40, total 9.90, cpu 9.80",
    );
  });

  test("the whole build's CPU time, and the least wall time it allows on the machine's cores", () => {
    const phases = { total: 20_000, startup: 500, eleventy: 13_000, validation: 1500, styles: 300, searchIndex: 7000, searchIndexAhead: 2500 };
    const measured = [run(22_000, phases, 1, 7252, 2, 40_100), run(21_500, phases, 1, 7252, 2, 39_900), run(23_000, phases, 1, 7252, 2, 41_000)];
    const summary = summariseRuns(4000, measured, 2);
    expect(summary).toMatchObject({ medianTreeCpuMs: 40_100, cores: 2, cpuBoundWallMs: 20_050 });
    expect(phaseLine(summary)).toMatch(/, cpu 21\.80 \(whole build 40\.10: at least 20\.05 of wall time on 2 cores\)$/);
    expect(phaseLine(summariseRuns(4000, measured, 1))).toMatch(/\(whole build 40\.10: at least 40\.10 of wall time on 1 core\)$/);
    // One run without the figure: no median of the others passed off as the whole.
    const partly = summariseRuns(4000, [...measured, run(22_000, phases, 1, 7252, 2, null)], 2);
    expect(partly).toMatchObject({ medianTreeCpuMs: null, cpuBoundWallMs: null });
    expect(phaseLine(partly)).toMatch(/, cpu 21\.80$/);
  });

  test("result files are named after the command, never the date", () => {
    expect(resultFileName({ issues: 1000, runs: 3, seed: 1 })).toBe("issues-1000-runs-3.json");
    expect(resultFileName({ issues: 4000, runs: 1, seed: 7 })).toBe("issues-4000-runs-1-seed-7.json");
  });
});

describe("assetLines", () => {
  test("keeps the lines about images, cards and formula images, and nothing else", () => {
    const stdout = [
      "Formula images: 5 rendered, 0 from the cache, in 0.1 s.",
      "Images: 3 encoded in 1.2 s, 1 from the cache (.cache/images), 20 files in img/",
      "Social cards: 11 drawn, 0 from the cache, in 2.3 s.",
      "Built 85 pages from issues into _site in 5.97 s.",
      "Images are nice",
    ].join("\n");
    expect(assetLines(stdout)).toEqual(stdout.split("\n").slice(0, 3));
  });
});

describe("PhaseTimings", () => {
  test("is off unless NEWSLETTER_TIMINGS_FILE is set", () => {
    expect(timingsFileVariable).toBe("NEWSLETTER_TIMINGS_FILE");
    expect(PhaseTimings.fromEnvironment({})).toBeUndefined();
    expect(PhaseTimings.fromEnvironment({ NEWSLETTER_TIMINGS_FILE: "t.json" })?.file).toBe(path.resolve("t.json"));
  });

  test("plugins map to phases by name", () => {
    expect(phaseOfPlugin("issuesPlugin")).toBe("validation");
    expect(phaseOfPlugin("stylesPlugin")).toBe("styles");
    expect(phaseOfPlugin("mathStylesPlugin")).toBe("styles");
    expect(phaseOfPlugin("searchIndexPlugin")).toBe("searchIndex");
    expect(phaseOfPlugin("filtersPlugin")).toBe("otherHooks");
    expect(phaseOfPlugin(undefined)).toBe("otherHooks");
  });

  test("times each hook under the plugin that registered it, keeping plugins' names and options", async () => {
    const listeners: [string, (...args: unknown[]) => unknown][] = [];
    const added: unknown[] = [];
    let mode = "parallel";
    const config = {
      addPlugin(plugin: unknown) {
        added.push(plugin);
        (plugin as (config: unknown) => void)(config);
      },
      on(event: string, listener: (...args: unknown[]) => unknown) {
        listeners.push([event, listener]);
      },
      setEventEmitterMode(value: string) {
        mode = value;
      },
    };
    const timings = new PhaseTimings("unused.json");
    timings.instrument(config);
    expect(mode).toBe("sequential");

    const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    function issuesPlugin(eleventyConfig: typeof config) {
      eleventyConfig.on("eleventy.before", async () => wait(30));
    }
    function stylesPlugin(eleventyConfig: typeof config) {
      eleventyConfig.on("eleventy.before", () => "compiled");
      eleventyConfig.on("eleventy.after", async () => wait(10));
    }
    Object.defineProperty(stylesPlugin, "eleventyPluginOptions", { value: { unique: true } });
    config.addPlugin(issuesPlugin);
    config.addPlugin(stylesPlugin);
    config.on("eleventy.after", () => undefined);

    expect(added.map((plugin) => (plugin as { name: string }).name)).toEqual(["issuesPlugin", "stylesPlugin"]);
    expect((added[1] as { eleventyPluginOptions?: unknown }).eleventyPluginOptions).toEqual({ unique: true });
    const results = [];
    for (const [, listener] of listeners) results.push(await listener());
    expect(results).toEqual([undefined, "compiled", undefined, undefined]);
    await timings.eleventy(async () => wait(5));

    const result = timings.result(12);
    expect(Object.keys(result.hooksMs)).toEqual([
      "issuesPlugin eleventy.before",
      "stylesPlugin eleventy.before",
      "stylesPlugin eleventy.after",
      "anonymous eleventy.after",
    ]);
    expect(result.phasesMs.validation).toBeGreaterThanOrEqual(25);
    expect(result.phasesMs.styles).toBeGreaterThanOrEqual(8);
    expect(result.phasesMs.searchIndex).toBe(0);
    expect(result.phasesMs.searchIndexAhead).toBe(0);
    expect(result.phasesMs.eleventy).toBeGreaterThanOrEqual(4);
    expect(result.phasesMs.total).toBeGreaterThan(result.phasesMs.startup);
    expect(result.pages).toBe(12);
    expect(result.maxRssKb).toBeGreaterThan(1000);
    expect(result.cpuMs.user).toBeGreaterThan(0);
  });

  test("a hook's error reaches Eleventy unchanged, and its time still counts", async () => {
    let registered: ((...args: unknown[]) => unknown) | undefined;
    const config = {
      addPlugin: (plugin: unknown) => (plugin as (config: unknown) => void)(config),
      on: (_event: string, listener: (...args: unknown[]) => unknown) => {
        registered = listener;
      },
    };
    const timings = new PhaseTimings("unused.json");
    timings.instrument(config);
    const failure = new Error("Invalid issues (1 problem)");
    config.addPlugin(function issuesPlugin(eleventyConfig: typeof config) {
      eleventyConfig.on("eleventy.before", () => {
        throw failure;
      });
    });
    await expect(registered?.()).rejects.toBe(failure);
    expect(Object.keys(timings.result(0).hooksMs)).toEqual(["issuesPlugin eleventy.before"]);
  });
});

describe("PhaseTimings of a search index started while Eleventy writes", () => {
  test("counts how long it ran alongside Eleventy apart from the wait after", async () => {
    const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    const timings = new PhaseTimings("unused.json");
    let indexing: Promise<unknown> = Promise.resolve();
    await timings.eleventy(async () => {
      await wait(5);
      timings.searchIndexStarted();
      indexing = wait(60);
      await wait(40);
    });
    await timings.searchIndex(() => indexing);
    const { phasesMs } = timings.result(1);
    expect(phasesMs.searchIndexAhead).toBeGreaterThanOrEqual(35);
    expect(phasesMs.searchIndexAhead).toBeLessThan(phasesMs.eleventy);
    // Together, the index's whole time: started 45 ms into a write of at least 45, it ran 60.
    expect(phasesMs.searchIndexAhead + phasesMs.searchIndex).toBeGreaterThanOrEqual(55);
  });
});

describe("PhaseTimings across processes", () => {
  test("the peak memory is the largest process's, and the CPU time is summed over the processes", () => {
    const build = new PhaseTimings("unused.json");
    const own = PhaseTimings.processUsage();
    const eleventy = { maxRssKb: own.maxRssKb + 500_000, userMs: 7_000, systemMs: 2_000 };
    build.addProcess(eleventy);
    const { maxRssKb, cpuMs } = build.result(0);
    expect(maxRssKb).toBe(eleventy.maxRssKb);
    expect(cpuMs.user).toBeGreaterThanOrEqual(own.userMs + 7_000 - 0.1);
    expect(cpuMs.system).toBeGreaterThanOrEqual(own.systemMs + 2_000 - 0.1);

    const small = new PhaseTimings("unused.json");
    small.addProcess({ maxRssKb: 1, userMs: 0, systemMs: 0 });
    expect(small.result(0).maxRssKb).toBe(process.resourceUsage().maxRSS);
  });

  test("hooks timed in the render process count in the build's phases, added to its own", () => {
    const render = new PhaseTimings("");
    render.addHooks([
      { key: "issuesPlugin eleventy.before", phase: "validation", ms: 120 },
      { key: "stylesPlugin eleventy.before", phase: "styles", ms: 30 },
    ]);
    const build = new PhaseTimings("unused.json");
    build.addHooks(render.hookFigures());
    build.addHooks([{ key: "issuesPlugin eleventy.before", phase: "validation", ms: 5 }]);
    const { phasesMs, hooksMs } = build.result(0);
    expect(hooksMs).toEqual({ "issuesPlugin eleventy.before": 125, "stylesPlugin eleventy.before": 30 });
    expect(phasesMs.validation).toBe(125);
    expect(phasesMs.styles).toBe(30);
  });
});

describe("npm run build with NEWSLETTER_TIMINGS_FILE", () => {
  test("writes the phase timings and the same site as without them", async () => {
    const scratch = await mkdtemp(path.join(tmpdir(), "newsletter-bench-test-"));
    onTestFinished(() => rm(scratch, { recursive: true, force: true }));
    const content = path.join(scratch, "corpus");
    await writeCorpus(content, generateCorpus({ issues: 12, seed: 4 }));
    const timingsFile = path.join(scratch, "timings.json");

    const timed = runBuild({ content, output: path.join(scratch, "timed"), env: { [timingsFileVariable]: timingsFile } });
    expect(timed.stderr).toBe("");
    expect(timed.status).toBe(0);
    // The corpus has figures, so the build also says what it encoded and drew, then what it built.
    const lines = timed.stdout.trimEnd().split("\n");
    expect(lines.at(-1)).toMatch(/^Built \d+ pages from .+ in [\d.]+ s\.$/);
    expect(assetLines(timed.stdout)).toEqual(lines.slice(0, -1));
    expect(assetLines(timed.stdout).map((line) => line.split(":")[0])).toEqual(expect.arrayContaining(["Images", "Social cards"]));
    const timings = JSON.parse(await readFile(timingsFile, "utf8")) as BuildTimings;
    expect(timings.pages).toBe(Number(/Built (\d+) pages/.exec(timed.stdout)?.[1]));
    expect(timings.pages).toBeGreaterThan(12);
    expect(timings.maxRssKb).toBeGreaterThan(50_000);
    expect(timings.cpuMs.user + timings.cpuMs.system).toBeGreaterThan(500);
    const { phasesMs } = timings;
    expect(phasesMs.validation).toBeGreaterThan(0);
    expect(phasesMs.styles).toBeGreaterThan(0);
    expect(phasesMs.searchIndex).toBeGreaterThan(0);
    // Pagefind started once the issue pages were written, before Eleventy's process ended.
    expect(phasesMs.searchIndexAhead).toBeGreaterThan(0);
    expect(phasesMs.searchIndexAhead).toBeLessThan(phasesMs.eleventy);
    expect(phasesMs.eleventy).toBeGreaterThan(phasesMs.validation + phasesMs.styles);
    expect(phasesMs.total).toBeGreaterThan(phasesMs.startup + phasesMs.eleventy + phasesMs.searchIndex);

    const plain = runBuild({ content, output: path.join(scratch, "plain") });
    expect(plain.status).toBe(0);
    const files = async (folder: string) => (await readdir(folder, { recursive: true })).sort();
    const timedFiles = await files(timed.output);
    expect(await files(plain.output)).toEqual(timedFiles);
    for (const file of timedFiles.filter((name) => name.endsWith(".html") || name.endsWith(".css"))) {
      expect(await readFile(path.join(plain.output, file), "utf8")).toBe(await readFile(path.join(timed.output, file), "utf8"));
    }
  });
});
