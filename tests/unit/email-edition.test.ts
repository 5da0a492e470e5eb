import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { simpleParser } from "mailparser";
import { describe, expect, test } from "vitest";
import { parseEmailArgs } from "../../src/email/email-args.ts";
import { editionProblems, siteFileFor } from "../../src/email/edition.ts";
import { emailContent, largestParts, readIssuePage, type EditionContext } from "../../src/email/email-html.ts";
import { composeMessage, listIdFor, unsubscribeHeaders } from "../../src/email/email-message.ts";
import { withMathsImages } from "../../src/email/feed-maths.ts";
import { mathsImageName, maxImagePixels, pngSize, sizedSvg, texFormulas } from "../../src/email/maths-images.ts";

const katexInline = '<span class="katex"><span class="katex-mathml"><math xmlns="http://www.w3.org/1998/Math/MathML"><semantics><mi>x</mi><annotation encoding="application/x-tex">a &lt; b &amp; c</annotation></semantics></math></span><span class="katex-html" aria-hidden="true">x</span></span>';
const katexDisplay = '<span class="katex-display"><span class="katex"><span class="katex-mathml"><math xmlns="http://www.w3.org/1998/Math/MathML" display="block"><semantics><mi>y</mi><annotation encoding="application/x-tex">\\sum_i y_i</annotation></semantics></math></span></span></span>';

describe("formulas and their images", () => {
  test("texFormulas reads KaTeX's TeX annotations, unescaped, with display style from the <math>", () => {
    expect(texFormulas(`<p>${katexInline}</p>${katexDisplay}<math><mi>z</mi></math>`)).toEqual([
      { tex: "a < b & c", display: false },
      { tex: "\\sum_i y_i", display: true },
    ]);
    expect(texFormulas("<p>no maths</p>")).toEqual([]);
  });

  test("an image's name is a hash of the TeX and its style: stable, and different for display", () => {
    expect(mathsImageName("x^2", false)).toBe(mathsImageName("x^2", false));
    expect(mathsImageName("x^2", false)).toMatch(/^[0-9a-f]{20}\.png$/);
    expect(mathsImageName("x^2", true)).not.toBe(mathsImageName("x^2", false));
    expect(mathsImageName("x^3", false)).not.toBe(mathsImageName("x^2", false));
  });

  test("MathJax's SVG is sized in whole pixels at 2x (8 px an ex), without its style, in the text colour", () => {
    const sized = sizedSvg('<svg style="vertical-align: -0.5ex;" xmlns="http://www.w3.org/2000/svg" width="10.1ex" height="2ex" viewBox="0 0 10 2"><path fill="currentColor" d="M0 0"/></svg>');
    expect(sized).toMatchObject({ width: 81, height: 16 });
    expect(sized.svg).toContain('width="162"');
    expect(sized.svg).toContain('height="32"');
    expect(sized.svg).not.toContain("vertical-align");
    expect(sized.svg).toContain('fill="#1d1f23"');
    expect(() => sizedSvg("<svg></svg>")).toThrow(/width and height in ex/);
    // A formula sized in thousands of ems is scaled into the column, its proportions kept.
    const huge = sizedSvg('<svg xmlns="http://www.w3.org/2000/svg" width="200000ex" height="1000ex" viewBox="0 0 10 2"><path d="M0 0"/></svg>');
    expect([huge.width, huge.height]).toEqual([maxImagePixels, 3]);
    expect(huge.svg).toContain(` width="${2 * maxImagePixels}" height="6"`);
  });

  test("pngSize reads the IHDR chunk and refuses what is no PNG", () => {
    const header = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 73, 72, 68, 82, 0, 0, 2, 0, 0, 0, 0, 40]);
    expect(pngSize(header)).toEqual({ width: 512, height: 40 });
    expect(pngSize(new TextEncoder().encode("GIF89a.................."))).toBeUndefined();
  });

  test("feeds with email-safe maths: each <math> becomes the absolute, sized image with the TeX as alt", () => {
    const html = withMathsImages(`<p>${katexInline}</p>${katexDisplay}`, (tex) => ({ name: `${tex.length}.png`, width: 30, height: 12 }), "https://letters.example.org/news/");
    expect(html).not.toContain("<math");
    expect(html).toContain('<img src="https://letters.example.org/news/email/maths/9.png" width="30" height="12" alt="a &#60; b &#38; c" style="vertical-align: middle">');
    expect(html).toContain('<span style="display: block; text-align: center"><img src="https://letters.example.org/news/email/maths/10.png"');
  });
});

const page = (body: string) => `<!DOCTYPE html><html lang="en-GB"><head><link rel="canonical" href="https://letters.example.org/issues/one/"><meta name="description" content="The summary."><meta property="article:published_time" content="2024-05-01T00:00:00+02:00"></head><body>
<article><p class="issue-series"><a href="/series/lab-notes/">Lab Notes</a> <span class="issue-number">#7</span></p><h1 id="issue-title">One &amp; only</h1><p class="issue-meta"><time datetime="2024-05-01">1 May 2024</time></p>
<div class="issue-body">${body}</div></article></body></html>`;

