import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { createMarkdown } from "../../src/markdown/create-markdown.ts";
import { contentsList, nestContents, tableOfContents, tocMinimumHeadings, type TocEntry } from "../../src/markdown/table-of-contents.ts";

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

describe("nestContents", () => {
  const h = (level: number, id: string): TocEntry => ({ id, text: id.toUpperCase(), level });
  const item = (id: string, ...children: string[]) => ({ id, text: id.toUpperCase(), children: children.map((child) => ({ id: child, text: child.toUpperCase() })) });

  test.each([
    ["no headings", [], []],
    ["sections only", [h(2, "a"), h(2, "b")], [item("a"), item("b")]],
    ["each ### inside the ## before it", [h(2, "a"), h(3, "a1"), h(3, "a2"), h(2, "b"), h(3, "b1")], [item("a", "a1", "a2"), item("b", "b1")]],
    ["ten ### under one ##", [h(2, "r"), ...Array.from({ length: 10 }, (_, n) => h(3, `p${n}`))], [item("r", ...Array.from({ length: 10 }, (_, n) => `p${n}`))]],
    ["a ### before any ## stands on its own", [h(3, "x"), h(3, "y"), h(2, "a"), h(3, "a1")], [item("x"), item("y"), item("a", "a1")]],
  ])("%s", (_, entries, nested) => {
    expect(nestContents(entries)).toEqual(nested);
  });
});

describe("contentsList", () => {
  const render = (markdown: string) => contentsList(createMarkdown().render(markdown));

  test("an issue with three headings at ## or ### has a list, with fewer none", () => {
    expect(tocMinimumHeadings).toBe(3);
    expect(render("## One\n\n### Sub\n\n#### Deep\n\n#### Deeper")).toEqual([]);
    expect(render("## One\n\n### Sub\n\n### Other")).toEqual([
      { id: "one", text: "One", children: [{ id: "sub", text: "Sub" }, { id: "other", text: "Other" }] },
    ]);
  });

  test("the Zeta Alpha issue's papers, ten ### under one ##, are listed inside it", () => {
    const markdown = readFileSync(path.join(import.meta.dirname, "../../issues/2022-03-02-zeta-alpha-trends-march-2022.md"), "utf8");
    const list = render(markdown.replace(/^---[\s\S]*?\n---\n/, ""));
    expect(list).toHaveLength(1);
    expect(list[0]?.children).toHaveLength(10);
  });
});
