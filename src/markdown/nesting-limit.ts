import type MarkdownIt from "markdown-it";
import { createMarkdown } from "./create-markdown.ts";

/** Thrown when lists or quotes nest deeper than markdown-it follows: the rest would vanish from the page. */
export class NestingError extends Error {
  override name = "NestingError";
}

/** What the plugin keeps in markdown-it's env: the first line nested too deep, and whether to throw. */
export interface NestingEnv {
  tooDeepLine?: number;
  /** Set by validation, which reports the line itself. */
  collectNesting?: boolean;
}

export function nestingMessage(md: MarkdownIt): string {
  return `body: expected lists and quotes nested at most ${maxNesting(md)} levels deep (a quote is one, a list two), got deeper ones`;
}

// markdown-it's typings leave out the option its presets set (100 by default).
const maxNesting = (md: MarkdownIt) => (md.options as { maxNesting?: number }).maxNesting ?? 100;

/**
 * markdown-it stops at `maxNesting` levels of lists and quotes and silently drops the text below
 * that depth (which keeps 10,000-deep lists cheap); this makes that an error naming the line.
 */
export function nestingLimitPlugin(md: MarkdownIt): void {
  const block = md.block;
  const tokenize = block.tokenize.bind(block);
  block.tokenize = (state, startLine, endLine) => {
    if (state.level >= maxNesting(md)) {
      for (let line = startLine; line < endLine; line++) {
        if (state.isEmpty(line)) continue;
        (state.env as NestingEnv).tooDeepLine ??= line + 1;
        break;
      }
    }
    tokenize(state, startLine, endLine);
  };
  // Eleventy may hand one env to several renders: each starts afresh.
  md.core.ruler.before("block", "nesting_reset", (state) => {
    if (state.env) (state.env as NestingEnv).tooDeepLine = undefined;
  });
  md.core.ruler.after("block", "nesting_limit", (state) => {
    const env = (state.env ?? {}) as NestingEnv;
    if (env.tooDeepLine !== undefined && !env.collectNesting) throw new NestingError(`${nestingMessage(md)} at line ${env.tooDeepLine} of the body`);
  });
}

// A line can open a level of nesting only with a character of its prefix: `>` for a quote, a
// marker or at least two columns of indent for a list. Below this prefix length no line nests too deep.
const deepPrefix = 12;
const prefixCharacters = new Set([..." \t>-*+.)0123456789"]);

/** Whether some line of `body` starts with a prefix long enough to nest `maxNesting` deep; linear. */
export function mayNestDeeply(body: string): boolean {
  let run = 0;
  let atLineStart = true;
  for (const character of body) {
    if (character === "\n") {
      run = 0;
      atLineStart = true;
    } else if (atLineStart && prefixCharacters.has(character)) {
      if (++run >= deepPrefix) return true;
    } else {
      atLineStart = false;
    }
  }
  return false;
}

let markdown: MarkdownIt | undefined;

/** The line of the body (1-based) below which lists and quotes nest too deep to show, if any. */
export function nestingProblem(body: string): { line: number; message: string } | undefined {
  if (!mayNestDeeply(body)) return undefined;
  markdown ??= createMarkdown();
  const env: NestingEnv = { collectNesting: true };
  markdown.parse(body, env);
  return env.tooDeepLine === undefined ? undefined : { line: env.tooDeepLine, message: nestingMessage(markdown) };
}
