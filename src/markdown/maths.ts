import katexModule from "@vscode/markdown-it-katex";
import katex from "katex";
import type MarkdownIt from "markdown-it";
import type { PluginWithOptions, Token } from "markdown-it";
import { inlineStylesToClasses } from "./inline-styles.ts";

// The package is CommonJS with `exports.default`; Node's ESM loader hands back the exports object.
const katexPlugin = ((katexModule as unknown as { default?: typeof katexModule }).default ?? katexModule) as unknown as PluginWithOptions;

/** Thrown when an issue's TeX does not render: the build stops rather than ship a red error box. */
export class MathsError extends Error {
  override name = "MathsError";
}

/**
 * The largest size, in KaTeX's ems, that one `\rule`, `\kern`, `\raisebox`... may take. KaTeX's
 * em is 1.21 of the text's, so 10em is under a third of the 42rem column: room for any real
 * spacing, and too little for one command to reach past the column.
 */
export const maxFormulaSize = 10;

/**
 * The longest formula, in characters, KaTeX is given. KaTeX's time per character grows with the
 * formula's length (docs/decisions.md), and the longest
 * derivation a newsletter prints is far shorter.
 */
export const maxFormulaLength = 4_000;

/** The commands KaTeX only renders when trusted, which issues never are. */
export const untrustedCommands = ["\\href", "\\url", "\\htmlId", "\\htmlClass", "\\htmlStyle", "\\htmlData", "\\includegraphics"] as const;

// KaTeX draws a command it did not trust in `errorColor`, without throwing. `\color` takes only
// `#hex` or a name, so this colour in the output can only be such a command.
const untrustedColour = "rgb(204,0,0)";
const untrustedMark = `mathcolor="${untrustedColour}"`;
// KaTeX asks `trust` before each command that could reach out of the page, except when the URL's
// colon is written as an entity (`javascript&colon;`), which it refuses without asking.
const askedToTrust: string[] = [];

const katexOptions: katex.KatexOptions = {
  output: "htmlAndMathml",
  throwOnError: true,
  // Never trusted; asking records the command, so the build names it.
  trust: (context) => {
    askedToTrust.push(context.command);
    return false;
  },
  maxSize: maxFormulaSize,
  // KaTeX's default, written out: macros that expand more often than this are an error.
  maxExpand: 1000,
  errorColor: untrustedColour,
  // KaTeX's default ("warn") but for the \html… commands, which are already a build error.
  strict: (code: string) => (code === "htmlExtension" ? "ignore" : "warn"),
};

/** A formula as KaTeX renders it: its TeX and whether KaTeX starts it in display style. */
export interface Formula {
  tex: string;
  displayMode: boolean;
  /** As the issue writes it: `$…$` or `$$…$$`. */
  markup: "$" | "$$";
}

/** The token types of @vscode/markdown-it-katex that hold a formula. */
export const formulaTokenTypes = ["math_inline", "math_block", "math_inline_block"] as const;

/** The formula a math token holds, as @vscode/markdown-it-katex 1.1.2 hands it to KaTeX. */
export function tokenFormula(token: Pick<Token, "type" | "content">): Formula {
  if (token.type !== "math_inline") return { tex: token.content, displayMode: true, markup: "$$" };
  const content = token.content;
  // `$`…`$` is the plugin's way to write a formula holding dollars.
  const tex = content.length > 2 && content.startsWith("`") && content.endsWith("`") ? content.slice(1, -1) : content;
  return { tex, displayMode: /\\begin\{(?:align|equation|gather|cd|alignat)\}/i.test(tex), markup: "$" };
}

export type RenderedFormula = { html: string; problem?: undefined } | { html?: undefined; problem: string };

// Validation renders every formula before the page does (formula-check.ts), in the same thread.
const rendered = new Map<string, RenderedFormula>();
const renderedLimit = 10_000;
const renderedSizeLimit = 64 * 1024;

