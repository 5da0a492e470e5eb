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
    // Only paragraphs of the body itself (or of a callout) are item tag lines; hashtags quoted in
    // a blockquote or written in a list stay text. One pass counts the quotes and lists open
    // around each token: looking back from every paragraph was quadratic in an issue's length.
    const opened: boolean[] = [];
    let quotesAndLists = 0;
    for (let index = 0; index < tokens.length; index++) {
      const token = tokens[index] as (typeof tokens)[number];
      if (token.nesting === 1) {
        const quoteOrList = quoteOrListOpen.test(token.type);
        opened.push(quoteOrList);
        if (quoteOrList) quotesAndLists++;
      } else if (token.nesting === -1 && opened.pop()) {
        quotesAndLists--;
      }
      if (token.type !== "paragraph_open" || quotesAndLists > 0) continue;
      const [inline, close] = [tokens[index + 1], tokens[index + 2]];
      if (inline?.type !== "inline" || close?.type !== "paragraph_close") continue;
      const hashtags = parseHashtagLine(inline.content);
      if (!hashtags) continue;
      const html = normaliseTags(hashtags)
        .map(({ slug, name }) => `<li><a href="${tagHref(slug)}" rel="tag">#${md.utils.escapeHtml(name)}</a></li>`)
        .join("");
      const list = new state.Token("html_block", "", 0);
      list.content = `<ul class="item-tags" aria-label="Tags">${html}</ul>\n`;
      list.map = token.map;
      list.meta = { hashtags };
      tokens.splice(index, 3, list);
      // The paragraph counted as opened is gone with its close.
      opened.pop();
    }
  });
}

const quoteOrListOpen = /^(blockquote|bullet_list|ordered_list|list_item)_open$/;
