import katexModule from "@vscode/markdown-it-katex";
import type MarkdownIt from "markdown-it";

// The package is CommonJS with `exports.default`; Node's ESM loader hands back the exports object.
const katexPlugin = ((katexModule as unknown as { default?: typeof katexModule }).default ?? katexModule) as unknown as MarkdownIt.PluginWithOptions;

/** Thrown when an issue's TeX does not parse: the build stops rather than ship a red error box. */
export class MathsError extends Error {
  override name = "MathsError";
}

/**
 * Renders `$…$` and `$$…$$` with KaTeX at build time, as HTML plus MathML, so readers need no
 * JavaScript and screen readers get the MathML.
 */
export function mathsPlugin(md: MarkdownIt): void {
  md.use(katexPlugin, { output: "htmlAndMathml", throwOnError: false });
  for (const rule of ["math_inline", "math_block", "math_inline_block"] as const) {
    const render = md.renderer.rules[rule];
    if (!render) continue;
    md.renderer.rules[rule] = (tokens, index, options, env, self) => {
      const html = render(tokens, index, options, env, self);
      if (html.includes('class="katex-error"') || html.includes("katex-block katex-error")) {
        const tex = tokens[index]?.content ?? "";
        const reason = /katex-error"[^>]*>([^<]*)</.exec(html)?.[1] ?? "";
        throw new MathsError(`maths: expected valid TeX, got $${tex}$ (${md.utils.unescapeAll(reason)})`);
      }
      return html;
    };
  }
}
