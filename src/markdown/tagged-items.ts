import type MarkdownIt from "markdown-it";
import { ownCopy } from "../model/front-matter.ts";
import { normaliseTags, type Tag } from "../model/tags.ts";
import { createMarkdown } from "./create-markdown.ts";

/** An item inside an issue that carries its own hashtags: the heading above its hashtag line. */
export interface TaggedItem {
  /** The heading's anchor id on the issue page, as the renderer assigns it. */
  id: string;
  title: string;
  tags: Tag[];
}

export interface TaggedContent {
  /** Items (h2–h4 headings) followed by hashtag paragraphs. */
  items: TaggedItem[];
  /** Every hashtag of the body, under a heading or not. */
  tags: Tag[];
}

/** Cheap test for a line that could start a hashtag paragraph; most issues have none. */
const possibleHashtagLine = /^[ \t]{0,3}#[\p{L}\p{N}]/mu;
let parser: MarkdownIt | undefined;

/**
 * The issue renderer, parsing the inline content of headings only. Hashtag paragraphs are found
 * from their source text (the hashtags plugin reads `inline.content`), and items need only their
 * headings' ids and text, so the inline parse of every other paragraph, most of a parse, is
 * skipped. Every other rule is the renderer's own, so ids come out as on the page.
 */
function headingsOnlyParser(): MarkdownIt {
  const md = createMarkdown();
  md.core.ruler.at("inline", (state) => {
    const tokens = state.tokens;
    for (let index = 1; index < tokens.length; index++) {
      const token = tokens[index];
      if (token?.type === "inline" && tokens[index - 1]?.type === "heading_open") {
        state.md.inline.parse(token.content, state.md, state.env, (token.children ??= []));
      }
    }
  });
  return md;
}

/**
 * The hashtag paragraphs of a body and the items they tag, read from the same token stream the
 * page is rendered from, so ids and titles match the rendered headings exactly.
 */
export function findTaggedContent(markdown: string): TaggedContent {
  if (!possibleHashtagLine.test(markdown)) return { items: [], tags: [] };
  parser ??= headingsOnlyParser();
  const tokens = parser.parse(markdown, {});
  const items = new Map<string, { id: string; title: string; hashtags: string[] }>();
  const hashtags: string[] = [];
  let current: { id: string; title: string } | undefined;
  tokens.forEach((token, index) => {
    if (token.type === "heading_open") {
      const id = token.attrGet("id");
      const text = (tokens[index + 1]?.children ?? [])
        .filter((child) => child.type === "text" || child.type === "code_inline")
        .map((child) => child.content)
        .join("");
      // Only anchored headings (h2–h4) start an item; an h1 ends the one before.
      current = id ? { id, title: ownCopy(text.trim()) } : token.tag === "h1" ? undefined : current;
      return;
    }
    const tokenHashtags = (token.meta as { hashtags?: string[] } | null)?.hashtags;
    if (!tokenHashtags) return;
    // One at a time: spread into push, a paragraph of 200,000 hashtags overflowed the stack.
    for (const hashtag of tokenHashtags) hashtags.push(hashtag);
    if (!current) return;
    const item = items.get(current.id) ?? { ...current, hashtags: [] };
    for (const hashtag of tokenHashtags) item.hashtags.push(hashtag);
    items.set(current.id, item);
  });
  return {
    items: [...items.values()].map(({ id, title, hashtags: raw }) => ({ id, title, tags: normaliseTags(raw) })),
    tags: normaliseTags(hashtags),
  };
}

export function extractTaggedItems(markdown: string): TaggedItem[] {
  return findTaggedContent(markdown).items;
}

export function extractHashtags(markdown: string): Tag[] {
  return findTaggedContent(markdown).tags;
}
