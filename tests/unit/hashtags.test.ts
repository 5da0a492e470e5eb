import * as cheerio from "cheerio";
import { describe, expect, test } from "vitest";
import { createMarkdown } from "../../src/markdown/create-markdown.ts";
import { extractHashtags, extractTaggedItems } from "../../src/markdown/tagged-items.ts";
import { parseHashtagLine } from "../../src/model/hashtags.ts";

describe("parseHashtagLine", () => {
  test.each([
    ["#performance", ["#performance"]],
    ["#performance, #machine-learning", ["#performance", "#machine-learning"]],
    ["#performance #machine-learning", ["#performance", "#machine-learning"]],
    ["#performance,#bias", ["#performance", "#bias"]],
    ["#performance, #bias,", ["#performance", "#bias"]],
    ["  #performance  ", ["#performance"]],
    ["#performance\n#bias", ["#performance", "#bias"]],
    ["#a-b_c", ["#a-b_c"]],
    ["#NeurIPS2020", ["#NeurIPS2020"]],
    ["#1", ["#1"]],
    ["#Ünïcode", ["#Ünïcode"]],
  ])("the paragraph %j is the tags %j", (text, tags) => {
    expect(parseHashtagLine(text)).toEqual(tags);
  });

  test.each([
    ["Read #performance here", "prose containing a hashtag"],
    ["#performance is up", "a hashtag starting prose"],
    ["text #performance", "prose ending in a hashtag"],
    ["# Heading", "an ATX heading"],
    ["#", "a lone #"],
    ["#_private", "a hashtag starting with an underscore"],
    ["#-dash", "a hashtag starting with a hyphen"],
    ["#a,, #b", "a doubled comma"],
    ["#a; #b", "a semicolon"],
    ["", "an empty paragraph"],
  ])("%j is not a hashtag paragraph (%s)", (text) => {
    expect(parseHashtagLine(text)).toBeUndefined();
  });

  // `\s*,?\s*` between hashtags could split each run of spaces many ways: 10 spaced hashtags
  // before other text took 1.4 s, and each one more about 5 times as long.
  test.each([
    ["hashtags spaced apart, then prose", `${"#a    ".repeat(40)}and more`, undefined],
    ["hashtags spaced apart around commas, then prose", `${"#a  ,  ".repeat(40)}!`, undefined],
    ["1 MB of #a", "#a".repeat(500_000), ["#a"]],
    ["1 MB of spaced hashtags", "#a    ".repeat(170_000), ["#a"]],
  ])("%s is read without backtracking", (_, text, expected) => {
    const tags = parseHashtagLine(text);
    expect(tags && [...new Set(tags)]).toEqual(expected);
  });
});

describe("extractHashtags", () => {
  test("collects the tags of every hashtag paragraph, normalised and de-duplicated in order", () => {
    const body = [
      "## First item",
      "",
      "Some text about speed.",
      "",
      "#performance, #Machine-Learning",
      "",
      "## Second item",
      "",
      "#bias #machine-learning #performance",
    ].join("\n");
    expect(extractHashtags(body)).toEqual([
      { slug: "performance", name: "performance" },
      { slug: "machine-learning", name: "Machine-Learning" },
      { slug: "bias", name: "bias" },
    ]);
  });

  test.each([
    ["backtick fence", "```\n#in-code\n```"],
    ["tilde fence", "~~~\n#in-code\n~~~"],
    ["fence with an info string", "```markdown\n#in-code\n```"],
    ["longer fence containing a shorter one", "````\n```\n#in-code\n````"],
    ["indented fence", "   ```\n#in-code\n   ```"],
    ["fence left open to the end", "```\n#in-code\n\n#also-code"],
  ])("ignores hashtags inside fenced code (%s)", (_, code) => {
    const body = `#before\n\n${code}\n\n#after`;
    const slugs = extractHashtags(body).map((tag) => tag.slug);
    expect(slugs).not.toContain("in-code");
    expect(slugs).not.toContain("also-code");
    expect(slugs[0]).toBe("before");
  });

  test("a tilde fence is not closed by backticks", () => {
    expect(extractHashtags("~~~\n```\n#in-code\n\n~~~\n\n#after").map((tag) => tag.slug)).toEqual(["after"]);
  });

  test("hashtags after a closed fence count again", () => {
    expect(extractHashtags("```\n#in-code\n```\n\n#after").map((tag) => tag.slug)).toEqual(["after"]);
  });

  test("hashtags inside prose are not tags", () => {
    expect(extractHashtags("We rank #1 in #performance this week.\n\nMore text.")).toEqual([]);
  });

  test("CRLF line endings are read like LF", () => {
    expect(extractHashtags("Text.\r\n\r\n#performance, #bias\r\n")).toEqual([
      { slug: "performance", name: "performance" },
      { slug: "bias", name: "bias" },
    ]);
  });

  test("a body without hashtags has no tags", () => {
    expect(extractHashtags("")).toEqual([]);
    expect(extractHashtags("Just prose.\n\nMore prose.")).toEqual([]);
  });
});

