import type MarkdownIt from "markdown-it";
import type { Token } from "markdown-it";
import { createMarkdown } from "./create-markdown.ts";
import { formulaTokenTypes, renderFormula, tokenFormula } from "./maths.ts";

/** A TeX formula in an issue body that KaTeX will not render. */
export interface FormulaProblem {
  /** 1-based line in the body. */
  line: number;
  message: string;
}

/** Formulas reported per file; past this, one more problem gives the count of the rest. */
export const maxFormulaProblems = 20;

// Parsed with the issue renderer's own setup, so code spans and blocks hold no formula here either.
let markdown: MarkdownIt | undefined;

/**
 * The issue renderer, without the core rules that rewrite its tokens after parsing (links in text,
 * heading anchors, hashtag lists, table classes), which leave formulas as they are and took most of the parsing time.
 */
function formulaMarkdown(): MarkdownIt {
  const md = createMarkdown();
  // A rule renamed elsewhere stays on: slower, as right. footnote_tail stays: it brings inline footnotes.
  md.core.ruler.disable(["linkify", "replacements", "smartquotes", "text_join", "heading_anchors", "item_hashtags", "table_alignment_classes"], true);
  return md;
}

const isFormula = (token: Token) => (formulaTokenTypes as readonly string[]).includes(token.type);

/**
 * Every formula of `body` that would fail to render, each with its line in the body. Each formula
 * is rendered as the page will render it (renderFormula), which remembers the result for the page.
 */
export function formulaProblems(body: string): FormulaProblem[] {
  // Most issues hold no maths: no formula without a dollar sign.
  if (!body.includes("$")) return [];
  markdown ??= formulaMarkdown();
  const problems: FormulaProblem[] = [];
  let more = 0;
  let moreLine = 0;
  const check = (token: Token, line: number) => {
    const result = renderFormula(tokenFormula(token));
    if (result.problem === undefined) return;
    if (problems.length < maxFormulaProblems) problems.push({ line, message: result.problem });
    else if (more++ === 0) moreLine = line;
  };
  // Inline tokens without a line (inline footnotes, gathered at the end) are found in the body itself.
  const bodySearch = new SourceSearch(body, 0);
  // Nesting too deep is reported by nesting-limit.ts; here it must not stop the search for formulas.
  for (const token of markdown.parse(body, { collectNesting: true })) {
    if (isFormula(token)) {
      check(token, (token.map?.[0] ?? 0) + 1);
    } else if (token.type === "inline" && token.children) {
      const search = token.map ? new SourceSearch(token.content, token.map[0]) : bodySearch;
      for (const child of token.children) {
        if (child.type === "code_inline") search.skipCode(child);
        else if (isFormula(child)) check(child, search.lineOf(`${child.markup}${child.content}${child.markup}`) + 1);
      }
    }
  }
  // Inline footnotes come last in the tokens; messages go in the order of the text.
  problems.sort((a, b) => a.line - b.line);
  if (more) {
    problems.push({ line: moreLine, message: `maths: expected valid TeX, got ${more} more formula${more === 1 ? "" : "s"} that KaTeX will not render (the first ${maxFormulaProblems} are listed)` });
  }
  return problems;
}

/**
 * The 0-based lines of pieces of `source` found in order: each search starts where the last piece
 * ended, and line breaks are counted once, so a paragraph's formulas cost one pass over it.
 */
class SourceSearch {
  #cursor = 0;
  #counted = 0;
  #line: number;

  constructor(
    readonly source: string,
    firstLine: number,
  ) {
    this.#line = firstLine;
  }

  /** Steps over a code span, so a formula written inside one is not taken for the one after it. */
  skipCode(code: Token): void {
    const open = this.source.indexOf(code.markup, this.#cursor);
    if (open !== -1) this.#cursor = open + code.markup.length + code.content.length;
  }

  /** The line `piece` starts on, or the last line found when it is not there. */
  lineOf(piece: string): number {
    const at = this.source.indexOf(piece, this.#cursor);
    if (at === -1) return this.#line;
    for (let next = this.source.indexOf("\n", this.#counted); next !== -1 && next < at; next = this.source.indexOf("\n", next + 1)) this.#line++;
    this.#counted = at;
    this.#cursor = at + piece.length;
    return this.#line;
  }
}
