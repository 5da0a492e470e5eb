import type MarkdownIt from "markdown-it";
import { parseHashtagLine } from "../model/hashtags.ts";
import { normaliseTags, tagHref } from "../model/tags.ts";

/**
 * Renders a paragraph made only of hashtags (`#performance, #bias`) as the tag list of the item
 * above it, each tag linked to its archive. Consecutive hashtag paragraphs make one list: an item
 * has one row of tags however its author split them.
 */
export function hashtagsPlugin(md: MarkdownIt): void {
  md.core.ruler.push("item_hashtags", (state) => {
    const tokens = state.tokens;
    // Only paragraphs of the body itself (or of a callout) are item tag lines; hashtags quoted in
    // a blockquote or written in a list stay text. One pass counts the quotes and lists open
    // around each token: looking back from every paragraph was quadratic in an issue's length.
    // The tokens are copied into a new array rather than spliced, which would be quadratic too.
    const opened: boolean[] = [];
    const kept: typeof tokens = [];
    const lists: { token: (typeof tokens)[number]; hashtags: string[] }[] = [];
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
      const [inline, close] = [tokens[index + 1], tokens[index + 2]];
      const hashtags =
        token.type === "paragraph_open" &&
        quotesAndLists === 0 &&
        inline?.type === "inline" &&
        close?.type === "paragraph_close"
          ? parseHashtagLine(inline.content)
          : undefined;
      if (!hashtags) {
        kept.push(token);
        continue;
      }
      // The paragraph counted as opened is skipped with its close.
      opened.pop();
      index += 2;
      const previous = lists[lists.length - 1];
      if (previous && kept[kept.length - 1] === previous.token) {
        // One at a time: spread into push, a paragraph of 200,000 hashtags overflowed the stack.
        for (const hashtag of hashtags) previous.hashtags.push(hashtag);
        continue;
      }
      const list = new state.Token("html_block", "", 0);
      list.map = token.map;
      lists.push({ token: list, hashtags });
      kept.push(list);
    }
    if (lists.length === 0) return;
    for (const { token, hashtags } of lists) {
      const html = normaliseTags(hashtags)
        .map(({ slug, name }) => `<li><a href="${tagHref(slug)}" rel="tag">#${md.utils.escapeHtml(name)}</a></li>`)
        .join("");
      token.content = `<ul class="item-tags" aria-label="Tags">${html}</ul>\n`;
      token.meta = { hashtags };
    }
    state.tokens = kept;
  });
}

const quoteOrListOpen = /^(blockquote|bullet_list|ordered_list|list_item)_open$/;
