import { mkdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { checkSite, runSiteChecks } from "../../src/check/check-site.ts";
import { tempFolder } from "../support/run-build.ts";
import { tinyPage, writeTinySite } from "../support/tiny-site.ts";

describe("checkSite", () => {
  test("passes a good site and counts its pages", async () => {
    const site = writeTinySite({ "index.html": tinyPage('<a href="/about/#team">About</a>'), "about/index.html": tinyPage('<h1 id="team">Team</h1>') });
    expect(await runSiteChecks(site)).toEqual({ pagesChecked: 2, problems: [] });
  });

  test("reports every check's problems, by page and line", async () => {
    const site = writeTinySite({
      "index.html": tinyPage('<p>\n<a href="/gone/">gone</a>\n</p>'),
      "b/index.html": tinyPage('<p onclick="go()">\n<span id="x"></span><span id="x"></span>\n</p>'),
    });
    expect((await checkSite(site)).map(({ page, line, rule }) => ({ page, line, rule }))).toEqual([
      { page: "b/index.html", line: 10, rule: "no-inline-code/event-handler" },
      { page: "b/index.html", line: 11, rule: "valid-html/no-dup-id" },
      { page: "index.html", line: 11, rule: "no-broken-links/missing-file" },
    ]);
  });

  test("under a path prefix, links must carry the prefix: the base URL's path is the site's root", async () => {
    const site = writeTinySite({
      "index.html": tinyPage(
        ['<a href="/newsletter/about/#team">About</a>', '<a href="/about/">no prefix</a>', '<a href="https://example.org/newsletter/about/">absolute</a>'].join("\n"),
      ),
      "about/index.html": tinyPage('<h1 id="team">Team</h1>'),
    });
    const problems = await checkSite(site, { baseUrl: "https://example.org/newsletter/" });
    expect(problems.map(({ line, rule, message }) => ({ line, rule, message }))).toEqual([
      { line: 11, rule: "no-broken-links/missing-file", message: 'a[href] "/about/": expected a path inside the site\'s base URL https://example.org/newsletter/' },
    ]);
    expect((await checkSite(site, { baseUrl: "https://example.org/" })).map(({ message }) => message)).toEqual([
      'a[href] "/newsletter/about/#team": expected the file newsletter/about/index.html in the site, found none',
      'a[href] "https://example.org/newsletter/about/": expected the file newsletter/about/index.html in the site, found none',
    ]);
  });

  test("a folder without pages is a problem, so an empty site cannot pass", async () => {
    const site = tempFolder("empty-site-");
    mkdirSync(path.join(site, "assets"));
    expect(await runSiteChecks(site)).toEqual({
      pagesChecked: 0,
      problems: [{ page: ".", rule: "has-pages", message: `expected .html pages in ${site}, found none` }],
    });
  });

  test("a missing folder is an error that says to build first", async () => {
    await expect(checkSite(path.join(tempFolder("no-site-"), "_site"))).rejects.toThrow(/found no such folder \(run npm run build first\)/);
  });
});
