
const hashtag = String.raw`#[\p{L}\p{N}][\p{L}\p{N}_-]*`;
/**
 * A whole paragraph of hashtags: `#performance` or `#performance, #machine-learning`. Each
 * separator is spaces then at most one comma and its spaces, with no two ways to split a run of
 * spaces: `\s*,?\s*` had them, and backtracked exponentially on hashtags spaced apart before other text.
 */
const hashtagLine = new RegExp(String.raw`^\s*${hashtag}(?:\s*(?:,\s*)?${hashtag})*\s*(?:,\s*)?$`, "u");
const hashtagGlobal = new RegExp(hashtag, "gu");

/** The hashtags of a paragraph made only of hashtags, or undefined for any other text. */
export function parseHashtagLine(text: string): string[] | undefined {
  if (!hashtagLine.test(text)) return undefined;
  return text.match(hashtagGlobal) ?? [];
}