/**
 * A formula rendered with the site's KaTeX options, its inline styles made classes, or why it
 * cannot be: `maths: expected ..., got $…$ (...)`. Remembered: a formula renders once per thread.
 */
export function renderFormula(formula: Formula): RenderedFormula {
  const key = `${formula.displayMode ? "display" : "text"}\u0000${formula.tex}`;
  let result = rendered.get(key);
  if (result === undefined) {
    result = renderUncached(formula);
    // A long formula's markup (KaTeX writes about 150 bytes per character) is made again, not kept.
    if ((result.html?.length ?? 0) <= renderedSizeLimit) {
      if (rendered.size >= renderedLimit) rendered.delete(rendered.keys().next().value as string);
      rendered.set(key, result);
    }
  }
  return result;
}

function renderUncached(formula: Formula): RenderedFormula {
  const got = `got ${formulaAsWritten(formula)}`;
  if (formula.tex.length > maxFormulaLength) {
    const count = (value: number) => value.toLocaleString("en-GB");
    return { problem: `maths: expected a formula of at most ${count(maxFormulaLength)} characters, got ${count(formula.tex.length)} characters in ${formulaAsWritten(formula)}` };
  }
  askedToTrust.length = 0;
  let html: string;
  try {
    html = katex.renderToString(formula.tex, { ...katexOptions, displayMode: formula.displayMode });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { problem: `maths: expected valid TeX, ${got} (${reason})` };
  }
  const annotation = html.indexOf("<annotation");
  const mathml = annotation === -1 ? html : html.slice(0, annotation);
  if (askedToTrust.length || mathml.includes(untrustedMark)) {
    const command = askedToTrust[0] ?? untrustedCommands.find((name) => formula.tex.includes(name)) ?? "a command that links or embeds";
    return { problem: `maths: expected TeX without ${command}, which KaTeX does not allow in issues, ${got}` };
  }
  // KaTeX caps sizes at maxSize, but not below -maxSize nor \raisebox's: `\raisebox{-1000em}`
  // makes a line 1000em tall.
  const size = outsizedLength(mathml);
  if (size !== undefined) {
    return { problem: `maths: expected sizes between -${maxFormulaSize}em and ${maxFormulaSize}em, ${got} (a size of ${size})` };
  }
  return { html: inlineStylesToClasses(html) };
}

// Lengths in KaTeX's MathML are attributes (`width="-3em"`); the user's own text there is escaped.
const mathmlLength = /="(-?[\d.]+)em"/g;

function outsizedLength(mathml: string): string | undefined {
  for (const [, number] of mathml.matchAll(mathmlLength)) {
    if (Math.abs(Number(number)) > maxFormulaSize) return `${number}em`;
  }
  return undefined;
}

/** The formula as an error message shows it: `$\frac{1$`, on one line, long ones cut. */
export function formulaAsWritten({ tex, markup }: Pick<Formula, "tex" | "markup">): string {
  const shown = tex.length > 100 ? `${tex.slice(0, 97)}...` : tex;
  return `${markup}${shown.replace(/\s*\n\s*/g, " ")}${markup}`;
}

/**
 * Renders `$…$` and `$$…$$` with KaTeX at build time, as HTML plus MathML, so readers need no
 * JavaScript and screen readers get the MathML. KaTeX's inline styles become classes (see
 * inline-styles.ts) so pages hold no `style` attribute. Validation has reported every formula
 * that does not render (formula-check.ts); one that still fails here stops the build.
 */
export function mathsPlugin(md: MarkdownIt): void {
  md.use(katexPlugin, katexOptions);
  // The plugin parses; rendering goes through renderFormula, as validation does.
  for (const rule of formulaTokenTypes) {
    md.renderer.rules[rule] = (tokens, index) => {
      const token = tokens[index] as Token;
      const formula = tokenFormula(token);
      const result = renderFormula(formula);
      if (result.problem !== undefined) throw new MathsError(result.problem);
      return formula.markup === "$$" ? `<p class="katex-block">${result.html}</p>\n` : result.html;
    };
  }
}
