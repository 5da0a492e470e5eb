import { describe, expect, test } from "vitest";
import type { Series } from "../../src/model/series.ts";
import { buildSiteIndex } from "../../src/model/site-index.ts";
import { lastModifiedByUrl, sitemapEntries } from "../../src/model/sitemap.ts";
import { issue as buildIssue } from "../support/issue-builder.ts";

const issue = (slug: string, date: string, options: { tags?: string[]; seriesId?: string } = {}) =>
  buildIssue(slug, date, { seriesId: "notes", ...options });


const registry: readonly Series[] = [
  { id: "notes", title: "Notes", description: "Notes." },
  { id: "digest", title: "Digest", description: "Links." },
  { id: "dormant", title: "Dormant", description: "Nothing yet." },
];

const index = buildSiteIndex(
  [
    issue("a", "2021-11-05", { tags: ["bias"] }),
    issue("b", "2021-12-24", { tags: ["vision"], seriesId: "digest" }),
    issue("c", "2022-01-15", { tags: ["bias"], seriesId: "digest" }),
    issue("d", "2022-03-02", { tags: ["vision"] }),
  ],
  registry,
  { pageSize: 1, homeDescription: "" },
);

describe("lastModifiedByUrl", () => {
  const dates = lastModifiedByUrl(index);

  test.each([
    ["/issues/a/", "2021-11-05"],
    ["/issues/d/", "2022-03-02"],
    // Every page of an archive changes when a new issue shifts its items along.
    ["/", "2022-03-02"],
    ["/page/4/", "2022-03-02"],
    ["/tags/bias/", "2022-01-15"],
    ["/tags/bias/page/2/", "2022-01-15"],
    ["/series/digest/", "2022-01-15"],
    ["/series/notes/page/2/", "2022-03-02"],
    ["/archive/2021/", "2021-12-24"],
    ["/archive/2022/", "2022-03-02"],
  ])("%s was last modified on %s", (url, date) => {
    expect(dates.get(url)).toBe(date);
  });

  test("pages no issue date describes are left to the fallback: an empty series, the indexes", () => {
    expect(dates.has("/series/dormant/")).toBe(false);
    expect(dates.has("/tags/")).toBe(false);
    expect(dates.has("/archive/")).toBe(false);
  });
});

describe("sitemapEntries", () => {
  const dates = new Map([
    ["/issues/a/", "2021-11-05"],
    ["/", "2022-03-02"],
  ]);

  test("lists HTML pages only, sorted, absolute under the base URL, without the 404 page", () => {
    const urls = ["/tags/", "/issues/a/", "/", "/feed.xml", "/rss.xml", "/feed.json", "/robots.txt", "/404.html", "/legal.html", "/assets/site.0123456789.css", "/issues/a/"];
    expect(sitemapEntries(urls, dates, "https://letters.example/news/", "2022-03-02")).toEqual([
      { loc: "https://letters.example/news/", lastmod: "2022-03-02" },
      { loc: "https://letters.example/news/issues/a/", lastmod: "2021-11-05" },
      { loc: "https://letters.example/news/legal.html", lastmod: "2022-03-02" },
      { loc: "https://letters.example/news/tags/", lastmod: "2022-03-02" },
    ]);
  });

  test("without issues there is no date to give, so no lastmod", () => {
    expect(sitemapEntries(["/", "/tags/"], new Map(), "https://letters.example/", undefined)).toEqual([
      { loc: "https://letters.example/" },
      { loc: "https://letters.example/tags/" },
    ]);
  });
});
