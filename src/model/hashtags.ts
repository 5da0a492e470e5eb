import { slugifyHeading } from "../markdown/slugify-heading.ts";
import { normaliseTags, type Tag } from "./tags.ts";

const hashtag = String.raw`#[\p{L}\p{N}][\p{L}\p{N}_-]*`;
/** A whole paragraph of hashtags: `#performance` or `#performance, #machine-learning`. */
const hashtagLine = new RegExp(String.raw`^\s*${hashtag}(?:\s*,?\s*${hashtag})*\s*,?\s*$`, "u");
const hashtagGlobal = new RegExp(hashtag, "gu");

/** The hashtags of a paragraph made only of hashtags, or undefined for any other text. */
export function parseHashtagLine(text: string): string[] | undefined {
  if (!hashtagLine.test(text)) return undefined;
  return text.match(hashtagGlobal) ?? [];
}

/** An item inside an issue that carries its own hashtags: the heading above its hashtag line. */
export interface TaggedItem {
  /** The heading's anchor id on the issue page, as the Markdown renderer assigns it. */
  id: string;
  title: string;
  tags: Tag[];
}

/**
 * Every tag named by a hashtag paragraph in a Markdown body (outside fenced code), normalised.
 * The link digest tags each item this way; those tags become the too.
 */
export function extractHashtags(markdown: string): Tag[] {
  return normaliseTags(scanHashtags(markdown).flatMap((paragraph) => paragraph.hashtags));
}

/** The items of a body that carry hashtags, each with the anchor id of its heading. */
export function extractTaggedItems(markdown: string): TaggedItem[] {
  const items = new Map<string, TaggedItem>();
  for (const { heading, hashtags } of scanHashtags(markdown)) {
    if (!heading) continue;
    const item = items.get(heading.id) ?? { ...heading, tags: [] };
    item.tags = normaliseTags([...item.tags.map((tag) => tag.name), ...hashtags]);
    items.set(heading.id, item);
  }
  return [...items.values()];
}

interface HashtagParagraph {
  heading: { id: string; title: string } | undefined;
  hashtags: string[];
}

const atxHeading = /^ {0,3}(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$/;

/**
 * One pass over the lines: blank-line separated paragraphs (code skipped) that are made
 * only of hashtags, each with the nearest heading above it. Heading ids follow the renderer's
 * rules (slugifyHeading on levels 2–4, `-1`, `-2` appended to repeats) so links land on them.
 */
function scanHashtags(markdown: string): HashtagParagraph[] {
  const found: HashtagParagraph[] = [];
  const usedIds = new Set<string>();
  let heading: HashtagParagraph["heading"];
  let paragraph: string[] = [];
  let fence: string | undefined;
  const flush = () => {
    const hashtags = paragraph.length ? parseHashtagLine(paragraph.join("\n")) : undefined;
    if (hashtags) found.push({ heading, hashtags });
    paragraph = [];
  };
  for (const line of markdown.split(/\r?\n/)) {
    const marker = /^\s{0,3}(`{3,}|~{3,})/.exec(line)?.[1];
    if (fence) {
      if (marker && marker[0] === fence[0] && marker.length >= fence.length) fence = undefined;
      continue;
    }
    const headingMatch = atxHeading.exec(line);
    if (marker) {
      flush();
      fence = marker;
    } else if (headingMatch) {
      flush();
      const level = headingMatch[1]?.length ?? 1;
      if (level >= 2 && level <= 4) {
        const title = headingText(headingMatch[2] ?? "");
        heading = { id: uniqueId(slugifyHeading(title), usedIds), title };
      }
    } else if (line.trim() === "") {
      flush();
    } else if (!paragraph.length && /^(?: {4}|\t)/.test(line)) {
      // An indented code block, not a paragraph.
      continue;
    } else {
      paragraph.push(line);
    }
  }
  flush();
  return found;
}

/** Heading source as text: link targets, escapes and emphasis markers removed. */
function headingText(source: string): string {
  return source
    .replace(/\$[^$]*\$/g, "")
    .replace(/\]\([^)]*\)/g, "]")
    .replace(/\\([\\`*_{}\[\]()#+\-.!$])/g, "$1")
    .replace(/[*_`[\]]/g, "")
    .trim();
}

/** markdown-it-anchor's rule for repeated slugs: `x`, then `x-1`, `x-2`, ... */
function uniqueId(slug: string, used: Set<string>): string {
  let id = slug;
  for (let n = 1; used.has(id); n++) id = `${slug}-${n}`;
  used.add(id);
  return id;
}
