import { describe, expect, test } from "vitest";
import {
  neighboursByUrl,
  sortIssuesNewestFirst,
} from "../../src/model/collections.ts";
import type { Issue } from "../../src/model/issue.ts";
import { seriesRegistry, type Series } from "../../src/model/series.ts";
import { normaliseTags } from "../../src/model/tags.ts";

function issue(slug: string, date: string, options: { tags?: string[]; seriesId?: string } = {}): Issue {
  return {
    file: `issues/${date}-${slug}.md`,
    absolutePath: `/site/issues/${date}-${slug}.md`,
    slug,
    url: `/issues/${slug}/`,
    title: `Issue ${slug}`,
    date,
    seriesId: options.seriesId ?? "link-digest",
    number: undefined,
    summary: "A summary.",
    tags: normaliseTags(options.tags ?? []),
    authors: [],
    draft: false,
    source: undefined,
    words: 100,
    readingMinutes: 1,
    items: [],
  };
}

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

