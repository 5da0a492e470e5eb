/** Words a minute for reading time.
 *  @default 230 */
const defaultWordsPerMinute = 230;

/** Counts the words of a Markdown body, ignoring Markdown punctuation and URLs in links. */
export function countWords(markdown: string): number {
  const prose = markdown
    .replace(/\]\([^)]*\)/g, "]")
    .replace(/[#*_`>\[\]|$\\~-]+/g, " ");
  return prose.match(/[\p{L}\p{N}][\p{L}\p{N}'’.,]*/gu)?.length ?? 0;
}

/** Whole minutes to read `words` words, at least one. */
export function readingMinutes(words: number, wordsPerMinute = defaultWordsPerMinute): number {
  return Math.max(1, Math.round(words / wordsPerMinute));
}
