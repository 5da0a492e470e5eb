// Drafts and future-dated issues: absent from every file of a production build, present with a
// visible "Draft" mark in a build of Eleventy's serve mode (`npm start`).
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, test } from "vitest";
import { runSiteChecks } from "../../src/check/check-site.ts";
import { projectRoot, runBuild, runServeModeBuild, type BuildRun } from "../support/run-build.ts";
import { loadPage, pageExists } from "../support/site.ts";

const content = path.join(projectRoot, "tests/fixtures/sites/drafts/issues");
// The fixture's scheduled issue is dated 2022-04-01, after this day; its draft is dated before it.
const env = { BUILD_DATE: "2022-03-15" };

/** Words that appear only in the unpublished issues: their titles, slugs, tags and body text. */
const unpublishedMarkers = [
  "Unfinished draft",
  "unfinished-draft",
  "draft-only-tag",
  "draft only tag",
  "draft-item-tag",
  "must not leak",
  "Scheduled issue",
  "scheduled-issue",
  "future-only-tag",
  "future only tag",
];

function siteFiles(site: string): string[] {
  return readdirSync(site, { recursive: true, encoding: "utf8" }).filter((file) => !file.startsWith("assets/fonts/") && /\.\w+$/.test(file));
}

describe("a production build", () => {
  let build: BuildRun;
  beforeAll(() => {
    build = runBuild({ content, env });
    expect(build.stderr).toBe("");
    expect(build.status).toBe(0);
  });

  test("has no trace of a draft or a future-dated issue in any file: pages, archives, feeds, sitemap", () => {
    const files = siteFiles(build.output);
    expect(files).toEqual(expect.arrayContaining(["index.html", "feed.xml", "rss.xml", "feed.json", "sitemap.xml", "tags/shared-tag/index.html"]));
    for (const file of files) {
      const text = readFileSync(path.join(build.output, file), "utf8");
      for (const marker of unpublishedMarkers) expect(text.includes(marker), `${file} mentions "${marker}"`).toBe(false);
    }
    expect(files.filter((file) => file.startsWith("issues/"))).toEqual(["issues/published-notes/index.html"]);
  });

  test("shows the published issue without a Draft mark, and archives count only it", () => {
    const home = loadPage(build.output, "/");
    expect(home(".issue-card h2 a").map((_, a) => home(a).attr("href")).get()).toEqual(["/issues/published-notes/"]);
    expect(home(".draft-mark")).toHaveLength(0);
    expect(loadPage(build.output, "/tags/shared-tag/")(".archive-position").text()).toBe("1 issue");
    expect(pageExists(build.output, "/series/link-digest/feed.xml")).toBe(false);
    expect(pageExists(build.output, "/series/lab-notes/feed.xml")).toBe(true);
  });

  test("passes the site checks", async () => {
    expect((await runSiteChecks(build.output)).problems).toEqual([]);
  });
});

describe("a build in Eleventy's serve mode, as npm start runs it", () => {
  let build: BuildRun;
  beforeAll(() => {
    build = runServeModeBuild({ content, env });
    expect(build.stderr).toBe("");
    expect(build.status).toBe(0);
  });

  test.each([
    ["/issues/unfinished-draft/", "Unfinished draft", "Draft"],
    ["/issues/scheduled-issue/", "Scheduled issue", "Draft: scheduled for 1 April 2022"],
  ])("%s is built, with a visible Draft mark", (url, title, mark) => {
    const $ = loadPage(build.output, url);
    expect($("h1").text()).toBe(title);
    expect($(".issue-header .draft-mark").text()).toBe(mark);
  });

  test("archives list unpublished issues with their Draft mark, published ones without", () => {
    const home = loadPage(build.output, "/");
    const cards = home(".issue-card")
      .map((_, card) => ({ href: home(card).find("h2 a").attr("href"), mark: home(card).find(".draft-mark").text() }))
      .get();
    expect(cards).toEqual([
      { href: "/issues/scheduled-issue/", mark: "Draft: scheduled for 1 April 2022" },
      { href: "/issues/unfinished-draft/", mark: "Draft" },
      { href: "/issues/published-notes/", mark: "" },
    ]);
    expect(pageExists(build.output, "/tags/draft-only-tag/")).toBe(true);
    const dateArchive = loadPage(build.output, "/archive/");
    expect(dateArchive(".month-list .draft-mark")).toHaveLength(2);
  });
});
