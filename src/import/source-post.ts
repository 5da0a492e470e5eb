/** The export kinds `npm run import` reads. */
export const importKinds = ["substack", "ghost", "buttondown", "wordpress", "feed"] as const;
export type ImportKind = (typeof importKinds)[number];

/** One post as an export holds it, before it becomes an issue file. */
export interface SourcePost {
  /** Where the post is in the export, for messages: `posts.csv row 3 (123.my-post)`. */
  origin: string;
  /** The post's own slug on the old site; the file name and address come from it. */
  slug: string;
  title: string;
  /** The publication time as the export writes it (ISO 8601, RFC 822 or SQL), or undefined. */
  date: string | undefined;
  body: { html: string } | { markdown: string };
  /** The export's subtitle or excerpt; else the body's first sentence is used. */
  summary?: string;
  tags: string[];
  authors: string[];
  status: "published" | "draft" | "scheduled";
  /** Only paying subscribers could read it: imported as a draft. */
  paidOnly: boolean;
  /** The post's address on the old site. */
  sourceUrl?: string;
  /** The old site path to redirect from (`/p/slug`), when the old site shared the new one's domain. */
  oldPath?: string;
  /** An image shown above the post (Ghost's feature image), put first in the issue. */
  featureImage?: { src: string; alt?: string; caption?: string };
  /** What reading the export already converted with a loss (a shortcode, a podcast player). */
  lossy?: string[];
}

/** What an export yields: its posts, what was left out and why, and the files it carries (images). */
export interface ExportContents {
  kind: ImportKind;
  /** The export as named in messages. */
  file: string;
  posts: SourcePost[];
  skipped: { origin: string; reason: string }[];
  /** Lines for the report about the export as a whole ("email_list.csv: the subscriber list, skipped"). */
  notes: string[];
  /** Files inside the export (a zip's entries), by their path in it. */
  files: ReadonlyMap<string, Uint8Array>;
  /** Folder the export lies in: images next to it are used. */
  folder: string;
}
