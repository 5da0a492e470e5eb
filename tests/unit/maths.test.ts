import { describe, expect, test } from "vitest";
import { createMarkdown } from "../../src/markdown/create-markdown.ts";
import { styleClassesCss } from "../../src/markdown/inline-styles.ts";
import { formulaAsWritten, MathsError, maxFormulaLength, maxFormulaSize, renderFormula, tokenFormula, untrustedCommands } from "../../src/markdown/maths.ts";

const inline = (tex: string) => renderFormula({ tex, displayMode: false, markup: "$" });
const display = (tex: string) => renderFormula({ tex, displayMode: true, markup: "$$" });

/** Every length, in em, of the styles the rendered HTML's classes stand for. */
function styleLengths(html: string): number[] {
  return [...styleClassesCss(html).matchAll(/(-?[\d.]+)em/g)].map(([, number]) => Number(number));
}

describe("tokenFormula", () => {
  test.each([
    [{ type: "math_inline", content: "x^2" }, { tex: "x^2", displayMode: false, markup: "$" }],
    [{ type: "math_inline", content: "`a$b`" }, { tex: "a$b", displayMode: false, markup: "$" }],
    [{ type: "math_inline", content: "\\begin{align}a&=b\\end{align}" }, { tex: "\\begin{align}a&=b\\end{align}", displayMode: true, markup: "$" }],
    [{ type: "math_block", content: "\\frac12\n" }, { tex: "\\frac12\n", displayMode: true, markup: "$$" }],
    [{ type: "math_inline_block", content: "y" }, { tex: "y", displayMode: true, markup: "$$" }],
  ])("%j is KaTeX's %j", (token, formula) => {
    expect(tokenFormula(token)).toEqual(formula);
  });
});

