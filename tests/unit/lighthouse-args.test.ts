import { describe, expect, test } from "vitest";
import { parseLighthouseArgs } from "../../src/cli/lighthouse-args.ts";
import { formatLighthouseTable, formatShortfalls, scoreText, type AuditRow } from "../../src/cli/lighthouse-report.ts";

describe("parseLighthouseArgs", () => {
  test.each([
    { argv: [], env: {}, expected: { dir: "_site", chromePath: "/usr/bin/chromium" } },
    { argv: ["--dir", "out"], env: {}, expected: { dir: "out", chromePath: "/usr/bin/chromium" } },
    { argv: ["--dir=out", "--chrome=/opt/chrome"], env: { CHROME_PATH: "/env/chrome" }, expected: { dir: "out", chromePath: "/opt/chrome" } },
    { argv: [], env: { CHROME_PATH: "/env/chrome" }, expected: { dir: "_site", chromePath: "/env/chrome" } },
  ])("$argv with $env", ({ argv, env, expected }) => {
    expect(parseLighthouseArgs(argv, env)).toEqual(expected);
  });

  test.each([
    { argv: ["--port", "8080"], message: 'lighthouse: expected --dir DIR or --chrome PATH, got "--port"' },
    { argv: ["_site"], message: 'lighthouse: expected --dir DIR or --chrome PATH, got "_site"' },
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
