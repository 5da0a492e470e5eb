import { dateToRfc822 } from "@11ty/eleventy-plugin-rss";
import * as cheerio from "cheerio";
import { afterEach, describe, expect, test } from "vitest";
import { buildArchives } from "../../src/model/archive-pages.ts";
import { sortIssuesNewestFirst } from "../../src/model/collections.ts";
import { archiveFeedHref, buildFeed, feedDefinitions, feedsDue, issueInstant, rfc822, siteFeedHrefs, type FeedDefinition } from "../../src/model/feeds.ts";
import type { Issue } from "../../src/model/issue.ts";
import type { Series } from "../../src/model/series.ts";
import { siteMetadata } from "../../src/site.ts";
import { issue as buildIssue } from "../support/issue-builder.ts";

function issue(slug: string, date: string, options: Partial<Issue> & { tagNames?: string[] } = {}): Issue {
  const { tagNames, ...overrides } = options;
  return { ...buildIssue(slug, date, { seriesId: "notes", tags: tagNames }), summary: `Summary of ${slug}.`, ...overrides };
}

const registry: readonly Series[] = [
  { id: "notes", title: "Notes", description: "Lab notes." },
  { id: "digest", title: "Digest", description: "Links." },
  { id: "dormant", title: "Dormant", description: "Nothing yet." },
];

const newestFirst = sortIssuesNewestFirst([
  issue("a", "2021-11-05", { tagNames: ["Bias"] }),
  issue("b", "2021-12-24", { tagNames: ["vision"], seriesId: "digest" }),
  issue("c", "2022-01-15", { tagNames: ["#bias", "Vision"], seriesId: "digest" }),
  issue("d", "2022-03-02", { tagNames: ["bias"] }),
]);
const archives = buildArchives(newestFirst, registry, { pageSize: 10 });
const site = { ...siteMetadata({ SITE_URL: "https://letters.example/news/" }), feedSize: 2 };
const slugs = (definition: FeedDefinition | undefined) => definition?.issues.map((each) => each.slug);

describe("feedDefinitions", () => {
  const definitions = feedDefinitions(newestFirst, archives, site);
  const byKey = new Map(definitions.map((definition) => [definition.key, definition]));

  test("the site feed comes first, then series in registry order, then tags by issue count", () => {
    expect(definitions.map((definition) => definition.key)).toEqual(["home", "series:notes", "series:digest", "tag:bias", "tag:vision"]);
  });

  test.each([
    ["home", "site", "/", "/feed.xml", ["d", "c"]],
    ["series:notes", "series", "/series/notes/", "/series/notes/feed.xml", ["d", "a"]],
    ["series:digest", "series", "/series/digest/", "/series/digest/feed.xml", ["c", "b"]],
    ["tag:bias", "tag", "/tags/bias/", "/tags/bias/feed.xml", ["d", "c"]],
    ["tag:vision", "tag", "/tags/vision/", "/tags/vision/feed.xml", ["c", "b"]],
  ])("%s: a %s feed of %s at %s, the newest feedSize issues %j", (key, kind, pageHref, atomHref, issues) => {
    const definition = byKey.get(key);
    expect(definition).toMatchObject({ kind, pageHref, atomHref });
    expect(slugs(definition)).toEqual(issues);
  });

  test("only the site feed has RSS and JSON Feed addresses", () => {
    expect(byKey.get("home")).toMatchObject({ rssHref: siteFeedHrefs.rss, jsonHref: siteFeedHrefs.json, atomHref: siteFeedHrefs.atom });
    for (const definition of definitions.slice(1)) {
      expect(definition.rssHref).toBeUndefined();
      expect(definition.jsonHref).toBeUndefined();
    }
  });

  test("titles and labels name what the feed follows, with the site's name", () => {
    expect(byKey.get("home")).toMatchObject({ title: site.title, label: "Every issue", description: site.description });
    expect(byKey.get("series:notes")).toMatchObject({ title: `Notes · ${site.title}`, label: "Notes", description: "Lab notes." });
    // A tag keeps the spelling of its newest use, as its archive does.
    expect(byKey.get("tag:bias")).toMatchObject({ title: `Tagged “bias” · ${site.title}`, label: "bias" });
  });

  test("a series without issues has no feed", () => {
    expect(byKey.has("series:dormant")).toBe(false);
  });

  test("a site without issues still has its site feed, empty", () => {
    expect(feedDefinitions([], buildArchives([], registry, { pageSize: 10 }), site).map((each) => [each.key, each.issues.length])).toEqual([["home", 0]]);
  });

  test.each([0, -1, 2.5, Number.NaN])("rejects a feed size of %s", (feedSize) => {
    expect(() => feedDefinitions(newestFirst, archives, { ...site, feedSize })).toThrow(`feeds: expected a feed size of 1 or more, got ${feedSize}`);
  });
});

