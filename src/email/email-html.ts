import * as cheerio from "cheerio";
import juice from "juice";
import { absoluteContentUrl } from "../model/feed-content.ts";
import { emailCss } from "./email-styles.ts";
import { mathElementFormula } from "./maths-images.ts";

/** An image the email shows: an absolute URL and its size in CSS pixels. */
export interface EmailImage {
  src: string;
  width: number;
  height: number;
}

/** What an issue's email needs besides its page. */
export interface EditionContext {
  siteTitle: string;
  /** The site's address, with a trailing slash. */
  baseUrl: string;
  logo?: EmailImage;
  /** The `List-Unsubscribe` target, used for the footer's link as well. */
  unsubscribe: string;
  /** A formula's published image, or undefined when the site has none for it. */
  mathsImage: (tex: string, display: boolean) => EmailImage | undefined;
}

/** An issue read from its built page. */
export interface IssuePage {
  title: string;
  summary: string;
  /** The issue page's absolute URL (its canonical link). */
  url: string;
  /** The publication time as the page states it (`article:published_time`). */
  published: string;
  /** The date as the page shows it, like "25 August 2020". */
  readableDate: string;
  series?: string;
  /** The series' id, from its archive's address (`/series/<id>/`). */
  seriesId?: string;
  number?: string;
  language: string;
  /** The issue's text: the page's `.issue-body`, and its source line if any. */
  bodyHtml: string;
}

/** Thrown when a file is no issue page of this site's layout; names what is missing. */
export class IssuePageError extends Error {
  override name = "IssuePageError";
}

