import * as cheerio from "cheerio";
import type { Cheerio, CheerioAPI } from "cheerio";

/** The plain-text part's width: the 72 columns mail readers and RFC 3676 expect. */
export const textWidth = 72;

/** Words wrapped at `width` columns, each line after `firstPrefix` or `prefix`; a longer word has its own line. */
export function wrapText(text: string, width: number, firstPrefix = "", prefix = firstPrefix): string[] {
  const words = text.split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  let line = firstPrefix;
  let empty = true;
  for (const word of words) {
    if (!empty && line.length + 1 + word.length > width) {
      lines.push(line);
      line = prefix + word;
    } else {
      line += (empty ? "" : " ") + word;
    }
    empty = false;
  }
  if (!empty) lines.push(line);
  return lines;
}

/** The rendered issue as text: blocks, links and notes kept in a form that reads without markup. */
interface TextState {
  links: string[];
  notes: string[];
}

type Node = ReturnType<Cheerio<never>["contents"]>[number];

const blockTags = new Set(["p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "pre", "blockquote", "table", "figure", "figcaption", "hr", "section", "dl", "dt", "dd", "tr"]);

function linkNumber(state: TextState, href: string): number {
  const index = state.links.indexOf(href);
  if (index >= 0) return index + 1;
  state.links.push(href);
  return state.links.length;
}

/** The inline text of an element: links numbered `[1]`, formulas as TeX, footnote marks as `[^1]`. */
function inlineText($: CheerioAPI, nodes: Cheerio<Node>, state: TextState): string {
  let out = "";
  nodes.each((_, node) => {
    if (node.type === "text") {
      out += (node as unknown as { data: string }).data;
      return;
    }
    if (node.type !== "tag") return;
    const element = $(node);
    const tag = (node as unknown as { tagName: string }).tagName;
    if (element.hasClass("footnote-label")) return;
    if (tag === "br") out += "\n";
    else if (tag === "img") {
      const alt = element.attr("alt") ?? "";
      if (element.hasClass("maths")) out += element.parent().hasClass("maths-display") ? `$$${alt}$$` : `$${alt}$`;
      else if (alt) out += `[${alt}]`;
    } else if (tag === "sup" && element.hasClass("footnote-ref")) {
      out += `[^${element.text().replace(/[[\]]/g, "").trim()}]`;
    } else if (tag === "a") {
      const href = element.attr("href") ?? "";
      const text = inlineText($, element.contents(), state);
      if (element.hasClass("footnote-backref") || href.startsWith("#")) out += element.hasClass("footnote-backref") ? "" : text;
      else out += `${text} [${linkNumber(state, href)}]`;
    } else out += inlineText($, element.contents(), state);
  });
  return out;
}

/** Lines of the blocks among `nodes`, each block's lines after `prefix`. */
function blockLines($: CheerioAPI, nodes: Cheerio<Node>, state: TextState, prefix: string): string[][] {
  const blocks: string[][] = [];
  let inline: Node[] = [];
  const flush = () => {
    const text = inlineText($, $(inline), state).replace(/\s+/g, " ").trim();
    if (text) blocks.push(wrapText(text, textWidth, prefix));
    inline = [];
  };
  nodes.each((_, node) => {
    const tag = node.type === "tag" ? (node as unknown as { tagName: string }).tagName : "";
    if (!blockTags.has(tag)) {
      inline.push(node);
      return;
    }
    flush();
    const element = $(node);
    if (/^h[1-6]$/.test(tag)) {
      const text = inlineText($, element.contents(), state).replace(/\s+/g, " ").trim();
      const lines = wrapText(text, textWidth, prefix);
      const longest = Math.max(...lines.map((line) => line.length - prefix.length), 1);
      blocks.push([...lines, prefix + (tag === "h1" ? "=" : "-").repeat(longest)]);
    } else if (tag === "pre") {
      blocks.push(element.text().replace(/\n$/, "").split("\n").map((line) => `${prefix}    ${line}`.trimEnd()));
    } else if (tag === "hr") {
      blocks.push([`${prefix}${"-".repeat(20)}`]);
    } else if (tag === "ul" || tag === "ol") {
      const lines: string[] = [];
      element.children("li").each((index, item) => {
        const marker = tag === "ol" ? `${Number(element.attr("start") ?? 1) + index}. ` : "- ";
        const inner = blockLines($, $(item).contents(), state, prefix + " ".repeat(marker.length)).flat();
        const first = inner[0];
        if (first === undefined) return;
        lines.push(`${prefix}${marker}${first.slice(prefix.length + marker.length)}`, ...inner.slice(1));
      });
      blocks.push(lines);
    } else if (tag === "blockquote") {
      blocks.push(blockLines($, element.contents(), state, `${prefix}> `).flatMap((block, index) => (index ? [`${prefix}>`, ...block] : block)));
    } else if (tag === "section" && element.hasClass("footnotes")) {
      element.find("li.footnote-item").each((index, item) => {
        // The label is the note's mark in the text, which the list's position need not be.
        const label = $(item).find(".footnote-label").first().text().trim() || String(index + 1);
        const text = inlineText($, $(item).contents(), state).replace(/\s+/g, " ").trim();
        state.notes.push(wrapText(`[^${label}] ${text}`, textWidth, "", "     ").join("\n"));
      });
    } else if (tag === "tr") {
      const cells = element.children("th, td").map((_, cell) => inlineText($, $(cell).contents(), state).replace(/\s+/g, " ").trim()).get();
      blocks.push(wrapText(cells.join(" | "), textWidth, prefix));
    } else if (tag === "table") {
      blocks.push(blockLines($, element.find("tr"), state, prefix).flat());
    } else {
      blocks.push(...blockLines($, element.contents(), state, prefix));
    }
  });
  flush();
  return blocks.filter((block) => block.length);
}

/**
 * The plain-text part: headings underlined, lists kept, links as numbered references listed
 * after the text, footnotes after them, maths as TeX, wrapped at 72 columns.
 */
export function plainText(options: { title: string; kicker?: string; contentHtml: string; footer: string[] }): string {
  const $ = cheerio.load(options.contentHtml, null, false);
  const state: TextState = { links: [], notes: [] };
  const title = wrapText(options.title, textWidth);
  const blocks: string[][] = [
    ...(options.kicker ? [wrapText(options.kicker, textWidth)] : []),
    [...title, "=".repeat(Math.max(...title.map((line) => line.length)))],
    ...blockLines($, $.root().contents(), state, ""),
  ];
  if (state.links.length) blocks.push(["Links:", ...state.links.map((href, index) => `[${index + 1}] ${href}`)]);
  if (state.notes.length) blocks.push(["Notes:", ...state.notes]);
  blocks.push(options.footer.flatMap((line) => wrapText(line, textWidth)));
  return `${blocks.map((block) => block.join("\n")).join("\n\n")}\n`;
}
