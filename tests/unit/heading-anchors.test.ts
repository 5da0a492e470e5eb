import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import MarkdownIt from "markdown-it";
import markdownItAnchor from "markdown-it-anchor";
import { parseFragment, serialize } from "parse5";
import { describe, expect, test } from "vitest";
import { createMarkdown } from "../../src/markdown/create-markdown.ts";
import { headingAnchorsPlugin, uniqueIds } from "../../src/markdown/heading-anchors.ts";
import { slugifyHeading } from "../../src/markdown/slugify-heading.ts";
import { splitFrontMatter } from "../../src/model/front-matter.ts";
import { projectRoot } from "../support/run-build.ts";

// The renderer as it was with markdown-it-anchor: the markup headingAnchorsPlugin must keep.
function withMarkdownItAnchor(): MarkdownIt {
  return new MarkdownIt({ html: false, linkify: true, typographer: false }).use(markdownItAnchor, {
    level: [2, 3, 4],
    slugify: slugifyHeading,
    tabIndex: false,
    permalink: markdownItAnchor.permalink.headerLink({ safariReaderFix: true }),
  });
}

/** An `<a>` opened inside another `<a>` on one line, before the first one closes. */
const nestedAnchor = /<a\b[^>]*>(?:(?!<\/a>).)*<a\b/;

function withHeadingAnchors(): MarkdownIt {
  return new MarkdownIt({ html: false, linkify: true, typographer: false }).use(headingAnchorsPlugin);
}

describe("headingAnchorsPlugin", () => {
  test.each([
    ["one heading", "## Why it matters\n\nText."],
    ["the levels linked and those not", "# One\n## Two\n### Three\n#### Four\n##### Five\n###### Six"],
    ["repeated headings and a heading named like a repeat", "## A\n## A\n## A-1\n## A\n### a 1\n## A"],
    ["headings with code, emphasis and no letters", "## The `fit()` *call*\n## ???\n## ???\n## 🔬"],
    ["setext headings", "Two\n---\n\nOne\n==="],
  ])("writes the markup markdown-it-anchor wrote for %s", (_, markdown) => {
    expect(withHeadingAnchors().render(markdown, {})).toBe(withMarkdownItAnchor().render(markdown, {}));
  });

  test("writes the markup markdown-it-anchor wrote for every shipped issue, but for its headings holding links", () => {
    const folder = path.join(projectRoot, "issues");
    const files = readdirSync(folder).filter((file) => file.endsWith(".md"));
    expect(files.length).toBeGreaterThan(0);
    let linkedHeadings = 0;
    for (const file of files) {
      const { body } = splitFrontMatter(readFileSync(path.join(folder, file), "utf8"));
      const ours = withHeadingAnchors().render(body, {}).split("\n");
      const reference = withMarkdownItAnchor().render(body, {}).split("\n");
      expect(ours.length, file).toBe(reference.length);
      reference.forEach((line, index) => {
        if (!nestedAnchor.test(line)) return expect(ours[index], file).toBe(line);
        linkedHeadings++;
        expect(ours[index], file).not.toMatch(nestedAnchor);
        expect(ours[index], file).toMatch(/<a class="header-anchor" href="#[^"]+" aria-label="Link to this section: [^"]+"><\/a><\/h[234]>$/);
      });
    }
    // The link digest's items link their headings to what they excerpt.
    expect(linkedHeadings).toBeGreaterThan(0);
  });

  test.each([
    [
      "a link in the text",
      "## See [this](https://x.org)",
      '<h2 id="see-this">See <a href="https://x.org">this</a><a class="header-anchor" href="#see-this" aria-label="Link to this section: See this"></a></h2>\n',
    ],
    [
      "a heading that is one link",
      "### [Aggregating Nested Transformers](https://arxiv.org/abs/2105.12723)",
      '<h3 id="aggregating-nested-transformers"><a href="https://arxiv.org/abs/2105.12723">Aggregating Nested Transformers</a><a class="header-anchor" href="#aggregating-nested-transformers" aria-label="Link to this section: Aggregating Nested Transformers"></a></h3>\n',
    ],
    [
      "an address written out, code and an ampersand",
      "#### `fit()` at https://y.org & more",
      '<h4 id="fit-at-https-y-org-more"><code>fit()</code> at <a href="https://y.org">https://y.org</a> &amp; more<a class="header-anchor" href="#fit-at-https-y-org-more" aria-label="Link to this section: fit() at https://y.org &amp; more"></a></h4>\n',
    ],
  ])("keeps the links of a heading with %s, its self-link beside them", (_, markdown, html) => {
    const rendered = withHeadingAnchors().render(markdown, {});
    expect(rendered).toBe(html);
    expect(rendered).not.toMatch(nestedAnchor);
    // An HTML parser rebuilds nested anchors as siblings: what it reads back is what was written.
    expect(serialize(parseFragment(rendered))).toBe(rendered);
  });

  test("20,000 repeats of a heading get 20,000 ids, the last one `a-19999`", () => {
    const html = createMarkdown().render("## a\n".repeat(20_000), {});
    const ids = [...html.matchAll(/<h2 id="([^"]+)"/g)].map((match) => match[1]);
    expect(ids).toHaveLength(20_000);
    expect(new Set(ids).size).toBe(20_000);
    expect(ids.slice(0, 3)).toEqual(["a", "a-1", "a-2"]);
    expect(ids.at(-1)).toBe("a-19999");
  });
});

describe("uniqueIds", () => {
  test("gives an id as it is, then with the first free suffix from -1", () => {
    const unique = uniqueIds();
    expect(["a", "a", "a-1", "a", "b", "a-1", "a"].map(unique)).toEqual(["a", "a-1", "a-1-1", "a-2", "b", "a-1-2", "a-3"]);
  });

  test("skips suffixes given as ids of their own", () => {
    const unique = uniqueIds();
    expect(["x-1", "x-2", "x", "x", "x-4", "x"].map(unique)).toEqual(["x-1", "x-2", "x", "x-3", "x-4", "x-5"]);
  });
});
