import { describe, expect, test } from "vitest";
import {
  neighboursByUrl,
  sortIssuesNewestFirst,
} from "../../src/model/collections.ts";
import type { Issue } from "../../src/model/issue.ts";
import { issue } from "../support/issue-builder.ts";


const urls = (issues: readonly Issue[]) => issues.map((each) => each.url);

describe("sortIssuesNewestFirst", () => {
  test("puts the newest issue first", () => {
    const sorted = sortIssuesNewestFirst([
      issue("b", "2021-12-11"),
      issue("c", "2022-03-10"),
      issue("a", "2020-08-25"),
      issue("d", "2022-03-02"),
    ]);
    expect(urls(sorted)).toEqual(["/issues/c/", "/issues/d/", "/issues/b/", "/issues/a/"]);
  });

  const sameDay = [issue("beta", "2022-03-10"), issue("alpha", "2022-03-10"), issue("gamma", "2022-03-10")];
  test.each([
    [[0, 1, 2]],
    [[2, 1, 0]],
    [[1, 2, 0]],
  ])("issues of the same day come out in URL order whatever the input order (%j)", (order) => {
    const input = order.map((index) => sameDay[index]).filter((each): each is Issue => each !== undefined);
    expect(urls(sortIssuesNewestFirst([issue("new", "2022-03-11"), ...input, issue("old", "2022-03-09")]))).toEqual([
      "/issues/new/",
      "/issues/alpha/",
      "/issues/beta/",
      "/issues/gamma/",
      "/issues/old/",
    ]);
  });

  test("does not reorder the list it was given", () => {
    const input = [issue("a", "2020-01-01"), issue("b", "2021-01-01")];
    sortIssuesNewestFirst(input);
    expect(urls(input)).toEqual(["/issues/a/", "/issues/b/"]);
  });

  test("an empty archive stays empty", () => {
    expect(sortIssuesNewestFirst([])).toEqual([]);
  });
});

describe("neighboursByUrl", () => {
  const newest = issue("newest", "2022-03-10");
  const middle = issue("middle", "2021-12-11");
  const oldest = issue("oldest", "2020-08-25");
  const neighbours = neighboursByUrl([newest, middle, oldest]);

  test.each([
    ["/issues/newest/", undefined, "/issues/middle/"],
    ["/issues/middle/", "/issues/newest/", "/issues/oldest/"],
    ["/issues/oldest/", "/issues/middle/", undefined],
  ])("%s links to newer %s and older %s", (url, newer, older) => {
    const entry = neighbours.get(url);
    expect(entry?.newer?.url).toBe(newer);
    expect(entry?.older?.url).toBe(older);
  });

  test("has one entry per issue", () => {
    expect([...neighbours.keys()]).toEqual(["/issues/newest/", "/issues/middle/", "/issues/oldest/"]);
  });

  test("a lone issue has no neighbours", () => {
    expect(neighboursByUrl([newest]).get("/issues/newest/")).toEqual({ newer: undefined, older: undefined });
  });
});


describe("neighboursByUrl within a series", () => {
  // Newest first; two series interleaved, plus one series with a single issue.
  const newestFirst = [
    issue("d3", "2022-06-01", { seriesId: "link-digest" }),
    issue("l2", "2022-05-01", { seriesId: "lab-notes" }),
    issue("d2", "2022-04-01", { seriesId: "link-digest" }),
    issue("n1", "2022-03-15", { seriesId: "neurips-takeaways" }),
    issue("l1", "2022-03-01", { seriesId: "lab-notes" }),
    issue("d1", "2022-02-01", { seriesId: "link-digest" }),
  ];
  const neighbours = neighboursByUrl(newestFirst);

  test.each([
    // url, newer, older, newerInSeries, olderInSeries
    ["/issues/d3/", undefined, "/issues/l2/", undefined, "/issues/d2/"],
    ["/issues/l2/", "/issues/d3/", "/issues/d2/", undefined, "/issues/l1/"],
    ["/issues/d2/", "/issues/l2/", "/issues/n1/", "/issues/d3/", "/issues/d1/"],
    ["/issues/n1/", "/issues/d2/", "/issues/l1/", undefined, undefined],
    ["/issues/l1/", "/issues/n1/", "/issues/d1/", "/issues/l2/", undefined],
    ["/issues/d1/", "/issues/l1/", undefined, "/issues/d2/", undefined],
  ])("%s: newer %s, older %s, newer in series %s, older in series %s", (url, newer, older, newerInSeries, olderInSeries) => {
    const entry = neighbours.get(url);
    expect(entry).toBeDefined();
    expect(entry?.newer?.url).toBe(newer);
    expect(entry?.older?.url).toBe(older);
    expect(entry?.newerInSeries?.url).toBe(newerInSeries);
    expect(entry?.olderInSeries?.url).toBe(olderInSeries);
  });

  test("series neighbours are each other's inverse and stay in their series", () => {
    for (const each of newestFirst) {
      const entry = neighbours.get(each.url);
      if (entry?.newerInSeries) {
        expect(entry.newerInSeries.seriesId).toBe(each.seriesId);
        expect(entry.newerInSeries.date > each.date).toBe(true);
        expect(neighbours.get(entry.newerInSeries.url)?.olderInSeries).toBe(each);
      }
      if (entry?.olderInSeries) {
        expect(entry.olderInSeries.seriesId).toBe(each.seriesId);
        expect(entry.olderInSeries.date < each.date).toBe(true);
        expect(neighbours.get(entry.olderInSeries.url)?.newerInSeries).toBe(each);
      }
    }
  });

  test("when every issue is in one series, series neighbours equal overall neighbours", () => {
    const sameSeries = [issue("c", "2022-03-03"), issue("b", "2022-03-02"), issue("a", "2022-03-01")];
    for (const [url, entry] of neighboursByUrl(sameSeries)) {
      expect(entry.newerInSeries, url).toBe(entry.newer);
      expect(entry.olderInSeries, url).toBe(entry.older);
    }
  });

  test("a lone issue has no series neighbours", () => {
    const entry = neighboursByUrl([issue("only", "2022-03-10")]).get("/issues/only/");
    expect(entry?.newerInSeries).toBeUndefined();
    expect(entry?.olderInSeries).toBeUndefined();
  });

  test("an empty list has no entries", () => {
    expect(neighboursByUrl([]).size).toBe(0);
  });
});
