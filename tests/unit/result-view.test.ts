import { describe, expect, test } from "vitest";
import {
  excerptParts,
  matchedSections,
  type PagefindResultData,
  type PagefindSubResult,
  readableSearchDate,
  resultView,
} from "../../src/search/result-view.ts";

describe("excerptParts", () => {
  test.each([
    ["", []],
    ["plain text", [{ text: "plain text", marked: false }]],
    ["<mark>DeepNet</mark>", [{ text: "DeepNet", marked: true }]],
    [
      "Scaling <mark>Transformers</mark> to 1,000 layers",
      [
        { text: "Scaling ", marked: false },
        { text: "Transformers", marked: true },
        { text: " to 1,000 layers", marked: false },
      ],
    ],
    [
      "<mark>a</mark> <mark>b</mark>",
      [
        { text: "a", marked: true },
        { text: " ", marked: false },
        { text: "b", marked: true },
      ],
    ],
    ["<mark>a</mark><mark>b</mark>", [{ text: "ab", marked: true }]],
    // Pagefind escapes < and > in text and leaves & and quotes as they are.
    ["the &lt;script&gt; tag, R&D and \"quotes\"", [{ text: 'the <script> tag, R&D and "quotes"', marked: false }]],
    ["&amp;lt; is how you write &lt;", [{ text: "&lt; is how you write <", marked: false }]],
    // Only the word is highlighted, not the punctuation Pagefind marks with it.
    [
      "<mark>transformers,</mark> and (<mark>“DeepNet”).</mark>",
      [
        { text: "transformers", marked: true },
        { text: ", and (“", marked: false },
        { text: "DeepNet", marked: true },
        { text: "”).", marked: false },
      ],
    ],
    ["<mark>&lt;GPT-3&gt;</mark>", [{ text: "<", marked: false }, { text: "GPT-3", marked: true }, { text: ">", marked: false }]],
    ["<mark>...</mark>", [{ text: "...", marked: false }]],
    ["a <b>bold</b> claim", [{ text: "a <b>bold</b> claim", marked: false }]],
  ])("%j splits into %j", (excerpt, parts) => {
    expect(excerptParts(excerpt)).toEqual(parts);
  });
});

describe("readableSearchDate", () => {
  test.each([
    ["2022-03-10", "10 March 2022"],
    ["2020-08-25", "25 August 2020"],
    ["2021-01-01", "1 January 2021"],
    ["2021-12-31", "31 December 2021"],
    ["2022-02-30", undefined],
    ["2022-3-10", undefined],
    ["March 2022", undefined],
    ["", undefined],
  ])("%j reads %j", (iso, readable) => {
    expect(readableSearchDate(iso)).toBe(readable);
  });

  test("names the same day on a machine in any time zone", () => {
    const zone = process.env.TZ;
    try {
      for (const tz of ["Pacific/Kiritimati", "America/Los_Angeles"]) {
        process.env.TZ = tz;
        expect(readableSearchDate("2022-03-10")).toBe("10 March 2022");
      }
    } finally {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    }
  });
});

function section(id: string, matches: number, element = "h2"): PagefindSubResult {
  return { title: id, url: `/issues/x/#${id}`, excerpt: id, locations: Array.from({ length: matches }, (_, index) => index), anchor: { element, id } };
}

describe("matchedSections", () => {
  test("leaves out the part before the first heading and the title's own heading", () => {
    const sections = [
      { title: "Issue", url: "/issues/x/", excerpt: "", locations: [1, 2] },
      section("issue-title", 5, "h1"),
      section("summary", 1),
      section("details", 2, "h3"),
    ];
    expect(matchedSections(sections).map((sub) => sub.title)).toEqual(["summary", "details"]);
  });

  test("keeps the sections with the most matches, in page order", () => {
    const sections = [section("a", 1), section("b", 4), section("c", 2), section("d", 9), section("e", 3)];
    expect(matchedSections(sections, 3).map((sub) => sub.title)).toEqual(["b", "d", "e"]);
  });

  test("breaks ties by page order", () => {
    const sections = [section("a", 2), section("b", 2), section("c", 2), section("d", 2)];
    expect(matchedSections(sections, 2).map((sub) => sub.title)).toEqual(["a", "b"]);
  });

  test.each([[0], [1], [3]])("shows at most %i", (max) => {
    const sections = [section("a", 1), section("b", 1), section("c", 1), section("d", 1)];
    expect(matchedSections(sections, max)).toHaveLength(max);
  });
});

describe("resultView", () => {
  const data: PagefindResultData = {
    url: "/issues/gradient-update-20/",
    excerpt: "Scaling <mark>Transformers</mark>",
    meta: { title: "Gradient Update #20: DeepNet", series: "The Gradient Updates", number: "20", date: "2022-03-10", summary: "…" },
    sub_results: [section("issue-title", 3, "h1"), { ...section("overview", 2), excerpt: "<mark>Transformers</mark> are hard" }],
  };

  test("shows title, series and number, date and excerpt, and the matching sections", () => {
    expect(resultView(data)).toEqual({
      url: "/issues/gradient-update-20/",
      title: "Gradient Update #20: DeepNet",
      series: "The Gradient Updates",
      number: "#20",
      date: "2022-03-10",
      dateLabel: "10 March 2022",
      excerpt: [
        { text: "Scaling ", marked: false },
        { text: "Transformers", marked: true },
      ],
      image: undefined,
      sections: [
        {
          title: "overview",
          url: "/issues/x/#overview",
          excerpt: [
            { text: "Transformers", marked: true },
            { text: " are hard", marked: false },
          ],
        },
      ],
    });
  });

  test("an issue without number, date or sections shows what it has; the URL stands in for a missing title", () => {
    expect(resultView({ url: "/issues/y/", excerpt: "", meta: { series: " Lab Notes " } })).toEqual({
      url: "/issues/y/",
      title: "/issues/y/",
      series: "Lab Notes",
      number: undefined,
      date: undefined,
      dateLabel: undefined,
      excerpt: [],
      image: undefined,
      sections: [],
    });
  });

  test("the issue's picture, a path of this site, is its thumbnail; another origin's is not shown", () => {
    const withImage = (image: string) => resultView({ ...data, meta: { ...data.meta, image } }).image;
    expect(withImage("/img/0123456789abcdef-672.png")).toBe("/img/0123456789abcdef-672.png");
    expect(["https://tracker.example/p.png", "//tracker.example/p.png", "javascript:alert(1)", ""].map(withImage)).toEqual([undefined, undefined, undefined, undefined]);
  });

  test("a date it cannot read is shown as written", () => {
    expect(resultView({ ...data, meta: { ...data.meta, date: "sometime" } }).dateLabel).toBe("sometime");
  });

  test("maxSections limits the sections", () => {
    expect(resultView(data, 0).sections).toEqual([]);
  });
});
