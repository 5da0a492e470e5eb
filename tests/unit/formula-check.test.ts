import katex from "katex";
import { afterEach, describe, expect, test, vi } from "vitest";
import { createMarkdown } from "../../src/markdown/create-markdown.ts";
import { formulaProblems, maxFormulaProblems } from "../../src/markdown/formula-check.ts";

const lines = (...text: string[]) => text.join("\n");
const parseError = (tex: string) => expect.stringMatching(new RegExp(`^maths: expected valid TeX, got ${tex.replace(/[\\^$.*+?()[\]{}|]/g, "\\$&")} \\(KaTeX parse error: `));

describe("formulaProblems", () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  test("a body without a dollar sign is not parsed at all", () => {
    const parse = vi.spyOn(katex, "renderToString");
    expect(formulaProblems("No maths here.\n\n```\ncode\n```\n")).toEqual([]);
    expect(parse).not.toHaveBeenCalled();
  });

  test("valid maths, prices and escaped dollars are no problem", () => {
    expect(formulaProblems(lines("It cost $5, or \\$6.", "", "Inline $x^2$ and", "", "$$", "\\frac{a}{b}", "$$"))).toEqual([]);
  });

  test("every bad formula of the body, each at its line, in one list", () => {
    const body = lines(
      "Intro $x$ fine.", // 1
      "Bad $\\frac{1$ here, and", // 2
      "then $\\href{javascript:alert(1)}{x}$ on line 3.", // 3
      "", // 4
      "$$", // 5
      "\\url{https://example.org}", // 6
      "$$", // 7
      "", // 8
      "| a | b |", // 9
      "|---|---|", // 10
      "| $\\htmlId{a}{b}$ | $\\includegraphics{x.png}$ |", // 11
      "", // 12
      "- a list item", // 13
      "  carried on $\\kern-100em x$", // 14
      "", // 15
      "> quoted $\\left($", // 16
      "", // 17
      "A note^[inline $\\undefinedmacro$ in a footnote].", // 18
      "", // 19
      "Two $$\\htmlStyle{color:red}{y}$$ inline.", // 20
    );
    expect(formulaProblems(body)).toEqual([
      { line: 2, message: parseError("$\\frac{1$") },
      { line: 3, message: "maths: expected TeX without \\href, which KaTeX does not allow in issues, got $\\href{javascript:alert(1)}{x}$" },
      { line: 5, message: "maths: expected TeX without \\url, which KaTeX does not allow in issues, got $$\\url{https://example.org} $$" },
      { line: 11, message: "maths: expected TeX without \\htmlId, which KaTeX does not allow in issues, got $\\htmlId{a}{b}$" },
      { line: 11, message: "maths: expected TeX without \\includegraphics, which KaTeX does not allow in issues, got $\\includegraphics{x.png}$" },
      { line: 14, message: "maths: expected sizes between -10em and 10em, got $\\kern-100em x$ (a size of -100em)" },
      { line: 16, message: parseError("$\\left($") },
      { line: 18, message: parseError("$\\undefinedmacro$") },
      { line: 20, message: "maths: expected TeX without \\htmlStyle, which KaTeX does not allow in issues, got $$\\htmlStyle{color:red}{y}$$" },
    ]);
  });

  test("TeX in code is code, as the page renders it", () => {
    const body = lines("Inline `$\\frac{1$` code.", "", "```", "$\\frac{2$", "```", "", "    $\\frac{3$ indented", "", "``` tex", "$$\\url{x}$$", "```");
    expect(formulaProblems(body)).toEqual([]);
  });

  test("a bad formula after the same TeX in a code span is found on its own line", () => {
    const body = lines("First `$\\frac{1$` in code,", "then the same", "$\\frac{1$ as maths.");
    expect(formulaProblems(body)).toEqual([{ line: 3, message: parseError("$\\frac{1$") }]);
  });

  test("a multi-line formula counts its lines for the formulas after it", () => {
    const body = lines("Start $a +", "b$ and", "$\\frac{1$ here.");
    expect(formulaProblems(body)).toEqual([{ line: 3, message: parseError("$\\frac{1$") }]);
  });

  test(`at most ${maxFormulaProblems} formulas are listed, then how many more`, () => {
    const body = Array.from({ length: maxFormulaProblems + 5 }, (_, index) => `Line $\\frac{${index}$ bad.`).join("\n");
    const problems = formulaProblems(body);
    expect(problems).toHaveLength(maxFormulaProblems + 1);
    expect(problems.slice(0, maxFormulaProblems).map((problem) => problem.line)).toEqual(Array.from({ length: maxFormulaProblems }, (_, index) => index + 1));
    expect(problems.at(-1)).toEqual({
      line: maxFormulaProblems + 1,
      message: `maths: expected valid TeX, got 5 more formulas that KaTeX will not render (the first ${maxFormulaProblems} are listed)`,
    });
  });

  test("the page renders each formula validation rendered without calling KaTeX again", () => {
    const body = lines("Check $\\sqrt{71}$ and $\\sqrt{72}$,", "", "$$", "\\sum_{i=73}^n i", "$$", "", "and $\\sqrt{71}$ again.");
    const render = vi.spyOn(katex, "renderToString");
    expect(formulaProblems(body)).toEqual([]);
    expect(render).toHaveBeenCalledTimes(3);
    const html = createMarkdown().render(body);
    expect(render).toHaveBeenCalledTimes(3);
    expect(html.match(/<annotation encoding="application\/x-tex">/g)).toHaveLength(4);
  });
});
