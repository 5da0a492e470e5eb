// HTML of a post to the project's Markdown: turndown (with GFM tables and strikethrough) does the
// text; the rules here add what it drops and the site has: footnotes, figures, maths, callouts,
// hashtag lines, code languages and headings that start at ##.
import { load, type CheerioAPI } from "cheerio";
import TurndownService from "turndown";
import { gfm } from "turndown-plugin-gfm";
import { calloutKinds } from "../markdown/containers.ts";

/** What the conversion needs from its caller: where each image goes, and where to say what was lossy. */
export interface ConvertContext {
  /** The Markdown path of an image (relative to the issue file) for its `src` as the post has it. */
  image(src: string): string;
  /** One thing converted with a loss, in the report's words: "an iframe (https://...) kept as a link". */
  lossy(what: string): void;
  /** Alt texts made up from a file name, for the report. */
  placeholderAlt(file: string): void;
}

const service = createService();

/**
 * A post's HTML parsed under one wrapper element: cheerio's every selection from a fragment's root
 * de-duplicates across its top-level nodes, which was quadratic in a post of thousands of paragraphs.
 */
export function loadFragment(html: string): { $: CheerioAPI; html(): string } {
  const $ = load(`<md-root>${html}</md-root>`, null, false);
  return { $, html: () => $("md-root").html() ?? "" };
}

/** Markdown of one post's HTML body. */
export function htmlToMarkdown(html: string, context: ConvertContext): string {
  return convertHtml(html, context).markdown;
}

/** The Markdown and, for a summary, the text a reader sees, from one parse of the HTML. */
export function convertHtml(html: string, context: ConvertContext): { markdown: string; text: string } {
  const fragment = loadFragment(html);
  const $ = fragment.$;
  const depth = nestingDepth($);
  // Turndown converts by recursion; the site's Markdown renders at most 100 levels anyway.
  if (depth > maxHtmlNesting) throw new HtmlNestingError(`expected HTML nested at most ${maxHtmlNesting} elements deep, got ${depth}`);
  dropChrome($);
  const text = $.root().text();
  markMaths($);
  const footnotes = collectFootnotes($, context);
  markFigures($, context);
  markCallouts($);
  markHashtagLists($);
  shiftHeadings($);
  current = context;
  try {
    let markdown = service.turndown(fragment.html());
    if (footnotes.length) {
      const definitions = footnotes.map(({ label, html: body }) => {
        const text = service.turndown(body).trim() || "(empty footnote)";
        return `[^${label}]: ${text.split("\n").join("\n    ")}`;
      });
      markdown = `${markdown}\n\n${definitions.join("\n\n")}`;
    }
    return { markdown: tidy(markdown), text };
  } finally {
    current = undefined;
  }
}

/** Elements nested inside one another that a post may hold.
 *  @default 100 */
export const maxHtmlNesting = 100;

export class HtmlNestingError extends Error {
  override name = "HtmlNestingError";
}

/** The deepest nesting of elements, found without recursion. */
function nestingDepth($: CheerioAPI): number {
  let deepest = 0;
  const stack: { node: { children?: unknown[] }; depth: number }[] = [{ node: $.root()[0] as { children?: unknown[] }, depth: 0 }];
  for (let item = stack.pop(); item; item = stack.pop()) {
    deepest = Math.max(deepest, item.depth);
    for (const child of item.node.children ?? []) {
      if ((child as { type?: string }).type === "tag") stack.push({ node: child as { children?: unknown[] }, depth: item.depth + 1 });
    }
  }
  // The wrapper of loadFragment is not the post's.
  return deepest - 1;
}

// Turndown's rules are made once; the post being converted is this module's while it converts.
let current: ConvertContext | undefined;

function tidy(markdown: string): string {
  return `${markdown.replace(/[ \t]+$/gm, "").replace(/\n{3,}/g, "\n\n").trim()}\n`;
}

