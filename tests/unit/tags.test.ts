import { describe, expect, test } from "vitest";
import { normaliseTags, slugifyTag, tagDisplayName, tagHref } from "../../src/model/tags.ts";

describe("slugifyTag", () => {
  test.each([
    ["Machine Learning", "machine-learning"],
    ["machine-learning", "machine-learning"],
    ["#machine-learning", "machine-learning"],
    ["##machine-learning", "machine-learning"],
    ["  Machine   Learning  ", "machine-learning"],
    ["MACHINE_LEARNING", "machine-learning"],
    ["machine -- learning!", "machine-learning"],
    ["NeurIPS 2020", "neurips-2020"],
    ["a.b/c", "a-b-c"],
    ["(bias)", "bias"],
    ["Ünïcode Tág", "ünïcode-tág"],
    ["ＭＬ", "ml"],
    ["", ""],
    ["   ", ""],
    ["#", ""],
    ["---", ""],
  ])("%j has slug %j", (raw, slug) => {
    expect(slugifyTag(raw)).toBe(slug);
  });
});

describe("tagDisplayName", () => {
  test.each([
    ["Machine Learning", "Machine Learning"],
    ["#machine-learning", "machine-learning"],
    ["  Machine \t  Learning ", "Machine Learning"],
    ["NLP", "NLP"],
    ["ＭＬ", "ML"],
  ])("%j is shown as %j", (raw, name) => {
    expect(tagDisplayName(raw)).toBe(name);
  });
});

describe("normaliseTags", () => {
  test("`Machine Learning`, `machine-learning` and `#machine-learning` are one tag, spelled as first written", () => {
    expect(normaliseTags(["Machine Learning", "machine-learning", "#machine-learning"])).toEqual([
      { slug: "machine-learning", name: "Machine Learning" },
    ]);
  });

  test.each([
    [["#nlp", "NLP"], [{ slug: "nlp", name: "nlp" }]],
    [["NLP", "#nlp"], [{ slug: "nlp", name: "NLP" }]],
  ])("the first spelling wins: %j", (raws, expected) => {
    expect(normaliseTags(raws)).toEqual(expected);
  });

  test("empty, blank and punctuation-only tags are dropped", () => {
    expect(normaliseTags(["", "  ", "#", "---", "bias"])).toEqual([{ slug: "bias", name: "bias" }]);
  });

  test("keeps the order tags were first written in", () => {
    expect(normaliseTags(["transformers", "bias", "Transformers", "accuracy"]).map((tag) => tag.slug)).toEqual([
      "transformers",
      "bias",
      "accuracy",
    ]);
  });

  test("no tags give no tags", () => {
    expect(normaliseTags([])).toEqual([]);
  });
});

describe("tagHref", () => {
  test("a tag's archive lives at /tags/<slug>/", () => {
    expect(tagHref("machine-learning")).toBe("/tags/machine-learning/");
  });
});