describe("extractTaggedItems", () => {
  const md = createMarkdown();

  /** The items as the real renderer shows them: each tag list under the h2–h4 heading above it. */
  function renderedItems(markdown: string): { id: string; title: string; tags: string[] }[] {
    const $ = cheerio.load(md.render(markdown), null, false);
    const items = new Map<string, { id: string; title: string; tags: string[] }>();
    let heading: { id: string; title: string } | undefined;
    $.root()
      .children()
      .each((_, element) => {
        const node = $(element);
        if (node.is("h1, h2, h3, h4, h5, h6")) {
          const id = node.attr("id");
          heading = node.is("h2, h3, h4") && id !== undefined ? { id, title: node.text() } : undefined;
        } else if (node.is("ul.item-tags") && heading) {
          const tags = node
            .find("a[rel=tag]")
            .map((__, link) => ($(link).attr("href") ?? "").replace(/^\/tags\/|\/$/g, ""))
            .get();
          const item = items.get(heading.id) ?? { ...heading, tags: [] };
          item.tags.push(...tags.filter((tag) => !item.tags.includes(tag)));
          items.set(heading.id, item);
        }
      });
    return [...items.values()];
  }

  const extracted = (markdown: string) =>
    extractTaggedItems(markdown).map((item) => ({ id: item.id, title: item.title, tags: item.tags.map((tag) => tag.slug) }));
  const withoutTitles = (items: readonly { id: string; tags: string[] }[]) => items.map(({ id, tags }) => ({ id, tags }));

  test.each([
    ["a plain h2", "## Plain title\n\n#a", [{ id: "plain-title", tags: ["a"] }]],
    ["h2, h3 and h4", "## Two\n\n#a\n\n### Three\n\n#b\n\n#### Four\n\n#c", [
      { id: "two", tags: ["a"] },
      { id: "three", tags: ["b"] },
      { id: "four", tags: ["c"] },
    ]],
    ["a repeated title (x, x-1, x-2)", "## x\n\n#a\n\n## x\n\n#b\n\n### x\n\n#c", [
      { id: "x", tags: ["a"] },
      { id: "x-1", tags: ["b"] },
      { id: "x-2", tags: ["c"] },
    ]],
    ["a repeat where only the second heading is tagged", "## x\n\n## x\n\n#a", [{ id: "x-1", tags: ["a"] }]],
    ["a title that looks like a numbered repeat", "## x-1\n\n## x\n\n## x\n\n#a", [{ id: "x-2", tags: ["a"] }]],
    ["Section, Section, Section 1", "## Section\n\n#a\n\n## Section\n\n#b\n\n## Section 1\n\n#c", [
      { id: "section", tags: ["a"] },
      { id: "section-1", tags: ["b"] },
      { id: "section-1-1", tags: ["c"] },
    ]],
    ["emphasis and strong", "## A *emphasised* and **strong** _title_\n\n#a", [{ id: "a-emphasised-and-strong-title", tags: ["a"] }]],
    ["strong underscores", "## __init__ method\n\n#a", [{ id: "init-method", tags: ["a"] }]],
    ["a link", "## A [linked](https://example.org/a_b) title\n\n#a", [{ id: "a-linked-title", tags: ["a"] }]],
    ["a link with emphasis inside", "## [Paper: *Attention*](https://x.org/p) notes\n\n#a", [{ id: "paper-attention-notes", tags: ["a"] }]],
    ["an autolink", "## <https://example.org> link\n\n#a", [{ id: "https-example-org-link", tags: ["a"] }]],
    ["a bare URL", "## www.example.com\n\n#a", [{ id: "www-example-com", tags: ["a"] }]],
    ["escaped characters", "## Escaped \\*stars\\* and \\_under\\_ \\# hash\n\n#a", [{ id: "escaped-stars-and-under-hash", tags: ["a"] }]],
    ["escaped brackets", "## \\[not a link\\] here\n\n#a", [{ id: "not-a-link-here", tags: ["a"] }]],
    ["an escaped dollar", "## Price: \\$5\n\n#a", [{ id: "price-5", tags: ["a"] }]],
    ["inline code", "## The `fit` method\n\n#a", [{ id: "the-fit-method", tags: ["a"] }]],
    ["inline maths", "## Maths $x^2$ here\n\n#a", [{ id: "maths-here", tags: ["a"] }]],
    ["accents", "## Café naïve\n\n#a", [{ id: "cafe-naive", tags: ["a"] }]],
    ["punctuation", "## GPT-4's (new) results!\n\n#a", [{ id: "gpt-4-s-new-results", tags: ["a"] }]],
    ["non-Latin letters", "## 日本語 title\n\n#a", [{ id: "日本語-title", tags: ["a"] }]],
    ["a heading of punctuation only", "## ***\n\n#a", [{ id: "section", tags: ["a"] }]],
    ["closing hashes", "## Title ##\n\n#a", [{ id: "title", tags: ["a"] }]],
    ["a tab after the marker", "##\tTab\n\n#a", [{ id: "tab", tags: ["a"] }]],
    ["an indented heading", "   ## Indented\n\n#a", [{ id: "indented", tags: ["a"] }]],
    ["a hashtag line right under the heading", "## x\n#a", [{ id: "x", tags: ["a"] }]],
    ["two hashtag paragraphs under one heading", "## Title\n\n#a, #B\n\nText.\n\n#b #c", [{ id: "title", tags: ["a", "b", "c"] }]],
    ["an h1 alone", "# One\n\n#a", []],
    ["an h5 alone", "##### Five\n\n#a", []],
    ["an h6 alone", "###### Six\n\n#a", []],
    ["an h1 does not use up its slug", "# x\n\n## x\n\n#a", [{ id: "x", tags: ["a"] }]],
    ["an h5 does not use up its slug", "##### x\n\n## x\n\n#a", [{ id: "x", tags: ["a"] }]],
    ["a heading in fenced code is not a heading", "```\n## x\n```\n\n## x\n\n#a", [{ id: "x", tags: ["a"] }]],
    ["a hashtag line in fenced code is not an item", "## x\n\n```\n#a\n```", []],
    ["hashtags before any heading", "#a\n\n## x\n\nText.", []],
    ["a heading without hashtags", "## x\n\nText with #a in it.", []],
    // The tag finder parses only headings' inline content: footnotes and text elsewhere must not change ids.
    ["footnotes in a heading and in the text", "## Note[^1]\n\nText[^2] and *more*.\n\n#a\n\n## Note\n\n#b\n\n[^1]: One.\n[^2]: Two.", [
      { id: "note", tags: ["a"] },
      { id: "note-1", tags: ["b"] },
    ]],
  ])("ids match the renderer: %s", (_, markdown, expected) => {
    expect(withoutTitles(extracted(markdown))).toEqual(expected);
    expect(withoutTitles(renderedItems(markdown))).toEqual(expected);
  });

  test.each([
    ["## Plain title\n\n#a", "Plain title"],
    ["## A *emphasised* and **strong** title\n\n#a", "A emphasised and strong title"],
    ["## A [linked](https://example.org/a_b) title\n\n#a", "A linked title"],
    ["## The `fit` method\n\n#a", "The fit method"],
    ["## Café naïve\n\n#a", "Café naïve"],
    ["## Price: \\$5\n\n#a", "Price: $5"],
    ["## a \\\\ b\n\n#a", "a \\ b"],
    ["## Title ##\n\n#a", "Title"],
  ])("the title of %j is the heading's text, %j, as rendered", (markdown, title) => {
    expect(extracted(markdown).map((item) => item.title)).toEqual([title]);
    expect(renderedItems(markdown).map((item) => item.title)).toEqual([title]);
  });

  test("tags of an item are normalised and de-duplicated, first spelling kept", () => {
    expect(extractTaggedItems("## x\n\n#Machine-Learning, #bias\n\n#machine-learning #BIAS #new")).toEqual([
      {
        id: "x",
        title: "x",
        tags: [
          { slug: "machine-learning", name: "Machine-Learning" },
          { slug: "bias", name: "bias" },
          { slug: "new", name: "new" },
        ],
      },
    ]);
  });

  test("a body without headings or hashtags has no items", () => {
    expect(extractTaggedItems("")).toEqual([]);
    expect(extractTaggedItems("Just prose.\n\n## A heading\n\nMore prose.")).toEqual([]);
  });
});
