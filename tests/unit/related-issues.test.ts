import { describe, expect, test } from "vitest";
import { sortIssuesNewestFirst } from "../../src/model/collections.ts";
import type { Issue } from "../../src/model/issue.ts";
import { relatedIssues } from "../../src/model/related-issues.ts";
import { issue } from "../support/issue-builder.ts";


const slugs = (issues: readonly Issue[] | undefined) => (issues ?? []).map((each) => each.slug);
const relatedSlugs = (issues: readonly Issue[], slug: string, count?: number) =>
  slugs(relatedIssues(sortIssuesNewestFirst(issues), count).get(`/issues/${slug}/`));

/** `YYYY-MM-DD` for `days` after 2020-01-01. */
const day = (days: number) => new Date(Date.UTC(2020, 0, 1) + days * 86_400_000).toISOString().slice(0, 10);

/** A deterministic pseudo-random generator (mulberry32), so failures reproduce. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** The ranking as specified, by comparing every pair: the reference for the indexed implementation. */
function bruteForce(issues: readonly Issue[], count = 3): Map<string, string[]> {
  const result = new Map<string, string[]>();
  for (const subject of issues) {
    const slugsOf = new Set(subject.tags.map((tag) => tag.slug));
    const shared = (other: Issue) => other.tags.filter((tag) => slugsOf.has(tag.slug)).length;
    const distance = (other: Issue) => Math.abs(Date.parse(other.date) - Date.parse(subject.date));
    const ranked = issues
      .filter((other) => other !== subject)
      .sort(
        (a, b) =>
          shared(b) - shared(a) ||
          Number(b.seriesId === subject.seriesId) - Number(a.seriesId === subject.seriesId) ||
          distance(a) - distance(b) ||
          a.url.localeCompare(b.url),
      );
    result.set(subject.url, slugs(ranked.slice(0, count)));
  }
  return result;
}

const asSlugs = (related: Map<string, Issue[]>) => new Map([...related].map(([url, issues]) => [url, slugs(issues)]));

describe("relatedIssues ranking", () => {
  test.each<[string, Issue[], string[]]>([
    [
      "more shared tags first, however far away",
      [
        issue("x", day(100), { tags: ["a", "b", "c"] }),
        issue("one", day(101), { tags: ["a"] }),
        issue("two", day(10), { tags: ["a", "b"] }),
        issue("three", day(500), { tags: ["c", "b", "a"] }),
      ],
      ["three", "two", "one"],
    ],
    [
      "shared tags beat the same series",
      [
        issue("x", day(100), { tags: ["a"], seriesId: "lab-notes" }),
        issue("same-series", day(101), { seriesId: "lab-notes" }),
        issue("tagged", day(900), { tags: ["a"], seriesId: "link-digest" }),
      ],
      ["tagged", "same-series"],
    ],
    [
      "with equal shared tags, the same series beats a closer date",
      [
        issue("x", day(100), { tags: ["a"], seriesId: "lab-notes" }),
        issue("close", day(101), { tags: ["a"], seriesId: "link-digest" }),
        issue("series", day(300), { tags: ["a"], seriesId: "lab-notes" }),
        issue("far", day(400), { seriesId: "link-digest" }),
      ],
      ["series", "close", "far"],
    ],
    [
      "tag case and # do not matter",
      [
        issue("x", day(100), { tags: ["Machine Learning"] }),
        issue("near", day(101), { seriesId: "lab-notes" }),
        issue("tagged", day(300), { tags: ["#machine-learning"], seriesId: "lab-notes" }),
      ],
      ["tagged", "near"],
    ],
    [
      "without tags or series, the closest dates, newer or older",
      [
        issue("x", day(100), { seriesId: "lab-notes" }),
        issue("plus-1", day(101)),
        issue("minus-2", day(98)),
        issue("plus-5", day(105)),
        issue("minus-10", day(90)),
        issue("plus-20", day(120)),
      ],
      ["plus-1", "minus-2", "plus-5"],
    ],
    [
      "equally close dates fall back to the URL",
      [
        issue("x", day(100), { seriesId: "lab-notes" }),
        issue("b-newer", day(101)),
        issue("a-older", day(99)),
        issue("c-older", day(99)),
        issue("d-far", day(110)),
      ],
      ["a-older", "b-newer", "c-older"],
    ],
    [
      "the same day is closest",
      [issue("x", day(100), { seriesId: "lab-notes" }), issue("next-day", day(101)), issue("same-day", day(100))],
      ["same-day", "next-day"],
    ],
    [
      "the same series, closest first, then other series",
      [
        issue("x", day(100), { seriesId: "lab-notes" }),
        issue("series-far", day(200), { seriesId: "lab-notes" }),
        issue("series-near", day(150), { seriesId: "lab-notes" }),
        issue("other-near", day(101)),
      ],
      ["series-near", "series-far", "other-near"],
    ],
    ["a lone issue has none", [issue("x", day(100), { tags: ["a"] })], []],
    ["two issues: just the other", [issue("x", day(100)), issue("y", day(500))], ["y"]],
  ])("%s", (_, issues, expected) => {
    expect(relatedSlugs(issues, "x")).toEqual(expected);
  });

  test("an issue with no tags still gets neighbours by date", () => {
    const issues = [
      issue("untagged", day(50), { seriesId: "lab-notes" }),
      ...Array.from({ length: 20 }, (_, index) => issue(`t${index}`, day(index * 5), { tags: ["a", "b"] })),
    ];
    // t10 is the same day; t11 and t9 are equally close, so the URL decides.
    expect(relatedSlugs(issues, "untagged")).toEqual(["t10", "t11", "t9"]);
  });

  test("tagged issues with no tag in common fall back to the same series and dates", () => {
    const issues = [
      issue("x", day(100), { tags: ["unique"], seriesId: "lab-notes" }),
      issue("series", day(10), { tags: ["other"], seriesId: "lab-notes" }),
      issue("near", day(102), { tags: ["other"] }),
      issue("nearer", day(101), { tags: ["else"] }),
      issue("far", day(400), { tags: ["other"] }),
    ];
    expect(relatedSlugs(issues, "x")).toEqual(["series", "nearer", "near"]);
  });

  test.each([[1], [2], [5]])("returns at most %i when asked", (count) => {
    const issues = Array.from({ length: 12 }, (_, index) => issue(`i${index}`, day(index), { tags: index % 2 ? ["a"] : ["b"] }));
    const related = relatedIssues(sortIssuesNewestFirst(issues), count);
    for (const each of issues) expect(related.get(each.url)).toHaveLength(count);
  });
});

