// The feeds of a built site, parsed strictly (XML with every namespace declared, JSON Feed against
// a schema) and compared with the issues' front matter and with their built pages.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { Element } from "@xmldom/xmldom";
import * as cheerio from "cheerio";
import { beforeAll, describe, expect, inject, test } from "vitest";
import { z } from "zod";
import { parseFrontMatter, splitFrontMatter } from "../../src/model/front-matter.ts";
import { issueSlug } from "../../src/model/issue-url.ts";
import { normaliseTags } from "../../src/model/tags.ts";
import { siteMetadata } from "../../src/site.ts";
import { projectRoot, runBuild, type BuildRun } from "../support/run-build.ts";
import { loadPage } from "../support/site.ts";
import { childElements, childText, parseXmlStrictly, prefixedElements } from "../support/xml.ts";

const atom = "http://www.w3.org/2005/Atom";
const contentNs = "http://purl.org/rss/1.0/modules/content/";
const dcNs = "http://purl.org/dc/elements/1.1/";
const site = siteMetadata();
const realSite = inject("realSite");

interface FrontMatter {
  title: string;
  date: string;
  summary: string;
  tags: string[];
  authors: string[];
}

/** The front matter of every issue in a content folder, by the URL of its page. */
function frontMatterByUrl(contentDir: string): Map<string, FrontMatter> {
  const byUrl = new Map<string, FrontMatter>();
  for (const file of readdirSync(contentDir).filter((name) => name.endsWith(".md"))) {
    const { yaml } = splitFrontMatter(readFileSync(path.join(contentDir, file), "utf8"));
    const data = parseFrontMatter(yaml ?? "").data as Partial<FrontMatter>;
    byUrl.set(`/issues/${issueSlug(file)}/`, { title: "", date: "", summary: "", tags: [], authors: [], ...data });
  }
  return byUrl;
}

const issues = frontMatterByUrl(path.join(projectRoot, "issues"));
const newestFirst = [...issues].sort(([, a], [, b]) => b.date.localeCompare(a.date));

function read(siteFolder: string, file: string): string {
  return readFileSync(path.join(siteFolder, file), "utf8");
}

/** What a reader that parses a field as HTML, as RSS readers do `<description>`, shows of it. */
function htmlAsText(html: string): string {
  return cheerio.load(html).root().text();
}

/** The site URL (`/issues/x/`) of an absolute URL on the site. */
function sitePath(url: string): string {
  expect(url.startsWith(site.baseUrl), `${url} is on ${site.baseUrl}`).toBe(true);
  return `/${url.slice(site.baseUrl.length)}`;
}

/** An issue page's body as text, without KaTeX's HTML half (feeds carry the MathML only). */
function pageBodyText(url: string): string {
  const $ = loadPage(realSite, url);
  $(".issue-body .katex-html").remove();
  return normaliseSpace($(".issue-body").text());
}

function normaliseSpace(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

/** Checks feed content HTML: every URL absolute, no KaTeX HTML, and the text of the issue's page. */
function expectFeedContent(html: string, url: string): void {
  const $ = cheerio.load(html, null, false);
  const urls = $("[href], [src]")
    .map((_, element) => $(element).attr("href") ?? $(element).attr("src"))
    .get();
  expect(urls.length, `${url} has links`).toBeGreaterThan(0);
  for (const each of urls) expect(URL.canParse(each), `${each} in the feed content of ${url} is absolute`).toBe(true);
  expect($(".katex-html").length).toBe(0);
  expect(html).not.toMatch(/\bks-[0-9a-f]{10}\b/);
  expect(normaliseSpace($.root().text())).toBe(pageBodyText(url));
}

const rfc822 = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} \+0000$/;
const rfc3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

