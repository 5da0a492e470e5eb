// Builds of the real site (issues/), read back with a real HTML parser.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, inject, test } from "vitest";
import { loadPage, pageExists } from "../support/site.ts";

const site = inject("realSite");
const issueUrls = [
  "/issues/gradient-update-20/",
  "/issues/zeta-alpha-trends-march-2022/",
  "/issues/link-digest-moores-law-ai-progress/",
  "/issues/neurips-2020-takeaways/",
  "/issues/lab-notes-gpt3-contrastive-hebbian/",
];

describe("home page", () => {
  const $ = loadPage(site, "/");

  test("lists every issue newest first with title, date, series, summary and tags", () => {
    const cards = $(".issue-card");
    expect(cards.map((_, card) => $(card).find("h2 a").attr("href")).get()).toEqual(issueUrls);
    const dates = cards.map((_, card) => $(card).find("time").attr("datetime")).get();
    expect(dates).toEqual([...dates].sort().reverse());
    cards.each((_, card) => {
      expect($(card).find("h2 a").text().trim()).not.toBe("");
      expect($(card).find(".issue-card__summary").text().trim()).not.toBe("");
      expect($(card).find('a[href^="/series/"]').text().trim()).not.toBe("");
      expect($(card).find('.tag-list a[href^="/tags/"]').length).toBeGreaterThan(0);
    });
  });
});

