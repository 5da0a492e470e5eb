import type MarkdownIt from "markdown-it";
import { slugifyHeading } from "./slugify-heading.ts";

/** Options of `headingAnchorsPlugin`. */
export interface HeadingAnchorsOptions {
  /** Heading levels that get an id and a link to it.
   *  @default [2, 3, 4] */
  levels?: readonly number[];
}

/**
 * Gives each heading of the chosen levels an id from its text (`slugifyHeading`, made unique with
 * `-1`, `-2`...) and makes its text a link to it: `<h2 id="x"><a class="header-anchor" href="#x">
 * <span>…</span></a></h2>`, the markup of markdown-it-anchor's `headerLink` permalink with its
 * Safari reader fix. markdown-it-anchor itself took time growing with the square of an issue's
 * headings: it searched the whole token list again after each heading, and tried `x-1`, `x-2`...
 * from 1 for every repeat of a heading (docs/decisions.md, Hostile input).
 *
 * A heading holding links of its own keeps them, and its self-link goes after its text instead:
 * wrapped round them it would nest `<a>` in `<a>`, which HTML forbids and parsers pull apart.
 * That self-link has no text (its "#" is the stylesheet's), so contents lists, search and feeds
 * read the heading as written; `aria-label` names it.
 */
export function headingAnchorsPlugin(md: MarkdownIt, options: HeadingAnchorsOptions = {}): void {
  const levels = new Set(options.levels ?? [2, 3, 4]);
  md.core.ruler.push("heading_anchors", (state) => {
    const ids = uniqueIds();
    const tokens = state.tokens;
    for (let index = 0; index < tokens.length; index++) {
      const heading = tokens[index] as (typeof tokens)[number];
      const inline = tokens[index + 1];
      if (heading.type !== "heading_open" || !levels.has(Number(heading.tag.slice(1))) || inline?.type !== "inline") continue;
      const children = inline.children ?? [];
      let text = "";
      for (const child of children) if (child.type === "text" || child.type === "code_inline") text += child.content;
      const id = ids(slugifyHeading(text));
      heading.attrSet("id", id);
      const linkOpen = new state.Token("link_open", "a", 1);
      linkOpen.attrs = [
        ["class", "header-anchor"],
        ["href", `#${id}`],
      ];
      if (children.some((child) => child.type === "link_open")) {
        linkOpen.attrPush(["aria-label", `Link to this section: ${text}`]);
        inline.children = [...children, linkOpen, new state.Token("link_close", "a", -1)];
      } else {
        inline.children = [linkOpen, new state.Token("span_open", "span", 1), ...children, new state.Token("span_close", "span", -1), new state.Token("link_close", "a", -1)];
      }
    }
  });
}

/**
 * A function that gives back each id it is given, or, when it already gave that id, the id with the
 * first `-N` suffix not yet given. Where to look next is kept per id, so repeats cost no search.
 */
export function uniqueIds(): (id: string) => string {
  const given = new Set<string>();
  const nextSuffix = new Map<string, number>();
  return (id) => {
    let unique = id;
    if (given.has(id)) {
      let suffix = nextSuffix.get(id) ?? 1;
      for (unique = `${id}-${suffix}`; given.has(unique); unique = `${id}-${suffix}`) suffix++;
      nextSuffix.set(id, suffix + 1);
    }
    given.add(unique);
    return unique;
  };
}
