// Every example of the CommonMark spec, rendered as issues are rendered, against the spec's HTML.
// The examples that differ on purpose are listed in commonmark-differences.ts, each with the
// reason; switching that reason off must give the spec's HTML, so the reason is shown, not claimed.
import { createRequire } from "node:module";
import * as cheerio from "cheerio";
import type MarkdownIt from "markdown-it";
import { describe, expect, test } from "vitest";
import { z } from "zod";
import { createMarkdown } from "../../src/markdown/create-markdown.ts";
import { expectedDifferences, type DifferenceReason } from "./commonmark-differences.ts";

// commonmark-spec is CommonJS without types: `tests` is its list of examples.
const specModule = z
  .object({ tests: z.array(z.object({ markdown: z.string(), html: z.string(), section: z.string(), number: z.number().int() })) })
  .parse(createRequire(import.meta.url)("commonmark-spec"));
// The spec writes tabs as `→` so they can be seen; its own runner puts them back.
const examples = specModule.tests.map((example) => ({ ...example, markdown: example.markdown.replaceAll("→", "\t"), html: example.html.replaceAll("→", "\t") }));

const switchOff: Record<DifferenceReason, (md: MarkdownIt) => void> = {
  "raw-html": (md) => md.set({ html: true }),
  "linkified-url": (md) => md.set({ linkify: false }),
  "hashtag-paragraph": (md) => md.disable("item_hashtags"),
};

const reasonOf = new Map<number, DifferenceReason>();
for (const [reason, numbers] of Object.entries(expectedDifferences) as [DifferenceReason, readonly number[]][]) {
  for (const number of numbers) reasonOf.set(number, reason);
}

/** Node shapes of htmlparser2's DOM, as far as the normaliser reads them. */
interface HtmlNode {
  type: string;
  name?: string;
  data?: string;
  attribs?: Record<string, string>;
  children?: HtmlNode[];
}

// After commonmark's test/normalize.py: whitespace next to block tags does not count.
const blockTags = new Set(
  "article header aside hgroup blockquote hr iframe body li map button object canvas ol caption output col p colgroup pre dd progress div section dl table td dt tbody embed textarea fieldset tfoot figcaption th figure tr form ul h1 h2 h3 h4 h5 h6 video script style".split(" "),
);
const escapeText = (text: string) => text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;").replaceAll('"', "&quot;");

/**
 * The spec runner's normal form (commonmark's normalize.py): inner whitespace collapsed outside
 * `pre`, none around block tags, `<br />` as `<br>`, attributes sorted, references decoded and
 * `< > & "` written as entities. markdown-it-anchor's id and self-link on headings are removed.
 */
function normaliseHtml(html: string): string {
  // htmlparser2 (not parse5) keeps the markup's own nesting rather than repairing it.
  const root = cheerio.load(html, { xml: { xmlMode: false, decodeEntities: true } }, false).root()[0] as unknown as HtmlNode;
  let output = "";
  let last: "start" | "end" | "data" | "" = "";
  let lastTag = "";
  let inPre = false;
  const data = (text: string) => {
    let value = text;
    const afterTag = last === "start" || last === "end";
    if (afterTag && lastTag === "br") value = value.replace(/^\n+/, "");
    if (!inPre) value = value.replace(/\s+/g, " ");
    if (afterTag && blockTags.has(lastTag) && !inPre) value = last === "start" ? value.trimStart() : value.trim();
    output += escapeText(value);
    last = "data";
  };
  const walk = (node: HtmlNode) => {
    if (node.type === "text") return data(node.data ?? "");
    if (node.type === "comment") return void (output += `<!--${node.data ?? ""}-->`);
    if (node.type === "directive") return void (output += `<${node.data ?? ""}>`);
    if (node.type === "cdata") return (node.children ?? []).forEach(walk);
    const name = node.name ?? "";
    if (!["tag", "script", "style"].includes(node.type)) return (node.children ?? []).forEach(walk);
    const attribs = Object.entries(node.attribs ?? {});
    const anchored = /^h[234]$/.test(name) && node.attribs?.id !== undefined && isHeaderAnchor(node.children?.[0]);
    if (name === "pre") inPre = true;
    if (blockTags.has(name)) output = output.trimEnd();
    const kept = anchored ? attribs.filter(([key]) => key !== "id") : attribs;
    output += `<${name}${kept.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([key, value]) => ` ${key.toLowerCase()}="${escapeText(value)}"`).join("")}>`;
    lastTag = name;
    last = "start";
    const children = anchored ? (node.children?.[0]?.children?.[0]?.children ?? []) : (node.children ?? []);
    if (voidTags.has(name)) return void (last = "end");
    children.forEach(walk);
    if (name === "pre") inPre = false;
    else if (blockTags.has(name)) output = output.trimEnd();
    output += `</${name}>`;
    lastTag = name;
    last = "end";
  };
  walk(root);
  return output;
}

