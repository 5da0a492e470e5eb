import type MarkdownIt from "markdown-it";
import { parseHashtagLine } from "../model/hashtags.ts";
import { normaliseTags, tagHref } from "../model/tags.ts";

/**
 * Renders a paragraph made only of hashtags (`#performance, #bias`) as the tag list of the item
 * above it, each tag linked to its archive.
 */
export function hashtagsPlugin(md: MarkdownIt): void {
  md.core.ruler.push("item_hashtags", (state) => {
    const tokens = state.tokens;
    for (let index = 0; index + 2 < tokens.length; index++) {
      const [open, inline, close] = [tokens[index], tokens[index + 1], tokens[index + 2]];
      if (open?.type !== "paragraph_open" || inline?.type !== "inline" || close?.type !== "paragraph_close") continue;
      // Only paragraphs of the body itself (or of a callout) are item tag lines;
      // hashtags quoted in a blockquote or written in a list stay text.
      if (insideQuoteOrList(tokens, index)) continue;
      const hashtags = parseHashtagLine(inline.content);
      if (!hashtags) continue;
      const html = normaliseTags(hashtags)
        .map(({ slug, name }) => `<li><a href="${tagHref(slug)}" rel="tag">#${md.utils.escapeHtml(name)}</a></li>`)
        .join("");
      const list = new state.Token("html_block", "", 0);
      list.content = `<ul class="item-tags" aria-label="Tags">${html}</ul>\n`;
      list.map = open.map;
      list.meta = { hashtags };
      tokens.splice(index, 3, list);
    }
  });
}

function insideQuoteOrList(tokens: readonly { type: string }[], index: number): boolean {
  let depth = 0;
  for (let cursor = index - 1; cursor >= 0; cursor--) {
    const type = tokens[cursor]?.type ?? "";
    if (/_close$/.test(type)) depth++;
    else if (/_open$/.test(type)) {
      if (depth > 0) depth--;
      else if (/^(blockquote|bullet_list|ordered_list|list_item)_open$/.test(type)) return true;
    }
  }
  return false;
}