describe("relatedIssues over a whole archive", () => {
  const rng = random(20_220_310);
  const vocabulary = ["bias", "vision", "audio", "robotics", "nlp", "rl", "theory", "hardware", "ethics", "data"];
  const seriesIds = ["gradient-updates", "zeta-alpha-trends", "lab-notes", "link-digest"];
  const pick = <T,>(list: readonly T[]): T => list[Math.floor(rng() * list.length)] ?? (list[0] as T);
  // Distinct dates: the reference ranks every pair; see the report on ties for same-day issues.
  const archive = Array.from({ length: 240 }, (_, index) =>
    issue(`r${String(Math.floor(rng() * 1e6)).padStart(6, "0")}-${index}`, day(index * 3 + Math.floor(rng() * 3)), {
      tags: Array.from({ length: Math.floor(rng() * 4) }, () => pick(vocabulary)),
      seriesId: pick(seriesIds),
    }),
  );
  const newestFirst = sortIssuesNewestFirst(archive);
  const related = relatedIssues(newestFirst);

  test("matches a brute-force ranking of every pair", () => {
    expect(asSlugs(related)).toEqual(bruteForce(newestFirst));
  });

  test.each([[1], [5]])("matches the brute-force ranking when asked for %i", (count) => {
    expect(asSlugs(relatedIssues(newestFirst, count))).toEqual(bruteForce(newestFirst, count));
  });

  test("every issue has an entry of exactly 3 others, never itself, without repeats", () => {
    expect([...related.keys()].sort()).toEqual(newestFirst.map((each) => each.url).sort());
    for (const [url, list] of related) {
      expect(list).toHaveLength(3);
      expect(list.map((each) => each.url)).not.toContain(url);
      expect(new Set(list).size).toBe(list.length);
    }
  });

  test.each([
    ["in URL order", ["a", "b", "c", "d"]],
    ["reversed", ["d", "c", "b", "a"]],
    ["shuffled", ["c", "a", "d", "b"]],
    ["shuffled again", ["b", "d", "a", "c"]],
  ])("is the same whatever order issues of the same day come in (%s)", (_, order) => {
    // Passed straight to relatedIssues, not sorted first: the ranking alone must settle ties.
    const sameDay = order.map((slug) => issue(`same-${slug}`, day(100), { tags: slug === "a" ? [] : ["x"] }));
    const newestFirst = [issue("after", day(101), { tags: ["x"] }), ...sameDay, issue("before", day(99), { tags: ["x"], seriesId: "lab-notes" })];
    const related = asSlugs(relatedIssues(newestFirst));
    expect(related).toEqual(
      new Map([
        ["/issues/after/", ["same-b", "same-c", "same-d"]],
        ["/issues/same-a/", ["same-b", "same-c", "same-d"]],
        ["/issues/same-b/", ["same-c", "same-d", "after"]],
        ["/issues/same-c/", ["same-b", "same-d", "after"]],
        ["/issues/same-d/", ["same-b", "same-c", "after"]],
        ["/issues/before/", ["same-b", "same-c", "same-d"]],
      ]),
    );
  });

  test("does not change the list it was given", () => {
    const copy = [...newestFirst];
    relatedIssues(newestFirst);
    expect(newestFirst).toEqual(copy);
  });

  test("4,000 issues with Zipf-distributed tags take well under the time of a build", () => {
    const zipfRng = random(4000);
    const tags = Array.from({ length: 400 }, (_, index) => `tag-${index}`);
    const weights = tags.map((_, index) => 1 / (index + 1));
    const total = weights.reduce((sum, weight) => sum + weight, 0);
    const zipf = () => {
      let remaining = zipfRng() * total;
      for (const [index, weight] of weights.entries()) {
        remaining -= weight;
        if (remaining <= 0) return tags[index] ?? "tag-0";
      }
      return "tag-0";
    };
    const many = sortIssuesNewestFirst(
      Array.from({ length: 4000 }, (_, index) =>
        issue(`z${index}`, day(Math.floor(index / 2)), { tags: Array.from({ length: 5 }, zipf), seriesId: pick(seriesIds) }),
      ),
    );
    // The most common tag really is on a large share of issues: the expensive case.
    expect(many.filter((each) => each.tags.some((tag) => tag.slug === "tag-0")).length).toBeGreaterThan(1000);

    const started = performance.now();
    const result = relatedIssues(many);
    const elapsed = performance.now() - started;
    expect(elapsed).toBeLessThan(5_000);
    expect(result.size).toBe(4000);
    for (const list of result.values()) expect(list).toHaveLength(3);
  });
});
