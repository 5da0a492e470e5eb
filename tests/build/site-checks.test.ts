// Every built site passes the site checker (valid HTML, no broken links, no inline code), and
// `npm run check` fails a broken site.
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, inject, test } from "vitest";
import { runSiteChecks } from "../../src/check/check-site.ts";
import { projectRoot, runBuild } from "../support/run-build.ts";
import { tinyPage, writeTinySite } from "../support/tiny-site.ts";

function htmlFileCount(site: string): number {
  return readdirSync(site, { recursive: true, encoding: "utf8" }).filter((file) => file.endsWith(".html")).length;
}

/** Runs `npm run check`'s script as a publisher would, as a child process. */
function runCheck(site: string) {
  return spawnSync(process.execPath, [path.join(projectRoot, "node_modules/tsx/dist/cli.mjs"), "src/cli/check.ts", "--site", site], {
    cwd: projectRoot,
    encoding: "utf8",
  });
}

describe("the real site", () => {
  const site = inject("realSite");

  test("passes every check, on every page", async () => {
    const report = await runSiteChecks(site);
    expect(report.problems).toEqual([]);
    expect(report.pagesChecked).toBe(htmlFileCount(site));
    expect(report.pagesChecked).toBeGreaterThan(20);
  });
});

describe("the edge-case fixture site", () => {
  let site: string;
  beforeAll(() => {
    const build = runBuild({ content: path.join(projectRoot, "tests/fixtures/sites/edge-cases/issues") });
    expect(build.status).toBe(0);
    site = build.output;
  });

  test("passes every check, on every page", async () => {
    const report = await runSiteChecks(site);
    expect(report.problems).toEqual([]);
    expect(report.pagesChecked).toBe(htmlFileCount(site));
    expect(report.pagesChecked).toBeGreaterThan(5);
  });
});

describe("npm run check", () => {
  test("exits 0 on a good site and says how many pages it checked with which rules", () => {
    const site = inject("realSite");
    const check = runCheck(site);
    expect(check.stderr).toBe("");
    expect(check.status).toBe(0);
    expect(check.stdout).toMatch(
      new RegExp(`^Checked ${htmlFileCount(site)} pages in .+ \\(valid-html, no-broken-links, no-inline-code, host-headers\\) in \\d+ ms: no problems\\.\\n$`),
    );
  });

  test("exits non-zero on a broken site, naming each problem's page, line and rule", () => {
    const site = writeTinySite({ "index.html": tinyPage('<a href="/gone/">gone</a>\n<p style="color: red">red</p>') });
    const check = runCheck(site);
    expect(check.status).toBe(1);
    expect(check.stdout).toContain('index.html:10  no-broken-links/missing-file  a[href] "/gone/": expected the file gone/index.html in the site, found none');
    expect(check.stdout).toContain("index.html:11  no-inline-code/style-attribute");
    expect(check.stdout).toMatch(/Checked 1 pages in .+: 3 problems\.\n$/);
  });

  test("exits non-zero when there is no site to check", () => {
    const check = runCheck(path.join(writeTinySite({}), "_site"));
    expect(check.status).toBe(1);
    expect(check.stderr).toContain("run npm run build first");
  });
});