describe("feedsDue", () => {
  const definitions = feedDefinitions(newestFirst, archives, site);
  const pathOf = (slug: string) => newestFirst.find((each) => each.slug === slug)?.absolutePath ?? "";

  test("every feed when no edit is known", () => {
    expect(feedsDue(definitions, undefined)).toEqual(definitions);
  });

  test("after an edit to issues' text, only the feeds listing one of them", () => {
    // Feeds hold two issues here: "b" is in the digest feed and the vision feed, no longer in the site feed.
    expect(feedsDue(definitions, new Set([pathOf("b")])).map((feed) => feed.key)).toEqual(["series:digest", "tag:vision"]);
    expect(feedsDue(definitions, new Set([pathOf("d")])).map((feed) => feed.key)).toEqual(["home", "series:notes", "tag:bias"]);
    expect(feedsDue(definitions, new Set())).toEqual([]);
  });
});

describe("archiveFeedHref", () => {
  test.each([
    ["/", "/feed.xml"],
    ["/tags/bias/", "/tags/bias/feed.xml"],
    ["/series/lab-notes/", "/series/lab-notes/feed.xml"],
  ])("%s has its feed at %s", (pageHref, feedHref) => {
    expect(archiveFeedHref(pageHref)).toBe(feedHref);
  });
});

describe("dates", () => {
  const originalTz = process.env.TZ;
  afterEach(() => {
    if (originalTz === undefined) delete process.env.TZ;
    else process.env.TZ = originalTz;
  });

  test.each([
    ["2022-03-10", "Thu, 10 Mar 2022 00:00:00 +0000"],
    ["2020-02-29", "Sat, 29 Feb 2020 00:00:00 +0000"],
    ["1999-12-31", "Fri, 31 Dec 1999 00:00:00 +0000"],
  ])("%s is %s in RFC 822, on a machine in any zone", (date, expected) => {
    // The first call for a date runs far from UTC: a result that followed the local zone would show there.
    for (const zone of ["Pacific/Kiritimati", "America/Los_Angeles", "UTC"]) {
      process.env.TZ = zone;
      expect(rfc822(date), zone).toBe(expected);
    }
  });

  test("RFC 822 dates are the RSS plugin's, day by day over thirty years", () => {
    for (let day = Date.UTC(1995, 0, 1); day < Date.UTC(2025, 0, 1); day += 86_400_000) {
      const date = new Date(day).toISOString().slice(0, 10);
      expect(rfc822(date), date).toBe(dateToRfc822(issueInstant(date), "UTC"));
    }
  });

  test.each(["2022-02-30x", "March", ""])("issueInstant rejects %j", (date) => {
    expect(() => issueInstant(date)).toThrow("feeds: expected a date like 2022-03-10");
  });
});