describe("the Atom feed, /feed.xml", () => {
  const document = parseXmlStrictly(read(realSite, "feed.xml"), "feed.xml");
  const feed = document.documentElement as Element;
  const entries = childElements(feed, atom, "entry");

  test("is an Atom feed in the site's language, titled, identified and dated by its newest issue", () => {
    expect([feed.namespaceURI, feed.localName, feed.getAttribute("xml:lang")]).toEqual([atom, "feed", site.language]);
    expect(childText(feed, atom, "title")).toBe(site.title);
    expect(childText(feed, atom, "subtitle")).toBe(site.description);
    expect(childText(feed, atom, "id")).toBe(site.baseUrl);
    expect(childText(feed, atom, "updated")).toBe(`${newestFirst[0]?.[1].date}T00:00:00Z`);
    const links = childElements(feed, atom, "link").map((link) => [link.getAttribute("rel"), link.getAttribute("href")]);
    expect(links).toEqual([
      ["self", `${site.baseUrl}feed.xml`],
      ["alternate", site.baseUrl],
    ]);
    expect(childText(childElements(feed, atom, "author")[0] as Element, atom, "name")).toBe(site.publisher.name);
  });

  test("holds every issue, newest first, as its front matter and page describe it", () => {
    expect(entries.map((entry) => sitePath(childText(entry, atom, "id") ?? ""))).toEqual(newestFirst.map(([url]) => url));
    for (const entry of entries) {
      const url = sitePath(childText(entry, atom, "id") ?? "");
      const frontMatter = issues.get(url) as FrontMatter;
      const page = loadPage(realSite, url);
      const canonical = page('link[rel="canonical"]').attr("href");
      expect(childText(entry, atom, "title")).toBe(frontMatter.title);
      expect(childText(entry, atom, "id")).toBe(canonical);
      expect(childElements(entry, atom, "link").map((link) => link.getAttribute("href"))).toEqual([canonical]);
      expect(childText(entry, atom, "published")).toBe(`${frontMatter.date}T00:00:00Z`);
      expect(childText(entry, atom, "updated")).toMatch(rfc3339);
      expect(childText(entry, atom, "summary")).toBe(frontMatter.summary);
      const authors = childElements(entry, atom, "author").map((author) => childText(author, atom, "name"));
      expect(authors).toEqual(frontMatter.authors.length ? frontMatter.authors : [site.publisher.name]);
      const pageTags = page(".issue-header .tag-list a").map((_, a) => page(a).attr("href")?.split("/")[2]).get();
      const categories = childElements(entry, atom, "category");
      expect(categories.map((category) => category.getAttribute("term"))).toEqual(pageTags);
      for (const tag of normaliseTags(frontMatter.tags)) expect(pageTags).toContain(tag.slug);
      for (const category of categories) expect(category.getAttribute("scheme")).toBe(`${site.baseUrl}tags/`);
      const content = childElements(entry, atom, "content")[0];
      expect(content?.getAttribute("type")).toBe("html");
      expectFeedContent(content?.textContent ?? "", url);
    }
  });

  test("carries each issue's HTML unescaped, in CDATA sections, in the Atom and the RSS feed", () => {
    const rssContents = Array.from(parseXmlStrictly(read(realSite, "rss.xml"), "rss.xml").getElementsByTagNameNS(contentNs, "encoded"));
    const contents = [...entries.map((entry) => childElements(entry, atom, "content")[0] as Element), ...rssContents];
    expect(contents.length).toBe(2 * entries.length);
    for (const content of contents) {
      const nodes = Array.from(content.childNodes);
      expect(nodes.length).toBeGreaterThan(0);
      expect(nodes.every((node) => node.nodeType === 4 /* CDATA_SECTION_NODE */)).toBe(true);
    }
  });

  test("keeps the MathML of maths", () => {
    const labNotes = entries.find((entry) => childText(entry, atom, "id")?.endsWith("/issues/lab-notes-gpt3-contrastive-hebbian/"));
    const html = childText(labNotes as Element, atom, "content") ?? "";
    expect(html.match(/<math xmlns="http:\/\/www\.w3\.org\/1998\/Math\/MathML"/g)?.length).toBeGreaterThan(2);
  });
});

