/** Words a minute for reading time.
 *  @default 230 */
const defaultWordsPerMinute = 230;

const letterOrNumber = /[\p{L}\p{N}]/u;
// Characters that continue a word once it has started: "don't", "3.5", "1,000".
const inWordPunctuation = new Set(["'", "’", ".", ","]);

/**
 * Counts the words of a Markdown body, ignoring Markdown punctuation and URLs in links. A word is a
 * letter or digit followed by letters, digits and `'’.,`. Counted in one pass over the text rather
 * than with `match()`, which made an array of every word of every issue.
 */
export function countWords(markdown: string): number {
  const prose = markdown.replace(/\]\([^)]*\)/g, "]").replace(/[#*_`>\[\]|$\\~-]+/g, " ");
  let words = 0;
  let inWord = false;
  for (let at = 0; at < prose.length; at++) {
    const code = prose.charCodeAt(at);
    let isWordChar: boolean;
    if (code < 128) {
      isWordChar = (code >= 48 && code <= 57) || ((code | 32) >= 97 && (code | 32) <= 122);
    } else {
      const point = prose.codePointAt(at) ?? code;
      isWordChar = letterOrNumber.test(String.fromCodePoint(point));
      if (point > 0xffff) at++;
    }
    if (isWordChar) {
      if (!inWord) words++;
      inWord = true;
    } else if (!inWord || !inWordPunctuation.has(prose[at] ?? "")) {
      inWord = false;
    }
  }
  return words;
}

/** Whole minutes to read `words` words, at least one. */
export function readingMinutes(words: number, wordsPerMinute = defaultWordsPerMinute): number {
  return Math.max(1, Math.round(words / wordsPerMinute));
}
