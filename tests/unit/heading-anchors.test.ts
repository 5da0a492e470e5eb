import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import MarkdownIt from "markdown-it";
import markdownItAnchor from "markdown-it-anchor";
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

function withHeadingAnchors(): MarkdownIt {
  return new MarkdownIt({ html: false, linkify: true, typographer: false }).use(headingAnchorsPlugin);
}

describe("headingAnchorsPlugin", () => {
  test.each([
    ["one heading", "## Why it matters\n\nText."],
    ["the levels linked and those not", "# One\n## Two\n### Three\n#### Four\n##### Five\n###### Six"],
    ["repeated headings and a heading named like a repeat", "## A\n## A\n## A-1\n## A\n### a 1\n## A"],
    ["headings with code, emphasis, links and no letters", "## The `fit()` *call*\n## [A link](https://example.com) here\n## ???\n## ???\n## 🔬"],
    ["setext headings", "Two\n---\n\nOne\n==="],
  ])("writes the markup markdown-it-anchor wrote for %s", (_, markdown) => {
    expect(withHeadingAnchors().render(markdown, {})).toBe(withMarkdownItAnchor().render(markdown, {}));
  });

  test("writes the markup markdown-it-anchor wrote for every shipped issue", () => {
    const folder = path.join(projectRoot, "issues");
    const files = readdirSync(folder).filter((file) => file.endsWith(".md"));
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const { body } = splitFrontMatter(readFileSync(path.join(folder, file), "utf8"));
      expect(withHeadingAnchors().render(body, {}), file).toBe(withMarkdownItAnchor().render(body, {}));
    }
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
