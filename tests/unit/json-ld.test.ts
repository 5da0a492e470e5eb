import { describe, expect, test } from "vitest";
import type { Issue } from "../../src/model/issue.ts";
import { articleJsonLd, jsonForScript } from "../../src/model/json-ld.ts";
import { findSeries } from "../../src/model/series.ts";
import type { SiteMetadata } from "../../src/site.ts";

const site: SiteMetadata = {
  title: "Machine Learning Letters",
  description: "An archive.",
  baseUrl: "https://letters.example/archive/",
  pathPrefix: "/archive/",
  language: "en",
  ogLocale: "en_US",
  timeZone: "UTC",
  publisher: { name: "Machine Learning Letters" },
  social: [],
  pageSize: 10,
  feedSize: 20,
};

function issue(overrides: Partial<Issue> = {}): Issue {
  return {
    file: "issues/2022-03-10-gradient-update-20.md",
    absolutePath: "/site/issues/2022-03-10-gradient-update-20.md",
    slug: "gradient-update-20",
    url: "/issues/gradient-update-20/",
    title: "Update #20",
    date: "2022-03-10",
    seriesId: "gradient-updates",
    number: 20,
    summary: "News and papers.",
    tags: [
      { slug: "machine-learning", name: "Machine Learning" },
      { slug: "nlp", name: "NLP" },
    ],
    authors: ["Ada Lovelace", "Alan Turing"],
    draft: false,
    source: "https://thegradient.pub/update-20/",
    words: 1234,
    readingMinutes: 5,
    items: [],
    ...overrides,
  };
}

describe("articleJsonLd", () => {
  test("describes the issue as a schema.org Article with absolute URLs", () => {
    expect(articleJsonLd(issue(), findSeries("gradient-updates"), site)).toEqual({
      "@context": "https://schema.org",
      "@type": "Article",
      headline: "Update #20",
      description: "News and papers.",
      datePublished: "2022-03-10",
      url: "https://letters.example/archive/issues/gradient-update-20/",
      mainEntityOfPage: "https://letters.example/archive/issues/gradient-update-20/",
      inLanguage: "en",
      wordCount: 1234,
      keywords: ["Machine Learning", "NLP"],
      author: [
        { "@type": "Person", name: "Ada Lovelace" },
        { "@type": "Person", name: "Alan Turing" },
      ],
      publisher: { "@type": "Organization", name: "Machine Learning Letters", url: "https://letters.example/archive/" },
      isPartOf: { "@type": "CreativeWorkSeries", name: "The Gradient Updates" },
      isBasedOn: "https://thegradient.pub/update-20/",
    });
  });

  test("an issue without authors is credited to the site's author", () => {
    expect(articleJsonLd(issue({ authors: [] }), undefined, site).author).toEqual([
      { "@type": "Person", name: "Machine Learning Letters" },
    ]);
  });

  test("no series and no source leave out isPartOf and isBasedOn", () => {
    const data = articleJsonLd(issue({ source: undefined }), undefined, site);
    expect(data).not.toHaveProperty("isPartOf");
    expect(data).not.toHaveProperty("isBasedOn");
  });

  test("an untagged issue has empty keywords", () => {
    expect(articleJsonLd(issue({ tags: [] }), undefined, site).keywords).toEqual([]);
  });
});

describe("jsonForScript", () => {
  test.each([
    ["a closing script tag", "</script><script>alert(1)</script>"],
    ["an HTML comment opener", "<!-- x"],
    ["ampersands and entities", "Q&A &amp; more"],
    ["greater-than", "a > b"],
    ["line and paragraph separators", "a\u2028b\u2029c"],
    ["all of them", "</script>&\u2028<b>\u2029"],
  ])("escapes %s so nothing can close the script, and JSON.parse gives the text back", (_, text) => {
    const json = jsonForScript({ headline: text, nested: [text] });
    expect(json).not.toMatch(/[<>&\u2028\u2029]/);
    expect(json.toLowerCase()).not.toContain("</script");
    expect(JSON.parse(json)).toEqual({ headline: text, nested: [text] });
  });

  test.each([
    ["<", "\\u003c"],
    [">", "\\u003e"],
    ["&", "\\u0026"],
    ["\u2028", "\\u2028"],
    ["\u2029", "\\u2029"],
  ])("%j is written as %s", (character, escaped) => {
    expect(jsonForScript(character)).toBe(`"${escaped}"`);
  });

  test("a title with </script> survives the whole Article round trip", () => {
    const data = articleJsonLd(issue({ title: "Why </script> breaks pages" }), undefined, site);
    const json = jsonForScript(data);
    expect(json).not.toContain("</");
    expect(JSON.parse(json)).toEqual(data);
  });

  test("ordinary text is plain JSON", () => {
    expect(jsonForScript({ a: "b", n: 1, list: [true, null] })).toBe('{"a":"b","n":1,"list":[true,null]}');
  });
});
