import type { CheerioAPI } from "cheerio";
import { readCsv } from "../csv.ts";
import { loadFragment, parseAttrs } from "../html-to-markdown.ts";
import { ImportError } from "../import-error.ts";
import { findEntry, oldSiteUrl, readExportZip, utf8, type ExportInput } from "../read-export.ts";
import type { ExportContents, SourcePost } from "../source-post.ts";

const requiredColumns = ["post_id", "post_date", "is_published", "title"] as const;
const paidAudiences = new Set(["only_paid", "founding"]);

/**
 * Substack's export zip: `posts.csv` (one row a post, `post_id` as `<number>.<slug>`) and
 * `posts/<post_id>.html`, the body only. The subscriber list beside them is never read.
 */
export function readSubstack(input: ExportInput): ExportContents {
  const { files, notes } = readExportZip(input);
  const csvName = findEntry(files, (name) => name === "posts.csv" || name.endsWith("/posts.csv"));
  if (!csvName) throw new ImportError([`${input.file}: expected posts.csv in the zip (Substack's export), got none`]);
  const root = csvName.slice(0, -"posts.csv".length);
  const csvFile = `${input.file}: ${csvName}`;
  const rows = readCsv(utf8(files.get(csvName) as Uint8Array, csvFile), csvFile, requiredColumns);
  const posts: SourcePost[] = [];
  const skipped: ExportContents["skipped"] = [];
  const problems: string[] = [];
  for (const { line, row } of rows) {
    const postId = (row.post_id ?? "").trim();
    const origin = `${csvName}:${line} (${postId || "no post_id"})`;
    const match = /^(\d+)\.(.+)$/.exec(postId);
    if (!match) {
      problems.push(`${csvFile}:${line}: post_id: expected <number>.<slug>, got ${JSON.stringify(postId)}`);
      continue;
    }
    const type = (row.type ?? "newsletter").trim();
    if (type === "thread" || type === "page") {
      skipped.push({ origin, reason: `a ${type}, not a post` });
      continue;
    }
    const htmlName = `${root}posts/${postId}.html`;
    const html = files.get(htmlName);
    if (!html) {
      problems.push(`${input.file}: ${htmlName}: expected the body of ${csvName}:${line}, got no such entry`);
      continue;
    }
    const slug = match[2] as string;
    const lossy: string[] = [];
    let body = cleanSubstackHtml(utf8(html, `${input.file}: ${htmlName}`), lossy);
    const podcast = (row.podcast_url ?? "").trim();
    if (podcast) {
      lossy.push(`the podcast player, kept as a link to ${podcast}`);
      body += `<p><a href="${podcast.replace(/"/g, "&quot;")}">Listen to the episode</a></p>`;
    }
    const published = (row.is_published ?? "").trim().toLowerCase() === "true";
    const audience = (row.audience ?? "everyone").trim();
    const subtitle = (row.subtitle ?? "").trim();
    posts.push({
      origin,
      slug,
      title: (row.title ?? "").trim() || slug,
      date: (row.post_date ?? "").trim() || (row.email_sent_at ?? "").trim() || undefined,
      body: { html: body },
      ...(subtitle ? { summary: subtitle } : {}),
      tags: [],
      authors: [],
      status: published ? "published" : "draft",
      paidOnly: paidAudiences.has(audience),
      ...(oldSiteUrl(input.oldSite, `/p/${slug}`) ? { sourceUrl: oldSiteUrl(input.oldSite, `/p/${slug}`) as string } : {}),
      oldPath: `/p/${slug}`,
      lossy,
    });
  }
  if (problems.length) throw new ImportError(problems);
  return { kind: "substack", file: input.file, posts, skipped, notes, files, folder: input.folder };
}

/** Substack's chrome dropped; its embeds turned into what the site can show. */
export function cleanSubstackHtml(html: string, lossy: string[]): string {
  const fragment = loadFragment(html);
  const $ = fragment.$;
  $(".subscription-widget-wrap, .subscription-widget-wrap-editor, .subscription-widget, .paywall-jump, .share-dialog, .captioned-button-wrap, p.button-wrapper, .button-wrapper, .subscribe-widget, .install-substack-app-embed").remove();
  $(".embedded-post-wrap").each((_, element) => {
    const attrs = parseAttrs($(element).attr("data-attrs"));
    const url = typeof attrs?.url === "string" ? attrs.url : ($(element).find("a[href]").first().attr("href") ?? "");
    const title = typeof attrs?.title === "string" ? attrs.title : $(element).find(".embedded-post-title").text().trim() || url;
    lossy.push(`an embedded post (${url || "no address"}), kept as a link`);
    replaceWithLink($, element, url, title);
  });
  $(".youtube-wrap, .tweet, .embedded-publication-wrap").each((_, element) => {
    const attrs = parseAttrs($(element).attr("data-attrs"));
    const url =
      typeof attrs?.videoId === "string" ? `https://www.youtube.com/watch?v=${attrs.videoId}` : typeof attrs?.url === "string" ? attrs.url : ($(element).find("a[href]").first().attr("href") ?? "");
    lossy.push(`an embed (${url || "no address"}), kept as a link`);
    replaceWithLink($, element, url, url);
  });
  // `.image3` keeps the uploaded image in its data-attrs; give it an <img> the converter reads.
  $(".image3").each((_, element) => {
    if ($(element).find("img").length) return;
    const attrs = parseAttrs($(element).attr("data-attrs"));
    if (typeof attrs?.src === "string") $(element).append($("<img>").attr("src", attrs.src).attr("alt", typeof attrs.alt === "string" ? attrs.alt : ""));
  });
  return fragment.html();
}

function replaceWithLink($: CheerioAPI, element: Parameters<CheerioAPI>[0], url: string, title: string): void {
  if (!url) {
    $(element).remove();
    return;
  }
  $(element).replaceWith($("<p></p>").append($("<a></a>").attr("href", url).text(title)));
}
