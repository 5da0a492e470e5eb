// A generated site of 63 issues across every series: paginated home, tag, series and date archives.
import path from "node:path";
import * as cheerio from "cheerio";
import { beforeAll, describe, expect, test } from "vitest";
import { runSiteChecks } from "../../src/check/check-site.ts";
import { writeFixtureCorpus } from "../support/fixture-corpus.ts";
import { runBuild, tempFolder, type BuildRun } from "../support/run-build.ts";
import { loadPage, pageExists } from "../support/site.ts";

const issueCount = 63;
let build: BuildRun;

beforeAll(() => {
  const content = path.join(tempFolder("archives-"), "issues");
  writeFixtureCorpus(content, issueCount);
  build = runBuild({ content });
  expect(build.stderr).toBe("");
  expect(build.status).toBe(0);
});

/** Follows an archive's `rel="next"` links from its first page, collecting the issue links of every page. */
function walkArchive(firstHref: string): { pages: cheerio.CheerioAPI[]; issues: string[] } {
  const pages: cheerio.CheerioAPI[] = [];
  const issues: string[] = [];
  for (let href: string | undefined = firstHref; href; ) {
    const $ = loadPage(build.output, href);
    pages.push($);
    issues.push(...$(".issue-card h2 a").map((_, a) => $(a).attr("href")).get());
    href = $('.archive-pager a[rel="next"]').attr("href");
    expect(pages.length).toBeLessThan(100);
  }
  return { pages, issues };
}

function issueDates(urls: readonly string[]): string[] {
  return urls.map((url) => loadPage(build.output, url)(".issue-meta time").attr("datetime") ?? "");
}

describe("home archive", () => {
  test("every issue appears on exactly one page, newest first, ten a page", () => {
    const { pages, issues } = walkArchive("/");
    expect(pages).toHaveLength(7);
    expect(issues).toHaveLength(issueCount);
    expect(new Set(issues).size).toBe(issueCount);
    const dates = issueDates(issues);
    expect(dates).toEqual([...dates].sort().reverse());
    expect(pages[0]?.(".issue-card")).toHaveLength(10);
    expect(pages[6]?.(".issue-card")).toHaveLength(3);
  });

  test("each page says where it is and links first, previous, next and last", () => {
    const second = loadPage(build.output, "/page/2/");
    expect(second(".archive-position").text()).toContain("Page 2 of 7");
    expect(second('.archive-pager a[rel="prev"]').attr("href")).toBe("/");
    expect(second('.archive-pager a[rel="next"]').attr("href")).toBe("/page/3/");
    expect(second(".archive-pager a").filter((_, a) => second(a).text() === "Last").attr("href")).toBe("/page/7/");
    expect(second('link[rel="prev"]').attr("href")).toBe("/");
    expect(second('link[rel="next"]').attr("href")).toBe("/page/3/");
  });

  test("the first page has no previous and the last no next", () => {
    const first = loadPage(build.output, "/");
    const last = loadPage(build.output, "/page/7/");
    expect(first('[rel="prev"]')).toHaveLength(0);
    expect(last('[rel="next"]')).toHaveLength(0);
    expect(pageExists(build.output, "/page/8/")).toBe(false);
  });
});