/** Reads an issue from its page as layouts/issue.njk writes it. */
export function readIssuePage(html: string, file: string): IssuePage {
  const $ = cheerio.load(html);
  const missing = (what: string): never => {
    throw new IssuePageError(`${file}: expected an issue page (layouts/issue.njk) with ${what}, found none`);
  };
  const body = $(".issue-body").first();
  if (!body.length) missing('<div class="issue-body">');
  const title = $("#issue-title").first().text().trim() || missing('an <h1 id="issue-title">');
  const url = $('link[rel="canonical"]').attr("href") || missing('a <link rel="canonical">');
  const number = $(".issue-series .issue-number").first().text().trim().replace(/^#/, "");
  const series = $(".issue-series a").first().text().trim();
  const seriesId = /\/series\/([^/]+)\/$/.exec($(".issue-series a").first().attr("href") ?? "")?.[1];
  const source = $(".issue-source").first();
  return {
    title,
    summary: $('meta[name="description"]').attr("content")?.trim() ?? "",
    url,
    published: $('meta[property="article:published_time"]').attr("content") ?? $(".issue-meta time").attr("datetime") ?? missing("a publication time"),
    readableDate: $(".issue-meta time").first().text().trim(),
    ...(series ? { series } : {}),
    ...(seriesId ? { seriesId } : {}),
    ...(number ? { number } : {}),
    language: $("html").attr("lang") || "en",
    bodyHtml: (body.html() ?? "") + (source.length ? $.html(source) : ""),
  };
}

/** The email's HTML and what stops it being sent. */
export interface EmailHtml {
  html: string;
  /** The content before styles were inlined, which the text part is made from. */
  contentHtml: string;
  problems: string[];
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);

/** The width of the email's text: its 600 px column less 24 px each side. */
export const contentWidth = 552;

/**
 * The issue's text made email-safe: maths as images, heading anchors unwrapped, every link and
 * image absolute (in-message links to footnotes kept), pictures as their fallback image.
 */
export function emailContent(issue: IssuePage, context: EditionContext): { html: string; problems: string[] } {
  const problems: string[] = [];
  const $ = cheerio.load(issue.bodyHtml, null, false);
  $("script, style, form, iframe, object, embed, noscript, source, link, meta").remove();
  $("a.header-anchor").each((_, anchor) => {
    $(anchor).replaceWith($(anchor).children("span").length === 1 ? $(anchor).children("span").contents() : $(anchor).contents());
  });
  $("math").each((_, math) => {
    const formula = mathElementFormula(
      Object.entries(math.attribs).map(([name, value]) => ` ${name}="${value}"`).join(""),
      $(math).html() ?? "",
    );
    const holder = $(math).closest(".katex-display, .katex");
    if (!formula || !holder.length) return;
    const outer = holder.hasClass("katex") && holder.parent().hasClass("katex-display") ? holder.parent() : holder;
    const image = context.mathsImage(formula.tex, formula.display);
    if (!image) {
      problems.push(`the formula ${JSON.stringify(formula.tex)} has no image in the built site: build it (npm run build) with newsletter.yml's email section`);
      outer.replaceWith(escapeHtml(formula.display ? `$$${formula.tex}$$` : `$${formula.tex}$`));
      return;
    }
    const img = `<img class="maths" src="${escapeHtml(image.src)}" width="${image.width}" height="${image.height}" alt="${escapeHtml(formula.tex)}">`;
    outer.replaceWith(formula.display ? `<div class="maths-display">${img}</div>` : img);
  });
  // The note's mark (the site sets it beside the note) starts the note's first paragraph.
  $("li.footnote-item > .footnote-label").each((_, label) => {
    const first = $(label).next("p");
    if (first.length) first.prepend($(label));
  });
  $("picture").each((_, picture) => {
    $(picture).replaceWith($(picture).find("img").first());
  });
  const ids = new Set($("[id]").map((_, element) => $(element).attr("id")).get());
  $("a[href]").each((_, anchor) => {
    const href = ($(anchor).attr("href") ?? "").trim();
    // Footnotes and their back links stay within the message; other fragments point at the page.
    if (href.startsWith("#") && ids.has(decodeURIComponent(href.slice(1)))) return;
    $(anchor).attr("href", absoluteContentUrl(href, issue.url, context.baseUrl));
  });
  $("img").each((_, img) => {
    const element = $(img);
    element.removeAttr("srcset").removeAttr("sizes").removeAttr("loading").removeAttr("decoding").removeAttr("fetchpriority");
    // No wider than the column's text: Outlook draws an image at its width attribute, max-width or not.
    const width = Number(element.attr("width"));
    const height = Number(element.attr("height"));
    if (width > contentWidth && height > 0) element.attr("width", String(contentWidth)).attr("height", String(Math.max(1, Math.round((height * contentWidth) / width))));
    const src = element.attr("src");
    if (src) element.attr("src", absoluteContentUrl(src, issue.url, context.baseUrl));
    if (!element.attr("alt") && element.attr("alt") !== "") element.attr("alt", "");
  });
  $("table").each((_, table) => {
    $(table).addClass("data");
    if (!$(table).parent().hasClass("table-scroll")) $(table).wrap('<div class="table-scroll"></div>');
  });
  return { html: $.html(), problems };
}

/** The whole email: a 600 px single column of tables, styles inlined by juice. */
export function emailHtml(issue: IssuePage, context: EditionContext): EmailHtml {
  const content = emailContent(issue, context);
  const kicker = [issue.series && (issue.number ? `${issue.series} #${issue.number}` : issue.series), issue.readableDate].filter(Boolean).join(" · ");
  const logo = context.logo
    ? `<img src="${escapeHtml(context.logo.src)}" width="${context.logo.width}" height="${context.logo.height}" alt="" style="margin-right: 8px;">`
    : "";
  // The preheader is the inbox's preview line; the padding of zero-width joiners keeps the
  // client from filling the preview with the email's first words after it.
  const preheaderPadding = "&#8204;&#160;".repeat(60);
  const document = `<!DOCTYPE html>
<html lang="${escapeHtml(issue.language)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<meta name="supported-color-schemes" content="light dark">
<title>${escapeHtml(issue.title)}</title>
<style>${emailCss}</style>
</head>
<body>
<div class="preheader" style="display: none; max-height: 0; max-width: 0; overflow: hidden; opacity: 0; mso-hide: all;">${escapeHtml(issue.summary)}${preheaderPadding}</div>
<table role="presentation" class="wrapper" width="100%" cellpadding="0" cellspacing="0" border="0"><tbody>
<tr><td class="outer" align="center">
<table role="presentation" class="container" width="600" cellpadding="0" cellspacing="0" border="0"><tbody>
<tr><td class="top"><a href="${escapeHtml(issue.url)}">View in your browser</a></td></tr>
<tr><td class="masthead"><a href="${escapeHtml(context.baseUrl)}">${logo}${escapeHtml(context.siteTitle)}</a></td></tr>
<tr><td class="content">
${kicker ? `<p class="kicker">${escapeHtml(kicker)}</p>\n` : ""}<h1>${escapeHtml(issue.title)}</h1>
${content.html}
</td></tr>
<tr><td class="footer">You receive ${escapeHtml(context.siteTitle)} because you subscribed. <a href="${escapeHtml(issue.url)}">Read this issue online</a> · <a href="${escapeHtml(context.unsubscribe)}">Unsubscribe</a></td></tr>
</tbody></table>
</td></tr>
</tbody></table>
</body>
</html>
`;
  const html = juice(document, {
    preserveMediaQueries: true,
    removeStyleTags: true,
    applyWidthAttributes: false,
    applyHeightAttributes: false,
    // Keeps `width="600"` on the container for Outlook, which sizes tables by attribute.
    applyAttributesTableElements: false,
    resolveCSSVariables: false,
  });
  // juice indents the kept media query with blank lines of spaces; mail servers strip trailing spaces anyway.
  return { html: html.replace(/[ \t]+$/gm, ""), contentHtml: content.html, problems: content.problems };
}

/** Elements of the content, largest first, for the message that the email is too large. */
export function largestParts(contentHtml: string, count = 3): { label: string; bytes: number }[] {
  const $ = cheerio.load(contentHtml, null, false);
  const parts = $.root()
    .children()
    .toArray()
    .map((element) => {
      const words = $(element).text().replace(/\s+/g, " ").trim();
      const label = `<${"tagName" in element ? element.tagName : "text"}>${words ? ` "${words.length > 40 ? `${words.slice(0, 37)}...` : words}"` : ""}`;
      return { label, bytes: Buffer.byteLength($.html(element)) };
    });
  return parts.sort((a, b) => b.bytes - a.bytes).slice(0, count);
}
