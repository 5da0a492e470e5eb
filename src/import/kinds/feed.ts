import { parseFeed, parseJsonFeed } from "feedsmith";
import { ImportError } from "../import-error.ts";
import { utf8, type ExportInput } from "../read-export.ts";
import type { ExportContents, SourcePost } from "../source-post.ts";
import { parseXml } from "../xml.ts";

/** Text of a feed field feedsmith gives as a string or as `{ value }`. */
function text(value: unknown): string | undefined {
  if (typeof value === "string") return value;
  if (value && typeof value === "object" && typeof (value as { value?: unknown }).value === "string") return (value as { value: string }).value;
  return undefined;
}

interface FeedEntry {
  title?: string;
  link?: string;
  id?: string;
  date?: string;
  content?: string;
  summary?: string;
  tags: string[];
  authors: string[];
}

/** An RSS 2.0, Atom or JSON Feed file: every entry a post, its full content where the feed has it. */
export function readFeed(input: ExportInput): ExportContents {
  const source = utf8(input.bytes, input.file);
  let entries: FeedEntry[];
  if (/^\s*\{/.test(source)) {
    let json: unknown;
    try {
      json = JSON.parse(source);
    } catch (error) {
      throw new ImportError([`${input.file}: expected a JSON Feed, got broken JSON (${(error as Error).message})`]);
    }
    entries = jsonEntries(json, input.file);
  } else {
    // feedsmith reads the XML itself; the same refusal of DTDs and malformed XML comes first.
    parseXml(source, input.file);
    let parsed: ReturnType<typeof parseFeed>;
    try {
      parsed = parseFeed(source);
    } catch (error) {
      throw new ImportError([`${input.file}: expected an RSS, Atom or JSON feed, got ${(error as Error).message}`]);
    }
    entries = parsed.format === "atom" ? atomEntries(parsed.feed) : parsed.format === "rss" ? rssEntries(parsed.feed) : rssEntries(parsed.feed);
  }
  const posts: SourcePost[] = [];
  const skipped: ExportContents["skipped"] = [];
  let summariesOnly = 0;
  entries.forEach((entry, index) => {
    const origin = `entry ${index + 1}${entry.title ? ` (${JSON.stringify(entry.title)})` : ""}`;
    const html = entry.content ?? entry.summary;
    if (!entry.title || !html) {
      skipped.push({ origin: `${input.file}: ${origin}`, reason: !entry.title ? "no title" : "no content or summary" });
      return;
    }
    if (!entry.content) summariesOnly++;
    let pathname: string | undefined;
    try {
      pathname = entry.link ? new URL(entry.link).pathname : undefined;
    } catch {
      pathname = undefined;
    }
    const slug = (pathname ?? "").split("/").filter(Boolean).pop()?.replace(/\.html?$/, "") ?? entry.title;
    posts.push({
      origin,
      slug,
      title: entry.title,
      date: entry.date,
      body: { html },
      ...(entry.content && entry.summary ? { summary: stripTags(entry.summary) } : {}),
      tags: entry.tags,
      authors: entry.authors,
      status: "published",
      paidOnly: false,
      ...(entry.link && /^https?:/.test(entry.link) ? { sourceUrl: entry.link } : {}),
      ...(pathname && pathname !== "/" ? { oldPath: pathname } : {}),
    });
  });
  const notes = summariesOnly ? [`${input.file}: ${summariesOnly} of ${entries.length} entries have only a summary, imported as their text: the feed holds no more`] : [];
  return { kind: "feed", file: input.file, posts, skipped, notes, files: new Map(), folder: input.folder };
}

function stripTags(html: string): string {
  return html.replace(/<[^>]*>/g, " ").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, "&");
}

type Loose = Record<string, unknown>;
const list = (value: unknown): Loose[] => (Array.isArray(value) ? (value as Loose[]) : []);

function atomEntries(feed: unknown): FeedEntry[] {
  return list((feed as Loose).entries).map((entry) => {
    const links = list(entry.links);
    const link = links.find((candidate) => !candidate.rel || candidate.rel === "alternate")?.href;
    return {
      title: text(entry.title),
      link: typeof link === "string" ? link : undefined,
      date: text(entry.published) ?? text(entry.updated),
      content: text(entry.content),
      summary: text(entry.summary),
      tags: list(entry.categories).map((category) => text(category.label) ?? text(category.term) ?? "").filter(Boolean),
      authors: list(entry.authors).map((author) => text(author.name) ?? "").filter(Boolean),
    };
  });
}

function rssEntries(feed: unknown): FeedEntry[] {
  return list((feed as Loose).items).map((item) => {
    const content = (item.content as Loose | undefined)?.encoded;
    const guid = text(item.guid);
    const creators = list((item.dc as Loose | undefined)?.creators).map((creator) => text(creator) ?? "");
    const creator = text((item.dc as Loose | undefined)?.creator);
    return {
      title: text(item.title),
      link: text(item.link) ?? (guid && /^https?:/.test(guid) ? guid : undefined),
      date: text(item.pubDate) ?? text((item.dc as Loose | undefined)?.date),
      content: text(content),
      summary: text(item.description),
      tags: list(item.categories).map((category) => text(category.name) ?? text(category) ?? "").filter(Boolean),
      authors: [...list(item.authors).map((author) => text(author) ?? text(author.name) ?? ""), ...creators, ...(creator ? [creator] : [])].filter(Boolean),
    };
  });
}

function jsonEntries(json: unknown, file: string): FeedEntry[] {
  let feed: unknown;
  try {
    feed = parseJsonFeed(json);
  } catch (error) {
    throw new ImportError([`${file}: expected a JSON Feed (version, title, items), got ${(error as Error).message}`]);
  }
  return list((feed as Loose).items).map((item) => ({
    title: text(item.title),
    link: text(item.url),
    date: text(item.date_published) ?? text(item.datePublished),
    content: text(item.content_html) ?? text(item.contentHtml) ?? escapeText(text(item.content_text) ?? text(item.contentText)),
    summary: text(item.summary),
    tags: list(item.tags).map((tag) => text(tag) ?? "").filter(Boolean),
    authors: list(item.authors).map((author) => text(author.name) ?? "").filter(Boolean),
  }));
}

function escapeText(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  return value
    .split(/\n{2,}/)
    .map((paragraph) => `<p>${paragraph.replace(/&/g, "&amp;").replace(/</g, "&lt;")}</p>`)
    .join("\n");
}
