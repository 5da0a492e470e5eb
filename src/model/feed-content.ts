import { urlAttributes } from "../check/page-urls.ts";
import { absoluteUrl } from "../site.ts";

/**
 * A URL from an issue's rendered HTML made absolute, as a feed reader needs it: site paths
 * (`/tags/x/`) go under the base URL and its path prefix, fragments and relative paths resolve
 * against the issue's own URL, and URLs with a scheme (`https:`, `mailto:`) stay as written.
 */
export function absoluteContentUrl(url: string, pageUrl: string, baseUrl: string): string {
  const trimmed = url.trim();
  if (/^[a-z][a-z\d+.-]*:/i.test(trimmed)) return trimmed;
  // `//host/path` names another host, not a site path.
  if (trimmed.startsWith("//")) return new URL(trimmed, baseUrl).href;
  if (trimmed.startsWith("/")) return absoluteUrl(trimmed, baseUrl);
  return new URL(trimmed, pageUrl).href;
}

/** Each candidate URL of a `srcset` made absolute, its width or density descriptor kept. */
export function absoluteSrcset(srcset: string, resolve: (url: string) => string): string {
  // The candidate grammar of srcsetUrls (page-urls.ts), with the separators and descriptors kept.
  return srcset.replace(/(^|,)([\s,]*)([^\s,](?:\S*[^\s,])?)([^,]*)/g, (_, comma: string, space: string, url: string, rest: string) => {
    return `${comma}${space}${resolve(url)}${rest}`;
  });
}

// The HTML here is what the issue renderer writes (markdown-it with raw HTML off, KaTeX): every `<`
// starts a tag, and attribute values are double-quoted with `<`, `>`, `&` and `"` escaped. So tags
// are found with regular expressions and everything else is kept byte for byte; parsing each issue
// into a DOM and serialising it again made feeds a third of a large site's build time.
// Only the start tags of elements with URL attributes: most tags of an issue are MathML and spans.
const urlElementStartTag = new RegExp(`<(${Object.keys(urlAttributes).join("|")})(\\s[^<>]*)?>`, "gi");
const quotedAttribute = /(\s)([^\s"'<>/=]+)="([^"]*)"/g;
const katexHtmlStart = /<span\s+class="katex-html(?:\s[^"]*)?"/g;
const spanTag = /<span[\s>]|<\/span>/g;
const attributeEntities: Record<string, string> = { amp: "&", quot: '"', lt: "<", gt: ">", "#39": "'" };

/**
 * An issue's rendered HTML without KaTeX's HTML half: its glyphs are positioned by the site's
 * stylesheets (the `ks-` classes), which a feed reader does not load, while the MathML half beside
 * it renders on its own.
 */
export function withoutKatexHtml(html: string): string {
  let kept = "";
  let from = 0;
  katexHtmlStart.lastIndex = 0;
  for (let start = katexHtmlStart.exec(html); start; start = katexHtmlStart.exec(html)) {
    spanTag.lastIndex = start.index;
    let depth = 0;
    let end = -1;
    for (let tag = spanTag.exec(html); tag; tag = spanTag.exec(html)) {
      depth += tag[0] === "</span>" ? -1 : 1;
      if (depth === 0) {
        end = spanTag.lastIndex;
        break;
      }
    }
    if (end < 0) throw new Error("feeds: expected KaTeX's HTML to close every <span> it opens, found one left open");
    kept += html.slice(from, start.index);
    from = end;
    katexHtmlStart.lastIndex = end;
  }
  return kept + html.slice(from);
}

/** Every URL attribute (`href`, `src`, `srcset`, `cite`...) of every tag made absolute. */
export function withAbsoluteUrls(html: string, resolve: (url: string) => string): string {
  return html.replace(urlElementStartTag, (tag: string, name: string, attributes: string | undefined) => {
    const urlNames = urlAttributes[name.toLowerCase()];
    if (!attributes || !urlNames) return tag;
    const rewritten = attributes.replace(quotedAttribute, (attribute: string, space: string, attributeName: string, value: string) => {
      const lowerName = attributeName.toLowerCase();
      if (!urlNames.includes(lowerName)) return attribute;
      const url = value.replace(/&(amp|quot|lt|gt|#39);/g, (_, entity: string) => attributeEntities[entity] ?? "");
      const absolute = lowerName === "srcset" ? absoluteSrcset(url, resolve) : resolve(url);
      return `${space}${attributeName}="${absolute.replace(/&/g, "&amp;").replace(/"/g, "&quot;")}"`;
    });
    return `<${name}${rewritten}>`;
  });
}

// The renderer's `<picture>` wrappers and their AVIF and WebP sources (src/images/image-markup.ts).
const pictureTags = /<\/?picture>|<source\s[^<>]*>/g;

/**
 * An issue's images as feeds carry them: the `<img>` alone, in its fallback format (PNG, JPEG or
 * GIF, which every reader shows), with its width and height; the AVIF and WebP sources dropped.
 */
export function withoutPictureSources(html: string): string {
  return html.includes("<picture>") ? html.replace(pictureTags, "") : html;
}

/** An issue's rendered HTML as a feed carries it: every URL absolute, maths as MathML only, images as `<img>`. */
export function feedContentHtml(html: string, pageUrl: string, baseUrl: string): string {
  return xmlSafeText(withAbsoluteUrls(withoutPictureSources(withoutKatexHtml(html)), (url) => absoluteContentUrl(url, pageUrl, baseUrl)));
}

// Characters XML 1.0 allows (https://www.w3.org/TR/xml/#charsets); any other makes a feed ill-formed.
const notXmlChar = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** Text with the characters XML 1.0 forbids (C0 controls, lone surrogates, U+FFFE/FFFF) removed. */
export function xmlSafeText(text: string): string {
  return text.replace(notXmlChar, "");
}

/**
 * Text as HTML that shows it as written: `<b>` as the characters `<b>`. The template escapes it
 * again for XML, so a reader that parses the field as HTML (RSS's `<description>`) gets text.
 */
export function htmlText(text: string): string {
  return text.replace(/[&<>"']/g, (character) => htmlEntities[character] ?? character);
}

const htmlEntities: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/**
 * Text as an XML CDATA section: a feed's HTML content without escaping every `<`, `>` and `"` of
 * its markup, which made feeds larger and was most of their rendering time, each issue's HTML
 * escaped once per feed listing it (docs/performance.md). A `]]>` in
 * the text, which would end the section, is split across two sections. The text must already be
 * XML-safe (`xmlSafeText`).
 */
export function cdataSection(text: string): string {
  return `<![CDATA[${text.replaceAll("]]>", "]]]]><![CDATA[>")}]]>`;
}
