import { describe, expect, test } from "vitest";
import { createMarkdown } from "../../src/markdown/create-markdown.ts";
import { pageHasMaths } from "../../src/markdown/page-maths.ts";

const md = createMarkdown();

describe("pageHasMaths: whether a page needs KaTeX's stylesheet", () => {
  test.each([
    ["inline maths", "The loss $x^2$ falls.", true],
    ["display maths", "$$\n\\frac{a}{b}\n$$", true],
    ["maths in a list", "- $a + b$", true],
    ["no maths", "A paragraph about *transformers*.", false],
    ["a dollar amount", "It cost $5 and then $6.", false],
    ["maths quoted in code", "`$x^2$` and\n\n```\n$$ y $$\n```", false],
    ["KaTeX's own markup written as text", '<span class="katex">x</span> and `class="katex"`', false],
  ])("%s: %s", (_, markdown, expected) => {
    expect(pageHasMaths(md.render(markdown))).toBe(expected);
  });
});
