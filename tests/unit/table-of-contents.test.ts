import { describe, expect, test } from "vitest";
import { createMarkdown } from "../../src/markdown/create-markdown.ts";
import { sectionCount, tableOfContents, tocMinimumSections, type TocEntry } from "../../src/markdown/table-of-contents.ts";

describe("tableOfContents", () => {
  test("lists the h2 and h3 headings that carry an id, in document order", () => {
    const html = [
      '<h1 id="title">Title</h1>',
      '<h2 id="news">News</h2>',
      "<p>text</p>",
      '<h3 class="sub" id="fusion">Fusion <em>control</em></h3>',
      '<h4 id="deep">Too deep</h4>',
      "<h2>No id</h2>",
      '<h2 id="papers" data-x="1">Papers</h2>',
    ].join("\n");
    expect(tableOfContents(html)).toEqual([
      { id: "news", text: "News", level: 2 },
      { id: "fusion", text: "Fusion control", level: 3 },
      { id: "papers", text: "Papers", level: 2 },
    ]);
  });

  test.each([
    ['<h2 id="a">Q&amp;A</h2>', "Q&A"],
    ['<h2 id="a">&lt;Two&gt;</h2>', "<Two>"],
    ['<h2 id="a">&quot;quoted&quot; &#39;single&#39;</h2>', "\"quoted\" 'single'"],
    ['<h2 id="a">  spread\n  over   lines </h2>', "spread over lines"],
    ['<h2 id="a"><a class="header-anchor" href="#a"><span>Linked</span></a></h2>', "Linked"],
    ['<h2 id="a">Code <code>x</code></h2>', "Code x"],
  ])("%j reads as the plain text %j", (html, text) => {
    expect(tableOfContents(html)[0]?.text).toBe(text);
  });

  test("works on the renderer's own headings, with their self-links", () => {
    const html = createMarkdown().render("## One & <Two>\n\n### Sub `code`\n\n#### Deep\n\n## Three");
    expect(tableOfContents(html)).toEqual([
      { id: "one-two", text: "One & <Two>", level: 2 },
      { id: "sub-code", text: "Sub code", level: 3 },
      { id: "three", text: "Three", level: 2 },
    ]);
  });

  test.each([
    ["## $x^2$ loss", "loss", "x^2 loss"],
    ["## $\\frac{a}{b}$ ratio", "ratio", "\\frac{a}{b} ratio"],
    ["## $\\sqrt{x^2+y^2}$ norm", "norm", "\\sqrt{x^2+y^2} norm"],
  ])("a heading with maths %j lists its TeX once, without KaTeX's glyph markup", (markdown, id, text) => {
    expect(tableOfContents(createMarkdown().render(markdown))).toEqual([{ id, text, level: 2 }]);
  });

  test("HTML without headings has no entries", () => {
    expect(tableOfContents("<p>Just text</p>")).toEqual([]);
    expect(tableOfContents("")).toEqual([]);
  });
});

describe("sectionCount", () => {
  const entry = (level: number): TocEntry => ({ id: `id-${level}`, text: "x", level });
  test.each([
    [[], 0],
    [[entry(3), entry(3)], 0],
    [[entry(2), entry(3), entry(3)], 1],
    [[entry(2), entry(3), entry(2), entry(2)], 3],
  ])("%j has %i sections (only h2 count)", (entries, count) => {
    expect(sectionCount(entries)).toBe(count);
  });

  test("a table of contents is shown from three sections", () => {
    expect(tocMinimumSections).toBe(3);
  });
});
