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

/**
 * Every tag named by a hashtag paragraph in a Markdown body (outside fenced code), normalised.
 * The link digest tags each item this way; those tags become the too.
 */
export function extractHashtags(markdown: string): Tag[] {
  const raws: string[] = [];
  for (const paragraph of proseParagraphs(markdown)) {
    raws.push(...(parseHashtagLine(paragraph) ?? []));
  }
  return normaliseTags(raws);
}

/** Blank-line separated paragraphs, skipping fenced code blocks. */
function proseParagraphs(markdown: string): string[] {
  const paragraphs: string[] = [];
  let current: string[] = [];
  let fence: string | undefined;
  const flush = () => {
    if (current.length) paragraphs.push(current.join("\n"));
    current = [];
  };
  for (const line of markdown.split(/\r?\n/)) {
    const marker = /^\s{0,3}(`{3,}|~{3,})/.exec(line)?.[1];
    if (fence) {
      if (marker && marker[0] === fence[0] && marker.length >= fence.length) fence = undefined;
      continue;
    }
    if (marker) {
      flush();
      fence = marker;
    } else if (line.trim() === "") {
      flush();
    } else {
      current.push(line);
    }
  }
  flush();
  return paragraphs;
}
