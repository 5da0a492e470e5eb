import Prism from "prismjs";
// Prism's language files extend the `Prism` global that the core module sets on import.
import "prismjs/components/prism-python.js";
import "prismjs/components/prism-bash.js";
import "prismjs/components/prism-json.js";
import "prismjs/components/prism-typescript.js";
import "prismjs/components/prism-yaml.js";
import "prismjs/components/prism-diff.js";
import "prismjs/components/prism-sql.js";
import "prismjs/components/prism-c.js";
import "prismjs/components/prism-cpp.js";
import "prismjs/components/prism-rust.js";
import "prismjs/components/prism-go.js";
import "prismjs/components/prism-r.js";
import "prismjs/components/prism-julia.js";
import "prismjs/components/prism-latex.js";

/**
 * The languages a fence may name, each under the names Prism gives it. An explicit list rather
 * than `Prism.languages[name]`: that object also holds functions (`extend`, `insertBefore`), and
 * a fence reading `extend` must render as plain code.
 */
const grammarNames: Record<string, string> = {
  python: "python", py: "python",
  bash: "bash", sh: "bash", shell: "bash", console: "bash", zsh: "bash",
  json: "json",
  javascript: "javascript", js: "javascript", mjs: "javascript",
  typescript: "typescript", ts: "typescript",
  html: "markup", xml: "markup", svg: "markup",
  css: "css",
  yaml: "yaml", yml: "yaml",
  diff: "diff",
  sql: "sql",
  c: "c",
  cpp: "cpp", "c++": "cpp",
  rust: "rust", rs: "rust",
  go: "go",
  r: "r",
  julia: "julia", jl: "julia",
  latex: "latex", tex: "latex",
};

const grammars = new Map<string, Prism.Grammar>();
for (const [name, prismName] of Object.entries(grammarNames)) {
  const grammar = Prism.languages[prismName];
  if (!grammar) throw new Error(`highlight: Prism has no grammar "${prismName}" for "${name}"`);
  grammars.set(name, grammar);
}

/** Past this many characters a block renders plain: Prism's cost grows with the square of a long
 *  line or block on some inputs, and these caps keep a hostile issue's cost linear in its length. */
export const maxHighlightedLength = 10_000;
/** Past this many characters in one line, likewise (minified code reads no better highlighted). */
export const maxHighlightedLineLength = 500;

function hasLongLine(code: string): boolean {
  let start = 0;
  for (let end = code.indexOf("\n"); end !== -1; end = code.indexOf("\n", start)) {
    if (end - start > maxHighlightedLineLength) return true;
    start = end + 1;
  }
  return code.length - start > maxHighlightedLineLength;
}

/**
 * The highlighted HTML of one code block's text, for markdown-it's `highlight` option: Prism's
 * tokens as `<span class="token …">` (styled by assets/styles/_code.scss; no `style`, which the
 * CSP forbids), with `&`, `<` and `>` escaped. "" for a language it does not know, or a block or line too long,
 * so that markdown-it escapes and shows the text plain.
 */
export function highlightCode(code: string, language: string): string {
  const grammar = grammars.get(language.toLowerCase());
  if (!grammar || code.length > maxHighlightedLength || hasLongLine(code)) return "";
  // Prism escapes `&` and `<` only; a raw `>` (a shell redirect) fails npm run check's
  // no-raw-characters. Every `<` left is one of Prism's tags, so any `>` outside one is text.
  return Prism.highlight(code, grammar, language.toLowerCase()).replace(/(<[^>]*>)|>/g, (match, tag: string | undefined) => tag ?? "&gt;");
}