describe("buildFeed", () => {
  const definitions = feedDefinitions(newestFirst, archives, site);
  const content = (each: Issue) => `<p>Body of ${each.slug}</p>`;

  test("the site feed: absolute addresses under the base URL, updated on the newest issue's date", () => {
    const feed = buildFeed(definitions[0] as FeedDefinition, site, content);
    expect(feed).toMatchObject({
      kind: "site",
      title: site.title,
      language: "en",
      id: "https://letters.example/news/",
      homeUrl: "https://letters.example/news/",
      atomUrl: "https://letters.example/news/feed.xml",
      rssUrl: "https://letters.example/news/rss.xml",
      jsonUrl: "https://letters.example/news/feed.json",
      updated: "2022-03-02T00:00:00Z",
      updatedRfc822: "Wed, 02 Mar 2022 00:00:00 +0000",
      author: site.publisher.name,
    });
    expect(feed.entries.map((entry) => entry.id)).toEqual(["https://letters.example/news/issues/d/", "https://letters.example/news/issues/c/"]);
  });

  test("an entry: canonical id and link, both dates, summary, content, author fallback, categories", () => {
    const feed = buildFeed(definitions[0] as FeedDefinition, site, content);
    expect(feed.entries[1]).toEqual({
      id: "https://letters.example/news/issues/c/",
      url: "https://letters.example/news/issues/c/",
      title: "Issue c",
      summary: "Summary of c.",
      summaryHtml: "Summary of c.",
      contentHtml: "<p>Body of c</p>",
      published: "2022-01-15T00:00:00Z",
      publishedRfc822: "Sat, 15 Jan 2022 00:00:00 +0000",
      authors: [site.publisher.name],
      categories: [
        { term: "bias", label: "bias", scheme: "https://letters.example/news/tags/", href: "https://letters.example/news/tags/bias/" },
        { term: "vision", label: "Vision", scheme: "https://letters.example/news/tags/", href: "https://letters.example/news/tags/vision/" },
      ],
      // An issue without images has its social card as its thumbnail.
      image: { url: "https://letters.example/news/cards/issues/c.png", width: 1200, height: 630 },
    });
  });

  test("an issue's own authors replace the site's, and text XML forbids is dropped", () => {
    const special = issue("s", "2022-04-01", { title: "Bell\u0007 & <b>", authors: ["Ada Lovelace", "Grace\u0000 Hopper"], summary: "S\u000b." });
    const feed = buildFeed({ ...(definitions[0] as FeedDefinition), issues: [special] }, site, content);
    expect(feed.entries[0]).toMatchObject({ title: "Bell & <b>", summary: "S.", authors: ["Ada Lovelace", "Grace Hopper"] });
  });

  test("RSS's summary and description are HTML that a reader parsing them shows as the text", () => {
    const summary = `</script><script>alert(1)</script> & <b>"it's"</b>`;
    const feed = buildFeed({ ...(definitions[0] as FeedDefinition), description: "Notes <& news>", issues: [issue("s", "2022-04-01", { summary })] }, site, content);
    const entry = feed.entries[0];
    expect(entry?.summary).toBe(summary);
    expect(entry?.summaryHtml).toBe("&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;&quot;it&#39;s&quot;&lt;/b&gt;");
    expect(cheerio.load(entry?.summaryHtml ?? "").root().text()).toBe(summary);
    expect(cheerio.load(feed.descriptionHtml).root().text()).toBe("Notes <& news>");
  });

  test("a tag feed's id and home are its archive page; it has no RSS or JSON address", () => {
    const feed = buildFeed(definitions.find((each) => each.key === "tag:bias") as FeedDefinition, site, content);
    expect(feed).toMatchObject({ id: "https://letters.example/news/tags/bias/", atomUrl: "https://letters.example/news/tags/bias/feed.xml" });
    expect(feed.rssUrl).toBeUndefined();
    expect(feed.jsonUrl).toBeUndefined();
  });

  test("an empty feed is dated at a fixed instant, never the build's time", () => {
    const feed = buildFeed({ ...(definitions[0] as FeedDefinition), issues: [] }, site, content);
    expect(feed.updated).toBe("1970-01-01T00:00:00Z");
    expect(feed.entries).toEqual([]);
  });

  test("reads each issue's content through the given function", () => {
    const seen: string[] = [];
    buildFeed(definitions[0] as FeedDefinition, site, (each) => {
      seen.push(each.slug);
      return "";
    });
    expect(seen).toEqual(["d", "c"]);
  });
});
