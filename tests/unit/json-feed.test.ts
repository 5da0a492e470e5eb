import { describe, expect, test } from "vitest";
import type { Feed } from "../../src/model/feeds.ts";
import { jsonFeed } from "../../src/model/json-feed.ts";

const feed: Feed = {
  kind: "site",
  title: "Letters & <Notes>",
  description: "An \"archive\".",
  descriptionHtml: "An &quot;archive&quot;.",
  language: "en",
  id: "https://letters.example/",
  homeUrl: "https://letters.example/",
  atomUrl: "https://letters.example/feed.xml",
  rssUrl: "https://letters.example/rss.xml",
  jsonUrl: "https://letters.example/feed.json",
  updated: "2022-03-10T00:00:00Z",
  updatedRfc822: "Thu, 10 Mar 2022 00:00:00 +0000",
  author: "Letters",
  entries: [
    {
      id: "https://letters.example/issues/a/",
      url: "https://letters.example/issues/a/",
      title: `Quotes "double" & 'single' <script> \\ back`,
      summary: "A summary.",
      summaryHtml: "A summary.",
      contentHtml: "<p>Body &amp; soul</p>",
      published: "2022-03-10T00:00:00Z",
      publishedRfc822: "Thu, 10 Mar 2022 00:00:00 +0000",
      authors: ["Ada <Lovelace>"],
      categories: [{ term: "bias", label: "Bias", scheme: "https://letters.example/tags/" }],
    },
  ],
};

describe("jsonFeed", () => {
  test("maps a feed to JSON Feed 1.1 fields", () => {
    expect(jsonFeed(feed)).toEqual({
      version: "https://jsonfeed.org/version/1.1",
      title: "Letters & <Notes>",
      home_page_url: "https://letters.example/",
      feed_url: "https://letters.example/feed.json",
      description: 'An "archive".',
      language: "en",
      authors: [{ name: "Letters" }],
      items: [
        {
          id: "https://letters.example/issues/a/",
          url: "https://letters.example/issues/a/",
          title: `Quotes "double" & 'single' <script> \\ back`,
          summary: "A summary.",
          content_html: "<p>Body &amp; soul</p>",
          date_published: "2022-03-10T00:00:00Z",
          authors: [{ name: "Ada <Lovelace>" }],
          tags: ["Bias"],
        },
      ],
    });
  });

  test("titles survive serialisation exactly, with no HTML entities", () => {
    const parsed = JSON.parse(JSON.stringify(jsonFeed(feed))) as { items: { title: string }[] };
    expect(parsed.items[0]?.title).toBe(feed.entries[0]?.title);
    const text = JSON.stringify(jsonFeed(feed));
    expect(text).toContain('"title":"Quotes \\"double\\" & \'single\' <script> \\\\ back"');
    expect(text).not.toMatch(/&quot;|&#39;|&lt;script/);
  });

  test("a feed without a JSON Feed address cannot be written as one", () => {
    const { jsonUrl: _unused, ...tagFeed } = feed;
    expect(() => jsonFeed(tagFeed)).toThrow('feeds: the feed "Letters & <Notes>" has no JSON Feed address');
  });
});
