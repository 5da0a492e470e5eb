import type MarkdownIt from "markdown-it";
import type { Options, PluginWithParams, Renderer, Token } from "markdown-it";
import type { FigureMeta } from "./images.ts";
import containerModule from "markdown-it-container";

// @types/markdown-it-container is typed against markdown-it's CommonJS declarations.
const container = containerModule as unknown as PluginWithParams;

/** Callouts that stand out from the text: `::: why`, `::: insight`, `::: takeaway`. */
export const calloutKinds = ["why", "insight", "takeaway"] as const;

/**
 * Adds the named containers: callouts render as `<div class="callout callout-<kind>" role="note">`,
 * and `::: figure` wraps its text as the caption of a figure whose image the source no longer has:
 * it is marked caption-only, so it reads as a caption in the text rather than as a broken image.
 * A `::: figure` whose text starts with an image shows it, captioned by the rest (images.ts).
 */
export function containersPlugin(md: MarkdownIt): void {
  for (const kind of calloutKinds) {
    md.use(container, kind, {
      render: (tokens: { nesting: number }[], index: number) =>
        tokens[index]?.nesting === 1 ? `<div class="callout callout-${kind}" role="note">\n` : "</div>\n",
    });
  }
  md.use(container, "figure", {
    render: (tokens: Token[], index: number, options: Options, env: unknown, self: Renderer) => {
      const token = tokens[index] as Token;
      // A figure with an image (src/markdown/images.ts took it out of the text): the image, then any caption.
      const figure = token.meta as FigureMeta | null;
      if (figure) {
        if (token.nesting !== 1) return figure.caption ? "</figcaption>\n</figure>\n" : "</figure>\n";
        const image = figure.image ? self.renderInline([figure.image], options, env) : "";
        return `<figure class="figure">\n${image}\n${figure.caption ? "<figcaption>\n" : ""}`;
      }
      return token.nesting === 1 ? '<figure class="figure-caption-only">\n<figcaption>\n' : "</figcaption>\n</figure>\n";
    },
  });
}