describe("tag archives", () => {
  const tagIndex = () => loadPage(build.output, "/tags/");

  const tagLinks = ($: cheerio.CheerioAPI) => $("main .tag-index a").map((_, a) => $(a).attr("href") ?? "").get();

  test("the tag index lists every tag once with its count, the most used first", () => {
    const $ = tagIndex();
    const counts = $("main .tag-index li").map((_, li) => Number(/\((\d+)\)/.exec($(li).text())?.[1])).get();
    expect(counts.length).toBeGreaterThan(5);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    expect(new Set(tagLinks($)).size).toBe(counts.length);
  });

  test("its A to Z page lists the same tags once each, by name under their initials, each initial a jump link", () => {
    const byCount = tagLinks(tagIndex());
    const $ = loadPage(build.output, "/tags/_a-z/");
    const links = tagLinks($);
    expect([...links].sort()).toEqual([...byCount].sort());
    expect(new Set(links).size).toBe(links.length);
    const names = $("main .tag-index a").map((_, a) => $(a).text()).get();
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, "en", { sensitivity: "base" })));
    const initials = $("main h2.tag-initial");
    expect(initials.length).toBeGreaterThan(1);
    expect($(".tag-initials a").map((_, a) => $(a).attr("href")).get()).toEqual(initials.map((_, h2) => `#${$(h2).attr("id")}`).get());
  });

  test("a sort switch without JavaScript: both orders link each other, the current one marked", () => {
    for (const [url, other] of [["/tags/", "/tags/_a-z/"], ["/tags/_a-z/", "/tags/"]] as const) {
      const $ = loadPage(build.output, url);
      const sort = $("nav.tag-sort");
      expect(sort.find('a[aria-current="page"]').attr("href"), url).toBe(url);
      expect(sort.find(`a[href="${other}"]`).attr("aria-current"), url).toBeUndefined();
    }
  });

  test("each tag archive holds exactly the issues carrying that tag, across its pages, in order", () => {
    const $ = tagIndex();
    const tags = $("main .tag-index li a").map((_, a) => ({ href: $(a).attr("href") ?? "", count: Number(/\((\d+)\)/.exec($(a).parent().text())?.[1]) })).get();
    expect(tags.length).toBeGreaterThan(5);
    for (const { href, count } of tags) {
      const { issues } = walkArchive(href);
      expect(issues, href).toHaveLength(count);
      const slug = href.split("/")[2];
      for (const url of issues) {
        const page = loadPage(build.output, url);
        expect(page(`.issue-header .tag-list a[href="/tags/${slug}/"]`).length, `${url} tagged ${slug}`).toBe(1);
      }
      const dates = issueDates(issues);
      expect(dates).toEqual([...dates].sort().reverse());
    }
  });

  test("tags that differ only in case or # are one archive with the display name", () => {
    const $ = loadPage(build.output, "/tags/transformers/");
    expect($("h1").text()).toBe("Tagged “Transformers”");
    expect(pageExists(build.output, "/tags/benchmarks/")).toBe(true);
    expect($(".archive-pager").length).toBe(1);
  });

  test("item hashtags list the item, linked to its heading inside the issue", () => {
    const { pages } = walkArchive("/tags/item-tag/");
    const links = pages.flatMap(($) => $(".issue-card__items a").map((_, a) => $(a).attr("href")).get());
    expect(links.length).toBeGreaterThan(5);
    for (const link of links) expect(link).toMatch(/^\/issues\/fixture-\d{3}\/#item-one-of-\d+$/);
    const performance = walkArchive("/tags/performance/").pages.flatMap(($) => $(".issue-card__items a").map((_, a) => $(a).attr("href")).get());
    for (const link of performance) expect(link).toMatch(/#item-two-of-\d+$/);
  });
});

describe("series and date archives", () => {
  test("a series archive is paginated with its description", () => {
    const { pages, issues } = walkArchive("/series/lab-notes/");
    expect(pages[0]?.(".page-intro").text()).toContain("research lab");
    // lab-notes is the fourth series; the generator deals series round-robin.
    expect(issues.length).toBe(Array.from({ length: issueCount }, (_, index) => index).filter((index) => index % 5 === 3).length);
    expect(pages.length).toBe(2);
  });

  test("an issue links to its series' previous and next issue as well as overall", () => {
    const $ = loadPage(build.output, "/issues/fixture-030/");
    const labels = $(".pager .pager__label").map((_, label) => $(label).text()).get();
    expect(labels).toEqual(expect.arrayContaining(["Previous issue", "Next issue"]));
    expect(labels.some((label) => label.startsWith("Previous in "))).toBe(true);
    expect(labels.some((label) => label.startsWith("Next in "))).toBe(true);
  });

  test("up to three related issues, sharing tags", () => {
    const $ = loadPage(build.output, "/issues/fixture-030/");
    expect($(".related li").length).toBe(3);
  });

  test("the date archive lists every issue by year and month, with a page per year", () => {
    const $ = loadPage(build.output, "/archive/");
    expect($(".month-list li").length).toBe(issueCount);
    const years = $(".archive-year h2 a").map((_, a) => $(a).attr("href")).get();
    expect(years[0]).toMatch(/^\/archive\/\d{4}\/$/);
    let total = 0;
    for (const href of years) total += loadPage(build.output, href)(".month-list li").length;
    expect(total).toBe(issueCount);
  });
});

test("every page of the generated site passes the site checks", async () => {
  const { problems, pagesChecked } = await runSiteChecks(build.output);
  expect(problems).toEqual([]);
  expect(pagesChecked).toBeGreaterThan(issueCount + 20);
});