/** Platform chrome no archive wants, and what a page must never run. */
function dropChrome($: CheerioAPI): void {
  $("script:not([type^='math/tex']), style, noscript, template, link, meta, button, form, input").remove();
  $(".footnote-backref").remove();
  $("img").each((_, element) => {
    const img = $(element);
    const tiny = img.attr("width") === "1" || img.attr("height") === "1";
    // Tracking pixels: a 1×1 image or one named for opens.
    if (tiny || /[/.](pixel|open|track)[^/]*$/i.test(img.attr("src") ?? "")) img.remove();
  });
  // Anchors the site adds to its own headings: their text is the heading's.
  $("a.header-anchor").each((_, element) => void $(element).replaceWith($(element).contents()));
  // An image linked to itself (a lightbox) is just the image.
  $("a").each((_, element) => {
    const link = $(element);
    const only = link.children();
    if (only.length === 1 && link.text().trim() === "" && (only.is("img") || only.is("picture") || only.find("img").length === 1)) {
      link.replaceWith(link.contents());
    }
  });
  $("picture source").remove();
}

/** KaTeX, MathJax script and Substack LaTeX blocks become `$...$` and `$$...$$` with their TeX. */
function markMaths($: CheerioAPI): void {
  const raw = (element: Parameters<CheerioAPI>[0], tex: string, display: boolean) => {
    const text = display ? `$$\n${tex.trim()}\n$$` : `$${tex.trim()}$`;
    $(element).replaceWith(rawElement($, text, display));
  };
  $(".katex-display, .katex").each((_, element) => {
    const annotation = $(element).find('annotation[encoding="application/x-tex"]').first().text();
    if (annotation) raw(element, annotation, $(element).hasClass("katex-display"));
  });
  $("script[type^='math/tex']").each((_, element) => raw(element, $(element).text(), /mode=display/.test($(element).attr("type") ?? "")));
  $("div.latex-rendered").each((_, element) => {
    const attrs = parseAttrs($(element).attr("data-attrs"));
    const tex = typeof attrs?.persistentExpression === "string" ? attrs.persistentExpression : $(element).text();
    if (tex.trim()) raw(element, tex, true);
  });
}

/** A placeholder turndown writes out as `text`, unescaped: a block of its own or inline. */
function rawElement($: CheerioAPI, text: string, block: boolean) {
  const element = $("<md-raw>x</md-raw>").attr("data-raw", text);
  return block ? element.attr("data-block", "") : element;
}

