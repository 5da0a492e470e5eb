import { describe, expect, test } from "vitest";
import { normaliseTags, slugifyTag, tagDisplayName, tagHref, tagListProblems, tagSpellingKey } from "../../src/model/tags.ts";

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
    // Symbols that make another tag are spelt out.
    ["C", "c"],
    ["C++", "c-plus-plus"],
    ["C#", "c-sharp"],
    ["#C#", "c-sharp"],
    ["F#", "f-sharp"],
    ["c-sharp", "c-sharp"],
    ["C/C++", "c-c-plus-plus"],
    ["R&D", "r-and-d"],
    [".NET", "dot-net"],
    ["ASP.NET", "asp-net"],
    ["Node.js", "node-js"],
    ["Ünïcode", "ünïcode"],
    ["日本語", "日本語"],
    // Invisible characters are not part of a tag.
    ["ma\u200Bchine", "machine"],
    ["\u202Ebias", "bias"],
    ["\u200B", ""],
    // Emoji and symbols alone have no letters to make an address of.
    ["🚀", ""],
    ["👨‍👩‍👧", ""],
    ["🚀 rockets", "rockets"],
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
    ["C#", "C#"],
    ["#C#", "C#"],
    ["ma\u200Bchine \u2066learning\u2069", "machine learning"],
    ["\uFEFF#bias", "bias"],
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

describe("tagSpellingKey: spellings of one slug that are one tag", () => {
  test.each([
    ["Machine Learning", "machine-learning"],
    ["Machine Learning", "MACHINE_LEARNING"],
    ["machine - learning", "Machine Learning"],
    ["C++", "c++"],
    ["C#", "c#"],
  ])("%j and %j are one tag", (a, b) => {
    expect(slugifyTag(a)).toBe(slugifyTag(b));
    expect(tagSpellingKey(tagDisplayName(a))).toBe(tagSpellingKey(tagDisplayName(b)));
  });

  test.each([
    ["C#", "c-sharp"],
    ["C#", "C sharp"],
    ["C++", "C plus plus"],
    ["a.b", "a-b"],
    ["(bias)", "bias"],
    ["🚀 rockets", "rockets"],
  ])("%j and %j share a slug but are different spellings", (a, b) => {
    expect(slugifyTag(a)).toBe(slugifyTag(b));
    expect(tagSpellingKey(tagDisplayName(a))).not.toBe(tagSpellingKey(tagDisplayName(b)));
  });
});

describe("tagListProblems", () => {
  const limits = { maxCount: 30, maxLength: 50 };
  const rule = "spellings of one tag may differ only in case, spaces, hyphens, underscores and a leading #";

  test("C, C++ and C# are three tags, with no problem", () => {
    expect(tagListProblems(["C", "C++", "C#"], limits)).toEqual([]);
    expect(normaliseTags(["C", "C++", "C#"])).toEqual([
      { slug: "c", name: "C" },
      { slug: "c-plus-plus", name: "C++" },
      { slug: "c-sharp", name: "C#" },
    ]);
  });

  test("spellings differing in case, spaces, hyphens, underscores or a leading # merge silently", () => {
    expect(tagListProblems(["Machine Learning", "machine-learning", "#machine-learning", "MACHINE_LEARNING"], limits)).toEqual([]);
  });

  test("two spellings of one slug that differ otherwise clash, both named", () => {
    expect(tagListProblems(["C#", "bias", "c-sharp", "C sharp", "c-sharp"], limits)).toEqual([
      { expected: `one spelling of the tag /tags/c-sharp/ (${rule}), or tags with addresses of their own`, got: '"C#" and "c-sharp"' },
      { expected: `one spelling of the tag /tags/c-sharp/ (${rule}), or tags with addresses of their own`, got: '"C#" and "C sharp"' },
    ]);
  });

  test.each([
    ["#", '"#"'],
    ["---", '"---"'],
    ["\u200B", '"\\u200B"'],
    ["\u200B\u200D", '"\\u200B\\u200D"'],
    ["🚀", '"🚀"'],
    ["★", '"★"'],
  ])("%j normalises to nothing and is named as %s", (raw, got) => {
    expect(tagListProblems(["bias", raw], limits)).toEqual([{ expected: "tags with a letter or digit, which a tag's address is made of", got }]);
  });

  test("a look-alike with a zero-width space inside is the same tag", () => {
    expect(tagListProblems(["machine", "ma\u200Bchine"], limits)).toEqual([]);
    expect(normaliseTags(["machine", "ma\u200Bchine"])).toEqual([{ slug: "machine", name: "machine" }]);
  });

  test.each([
    [50, []],
    [51, [{ expected: "tags of at most 50 characters", got: `51 characters in "${"é".repeat(51)}"` }]],
  ])("a tag of %i characters (accented letters counted once)", (length, expected) => {
    expect(tagListProblems(["é".repeat(length)], limits)).toEqual(expected);
  });

  test("a long tag is shown shortened", () => {
    const [problem] = tagListProblems(["x".repeat(200)], limits);
    expect(problem?.got).toBe(`200 characters in "${"x".repeat(76)}..."`);
  });

  test.each([
    [30, []],
    [31, [{ expected: "at most 30 tags (front matter tags and hashtags together)", got: "31" }]],
  ])("%i distinct tags", (count, expected) => {
    expect(tagListProblems(Array.from({ length: count }, (_, index) => `tag ${index}`), limits)).toEqual(expected);
  });

  test("tags are counted after spellings merge", () => {
    const spellings = Array.from({ length: 30 }, (_, index) => [`tag ${index}`, `#Tag-${index}`]).flat();
    expect(tagListProblems(spellings, limits)).toEqual([]);
  });
});

describe("tagHref", () => {
  test("a tag's archive lives at /tags/<slug>/", () => {
    expect(tagHref("machine-learning")).toBe("/tags/machine-learning/");
  });
});