describe("the email's content", () => {
  const context: EditionContext = {
    siteTitle: "Letters",
    baseUrl: "https://letters.example.org/",
    unsubscribe: "{{ unsubscribe_url }}",
    mathsImage: (tex) => (tex.startsWith("a") ? { src: "https://letters.example.org/email/maths/a.png", width: 40, height: 12 } : undefined),
  };

  test("readIssuePage takes the title, summary, address, time, series and body from the layout", () => {
    expect(readIssuePage(page("<p>Hi</p>"), "one.html")).toEqual({
      title: "One & only",
      summary: "The summary.",
      url: "https://letters.example.org/issues/one/",
      published: "2024-05-01T00:00:00+02:00",
      readableDate: "1 May 2024",
      series: "Lab Notes",
      seriesId: "lab-notes",
      number: "7",
      language: "en-GB",
      bodyHtml: "<p>Hi</p>",
    });
    expect(() => readIssuePage("<html><body><p>no layout</p></body></html>", "x/index.html")).toThrow('x/index.html: expected an issue page (layouts/issue.njk) with <div class="issue-body">, found none');
  });

  test("links and images absolute, footnote links kept in the message, anchors unwrapped, pictures as their image, formulas as images", () => {
    const issue = readIssuePage(
      page(
        `<h2 id="a"><a class="header-anchor" href="#a"><span>Part</span></a></h2><p><a href="/tags/x/">tag</a> <a href="#missing">gone</a> <a href="other/">rel</a><sup class="footnote-ref"><a href="#fn1" id="fnref1">[1]</a></sup> ${katexInline}</p>` +
          '<picture><source srcset="/i.avif" type="image/avif"><img src="/i.png" srcset="/i.png 1x" width="10" height="5" alt="A"></picture><img src="/wide.png" width="672" height="420" alt="W" fetchpriority="high"><table><tr><td>1</td></tr></table><section class="footnotes"><ol><li id="fn1"><p>N <a href="#fnref1" class="footnote-backref">b</a></p></li></ol></section><script>x</script>',
      ),
      "one.html",
    );
    const { html, problems } = emailContent(issue, context);
    expect(problems).toEqual([]);
    expect(html).toContain('<h2 id="a">Part</h2>');
    expect(html).toContain('href="https://letters.example.org/tags/x/"');
    expect(html).toContain('href="https://letters.example.org/issues/one/#missing"');
    expect(html).toContain('href="https://letters.example.org/issues/one/other/"');
    expect(html).toContain('href="#fn1"');
    expect(html).toContain('href="#fnref1"');
    expect(html).toContain('<img class="maths" src="https://letters.example.org/email/maths/a.png" width="40" height="12" alt="a < b &amp; c">');
    expect(html).toContain('<img src="https://letters.example.org/i.png" width="10" height="5" alt="A">');
    // Narrowed to the column's text, its proportions kept.
    expect(html).toContain('<img src="https://letters.example.org/wide.png" width="552" height="345" alt="W">');
    expect(html).not.toMatch(/<picture|<source|<script|srcset|katex|fetchpriority/);
    expect(html).toContain('<div class="table-scroll"><table class="data">');
  });

  test("a formula the site has no image of is a problem naming it, shown as TeX", () => {
    const issue = readIssuePage(page(katexDisplay), "one.html");
    const { html, problems } = emailContent(issue, context);
    expect(problems).toEqual(['the formula "\\\\sum_i y_i" has no image in the built site: build it (npm run build) with newsletter.yml\'s email section']);
    expect(html).toBe("$$\\sum_i y_i$$");
  });
});

