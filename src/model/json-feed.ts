import type { Feed } from "./feeds.ts";

/** A JSON Feed 1.1 document (https://www.jsonfeed.org/version/1.1/), the fields the site writes. */
export interface JsonFeed {
  version: "https://jsonfeed.org/version/1.1";
  title: string;
  home_page_url: string;
  feed_url: string;
  description: string;
  language: string;
  authors: { name: string }[];
  items: {
    id: string;
    url: string;
    title: string;
    summary: string;
    content_html: string;
    date_published: string;
    authors: { name: string }[];
    tags: string[];
    image?: string;
  }[];
}

/**
 * The JSON Feed of a feed. Built as data and serialised with JSON.stringify, so titles keep their
 * characters as written (no HTML entities) and any quote or backslash stays valid JSON.
 */
export function jsonFeed(feed: Feed): JsonFeed {
  if (!feed.jsonUrl) throw new Error(`feeds: the feed "${feed.title}" has no JSON Feed address`);
  return {
    version: "https://jsonfeed.org/version/1.1",
    title: feed.title,
    home_page_url: feed.homeUrl,
    feed_url: feed.jsonUrl,
    description: feed.description,
    language: feed.language,
    authors: [{ name: feed.author }],
    items: feed.entries.map((entry) => ({
      id: entry.id,
      url: entry.url,
      title: entry.title,
      summary: entry.summary,
      content_html: entry.contentHtml,
      date_published: entry.published,
      authors: entry.authors.map((name) => ({ name })),
      tags: entry.categories.map((category) => category.label),
      ...(entry.image ? { image: entry.image.url } : {}),
    })),
  };
}