describe("the RSS feed, /rss.xml", () => {
  const text = read(realSite, "rss.xml");
  const document = parseXmlStrictly(text, "rss.xml");
  const channel = document.getElementsByTagName("channel")[0] as Element;
  // The channel's own fields come before its items' fields of the same name.
  const channelField = (name: string) => channel.getElementsByTagName(name)[0]?.textContent;
  const items = Array.from(document.getElementsByTagName("item"));

  test("declares every namespace prefix it uses, content:encoded's included", () => {
    expect(document.documentElement?.getAttribute("version")).toBe("2.0");
    const prefixed = prefixedElements(document);
    expect(prefixed.length).toBeGreaterThan(items.length);
    for (const element of prefixed) expect(element.namespaceURI, element.tagName).not.toBeNull();
    expect(document.getElementsByTagNameNS(contentNs, "encoded")).toHaveLength(items.length);
  });

  test("describes the site, dated by its newest issue in RFC 822", () => {
    expect(channelField("title")).toBe(site.title);
    expect(channelField("link")).toBe(site.baseUrl);
    expect(htmlAsText(channelField("description") ?? "")).toBe(site.description);
    expect(channelField("language")).toBe(site.language);
    const lastBuildDate = channelField("lastBuildDate") ?? "";
    expect(lastBuildDate).toMatch(rfc822);
    expect(new Date(lastBuildDate).toISOString().slice(0, 10)).toBe(newestFirst[0]?.[1].date);
    const self = document.getElementsByTagNameNS(atom, "link")[0];
    expect([self?.getAttribute("rel"), self?.getAttribute("href")]).toEqual(["self", `${site.baseUrl}rss.xml`]);
  });

  test("holds every issue, newest first, as its front matter describes it, with the Atom feed's content", () => {
    const atomDocument = parseXmlStrictly(read(realSite, "feed.xml"), "feed.xml");
    const atomContent = new Map(
      childElements(atomDocument.documentElement as Element, atom, "entry").map((entry) => [childText(entry, atom, "id"), childText(entry, atom, "content")]),
    );
    const field = (item: Element, name: string) => item.getElementsByTagName(name)[0]?.textContent ?? "";
    expect(items.map((item) => sitePath(field(item, "link")))).toEqual(newestFirst.map(([url]) => url));
    for (const item of items) {
      const url = sitePath(field(item, "link"));
      const frontMatter = issues.get(url) as FrontMatter;
      expect(field(item, "title")).toBe(frontMatter.title);
      const guid = item.getElementsByTagName("guid")[0];
      expect([guid?.textContent, guid?.getAttribute("isPermaLink")]).toEqual([field(item, "link"), "true"]);
      expect(field(item, "pubDate")).toMatch(rfc822);
      expect(new Date(field(item, "pubDate")).toISOString()).toBe(`${frontMatter.date}T00:00:00.000Z`);
      expect(htmlAsText(field(item, "description"))).toBe(frontMatter.summary);
      expect(Array.from(item.getElementsByTagNameNS(dcNs, "creator")).map((creator) => creator.textContent)).toEqual(
        frontMatter.authors.length ? frontMatter.authors : [site.publisher.name],
      );
      expect(item.getElementsByTagName("category").length).toBeGreaterThanOrEqual(normaliseTags(frontMatter.tags).length);
      expect(item.getElementsByTagNameNS(contentNs, "encoded")[0]?.textContent).toBe(atomContent.get(field(item, "link")));
    }
  });
});

/** JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/), as strictly as the site writes it. */
const absoluteUrl = z.url({ protocol: /^https?$/ });
const jsonFeedSchema = z.strictObject({
  version: z.literal("https://jsonfeed.org/version/1.1"),
  title: z.string().min(1),
  home_page_url: absoluteUrl,
  feed_url: absoluteUrl,
  description: z.string(),
  language: z.string().min(2),
  authors: z.array(z.strictObject({ name: z.string().min(1) })).min(1),
  items: z.array(
    z.strictObject({
      id: z.string().min(1),
      url: absoluteUrl,
      title: z.string().min(1),
      summary: z.string(),
      content_html: z.string().min(1),
      date_published: z.string().regex(rfc3339),
      authors: z.array(z.strictObject({ name: z.string().min(1) })).min(1),
      tags: z.array(z.string().min(1)),
      image: absoluteUrl,
    }),
  ),
});

describe("the JSON Feed, /feed.json", () => {
  test("is valid JSON Feed 1.1 whose items match the issues and the Atom feed", () => {
    const feed = jsonFeedSchema.parse(JSON.parse(read(realSite, "feed.json")));
    expect(feed).toMatchObject({ title: site.title, home_page_url: site.baseUrl, feed_url: `${site.baseUrl}feed.json`, description: site.description });
    expect(feed.items.map((item) => sitePath(item.url))).toEqual(newestFirst.map(([url]) => url));
    for (const item of feed.items) {
      const url = sitePath(item.url);
      const frontMatter = issues.get(url) as FrontMatter;
      expect(item).toMatchObject({ id: item.url, title: frontMatter.title, summary: frontMatter.summary, date_published: `${frontMatter.date}T00:00:00Z` });
      expect(item.tags).toEqual(loadPage(realSite, url)(".issue-header .tag-list a").map((_, a) => cheerio.load(a).text()).get());
      expectFeedContent(item.content_html, url);
      // The seeds show no images: each item's picture is its social card.
      expect(item.image).toBe(`${site.baseUrl}cards/issues/${url.split("/")[2]}.png`);
    }
  });
});

