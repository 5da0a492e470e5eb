import { load } from "cheerio";
import { loadFragment } from "../html-to-markdown.ts";
import { ImportError } from "../import-error.ts";
import { oldSiteUrl, utf8, type ExportInput } from "../read-export.ts";
import type { ExportContents, SourcePost } from "../source-post.ts";

type Row = Record<string, unknown>;
const rows = (value: unknown): Row[] => (Array.isArray(value) ? (value as Row[]) : []);
const str = (value: unknown): string | undefined => (typeof value === "string" && value.trim() ? value : undefined);

const paidVisibility = new Set(["paid", "tiers"]);

/**
 * Ghost's JSON export: `db[0].data` with `posts` (`html` holding `__GHOST_URL__` and card
 * markers), `tags` and `posts_tags`, `users` and `posts_authors` (both in `sort_order`), and
 * `posts_meta`. Pages are skipped.
 */
export function readGhost(input: ExportInput): ExportContents {
  let json: unknown;
  try {
    json = JSON.parse(utf8(input.bytes, input.file));
  } catch (error) {
    if (error instanceof ImportError) throw error;
    throw new ImportError([`${input.file}: expected Ghost's JSON export, got broken JSON (${(error as Error).message})`]);
  }
  const root = json as { db?: { data?: Row }[]; data?: Row };
  const data = root?.db?.[0]?.data ?? root?.data;
  if (!data || !Array.isArray(data.posts)) throw new ImportError([`${input.file}: expected Ghost's export, with db[0].data.posts, got no such list`]);
  const tags = new Map(rows(data.tags).map((tag) => [tag.id, tag]));
  const users = new Map(rows(data.users).map((user) => [user.id, user]));
  const meta = new Map(rows(data.posts_meta).map((row) => [row.post_id, row]));
  const byPost = (links: Row[], key: string) => {
    const map = new Map<unknown, Row[]>();
    for (const link of [...links].sort((a, b) => Number(a.sort_order ?? 0) - Number(b.sort_order ?? 0))) map.set(link.post_id, [...(map.get(link.post_id) ?? []), link]);
    return (postId: unknown) => (map.get(postId) ?? []).map((link) => link[key]);
  };
  const tagIds = byPost(rows(data.posts_tags), "tag_id");
  const authorIds = byPost(rows(data.posts_authors), "author_id");
  const posts: SourcePost[] = [];
  const skipped: ExportContents["skipped"] = [];
  const problems: string[] = [];
  const origin = input.oldSite?.replace(/\/*$/, "") ?? "";
  rows(data.posts).forEach((post, index) => {
    const where = `db[0].data.posts[${index}] (${str(post.slug) ?? "no slug"})`;
    if ((post.type ?? "post") !== "post") {
      skipped.push({ origin: `${input.file}: ${where}`, reason: `a ${String(post.type)}, not a post` });
      return;
    }
    const html = typeof post.html === "string" ? post.html : undefined;
    const slug = str(post.slug);
    const title = str(post.title);
    if (!slug || !title) {
      problems.push(`${input.file}: ${where}: ${!slug ? "slug" : "title"}: expected text, got ${JSON.stringify(!slug ? post.slug : post.title)}`);
      return;
    }
    if (html === undefined) {
      skipped.push({ origin: `${input.file}: ${where}`, reason: "no html (only mobiledoc or lexical; export from Ghost 4 or later, which writes html)" });
      return;
    }
    const status = post.status === "published" ? "published" : post.status === "scheduled" ? "scheduled" : "draft";
    const postMeta = meta.get(post.id);
    const feature = str(post.feature_image);
    const lossy: string[] = [];
    posts.push({
      origin: where,
      slug,
      title,
      date: str(post.published_at) ?? str(post.updated_at) ?? str(post.created_at),
      body: { html: cleanGhostHtml(html.replaceAll("__GHOST_URL__", origin), lossy) },
      ...(str(post.custom_excerpt) ?? str(postMeta?.meta_description) ? { summary: (str(post.custom_excerpt) ?? str(postMeta?.meta_description)) as string } : {}),
      tags: tagIds(post.id)
        .map((id) => str(tags.get(id)?.name))
        // Ghost's internal tags (`#hash`) only steer themes.
        .filter((name): name is string => name !== undefined && !name.startsWith("#")),
      authors: authorIds(post.id)
        .map((id) => str(users.get(id)?.name))
        .filter((name): name is string => name !== undefined),
      status,
      paidOnly: paidVisibility.has(String(post.visibility ?? "public")),
      ...(oldSiteUrl(input.oldSite, `/${slug}/`) ? { sourceUrl: oldSiteUrl(input.oldSite, `/${slug}/`) as string } : {}),
      oldPath: `/${slug}/`,
      ...(feature
        ? {
            featureImage: {
              src: feature.replaceAll("__GHOST_URL__", origin || "__GHOST_URL__"),
              ...(str(postMeta?.feature_image_alt) ? { alt: str(postMeta?.feature_image_alt) as string } : {}),
              ...(str(postMeta?.feature_image_caption) ? { caption: load(str(postMeta?.feature_image_caption) as string, null, false).text() } : {}),
            },
          }
        : {}),
      lossy,
    });
  });
  if (problems.length) throw new ImportError(problems);
  const notes = origin ? [] : [`${input.file}: Ghost writes its own address as __GHOST_URL__; without --old-site the issues name no source and links to the old site are site paths`];
  return { kind: "ghost", file: input.file, posts, skipped, notes, files: new Map(), folder: input.folder };
}

/** Ghost's cards as plain content: bookmarks become links, signup and call-to-action cards go. */
export function cleanGhostHtml(html: string, lossy: string[]): string {
  const fragment = loadFragment(html);
  const $ = fragment.$;
  $(".kg-signup-card, .kg-cta-card, .kg-product-card .kg-product-card-button, .kg-header-card .kg-header-card-button").remove();
  $(".kg-bookmark-card").each((_, element) => {
    const link = $(element).find("a.kg-bookmark-container").attr("href") ?? $(element).find("a[href]").attr("href") ?? "";
    const title = $(element).find(".kg-bookmark-title").text().trim() || link;
    lossy.push(`a bookmark card (${link}), kept as a link`);
    $(element).replaceWith(link ? $("<p></p>").append($("<a></a>").attr("href", link).text(title)) : "");
  });
  $(".kg-callout-card").each((_, element) => {
    const text = $(element).find(".kg-callout-text").html() ?? $(element).html() ?? "";
    $(element).replaceWith(`<blockquote><p>${$(element).find(".kg-callout-emoji").text()} ${text}</p></blockquote>`);
  });
  $(".kg-button-card").each((_, element) => {
    const link = $(element).find("a[href]");
    $(element).replaceWith(link.length ? $("<p></p>").append(link) : "");
  });
  return fragment.html();
}
