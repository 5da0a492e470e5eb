import { describe, expect, test } from "vitest";
import { createMarkdown } from "../../src/markdown/create-markdown.ts";
import { mayNestDeeply, nestingProblem } from "../../src/markdown/nesting-limit.ts";

const message = "body: expected lists and quotes nested at most 100 levels deep (a quote is one, a list two), got deeper ones";

describe("nesting deeper than markdown-it follows", () => {
  test("is named at its line, rather than its text dropped from the page", () => {
    expect(nestingProblem(`Intro.\n\n${"> ".repeat(150)}deep text\n`)).toEqual({ line: 3, message });
    const list = Array.from({ length: 80 }, (_, depth) => `${"  ".repeat(depth)}- item ${depth}`).join("\n");
    expect(nestingProblem(list)).toEqual({ line: 50, message });
    expect(() => createMarkdown().render(list, {})).toThrow(`${message} at line 50 of the body`);
  });

  test("as deep as markdown-it follows, every word shows", () => {
    const body = `${"> ".repeat(99)}deepest words\n`;
    expect(nestingProblem(body)).toBeUndefined();
    expect(createMarkdown().render(body, {})).toContain("deepest words");
  });

  test("each render of one env starts afresh", () => {
    const md = createMarkdown();
    const env = {};
    expect(() => md.render(`${"> ".repeat(150)}x\n`, env)).toThrow(message);
    expect(md.render("fine\n", env)).toBe("<p>fine</p>\n");
  });

  test("bodies without a long line prefix are never parsed for it", () => {
    expect(mayNestDeeply("Prose.\n\n- a\n  - b\n    - c\n> quote\n")).toBe(false);
    expect(mayNestDeeply(`text\n${" ".repeat(12)}code`)).toBe(true);
    expect(mayNestDeeply(`a ${"> ".repeat(100)}`)).toBe(false);
  });
});
