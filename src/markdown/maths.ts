import katexModule from "@vscode/markdown-it-katex";
import katex from "katex";
import type MarkdownIt from "markdown-it";
import type { PluginWithOptions } from "markdown-it";
import { inlineStylesToClasses } from "./inline-styles.ts";

// The package is CommonJS with `exports.default`; Node's ESM loader hands back the exports object.
const katexPlugin = ((katexModule as unknown as { default?: typeof katexModule }).default ?? katexModule) as unknown as PluginWithOptions;

/** Thrown when an issue's TeX does not parse: the build stops rather than ship a red error box. */
export class MathsError extends Error {
  override name = "MathsError";
}

/**
 * Renders `$…$` and `$$…$$` with KaTeX at build time, as HTML plus MathML, so readers need no
 * JavaScript and screen readers get the MathML. KaTeX's inline styles become classes (see
 * inline-styles.ts) so pages hold no `style` attribute.
 */
export function mathsPlugin(md: MarkdownIt): void {
  // KaTeX's own error markup would ship a red box; render strictly and remember the failure,
  // which the wrapped renderer rules below turn into a build error naming the TeX.
  let lastError: unknown;
  const strictKatex = {
    renderToString(tex: string, options: katex.KatexOptions) {
      try {
        return katex.renderToString(tex, { ...options, throwOnError: true });
      } catch (error) {
        lastError = error;
        return '<span class="katex-error"></span>';
      }
    },
  };
  md.use(katexPlugin, { katex: strictKatex, output: "htmlAndMathml" });
  // The same formula renders to the same markup: newsletters repeat their notation.
  const rendered = new Map<string, string>();
  for (const rule of ["math_inline", "math_block", "math_inline_block"] as const) {
    const render = md.renderer.rules[rule];
    if (!render) continue;
    md.renderer.rules[rule] = (tokens, index, options, env, self) => {
      const key = `${rule}\u0000${tokens[index]?.content ?? ""}`;
      const cached = rendered.get(key);
      if (cached !== undefined) return cached;
      lastError = undefined;
      const html = render(tokens, index, options, env, self);
      if (lastError !== undefined) {
        const tex = tokens[index]?.content ?? "";
        const reason = lastError instanceof Error ? lastError.message : String(lastError);
        throw new MathsError(`maths: expected valid TeX, got $${tex}$ (${reason})`);
      }
      const classed = inlineStylesToClasses(html);
      rendered.set(key, classed);
      return classed;
    };
  }
}
