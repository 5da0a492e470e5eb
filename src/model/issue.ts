import type { IssueImage } from "../images/issue-images.ts";
import type { TaggedItem } from "../markdown/tagged-items.ts";
import type { Tag } from "./tags.ts";

/** A validated newsletter issue: everything the layouts, archives and feeds read about it. */
export interface Issue {
  /** The file as named in messages, relative to the working directory: `issues/x.md`. */
  file: string;
  /** Absolute path of the source file: the key Eleventy's pages are matched on. */
  absolutePath: string;
  slug: string;
  /** Site-relative URL: `/issues/<slug>/`. */
  url: string;
  title: string;
  /** Publication date, `YYYY-MM-DD`. */
  date: string;
  seriesId: string;
  number: number | undefined;
  summary: string;
  /** Front matter tags and item hashtags, normalised and de-duplicated. */
  tags: Tag[];
  /** Items inside the issue that carry their own hashtags (the link digest's links). */
  items: TaggedItem[];
  authors: string[];
  draft: boolean;
  source: string | undefined;
  /** Old site paths redirected to the issue (`_redirects`); optional for models made by hand. */
  aliases?: string[];
  words: number;
  readingMinutes: number;
  /** The images its text shows, in order, checked (src/images/issue-images.ts); optional for models made by hand. */
  images?: IssueImage[];
  /** Its picture for feeds, search and cards: front matter's `image:`, else its first image. */
  image?: IssueImage;
  /** True when front matter's `image:` chose it: link previews then show it instead of the social card. */
  imageFromFrontMatter?: true;
}
