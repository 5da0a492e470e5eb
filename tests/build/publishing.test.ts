// What a host and a crawler need from a build: sitemap.xml with every canonical page and its last
// modification, robots.txt pointing to it, a 404 page that helps readers on, and a build under a
// path prefix whose every internal link works.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { Element } from "@xmldom/xmldom";
import * as cheerio from "cheerio";
import { beforeAll, describe, expect, inject, test } from "vitest";
import { runSiteChecks } from "../../src/check/check-site.ts";
import { parseFrontMatter, splitFrontMatter } from "../../src/model/front-matter.ts";
import { issueSlug } from "../../src/model/issue-url.ts";
import { siteMetadata } from "../../src/site.ts";
import { projectRoot, runBuild, type BuildRun } from "../support/run-build.ts";
import { loadPage, pageExists } from "../support/site.ts";
import { childElements, childText, parseXmlStrictly } from "../support/xml.ts";

const sitemapNs = "http://www.sitemaps.org/schemas/sitemap/0.9";
const realSite = inject("realSite");
const site = siteMetadata();

function htmlFiles(folder: string): string[] {
  return readdirSync(folder, { recursive: true, encoding: "utf8" }).filter((file) => file.endsWith(".html"));
}

describe("sitemap.xml", () => {
  const document = parseXmlStrictly(readFileSync(path.join(realSite, "sitemap.xml"), "utf8"), "sitemap.xml");
  const urls = childElements(document.documentElement as Element, sitemapNs, "url").map((url) => ({
    loc: childText(url, sitemapNs, "loc") ?? "",
    lastmod: childText(url, sitemapNs, "lastmod"),
  }));

  test("lists every page but the 404 page, by its canonical URL", () => {
    const canonical = htmlFiles(realSite)
      .filter((file) => file !== "404.html")
      .map((file) => cheerio.load(readFileSync(path.join(realSite, file), "utf8"))('link[rel="canonical"]').attr("href"));
    expect(canonical.length).toBeGreaterThan(30);
    expect(urls.map((url) => url.loc).sort()).toEqual([...canonical].sort());
  });

  test("dates each issue page by its front matter and every page by a date", () => {
    for (const file of readdirSync(path.join(projectRoot, "issues"))) {
      const data = parseFrontMatter(splitFrontMatter(readFileSync(path.join(projectRoot, "issues", file), "utf8")).yaml ?? "").data;
      const entry = urls.find((url) => url.loc === `${site.baseUrl}issues/${issueSlug(file)}/`);
      expect(entry?.lastmod, file).toBe(data.date);
    }
    for (const url of urls) expect(url.lastmod, url.loc).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(urls.find((url) => url.loc === `${site.baseUrl}archive/2020/`)?.lastmod).toBe("2020-12-16");
  });
});

test("robots.txt lets crawlers in and points them to the sitemap", () => {
  expect(readFileSync(path.join(realSite, "robots.txt"), "utf8")).toBe(`User-agent: *\nAllow: /\n\nSitemap: ${site.baseUrl}sitemap.xml\n`);
});

describe("404.html", () => {
  const $ = loadPage(realSite, "/404.html");

  test("says the page is missing and offers the site's navigation and the archives", () => {
    expect($("h1").text()).toBe("Page not found");
    expect($("title").text()).toBe(`Page not found · ${site.title}`);
    const navigation = $('nav[aria-label="Site"] a').map((_, a) => $(a).attr("href")).get();
    expect(navigation).toEqual(expect.arrayContaining(["/", "/archive/", "/tags/", "/series/", "/subscribe/"]));
    const links = $("main a").map((_, a) => $(a).attr("href")).get();
    expect(links).toEqual(expect.arrayContaining(["/", "/archive/", "/tags/", "/series/", "/feeds/"]));
  });

  test("offers search when the site has its search page, and never links a missing one", () => {
    const searchLinks = $("main a[href='/search/'], main form[action='/search/']");
    if (pageExists(realSite, "/search/")) {
      expect($("main form[action='/search/'] input[type='search']").length).toBe(1);
      expect(searchLinks.length).toBe(2);
    } else {
      expect(searchLinks.length).toBe(0);
    }
  });
});

describe("a build served under a path prefix", () => {
  let build: BuildRun;
  const baseUrl = "https://user.example.io/newsletter/";
  beforeAll(() => {
    build = runBuild({ content: "issues", env: { SITE_URL: "https://user.example.io", PATH_PREFIX: "/newsletter/" } });
    expect(build.stderr).toBe("");
    expect(build.status).toBe(0);
  });

  test("passes the link checker told the prefix: every internal link and fragment resolves", async () => {
    const report = await runSiteChecks(build.output, { baseUrl });
    expect(report.problems).toEqual([]);
    expect(report.pagesChecked).toBe(htmlFiles(build.output).length);
  });

  test("fails the link checker told the site is at the host's root, so the check has teeth", async () => {
    const problems = await runSiteChecks(build.output, { baseUrl: "https://user.example.io/" });
    expect(problems.problems.length).toBeGreaterThan(100);
  });

  test("writes every root-relative URL with the prefix, and feeds, sitemap and canonical links under the prefixed base URL", () => {
    for (const file of htmlFiles(build.output)) {
      const html = readFileSync(path.join(build.output, file), "utf8");
      const rootRelative = [...html.matchAll(/\s(?:href|src|action)="(\/[^"]*)"/g)].map((match) => match[1] ?? "");
      expect(rootRelative.length, file).toBeGreaterThan(5);
      for (const url of rootRelative) expect(url, `${file}: ${url}`).toMatch(/^\/newsletter\//);
      expect(cheerio.load(html)('link[rel="canonical"]').attr("href"), file).toMatch(/^https:\/\/user\.example\.io\/newsletter\//);
    }
    for (const file of ["feed.xml", "rss.xml", "feed.json", "sitemap.xml", "robots.txt", "series/lab-notes/feed.xml"]) {
      const text = readFileSync(path.join(build.output, file), "utf8");
      const absolute = [...text.matchAll(/https?:\/\/[^\s"<&]+/g)].map((match) => match[0]).filter((url) => url.includes("user.example.io"));
      expect(absolute.length, file).toBeGreaterThan(0);
      for (const url of absolute) expect(url, file).toMatch(/^https:\/\/user\.example\.io\/newsletter\//);
    }
  });
});
