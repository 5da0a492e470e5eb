import MarkdownIt, { type PluginSimple } from "markdown-it";
import footnoteModule from "markdown-it-footnote";
import { containersPlugin } from "./containers.ts";
import { explicitLinksPlugin } from "./explicit-links.ts";
import { footnoteLabelsPlugin } from "./footnotes.ts";
import { hashtagsPlugin } from "./hashtags-plugin.ts";
import { headingAnchorsPlugin } from "./heading-anchors.ts";
import { highlightCode } from "./highlight.ts";
import { markdownImagesPlugin } from "./images.ts";
import { mathsPlugin } from "./maths.ts";
import { nestingLimitPlugin } from "./nesting-limit.ts";
import { tableAlignmentPlugin } from "./table-alignment.ts";

// @types/markdown-it-footnote is typed against markdown-it's CommonJS declarations.
const footnotePlugin = footnoteModule as unknown as PluginSimple;

/**
 * The Markdown renderer for issues. Raw HTML is off: an issue is text, and anything that looks
 * like a tag is shown, never run. Typographer is off so every character renders as written.
 * Only addresses written out as such become links (see explicit-links.ts). Fenced code is
 * highlighted here, at build time, so pages need no script for it (see highlight.ts).
 */
export function createMarkdown(): MarkdownIt {
  const md = new MarkdownIt({ html: false, linkify: true, typographer: false, highlight: highlightCode });
  md.use(explicitLinksPlugin)
    .use(footnotePlugin)
    .use(footnoteLabelsPlugin)
    .use(headingAnchorsPlugin, { levels: [2, 3, 4] })
    .use(containersPlugin)
    .use(markdownImagesPlugin)
    .use(mathsPlugin)
    .use(hashtagsPlugin)
    .use(tableAlignmentPlugin)
    .use(nestingLimitPlugin);
  return md;
}