const voidTags = new Set("area base br col embed hr img input link meta source track wbr".split(" "));

/** markdown-it-anchor's headerLink: `<a class="header-anchor" href="#id"><span>…</span></a>` as the heading's only child. */
function isHeaderAnchor(node: HtmlNode | undefined): boolean {
  return node?.name === "a" && node.attribs?.class === "header-anchor" && node.children?.length === 1 && node.children[0]?.name === "span";
}

function render(markdown: string, reason?: DifferenceReason): string {
  const md = createMarkdown();
  if (reason) switchOff[reason](md);
  return normaliseHtml(md.render(markdown));
}

describe("the normaliser", () => {
  test.each([
    ["<p>a<br />\nb</p>\n<hr />\n", "<p>a<br>\nb</p>\n<hr>"],
    ['<p><a title="t" href="/u">x</a></p>', '<p><a href="/u" title="t">x</a></p>'],
    ["<p>&auml; &#34;</p>", '<p>ä "</p>'],
    ["<blockquote>\n</blockquote>\n", "<blockquote></blockquote>"],
    ['<h2 id="x"><a class="header-anchor" href="#x"><span>X <em>y</em></span></a></h2>', "<h2>X <em>y</em></h2>"],
  ])("treats %j and %j alike", (one, other) => {
    expect(normaliseHtml(one)).toBe(normaliseHtml(other));
  });

  test.each([
    ["<p>a b</p>", "<p>a  b</p>", false],
    ["<pre><code>a  b</code></pre>", "<pre><code>a b</code></pre>", true],
    ["<p><em>a</em></p>", "<p><strong>a</strong></p>", true],
    ['<p><a href="/a">x</a></p>', '<p><a href="/b">x</a></p>', true],
    ["<p>&lt;b&gt;</p>", "<p><b></b></p>", true],
    ['<h2 id="x"><a class="header-anchor" href="#x"><span>X</span></a></h2>', "<h2>Y</h2>", true],
  ])("tells %j from %j: %s", (one, other, differ) => {
    expect(normaliseHtml(one) !== normaliseHtml(other)).toBe(differ);
  });
});

describe("the CommonMark spec", () => {
  test("has the 652 examples of version 0.31.2, and every listed difference is one of them", () => {
    expect(examples.map((example) => example.number)).toEqual(Array.from({ length: 652 }, (_, index) => index + 1));
    const listed = Object.values(expectedDifferences).flat();
    expect(new Set(listed).size, "an example is listed twice").toBe(listed.length);
    expect(listed.every((number) => number >= 1 && number <= examples.length)).toBe(true);
  });

  test.each(examples.filter((example) => !reasonOf.has(example.number)))("example $number ($section) renders as the spec says", ({ markdown, html }) => {
    expect(render(markdown)).toBe(normaliseHtml(html));
  });

  test.each(examples.flatMap((example) => {
    const reason = reasonOf.get(example.number);
    return reason ? [{ ...example, reason }] : [];
  }))("example $number ($section) differs only by $reason", ({ markdown, html, reason }) => {
    const expected = normaliseHtml(html);
    expect(render(markdown), "the example is listed as differing but now matches: remove it from commonmark-differences.ts").not.toBe(expected);
    expect(render(markdown, reason)).toBe(expected);
  });
});
