import type MarkdownIt from "markdown-it";
import type { PluginWithParams } from "markdown-it";
import containerModule from "markdown-it-container";

// @types/markdown-it-container is typed against markdown-it's CommonJS declarations.
const container = containerModule as unknown as PluginWithParams;

/** Callouts that stand out from the text: `::: why`, `::: insight`, `::: takeaway`. */
export const calloutKinds = ["why", "insight", "takeaway"] as const;

/**
 * Adds the named containers: callouts render as `<div class="callout callout-<kind>" role="note">`,
 * and `::: figure` wraps its text as the caption of a figure whose image the source no longer has:
 * it is marked caption-only, so it reads as a caption in the text rather than as a broken image.
 */
export function containersPlugin(md: MarkdownIt): void {
  for (const kind of calloutKinds) {
    md.use(container, kind, {
      render: (tokens: { nesting: number }[], index: number) =>
        tokens[index]?.nesting === 1 ? `<div class="callout callout-${kind}" role="note">\n` : "</div>\n",
    });
  }
  md.use(container, "figure", {
    render: (tokens: { nesting: number }[], index: number) =>
      tokens[index]?.nesting === 1 ? '<figure class="figure-caption-only">\n<figcaption>\n' : "</figcaption>\n</figure>\n",
  });
}
