import type MarkdownIt from "markdown-it";

/**
 * markdown-it aligns table cells with `style="text-align:…"`; a strict Content-Security-Policy
 * forbids inline styles, so the alignment becomes a class (`align-right`) the stylesheet styles.
 */
export function tableAlignmentPlugin(md: MarkdownIt): void {
  md.core.ruler.push("table_alignment_classes", (state) => {
    for (const token of state.tokens) {
      if (token.type !== "th_open" && token.type !== "td_open") continue;
      const style = token.attrGet("style");
      const alignment = style && /text-align:\s*(left|right|center)/.exec(style)?.[1];
      if (!alignment) continue;
      token.attrs = (token.attrs ?? []).filter(([name]) => name !== "style");
      token.attrJoin("class", `align-${alignment}`);
    }
  });
}