describe("renderFormula", () => {
  test("valid TeX renders as MathML and HTML, its styles as classes", () => {
    const { html, problem } = inline("\\frac{a}{b}");
    expect(problem).toBeUndefined();
    expect(html).toContain("<math");
    expect(html).toContain('class="katex-html"');
    expect(html).not.toContain("style=");
  });

  test("bad TeX is KaTeX's reason, with the formula as written", () => {
    expect(inline("\\frac{1").problem).toBe(
      "maths: expected valid TeX, got $\\frac{1$ (KaTeX parse error: Unexpected end of input in a macro argument, expected '}' at end of input: \\frac{1)",
    );
    expect(display("\\undefinedmacro").problem).toMatch(/^maths: expected valid TeX, got \$\$\\undefinedmacro\$\$ \(KaTeX parse error: Undefined control sequence: \\undefinedmacro/);
  });

  test.each([
    ["\\href{javascript:alert(1)}{x}", "\\href"],
    ["\\href{javascript&colon;alert(1)}{x}", "\\href"],
    ["\\url{https://example.org}", "\\url"],
    ["\\url{javascript&#58;alert(1)}", "\\url"],
    ["\\htmlId{a}{x}", "\\htmlId"],
    ["\\htmlClass{a}{x}", "\\htmlClass"],
    ["\\htmlStyle{color:red}{x}", "\\htmlStyle"],
    ["\\htmlData{a=b}{x}", "\\htmlData"],
    ["\\includegraphics[height=1em]{cat.png}", "\\includegraphics"],
    ["a + \\text{\\href{https://x}{y}}", "\\href"],
  ])("untrusted %s is an error naming %s, not red text", (tex, command) => {
    expect(inline(tex).problem).toBe(`maths: expected TeX without ${command}, which KaTeX does not allow in issues, got $${tex}$`);
  });

  test("every command KaTeX asks to trust is listed", () => {
    expect(untrustedCommands).toEqual(["\\href", "\\url", "\\htmlId", "\\htmlClass", "\\htmlStyle", "\\htmlData", "\\includegraphics"]);
  });

  test("a colour that only looks like the one KaTeX marks untrusted commands with renders", () => {
    expect(inline("\\color{#cc0000}{x}\\textcolor{red}{y}").problem).toBeUndefined();
  });

  test.each(["\\rule{100000em}{100000em}", "a\\kern{100000em}b", "\\rule{1em}{1em}\\hspace{5000em}x", "\\rule{100000pt}{1pt}"])(
    "%s renders, every length at most maxSize",
    (tex) => {
      for (const result of [inline(tex), display(tex)]) {
        expect(result.problem).toBeUndefined();
        const lengths = styleLengths(result.html ?? "");
        expect(Math.max(...lengths)).toBeLessThanOrEqual(maxFormulaSize);
        expect(Math.max(...lengths)).toBeGreaterThan(maxFormulaSize / 2);
      }
    },
  );

  test.each([
    ["x\\kern{-100000em}y", "-100000em"],
    ["\\raisebox{-1000em}{x}", "-1000em"],
    ["\\raisebox{100000em}{x}", "100000em"],
    ["\\mkern-1000mu x", "-55.5556em"],
    ["\\rule[-500em]{1em}{1em}", "-500em"],
  ])("%s, a length KaTeX does not cap, is an error", (tex, size) => {
    expect(inline(tex).problem).toBe(`maths: expected sizes between -10em and 10em, got $${tex}$ (a size of ${size})`);
  });

  test("the spacing real formulas use renders", () => {
    expect(inline("a\\!b\\,c\\;d\\quad e\\qquad f\\kern-1em g\\mkern-18mu h").problem).toBeUndefined();
    expect(display("\\begin{pmatrix}1&2\\\\3&4\\\\5&6\\\\7&8\\\\9&0\\\\1&2\\\\3&4\\\\5&6\\\\7&8\\\\9&0\\end{pmatrix}").problem).toBeUndefined();
  });

  test("macros that expand without end are an error, not a hung build", () => {
    expect(inline("\\def\\a{\\a\\a}\\a").problem).toMatch(/^maths: expected valid TeX, got \$\\def\\a\{\\a\\a\}\\a\$ \(KaTeX parse error: Too many expansions/);
    expect(inline("\\def\\b#1{#1#1}\\b{\\b{\\b{\\b{\\b{\\b{\\b{\\b{\\b{\\b{\\b{x}}}}}}}}}}}").problem).toMatch(/Too many expansions/);
  });

  test(`a formula of up to ${maxFormulaLength.toLocaleString("en-GB")} characters renders; a longer one is an error, not minutes of KaTeX`, () => {
    const tex = (length: number) => "x+".repeat(length / 2);
    expect(inline(tex(maxFormulaLength)).problem).toBeUndefined();
    expect(inline(tex(maxFormulaLength + 2)).problem).toBe(
      `maths: expected a formula of at most 4,000 characters, got 4,002 characters in $${"x+".repeat(48)}x...$`,
    );
    expect(inline(tex(1_000_000)).problem).toMatch(/got 1,000,000 characters/);
  });

  test("the same formula gives the same result, its problem included", () => {
    expect(inline("q^{2}")).toBe(inline("q^{2}"));
    expect(inline("\\url{x}")).toBe(inline("\\url{x}"));
  });
});

describe("formulaAsWritten", () => {
  test.each([
    [{ tex: "x", markup: "$" as const }, "$x$"],
    [{ tex: "\na\n  + b\n", markup: "$$" as const }, "$$ a + b $$"],
    [{ tex: "x".repeat(101), markup: "$" as const }, `$${"x".repeat(97)}...$`],
  ])("%j as %s", (formula, shown) => {
    expect(formulaAsWritten(formula)).toBe(shown);
  });
});

describe("the renderer, as the last guard", () => {
  const md = createMarkdown();

  test.each(["See $\\href{javascript:alert(1)}{here}$.", "$$\n\\includegraphics{x.png}\n$$", "$\\kern-100em x$"])("%j stops with a MathsError, never red text", (markdown) => {
    expect(() => md.render(markdown)).toThrow(MathsError);
  });

  test("a display formula is a katex-block paragraph; an inline one sits in its text", () => {
    const html = md.render("Inline $x$ here.\n\n$$\ny\n$$\n");
    expect(html).toMatch(/^<p>Inline <span class="katex">.*<\/span> here\.<\/p>\n<p class="katex-block"><span class="katex-display">/s);
  });
});
