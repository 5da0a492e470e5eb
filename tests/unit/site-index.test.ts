import { describe, expect, test } from "vitest";
import type { Issue } from "../../src/model/issue.ts";
import type { Series } from "../../src/model/series.ts";
import { buildSiteIndex, type SiteIndex } from "../../src/model/site-index.ts";
import { issue } from "../support/issue-builder.ts";


const slugs = (issues: readonly Issue[] | undefined) => (issues ?? []).map((each) => each.slug);

const registry: readonly Series[] = [
  { id: "notes", title: "Notes", description: "Notes." },
  { id: "digest", title: "Digest", description: "Links." },
  { id: "dormant", title: "Dormant", description: "Nothing yet." },
];

// Given oldest first, with a shared day, so the index has to sort.
const issues = [
  issue("a", "2021-11-05", { tags: ["Bias"], seriesId: "notes" }),
  issue("b", "2021-12-24", { tags: ["vision"], seriesId: "digest" }),
  issue("d", "2022-01-15", { tags: ["bias", "vision"], seriesId: "notes" }),
  issue("c", "2022-01-15", { tags: ["#BIAS"], seriesId: "digest" }),
  issue("e", "2022-03-02", { seriesId: "digest" }),
];
const options = { pageSize: 2, homeDescription: "All the issues." };
const index = buildSiteIndex(issues, registry, options);

/** Everything in the index as URLs and slugs, to compare two indexes. */
function shape(built: SiteIndex) {
  return {
    issues: slugs(built.issues),
    neighbours: [...built.neighbours].map(([url, entry]) => [
      url,
      entry.newer?.slug,
      entry.older?.slug,
      entry.newerInSeries?.slug,
      entry.olderInSeries?.slug,
    ]),
    related: [...built.related].map(([url, list]) => [url, slugs(list)]),
    pages: built.archives.pages.map((page) => [page.key, page.href, page.documentTitle, page.items.map((entry) => entry.issue.slug)]),
    tags: built.archives.tags,
    series: built.archives.series,
    years: built.years.map((year) => [year.year, year.count, year.months.map((month) => [month.key, slugs(month.issues)])]),
  };
}

describe("buildSiteIndex", () => {
  test("lists issues newest first, same-day issues by URL", () => {
    expect(slugs(index.issues)).toEqual(["e", "c", "d", "b", "a"]);
  });

  test("leaves the input list alone", () => {
    expect(slugs(issues)).toEqual(["a", "b", "d", "c", "e"]);
  });

  test.each([
    // url, newer, older, newer in series, older in series
    ["/issues/e/", undefined, "c", undefined, "c"],
    ["/issues/c/", "e", "d", "e", "b"],
    ["/issues/d/", "c", "b", undefined, "a"],
    ["/issues/b/", "d", "a", "c", undefined],
    ["/issues/a/", "b", undefined, "d", undefined],
  ])("neighbours of %s follow the sorted list", (url, newer, older, newerInSeries, olderInSeries) => {
    const entry = index.neighbours.get(url);
    expect([entry?.newer?.slug, entry?.older?.slug, entry?.newerInSeries?.slug, entry?.olderInSeries?.slug]).toEqual([
      newer,
      older,
      newerInSeries,
      olderInSeries,
    ]);
  });

  test.each([
    ["/issues/d/", ["a", "c", "b"]],
    ["/issues/c/", ["d", "a", "b"]],
    ["/issues/e/", ["c", "b", "d"]],
  ])("related issues of %s are %j", (url, expected) => {
    expect(slugs(index.related.get(url))).toEqual(expected);
  });

  test("every issue has neighbours and related issues", () => {
    const urls = slugs(index.issues).map((slug) => `/issues/${slug}/`);
    expect([...index.neighbours.keys()]).toEqual(urls);
    expect([...index.related.keys()]).toEqual(urls);
  });

  test("archives use the page size and home description it was given", () => {
    const home = index.archives.pages.filter((page) => page.kind === "home");
    expect(home.map((page) => page.items.map((entry) => entry.issue.slug))).toEqual([["e", "c"], ["d", "b"], ["a"]]);
    expect(home.every((page) => page.description === "All the issues.")).toBe(true);
    expect(home.map((page) => page.documentTitle)).toEqual(["", "Latest issues, page 2 of 3", "Latest issues, page 3 of 3"]);
  });

  test("tag and series archives come from the sorted issues and the registry", () => {
    expect(index.archives.tags.map((tag) => [tag.slug, tag.name, tag.count])).toEqual([
      ["bias", "BIAS", 3],
      ["vision", "vision", 2],
    ]);
    const biasPages = index.archives.pages.filter((page) => page.key === "tag:bias");
    expect(biasPages.map((page) => page.items.map((entry) => entry.issue.slug))).toEqual([["c", "d"], ["a"]]);
    expect(index.archives.series.map((series) => [series.id, series.count])).toEqual([
      ["notes", 2],
      ["digest", 3],
      ["dormant", 0],
    ]);
  });

  test("years and months, newest first", () => {
    expect(index.years.map((year) => [year.year, year.count, year.months.map((month) => [month.key, slugs(month.issues)])])).toEqual([
      [2022, 3, [["2022-03", ["e"]], ["2022-01", ["c", "d"]]]],
      [2021, 2, [["2021-12", ["b"]], ["2021-11", ["a"]]]],
    ]);
  });

  test.each([
    ["reversed", [...issues].reverse()],
    ["newest first", [issues[4], issues[3], issues[2], issues[1], issues[0]]],
    ["same-day issues swapped", [issues[0], issues[1], issues[3], issues[2], issues[4]]],
    ["shuffled", [issues[2], issues[4], issues[0], issues[3], issues[1]]],
  ])("does not depend on the order issues are given in (%s)", (_, order) => {
    const given = order.filter((each): each is Issue => each !== undefined);
    expect(given).toHaveLength(issues.length);
    expect(shape(buildSiteIndex(given, registry, options))).toEqual(shape(index));
  });

  test("an empty site has one empty home page and empty series pages", () => {
    const empty = buildSiteIndex([], registry, options);
    expect(empty.issues).toEqual([]);
    expect(empty.neighbours.size).toBe(0);
    expect(empty.related.size).toBe(0);
    expect(empty.years).toEqual([]);
    expect(empty.archives.pages.map((page) => [page.key, page.items.length])).toEqual([
      ["home", 0],
      ["series:notes", 0],
      ["series:digest", 0],
      ["series:dormant", 0],
    ]);
  });
});