describe("the checks", () => {
  const site = mkdtempSync(path.join(tmpdir(), "newsletter-email-checks-"));
  mkdirSync(path.join(site, "issues", "published"), { recursive: true });
  writeFileSync(path.join(site, "issues", "published", "index.html"), "<p>here</p>");
  const options = { baseUrl: "https://letters.example.org/", site, unsubscribe: "{{ unsubscribe_url }}" };

  test("siteFileFor maps the site's addresses to its files, and no other site's", () => {
    expect(siteFileFor("https://letters.example.org/issues/x/#a", options.baseUrl, site)).toBe(path.join(site, "issues/x/index.html"));
    expect(siteFileFor("https://letters.example.org/feed.xml", options.baseUrl, site)).toBe(path.join(site, "feed.xml"));
    expect(siteFileFor("https://other.example/issues/x/", options.baseUrl, site)).toBeUndefined();
  });

  test("a clean edition has none; every problem of one is named", () => {
    const clean = '<a href="https://letters.example.org/issues/published/">p</a><a href="{{ unsubscribe_url }}">u</a><a href="#fn1">1</a><img src="https://x.example/a.png" width="1" height="1" alt="">';
    expect(editionProblems(clean, "", options)).toEqual([]);
    const bad = '<a href="https://letters.example.org/issues/draft/">d</a><a href="/relative/">r</a><img src="/a.png" width="1" height="1" alt=""><img src="https://x.example/b.png" alt="">';
    expect(editionProblems(bad, "", options)).toEqual([
      'an image without an absolute URL: "/a.png" (expected http:// or https://)',
      'an image without width and height: "https://x.example/b.png"',
      "a link to https://letters.example.org/issues/draft/, which the built site does not have: a draft, a scheduled issue or a missing page",
      'a link without an absolute URL: "/relative/"',
    ]);
  });

  test("an HTML part over 100 KB says by how much and names its largest parts", () => {
    const content = `<p>small</p><pre>${"x".repeat(90_000)}</pre><p>${"word ".repeat(4_000)}</p>`;
    const html = `<html><body>${content}${"<!-- -->".repeat(2_000)}</body></html>`;
    const [problem] = editionProblems(html, content, options);
    expect(problem).toMatch(/^the HTML part is 123\.\d KB, 23\.\d KB over the 100 KB beyond which Gmail clips a message; its largest parts: <pre> "x{37}\.\.\." \(87\.9 KB\), <p> "word word/);
    expect(largestParts(content).map((part) => part.label.slice(0, 5))).toEqual(["<pre>", "<p> \"", "<p> \""]);
  });
});

describe("the message", () => {
  test("listIdFor: the site's list id, a series' list name under it, or a series' own list id", () => {
    expect(listIdFor(undefined, "letters.example.org")).toBe("letters.example.org");
    expect(listIdFor("Lab Notes", "letters.example.org")).toBe("lab-notes.letters.example.org");
    expect(listIdFor("notes.example.com", "letters.example.org")).toBe("notes.example.com");
  });

  test("one-click unsubscribe for an https URL or a provider's placeholder, the header alone for a mailto", () => {
    expect(unsubscribeHeaders("https://x.example/u?id={{ id }}")).toEqual({ "List-Unsubscribe": "<https://x.example/u?id={{ id }}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" });
    expect(unsubscribeHeaders("mailto:leave@x.example")).toEqual({ "List-Unsubscribe": "<mailto:leave@x.example>" });
  });

  test("the .eml parses back with its headers and both parts", async () => {
    const eml = await composeMessage({
      email: { from: "Letters <letters@example.org>", replyTo: "editor@example.org", listId: "letters.example.org", unsubscribe: "{{ unsubscribe_url }}" },
      listId: "lab-notes.letters.example.org",
      listName: "Lab Notes",
      subject: "Ünïcode & maths",
      date: new Date("2024-05-01T00:00:00Z"),
      slug: "one",
      html: "<p>Hello</p>",
      text: "Hello\n",
    });
    const parsed = await simpleParser(eml);
    expect(parsed.from?.text).toBe('"Letters" <letters@example.org>');
    expect(parsed.replyTo?.text).toBe("editor@example.org");
    expect(parsed.subject).toBe("Ünïcode & maths");
    expect(parsed.date?.toISOString()).toBe("2024-05-01T00:00:00.000Z");
    expect(parsed.messageId).toBe("<one@lab-notes.letters.example.org>");
    expect(parsed.headerLines.find((line) => line.key === "list-unsubscribe-post")?.line).toBe("List-Unsubscribe-Post: List-Unsubscribe=One-Click");
    expect(parsed.headerLines.find((line) => line.key === "list-id")?.line).toMatch(/^List-Id: "Lab Notes" <lab-notes\.letters\.example\.org>$/i);
    expect(parsed.headerLines.find((line) => line.key === "list-unsubscribe")?.line).toBe("List-Unsubscribe: <{{ unsubscribe_url }}>");
    expect(parsed.text).toBe("Hello\n");
    expect(parsed.html).toBe("<p>Hello</p>");
  });
});

describe("parseEmailArgs", () => {
  test.each([
    [["lab-notes"], { slugs: ["lab-notes"], all: false, out: "_email", site: "_site", check: false }],
    [["--all", "--out", "out", "--site=built", "--check"], { slugs: [], all: true, out: "out", site: "built", check: true }],
    [["a", "b"], { slugs: ["a", "b"], all: false, out: "_email", site: "_site", check: false }],
  ])("%j", (argv, expected) => {
    expect(parseEmailArgs(argv)).toEqual(expected);
  });

  test("every mistake named at once, with the usage", () => {
    expect(() => parseEmailArgs(["--out", "--all", "Bad Slug", "--force", "x"])).toThrow(
      'email: --out: expected a folder, got nothing; "Bad Slug": expected an issue\'s slug, like lab-notes-gpt3 (its address /issues/<slug>/); --force: expected one of --all, --out, --site, --check, --config, got an unknown option; --all: expected either --all or slugs, got both\nusage:',
    );
    expect(() => parseEmailArgs([])).toThrow("email: expected the slug of an issue, or --all");
  });
});
