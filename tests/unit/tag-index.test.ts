import { describe, expect, test } from "vitest";
import type { TagSummary } from "../../src/model/archive-pages.ts";
import { tagsByInitial } from "../../src/model/tag-index.ts";
import { slugifyTag, tagHref } from "../../src/model/tags.ts";

function tag(name: string, count = 1): TagSummary {
  const slug = slugifyTag(name);
  return { slug, name, count, href: tagHref(slug) };
}

/** Groups as `[initial, names]`. */
const names = (groups: readonly [string, TagSummary[]][]) => groups.map(([initial, tags]) => [initial, tags.map((each) => each.name)]);

describe("tagsByInitial", () => {
  test.each<[string, string[], [string, string[]][]]>([
    ["no tags", [], []],
    ["A–Z order of groups and of names", ["zeta", "beta", "alpha", "bias", "apple"], [
      ["A", ["alpha", "apple"]],
      ["B", ["beta", "bias"]],
      ["Z", ["zeta"]],
    ]],
    ["case-insensitive, upper-case initials", ["banana", "Apple", "avocado", "Bias", "ABBA"], [
      ["A", ["ABBA", "Apple", "avocado"]],
      ["B", ["banana", "Bias"]],
    ]],
    ["non-letters under #, first", ["vision", "2020", "3d", "_private", "audio"], [
      ["#", ["_private", "2020", "3d"]],
      ["A", ["audio"]],
      ["V", ["vision"]],
    ]],
    ["accented initials under their letter", ["Éclair", "eagle", "émigré", "ant"], [
      ["A", ["ant"]],
      ["E", ["eagle", "Éclair", "émigré"]],
    ]],
    ["only non-letters", ["42", "1st"], [["#", ["1st", "42"]]]],
  ])("%s", (_, input, expected) => {
    expect(names(tagsByInitial(input.map((name) => tag(name))))).toEqual(expected);
  });

  test("the # group comes first even when it would sort after the letters", () => {
    const groups = tagsByInitial([tag("zeta"), tag("~tilde"), tag("alpha")]);
    expect(groups.map(([initial]) => initial)).toEqual(["#", "A", "Z"]);
  });

  test("names equal but for case are ordered by slug, whatever the input order", () => {
    const a = { slug: "ml-a", name: "ML", count: 1, href: "/tags/ml-a/" };
    const b = { slug: "ml-b", name: "ml", count: 1, href: "/tags/ml-b/" };
    expect(tagsByInitial([b, a])).toEqual([["M", [a, b]]]);
    expect(tagsByInitial([a, b])).toEqual([["M", [a, b]]]);
  });

  test("keeps each tag's summary and leaves its input alone", () => {
    const input = [tag("zeta", 3), tag("alpha", 7)];
    const before = [...input];
    const groups = tagsByInitial(input);
    expect(input).toEqual(before);
    expect(groups).toEqual([
      ["A", [{ slug: "alpha", name: "alpha", count: 7, href: "/tags/alpha/" }]],
      ["Z", [{ slug: "zeta", name: "zeta", count: 3, href: "/tags/zeta/" }]],
    ]);
  });

  test("every tag lands in exactly one group", () => {
    const input = ["mlops", "Machine learning", "#hash", "42", "Ünïcode", "unicode-2", "x", "Y", "zebra", "Ångström"].map((name) => tag(name));
    const groups = tagsByInitial(input);
    expect(groups.flatMap(([, tags]) => tags).map((each) => each.slug).sort()).toEqual(input.map((each) => each.slug).sort());
    expect(new Set(groups.map(([initial]) => initial)).size).toBe(groups.length);
  });
});
