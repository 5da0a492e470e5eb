import type { Element } from "@xmldom/xmldom";
import { ImportError } from "../import-error.ts";
import { utf8, type ExportInput } from "../read-export.ts";
import type { ExportContents, SourcePost } from "../source-post.ts";
import { parseXml } from "../xml.ts";

const childText = (element: Element, name: string): string => {
  for (let child = element.firstChild; child; child = child.nextSibling) {
    if (child.nodeType === 1 && (child as Element).tagName === name) return (child.textContent ?? "").trim();
  }
  return "";
};
const children = (element: Element, name: string): Element[] => {
  const found: Element[] = [];
  for (let child = element.firstChild; child; child = child.nextSibling) {
    if (child.nodeType === 1 && (child as Element).tagName === name) found.push(child as Element);
  }
  return found;
};

/**
 * A WordPress WXR file: `item`s of `wp:post_type` post with `wp:status`, `wp:post_name`,
 * `content:encoded`, dates, categories and `post_tag`s; attachments give feature images.
 */
export function readWordPress(input: ExportInput): ExportContents {
  const document = parseXml(utf8(input.bytes, input.file), input.file);
  const channel = Array.from(document.getElementsByTagName("channel"))[0];
  if (!channel) throw new ImportError([`${input.file}: expected a WordPress export (WXR: <rss><channel>), got no <channel>`]);
  const authors = new Map(children(channel as Element, "wp:author").map((author) => [childText(author, "wp:author_login"), childText(author, "wp:author_display_name")]));
  const items = children(channel as Element, "item");
  const attachments = new Map<string, { url: string; alt: string; caption: string }>();
  for (const item of items) {
    if (childText(item, "wp:post_type") !== "attachment") continue;
    const alt = children(item, "wp:postmeta").find((meta) => childText(meta, "wp:meta_key") === "_wp_attachment_image_alt");
    attachments.set(childText(item, "wp:post_id"), { url: childText(item, "wp:attachment_url"), alt: alt ? childText(alt, "wp:meta_value") : "", caption: childText(item, "excerpt:encoded") });
  }
  const posts: SourcePost[] = [];
  const skipped: ExportContents["skipped"] = [];
  let others = 0;
  items.forEach((item, index) => {
    const type = childText(item, "wp:post_type");
    const slug = childText(item, "wp:post_name");
    const title = childText(item, "title");
    const origin = `item ${index + 1} (${slug || title || "no slug"})`;
    if (type !== "post") {
      if (type !== "attachment") others++;
      return;
    }
    const status = childText(item, "wp:status");
    if (status === "trash" || status === "auto-draft" || status === "inherit") {
      skipped.push({ origin: `${input.file}: ${origin}`, reason: `status ${status}` });
      return;
    }
    const lossy: string[] = [];
    const html = wordpressHtml(childText(item, "content:encoded"), lossy);
    const link = childText(item, "link");
    let oldPath: string | undefined;
    try {
      oldPath = link ? new URL(link).pathname : undefined;
    } catch {
      oldPath = undefined;
    }
    const categories = children(item, "category");
    const thumbnail = children(item, "wp:postmeta").find((meta) => childText(meta, "wp:meta_key") === "_thumbnail_id");
    const feature = thumbnail ? attachments.get(childText(thumbnail, "wp:meta_value")) : undefined;
    const gmt = childText(item, "wp:post_date_gmt");
    const excerpt = childText(item, "excerpt:encoded").replace(/<[^>]*>/g, " ");
    const creator = childText(item, "dc:creator");
    posts.push({
      origin,
      slug: slug || title,
      title: title || slug,
      // An unpublished post's GMT date is 0000-00-00 00:00:00.
      date: gmt && !gmt.startsWith("0000") ? gmt : childText(item, "pubDate") || childText(item, "wp:post_date"),
      body: { html },
      ...(excerpt.trim() ? { summary: excerpt } : {}),
      tags: categories
        .filter((category) => ["category", "post_tag"].includes(category.getAttribute("domain") ?? "") && category.getAttribute("nicename") !== "uncategorized")
        .map((category) => (category.textContent ?? "").trim()),
      authors: creator ? [authors.get(creator) || creator] : [],
      status: status === "publish" ? "published" : status === "future" ? "scheduled" : "draft",
      paidOnly: false,
      ...(link && /^https?:/.test(link) ? { sourceUrl: link } : {}),
      ...(oldPath && oldPath !== "/" && !oldPath.includes("?") ? { oldPath } : {}),
      ...(feature?.url ? { featureImage: { src: feature.url, ...(feature.alt ? { alt: feature.alt } : {}), ...(feature.caption ? { caption: feature.caption } : {}) } } : {}),
      lossy,
    });
  });
  const notes = others ? [`${input.file}: ${others} items that are not posts (pages, menus, blocks) left out`] : [];
  return { kind: "wordpress", file: input.file, posts, skipped, notes, files: new Map(), folder: input.folder };
}

const blockTag = /<(p|div|h[1-6]|ul|ol|figure|table|blockquote|pre)[\s>]/i;

/**
 * WordPress's post HTML as a page would show it: Gutenberg's block comments gone, paragraphs of the
 * classic editor (blank lines, no <p>) wrapped, the caption, embed and Jetpack LaTeX shortcodes
 * converted, and any other shortcode kept as text and reported.
 */
export function wordpressHtml(raw: string, lossy: string[]): string {
  let html = raw.replace(/<!--\s*\/?wp:[\s\S]*?-->/g, "");
  if (!blockTag.test(html)) {
    html = html
      .split(/\r?\n\s*\r?\n/)
      .map((paragraph) => paragraph.trim())
      .filter(Boolean)
      .map((paragraph) => `<p>${paragraph.replace(/\r?\n/g, "<br>")}</p>`)
      .join("\n");
  }
  html = html.replace(/\[caption[^\]]*\]([\s\S]*?)\[\/caption\]/g, (_, inner: string) => {
    const image = /<img[^>]*>/.exec(inner)?.[0] ?? "";
    const caption = inner.replace(/<a[^>]*>\s*<img[^>]*>\s*<\/a>|<img[^>]*>/, "").trim();
    return `<figure>${image}<figcaption>${caption}</figcaption></figure>`;
  });
  html = html.replace(/\[embed\]([^[]+)\[\/embed\]/g, (_, url: string) => {
    lossy.push(`an [embed] of ${url.trim()}, kept as a link`);
    return `<a href="${url.trim()}">${url.trim()}</a>`;
  });
  html = html.replace(/\$latex\s+([^$]+)\$/g, (_, tex: string) => `<span class="katex"><annotation encoding="application/x-tex">${tex.trim()}</annotation></span>`);
  html = html.replace(/\[(\/?)([a-z][\w-]*)([^\]]*)\]/g, (shortcode: string, closing: string, name: string) => {
    if (closing) return shortcode;
    lossy.push(`the shortcode [${name}], kept as text`);
    return shortcode;
  });
  return html;
}