describe("series and tag feeds", () => {
  test("every page announces the site feeds in its head", () => {
    const htmlFiles = readdirSync(realSite, { recursive: true, encoding: "utf8" }).filter((file) => file.endsWith(".html"));
    expect(htmlFiles.length).toBeGreaterThan(30);
    for (const file of htmlFiles) {
      const $ = cheerio.load(read(realSite, file));
      const alternates = $('head link[rel="alternate"]').map((_, link) => `${$(link).attr("type")} ${$(link).attr("href")}`).get();
      expect(alternates.slice(0, 3), file).toEqual(["application/atom+xml /feed.xml", "application/rss+xml /rss.xml", "application/feed+json /feed.json"]);
    }
  });

  test("each series and tag archive announces its own feed and links it as Subscribe; the feed holds the archive's issues", () => {
    const archives = [
      ...loadPage(realSite, "/series/")(".series-index h2 a").map((_, a) => cheerio.load(a)("a").attr("href")).get(),
      ...loadPage(realSite, "/tags/")("main .tag-index a").map((_, a) => cheerio.load(a)("a").attr("href")).get(),
    ];
    expect(archives.length).toBeGreaterThan(20);
    for (const href of archives) {
      const $ = loadPage(realSite, href);
      const own = $('head link[rel="alternate"]').slice(3);
      expect(own.length, href).toBe(1);
      expect([own.attr("type"), own.attr("href")]).toEqual(["application/atom+xml", `${href}feed.xml`]);
      const subscribe = $(".archive-subscribe a").first();
      expect([subscribe.text(), subscribe.attr("href")]).toEqual(["Subscribe to this archive", `${href}feed.xml`]);
      const feed = parseXmlStrictly(read(realSite, `${href}feed.xml`), `${href}feed.xml`).documentElement as Element;
      expect(childText(feed, atom, "id")).toBe(`${site.baseUrl}${href.slice(1)}`);
      expect(childElements(feed, atom, "link")[0]?.getAttribute("href")).toBe(`${site.baseUrl}${href.slice(1)}feed.xml`);
      const entryUrls = childElements(feed, atom, "entry").map((entry) => sitePath(childText(entry, atom, "id") ?? ""));
      expect(entryUrls, href).toEqual($(".issue-card h2 a").map((_, a) => cheerio.load(a)("a").attr("href")).get().slice(0, site.feedSize));
      expect(childText(feed, atom, "updated")).toBe(`${issues.get(entryUrls[0] ?? "")?.date}T00:00:00Z`);
    }
  });

  test("the feeds page lists every feed", () => {
    const $ = loadPage(realSite, "/feeds/");
    const listed = $(".feed-list a[type]").map((_, a) => $(a).attr("href")).get();
    const feedFiles = readdirSync(realSite, { recursive: true, encoding: "utf8" })
      .filter((file) => file === "feed.xml" || file.endsWith("/feed.xml") || file === "rss.xml" || file === "feed.json")
      .map((file) => `/${file}`);
    expect([...listed].sort()).toEqual([...feedFiles].sort());
  });
});

describe("feeds of hostile input, built on a preview deploy", () => {
  let build: BuildRun;
  beforeAll(() => {
    // Netlify sets URL to the site's main address in every build; a preview's own address comes in other variables.
    build = runBuild({
      content: path.join(projectRoot, "tests/fixtures/sites/edge-cases/issues"),
      env: { SITE_URL: "", URL: "https://letters.example", DEPLOY_URL: "https://5f1e--letters.netlify.app", DEPLOY_PRIME_URL: "https://deploy-preview-7--letters.netlify.app" },
    });
    expect(build.stderr).toBe("");
    expect(build.status).toBe(0);
  });

  test("titles and authors with quotes, ampersands and markup are the front matter's text in every format", () => {
    const title = `Quotes "double" & 'single' <script>alert(1)</script>`;
    const summary = 'A summary with <b>tags</b> & ampersands "quoted".';
    const atomFeed = parseXmlStrictly(read(build.output, "feed.xml"), "feed.xml");
    const entry = childElements(atomFeed.documentElement as Element, atom, "entry").find((each) => childText(each, atom, "title") === title);
    expect(childText(childElements(entry as Element, atom, "author")[0] as Element, atom, "name")).toBe("Ada <Lovelace>");
    const rss = parseXmlStrictly(read(build.output, "rss.xml"), "rss.xml");
    expect(Array.from(rss.getElementsByTagName("title")).map((each) => each.textContent)).toContain(title);
    const json = jsonFeedSchema.parse(JSON.parse(read(build.output, "feed.json")));
    const item = json.items.find((each) => each.title === title);
    expect(item?.authors).toEqual([{ name: "Ada <Lovelace>" }]);
    expect(item?.summary).toBe(summary);
    // RSS readers parse <description> as HTML; Atom's summary says it is text.
    const rssItem = Array.from(rss.getElementsByTagName("item")).find((each) => each.getElementsByTagName("title")[0]?.textContent === title);
    expect(htmlAsText(rssItem?.getElementsByTagName("description")[0]?.textContent ?? "")).toBe(summary);
    const atomSummary = childElements(entry as Element, atom, "summary")[0];
    expect([atomSummary?.getAttribute("type"), atomSummary?.textContent]).toEqual(["text", summary]);
  });

  test("ids and links are on the site's main address, never a deploy preview's", () => {
    for (const file of ["feed.xml", "rss.xml", "feed.json", "sitemap.xml", "robots.txt"]) {
      const text = read(build.output, file);
      expect(text, file).toContain("https://letters.example/");
      expect(text, file).not.toMatch(/netlify\.app|newsletter-archive\.example\.org/);
    }
  });
});
