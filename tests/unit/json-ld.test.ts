import { describe, expect, test } from "vitest";
import type { Issue } from "../../src/model/issue.ts";
import { articleJsonLd, jsonForScript, publicationTime, publisherJsonLd, websiteJsonLd } from "../../src/model/json-ld.ts";
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
      datePublished: "2022-03-10T00:00:00+00:00",
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

  test("an issue without authors is credited to the publisher, an Organization, never a Person", () => {
    const data = articleJsonLd(issue({ authors: [] }), undefined, site);
    expect(data.author).toEqual({ "@type": "Organization", name: "Machine Learning Letters", url: "https://letters.example/archive/" });
    expect(data.author).toEqual(data.publisher);
  });

  test("dates the issue at the start of its day in the newsletter's time zone, with that day's offset", () => {
    expect(articleJsonLd(issue(), undefined, { ...site, timeZone: "Europe/Paris" }).datePublished).toBe("2022-03-10T00:00:00+01:00");
  });

  test("the publisher carries its logo as an absolute ImageObject, its own address and its profiles", () => {
    const publisher = { name: "Letters Ltd", url: "https://letters-ltd.example/", logo: "/logo.svg" };
    const social = ["https://mastodon.example/@letters", "https://github.com/letters"];
    const data = articleJsonLd(issue({ authors: [] }), undefined, { ...site, publisher, social });
    const organization = {
      "@type": "Organization",
      name: "Letters Ltd",
      url: "https://letters-ltd.example/",
      logo: { "@type": "ImageObject", url: "https://letters.example/archive/logo.svg" },
      sameAs: social,
    };
    expect(data.publisher).toEqual(organization);
    expect(data.author).toEqual(organization);
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

describe("publisherJsonLd", () => {
  test.each([
    ["no logo, address or profiles", {}, { "@type": "Organization", name: "Machine Learning Letters", url: "https://letters.example/archive/" }],
    ["a logo at the site's root", { publisher: { name: "L", logo: "/logo.png" } }, { "@type": "Organization", name: "L", url: "https://letters.example/archive/", logo: { "@type": "ImageObject", url: "https://letters.example/archive/logo.png" } }],
    ["its own address", { publisher: { name: "L", url: "https://l.example/about" } }, { "@type": "Organization", name: "L", url: "https://l.example/about" }],
    ["one profile", { social: ["https://bsky.app/profile/l.example"] }, { "@type": "Organization", name: "Machine Learning Letters", url: "https://letters.example/archive/", sameAs: ["https://bsky.app/profile/l.example"] }],
  ])("%s", (_, overrides, expected) => {
    expect(publisherJsonLd({ ...site, ...overrides })).toEqual(expected);
  });
});

describe("websiteJsonLd", () => {
  test("names the site and its address, with the same publisher as the issues", () => {
    const withLogo = { ...site, publisher: { name: "Machine Learning Letters", logo: "/logo.svg" } };
    expect(websiteJsonLd(withLogo)).toEqual({
      "@context": "https://schema.org",
      "@type": "WebSite",
      name: "Machine Learning Letters",
      url: "https://letters.example/archive/",
      inLanguage: "en",
      publisher: publisherJsonLd(withLogo),
    });
    expect(websiteJsonLd(withLogo).publisher).toEqual(articleJsonLd(issue(), undefined, withLogo).publisher);
  });
});

describe("image", () => {
  const card = { url: "https://letters.example/archive/cards/issues/x.png", width: 1200, height: 630 };
  const image = { "@type": "ImageObject", url: card.url, width: 1200, height: 630 };

  test("an issue's and the home page's picture is an ImageObject with its size", () => {
    expect(articleJsonLd(issue(), undefined, site, card).image).toEqual(image);
    expect(websiteJsonLd(site, card).image).toEqual(image);
  });

  test("without a picture there is no image field", () => {
    expect(articleJsonLd(issue(), undefined, site)).not.toHaveProperty("image");
    expect(websiteJsonLd(site)).not.toHaveProperty("image");
  });
});

describe("publicationTime", () => {
  test.each([
    ["2022-03-10", "UTC", "2022-03-10T00:00:00+00:00"],
    ["2022-03-10", "Europe/Paris", "2022-03-10T00:00:00+01:00"],
    ["2022-07-01", "Europe/Paris", "2022-07-01T00:00:00+02:00"],
    ["2022-03-10", "Asia/Kolkata", "2022-03-10T00:00:00+05:30"],
    ["2022-03-10", "America/New_York", "2022-03-10T00:00:00-05:00"],
    // Santiago's clocks went from 00:00 to 01:00 that night: the day began at 01:00.
    ["2022-09-11", "America/Santiago", "2022-09-11T01:00:00-03:00"],
  ])("%s in %s is %s", (date, zone, expected) => {
    expect(publicationTime(date, zone)).toBe(expected);
  });

  test.each([
    ["a day that does not exist", "2022-02-30", "UTC"],
    ["a date and time", "2022-03-10T10:00", "UTC"],
    ["an unknown zone", "2022-03-10", "Mars/Olympus"],
  ])("refuses %s", (_, date, zone) => {
    expect(() => publicationTime(date, zone)).toThrow(/expected a date like 2022-03-10/);
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