export function parseAttrs(text: string | undefined): Record<string, unknown> | undefined {
  if (!text) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === "object" ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

interface Footnote {
  label: number;
  html: string;
}

/**
 * Footnote definitions (markdown-it's and WordPress's `section.footnotes li`, Substack's
 * `div.footnote`) taken out of the text, and each reference replaced by `[^n]`, numbered in the
 * order of the definitions.
 */
function collectFootnotes($: CheerioAPI, context: ConvertContext): Footnote[] {
  const byId = new Map<string, Footnote>();
  const footnotes: Footnote[] = [];
  const used = new Set<number>();
  const add = (id: string | undefined, body: string) => {
    // The number the source showed (fn6, footnote-6), unless taken: readers cite footnotes by it.
    const shown = Number(/(\d+)$/.exec(id ?? "")?.[1] ?? Number.NaN);
    let label = Number.isSafeInteger(shown) && shown > 0 && !used.has(shown) ? shown : footnotes.length + 1;
    while (used.has(label)) label++;
    used.add(label);
    const footnote = { label, html: body };
    footnotes.push(footnote);
    if (id) byId.set(id, footnote);
  };
  $("div.footnote").each((_, element) => {
    const item = $(element);
    const id = item.find("a.footnote-number").attr("id") ?? item.attr("id");
    const content = item.find(".footnote-content").first();
    add(id, (content.length ? content : item).html() ?? "");
    item.remove();
  });
  $("section.footnotes, div.footnotes, ol.footnotes").each((_, element) => {
    $(element)
      .find("li")
      .each((__, li) => {
        const item = $(li);
        item.find(".footnote-label").remove();
        add(item.attr("id"), item.html() ?? "");
      });
    $(element).remove();
  });
  $("hr.footnotes-sep").remove();
  const refs = "a.footnote-anchor, sup.footnote-ref, a.footnote-ref, sup > a[href^='#fn'], a[href^='#footnote-']";
  $(refs).each((_, element) => {
    const ref = $(element);
    if (!ref.parent().length) return;
    const link = ref.is("a") ? ref : ref.find("a").first();
    const target = (link.attr("href") ?? "").split("#")[1] ?? "";
    const footnote = byId.get(target);
    const holder = ref.parent().is("sup") ? ref.parent() : ref;
    if (footnote) holder.replaceWith(rawElement($, `[^${footnote.label}]`, false));
    else {
      context.lossy(`a footnote reference to #${target} with no footnote, kept as text`);
      holder.replaceWith(`[${link.text()}]`);
    }
  });
  return footnotes;
}

/** Figures with an image become `![alt](path "caption")`; a figure with only a caption, `::: figure`. */
function markFigures($: CheerioAPI, context: ConvertContext): void {
  $("figure").each((_, element) => {
    const figure = $(element);
    const images = figure.find("img");
    const captionHtml = figure.find("figcaption").first().html() ?? "";
    const caption = figure.find("figcaption").first().text().replace(/\s+/g, " ").trim();
    if (images.length === 0) {
      if (figure.find("iframe, video, audio, embed, object").length) return;
      const text = service.turndown(captionHtml || (figure.html() ?? "")).trim();
      figure.replaceWith(text ? rawElement($, `::: figure\n${text}\n:::`, true) : "");
      return;
    }
    const parts = images.toArray().map((img, index) => imageMarkdown(img.attribs, index === images.length - 1 ? caption : "", context));
    figure.replaceWith(rawElement($, parts.join("\n\n"), true));
  });
}

/** One image's Markdown: its path from the caller, its alt (else its caption, else a marked placeholder). */
export function imageMarkdown(attributes: Readonly<Record<string, string | undefined>>, caption: string, context: ConvertContext): string {
  const src = imageSource(attributes.src ?? "", attributes["data-attrs"]);
  const target = context.image(src);
  const described = parseAttrs(attributes["data-attrs"])?.alt;
  let alt = (attributes.alt || (typeof described === "string" ? described : "")).replace(/\s+/g, " ").trim();
  if (!alt) alt = caption;
  if (!alt) {
    const file = target.split("/").pop() ?? target;
    context.placeholderAlt(file);
    alt = `TODO: describe ${file}`;
  }
  const title = caption ? ` "${caption.replace(/["\\]/g, "\\$&")}"` : "";
  return `![${alt.replace(/[[\]\\]/g, "\\$&")}](${target.replace(/[ ()]/g, encodeURIComponent)}${title})`;
}

/** Substack's `data-attrs` JSON names the image as uploaded; its `src` is a resized CDN copy. */
function imageSource(src: string, dataAttrs: string | undefined): string {
  const attrs = parseAttrs(dataAttrs);
  return typeof attrs?.src === "string" && attrs.src ? attrs.src : src;
}

function markCallouts($: CheerioAPI): void {
  for (const kind of calloutKinds) {
    $(`div.callout-${kind}`).each((_, element) => {
      const inner = service.turndown($(element).html() ?? "").trim();
      $(element).replaceWith(rawElement($, `::: ${kind}\n${inner}\n:::`, true));
    });
  }
}

/** The site's own tag lines (`ul.item-tags`) back to the hashtag paragraph they were written as. */
function markHashtagLists($: CheerioAPI): void {
  $("ul.item-tags").each((_, element) => {
    const tags = $(element)
      .find("a")
      .toArray()
      .map((link) => `#${$(link).text().trim().replace(/^#/, "")}`);
    $(element).replaceWith(tags.length ? rawElement($, tags.join(", "), true) : "");
  });
}

/** Headings moved so the highest is `##`: the title is the page's only `#`. */
function shiftHeadings($: CheerioAPI): void {
  const headings = $("h1, h2, h3, h4, h5, h6").toArray();
  if (!headings.length) return;
  const top = Math.min(...headings.map((heading) => Number(heading.tagName.slice(1))));
  const shift = 2 - top;
  if (shift === 0) return;
  for (const heading of headings) heading.tagName = `h${Math.min(6, Number(heading.tagName.slice(1)) + shift)}`;
}

function createService(): TurndownService {
  const turndown = new TurndownService({
    headingStyle: "atx",
    codeBlockStyle: "fenced",
    bulletListMarker: "-",
    emDelimiter: "_",
    hr: "---",
    // Tables GFM cannot write (no header row), and anything else turndown keeps as HTML, stay visible as code.
    keepReplacement: (_content, node) => {
      current?.lossy(`a ${node.nodeName.toLowerCase()} Markdown cannot hold, kept as HTML text`);
      return `\n\n\`\`\`html\n${node.outerHTML}\n\`\`\`\n\n`;
    },
  });
  turndown.use(gfm);
  const escape = turndown.escape.bind(turndown);
  // Besides Markdown's own: `$` opens maths here, a line's `#word` is a hashtag, `:::` a container.
  turndown.escape = (text: string) =>
    escape(text)
      .replace(/\$/g, "\\$")
      .replace(/^#(?=\S)/gm, "\\#")
      .replace(/^:::/gm, "\\:::");
  turndown.addRule("raw", {
    filter: (node) => node.nodeName === "MD-RAW",
    replacement: (_content, node) => {
      const text = node.getAttribute("data-raw") ?? "";
      return node.hasAttribute("data-block") ? `\n\n${text}\n\n` : text;
    },
  });
  turndown.addRule("image", {
    filter: "img",
    replacement: (_content, node) => {
      const attributes: Record<string, string> = {};
      for (const { name, value } of Array.from(node.attributes)) attributes[name] = value;
      return current ? imageMarkdown(attributes, "", current) : "";
    },
  });
  turndown.addRule("embed", {
    filter: ["iframe", "video", "audio", "embed", "object"],
    replacement: (_content, node) => {
      const src = node.getAttribute("src") ?? node.getAttribute("data") ?? node.querySelector("source")?.getAttribute("src") ?? "";
      const name = node.nodeName.toLowerCase();
      if (/^https?:\/\//.test(src)) {
        current?.lossy(`an embedded ${name} (${src}), kept as a link`);
        return `\n\n[Embedded ${name}: ${src}](${src})\n\n`;
      }
      current?.lossy(`an embedded ${name} without an address, kept as text`);
      return `\n\n\`\`\`html\n${node.outerHTML}\n\`\`\`\n\n`;
    },
  });
  turndown.addRule("code-language", {
    filter: (node) => node.nodeName === "PRE",
    replacement: (_content, node) => {
      const code = node.querySelector("code");
      const classes = `${node.getAttribute("class") ?? ""} ${code?.getAttribute("class") ?? ""}`;
      const language = /(?:^|\s)(?:language|lang)-([\w+#.-]+)/.exec(classes)?.[1] ?? code?.getAttribute("data-lang") ?? node.getAttribute("data-lang") ?? "";
      const text = (code ?? node).textContent ?? "";
      const fence = text.includes("```") ? "~~~~" : "```";
      return `\n\n${fence}${language}\n${text.replace(/\n$/, "")}\n${fence}\n\n`;
    },
  });
  turndown.addRule("list-item", {
    filter: "li",
    replacement: (content, node) => {
      const parent = node.parentNode as HTMLElement | null;
      let prefix = "- ";
      if (parent?.nodeName === "OL") {
        const start = Number(parent.getAttribute("start") ?? "1") || 1;
        prefix = `${start + Array.prototype.indexOf.call(parent.children, node)}. `;
      }
      const body = content.replace(/^\n+/, "").replace(/\n+$/, "\n").replace(/\n/g, `\n${" ".repeat(prefix.length)}`);
      return `${prefix}${body.trimEnd()}${node.nextSibling ? "\n" : ""}`;
    },
  });
  // Empty paragraphs and spacer divs: nothing.
  turndown.addRule("empty", { filter: (node) => node.nodeName === "P" && !(node.textContent ?? "").trim() && !node.querySelector("img, md-raw"), replacement: () => "" });
  return turndown;
}