describe("issue page", () => {
  const $ = loadPage(site, "/issues/gradient-update-20/");

  test("shows title, linked series, number, date, reading time and linked tags", () => {
    expect($("h1").text()).toBe("Gradient Update #20: New Chinese Regulations, DeepNet");
    expect($(".issue-series a").attr("href")).toBe("/series/gradient-updates/");
    expect($(".issue-series a").text()).toBe("The Gradient Updates");
    expect($(".issue-number").text()).toBe("#20");
    expect($(".issue-meta time").attr("datetime")).toBe("2022-03-10");
    expect($(".issue-meta time").text()).toBe("10 March 2022");
    expect($(".issue-reading-time").text()).toMatch(/^\d+ min read$/);
    const tagLinks = $(".issue-header .tag-list a").map((_, a) => $(a).attr("href")).get();
    expect(tagLinks).toContain("/tags/recommender-systems/");
    for (const href of tagLinks) expect(pageExists(site, href)).toBe(true);
  });

  test("has a table of contents whose links reach the headings' anchors", () => {
    const tocLinks = $("nav.toc a").map((_, a) => $(a).attr("href")).get();
    expect(tocLinks.length).toBeGreaterThanOrEqual(3);
    for (const href of tocLinks) expect($(href.replace(/^#/, "#")).length, href).toBe(1);
    expect($("h2#other-things-that-caught-our-eyes a.header-anchor").attr("href")).toBe(
      "#other-things-that-caught-our-eyes",
    );
  });

  test("carries canonical URL, description, Open Graph, Twitter card and JSON-LD Article", () => {
    const canonical = $('link[rel="canonical"]').attr("href");
    expect(canonical).toMatch(/^https:\/\/.+\/issues\/gradient-update-20\/$/);
    expect($('meta[name="description"]').attr("content")).toContain("China's new regulations");
    expect($('meta[property="og:type"]').attr("content")).toBe("article");
    expect($('meta[property="og:url"]').attr("content")).toBe(canonical);
    expect($('meta[name="twitter:card"]').attr("content")).toBe("summary_large_image");
    const jsonLd = JSON.parse($('script[type="application/ld+json"]').text()) as Record<string, unknown>;
    expect(jsonLd).toMatchObject({ "@type": "Article", headline: $("h1").text(), datePublished: "2022-03-10T00:00:00+00:00", url: canonical });
  });

  test("links to the previous and next issue by date", () => {
    const middle = loadPage(site, "/issues/zeta-alpha-trends-march-2022/");
    expect(middle('.pager a[rel="prev"]').attr("href")).toBe("/issues/link-digest-moores-law-ai-progress/");
    expect(middle('.pager a[rel="next"]').attr("href")).toBe("/issues/gradient-update-20/");
    expect($('.pager a[rel="next"]').length).toBe(0);
    const oldest = loadPage(site, "/issues/lab-notes-gpt3-contrastive-hebbian/");
    expect(oldest('.pager a[rel="prev"]').length).toBe(0);
  });

  test("links its stylesheet, fingerprinted and built from Sass, with dark and print styles (KaTeX's is apart: styles.test.ts)", () => {
    const href = $('link[rel="stylesheet"]').attr("href") ?? "";
    expect(href).toMatch(/^\/assets\/site\.[0-9a-f]{10}\.css$/);
    const css = readFileSync(path.join(site, href), "utf8");
    expect(css).not.toContain(".katex .mfrac");
    expect(css).toMatch(/prefers-color-scheme:\s*dark/);
    expect(css).toContain("@media print");
    expect(readdirSync(path.join(site, "assets/fonts")).some((font) => font.endsWith(".woff2"))).toBe(true);
  });

  test("needs no JavaScript: no script other than JSON-LD data, no inline event handlers", () => {
    for (const url of issueUrls) {
      const page = loadPage(site, url);
      expect(page("script").not('[type="application/ld+json"]').length).toBe(0);
      expect(page("*").filter((_, el) => "attribs" in el && Object.keys(el.attribs).some((name) => name.startsWith("on"))).length).toBe(0);
    }
  });
});

describe("seed structure recovered as HTML", () => {
  test("Gradient update: sections and sub-sections are headings", () => {
    const $ = loadPage(site, "/issues/gradient-update-20/");
    const headings = $(".issue-body h2, .issue-body h3").map((_, h) => $(h).text()).get();
    for (const expected of ["Summary", "Background", "Why does it matter?", "Editor Comments", "Other Things That Caught Our Eyes"]) {
      expect(headings).toContain(expected);
    }
    expect(headings.some((text) => text.startsWith("News Highlight"))).toBe(true);
    expect(headings.some((text) => text.startsWith("Paper Highlight"))).toBe(true);
    expect($(".issue-body h4").length).toBeGreaterThanOrEqual(10);
    expect($(".issue-body ul li").length).toBeGreaterThanOrEqual(6);
  });

  test("Zeta Alpha roundup: papers as headings, why and insight callouts, linked footnotes", () => {
    const $ = loadPage(site, "/issues/zeta-alpha-trends-march-2022/");
    expect($(".issue-body h3").length).toBe(10);
    expect($(".callout-why").length).toBe(10);
    expect($(".callout-insight").length).toBe(10);
    expect($(".callout-why").first().text()).toContain("❓ Why →");
    const refs = $(".issue-body sup.footnote-ref a");
    expect(refs.length).toBe(6);
    refs.each((_, ref) => {
      const target = $(ref).attr("href") ?? "";
      expect($(target).is("li.footnote-item")).toBe(true);
      const back = $(target).find("a.footnote-backref").attr("href") ?? "";
      expect($(back).length).toBe(1);
    });
  });

  test("NeurIPS takeaways: Takeaway lines stand out and captions are figure captions", () => {
    const $ = loadPage(site, "/issues/neurips-2020-takeaways/");
    expect($(".callout-takeaway").length).toBe(10);
    expect($(".callout-takeaway strong").first().text()).toBe("Takeaway:");
    expect($("figure figcaption").length).toBeGreaterThanOrEqual(8);
  });

  test("lab notes: LaTeX rendered at build time as KaTeX HTML and MathML", () => {
    const $ = loadPage(site, "/issues/lab-notes-gpt3-contrastive-hebbian/");
    expect($(".katex").length).toBeGreaterThanOrEqual(5);
    expect($(".katex math").length).toBe($(".katex").length);
    expect($(".katex .katex-html").length).toBe($(".katex").length);
    expect($("annotation").first().text()).toContain("\\Delta w_{i,j}");
    expect($(".issue-body ul ul li").length).toBeGreaterThanOrEqual(2);
  });

  test("link digest: item hashtags become the issue's tags", () => {
    const $ = loadPage(site, "/issues/link-digest-moores-law-ai-progress/");
    const tags = $(".issue-header .tag-list a").map((_, a) => $(a).attr("href")).get();
    expect(tags).toEqual(expect.arrayContaining(["/tags/performance/", "/tags/bias/", "/tags/machine-learning/", "/tags/accuracy/"]));
    expect($(".issue-body h2").length).toBe(10);
  });
});

describe("archives the issue pages link to", () => {
  test("every tag and series link on every issue page resolves to a built page", () => {
    for (const url of issueUrls) {
      const $ = loadPage(site, url);
      const links = $('a[href^="/tags/"], a[href^="/series/"]').map((_, a) => $(a).attr("href")).get();
      for (const href of links) expect(pageExists(site, href), `${url} → ${href}`).toBe(true);
    }
  });

  test("a tag page lists exactly the issues with that tag", () => {
    const $ = loadPage(site, "/tags/transformers/");
    const listed = $(".issue-card h2 a").map((_, a) => $(a).attr("href")).get();
    expect(listed).toEqual(["/issues/gradient-update-20/", "/issues/neurips-2020-takeaways/"]);
  });

  test("an archive's title and description reach its head escaped once", () => {
    const $ = loadPage(site, "/series/lab-notes/");
    const description = "A research lab's informal notes on the papers it reads, with the maths kept in.";
    for (const selector of ['meta[name="description"]', 'meta[property="og:description"]', 'meta[name="twitter:description"]']) {
      expect($(selector).attr("content"), selector).toBe(description);
    }
    expect($("title").text()).toBe(`${$("h1").text()} · ${$('meta[property="og:site_name"]').attr("content")}`);
  });
});
