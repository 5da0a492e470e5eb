import { describe, expect, test } from "vitest";
import { parseLighthouseArgs } from "../../src/cli/lighthouse-args.ts";
import { formatLighthouseTable, formatShortfalls, medianRows, scoreText, type AuditRow } from "../../src/cli/lighthouse-report.ts";

describe("parseLighthouseArgs", () => {
  test.each([
    { argv: [], env: {}, expected: { dir: "_site", chromePath: "/usr/bin/chromium", runs: 3 } },
    { argv: ["--dir", "out"], env: {}, expected: { dir: "out", chromePath: "/usr/bin/chromium", runs: 3 } },
    { argv: ["--dir=out", "--chrome=/opt/chrome"], env: { CHROME_PATH: "/env/chrome" }, expected: { dir: "out", chromePath: "/opt/chrome", runs: 3 } },
    { argv: [], env: { CHROME_PATH: "/env/chrome" }, expected: { dir: "_site", chromePath: "/env/chrome", runs: 3 } },
    { argv: ["--runs", "5"], env: {}, expected: { dir: "_site", chromePath: "/usr/bin/chromium", runs: 5 } },
    { argv: ["--runs=1"], env: {}, expected: { dir: "_site", chromePath: "/usr/bin/chromium", runs: 1 } },
  ])("$argv with $env", ({ argv, env, expected }) => {
    expect(parseLighthouseArgs(argv, env)).toEqual(expected);
  });

  test.each([
    { argv: ["--port", "8080"], message: 'lighthouse: expected --dir DIR, --chrome PATH or --runs N, got "--port"' },
    { argv: ["_site"], message: 'lighthouse: expected --dir DIR, --chrome PATH or --runs N, got "_site"' },
    { argv: ["--runs", "0"], message: 'lighthouse: --runs: expected a whole number from 1 to 99, got "0"' },
    { argv: ["--runs", "three"], message: 'lighthouse: --runs: expected a whole number from 1 to 99, got "three"' },
    { argv: ["--dir"], message: "lighthouse: --dir: expected a value, got nothing" },
    { argv: ["--dir", "--chrome", "x"], message: "lighthouse: --dir: expected a value, got nothing" },
  ])("rejects $argv", ({ argv, message }) => {
    expect(() => parseLighthouseArgs(argv)).toThrow(message);
  });
});

const row = (page: string, formFactor: AuditRow["formFactor"], scores: (number | null)[], shortfalls: string[] = []): AuditRow => ({
  page,
  formFactor,
  scores: { performance: scores[0] ?? null, accessibility: scores[1] ?? null, "best-practices": scores[2] ?? null, seo: scores[3] ?? null },
  shortfalls,
});

describe("the printed table", () => {
  test("scores read as Lighthouse shows them, rounded to whole numbers, a dash where it could not score", () => {
    expect([1, 0.985, 0.87, 0, null].map(scoreText)).toEqual(["100", "99", "87", "0", "–"]);
  });

  test("one row per page and form factor, the four categories as columns, lined up", () => {
    const table = formatLighthouseTable([row("home", "mobile", [1, 1, 1, 1]), row("search ?q=transformer", "desktop", [0.87, 1, null, 0.9])]);
    expect(table.split("\n")).toEqual([
      "Page                   Form factor  Performance  Accessibility  Best practices  SEO",
      "---------------------  -----------  -----------  -------------  --------------  ---",
      "home                   mobile               100            100             100  100",
      "search ?q=transformer  desktop               87            100               –   90",
    ]);
  });

  test("names what kept a run below 100, and nothing for a run that scored 100 throughout", () => {
    const rows = [row("home", "mobile", [1, 1, 1, 1]), row("search", "mobile", [0.89, 1, 1, 1], ["Cumulative Layout Shift (0.189)"])];
    expect(formatShortfalls(rows)).toEqual(["search, mobile: Cumulative Layout Shift (0.189)"]);
  });
});

describe("several runs", () => {
  test("one row per page and form factor, each category its median, the performance range beside it", () => {
    const rows = medianRows([
      row("home", "mobile", [0.97, 1, 1, 1], ["Total Blocking Time (240 ms)"]),
      row("home", "desktop", [1, 1, 1, 1]),
      row("home", "mobile", [1, 1, 1, 1]),
      row("home", "desktop", [1, 1, 1, 1]),
      row("home", "mobile", [0.99, 1, 0.96, 1], ["Total Blocking Time (150 ms)"]),
      row("home", "desktop", [1, 1, 1, 1]),
    ]);
    expect(rows.map((r) => [r.page, r.formFactor, r.scores.performance, r.scores["best-practices"], r.shortfalls])).toEqual([
      ["home", "mobile", 0.99, 1, ["Total Blocking Time (150 ms)"]],
      ["home", "desktop", 1, 1, []],
    ]);
    expect(formatLighthouseTable(rows).split("\n").slice(2)).toEqual([
      "home  mobile       99 (97–100 in 3 runs)            100             100  100",
      "home  desktop                        100            100             100  100",
    ]);
  });

  test("of an even count the lower middle, and a category no run could score stays unscored", () => {
    const [summary] = medianRows([row("search", "mobile", [0.9, 1, null, 1]), row("search", "mobile", [0.98, 1, null, 1])]);
    expect(summary?.scores).toEqual({ performance: 0.9, accessibility: 1, "best-practices": null, seo: 1 });
  });

  test("a single run is shown as it is, without a range", () => {
    const single = row("tag archive", "desktop", [0.98, 1, 1, 1]);
    expect(medianRows([single])).toEqual([single]);
  });
});
