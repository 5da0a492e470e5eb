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
      const hashtags = parseHashtagLine(inline.content);
      if (!hashtags) continue;
      const html = normaliseTags(hashtags)
        .map(({ slug, name }) => `<li><a href="${tagHref(slug)}" rel="tag">#${md.utils.escapeHtml(name)}</a></li>`)
        .join("");
      const list = new state.Token("html_block", "", 0);
      list.content = `<ul class="item-tags" aria-label="Tags">${html}</ul>\n`;
      list.map = open.map;
      tokens.splice(index, 3, list);
    }
  });
}
