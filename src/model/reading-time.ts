/** Words a minute for reading time.
 *  @default 230 */
const defaultWordsPerMinute = 230;

const letterOrNumber = /[\p{L}\p{N}]/u;

// What a character is to a word: it ends one (spaces, and the Markdown punctuation `#*_\`>[]|$\~-`
// among others), it is part of one (a letter or digit), or it continues one once started (`'’.,`:
// "don't", "3.5", "1,000").
const ends = 0;
const partOfWord = 1;
const continuesWord = 2;

// The kind of every character of the Basic Multilingual Plane, found once, as first met: 255 for
// not yet. ASCII is filled in at once.
const unknown = 255;
const characterKinds = new Uint8Array(0x10000).fill(unknown);
for (let code = 0; code < 128; code++) {
  const letterOrDigit = (code >= 48 && code <= 57) || ((code | 32) >= 97 && (code | 32) <= 122);
  characterKinds[code] = letterOrDigit ? partOfWord : "'.,".includes(String.fromCharCode(code)) ? continuesWord : ends;
}
characterKinds[0x2019] = continuesWord;

function kindOf(code: number): number {
  let kind = characterKinds[code] as number;
  if (kind === unknown) {
    kind = letterOrNumber.test(String.fromCharCode(code)) ? partOfWord : ends;
    characterKinds[code] = kind;
  }
  return kind;
}

/**
 * Counts the words of a Markdown body, ignoring Markdown punctuation and URLs in links. A word is a
 * letter or digit followed by letters, digits and `'’.,`. Counted in one pass over the text rather
 * than with `match()`, which made an array of every word of every issue, each character looked up
 * in a table of kinds rather than replaced or tested: it runs for every issue as it is validated.
 * A link's `](url)` is skipped up to its first `)`, found once per link: a replace with
 * `/\]\([^)]*\)/g` scanned to the end of the text from every `](` that has no `)` after it.
 */
export function countWords(markdown: string): number {
  // Past the last `)`, no `](` starts a link target.
  const lastClose = markdown.lastIndexOf(")");
  let words = 0;
  let inWord = false;
  for (let at = 0; at < markdown.length; at++) {
    const code = markdown.charCodeAt(at);
    let kind: number;
    if (code === 0x5d && at + 2 <= lastClose && markdown.charCodeAt(at + 1) === 0x28) {
      // `](url)`: the `]` ends a word; the URL and its parentheses are not text.
      inWord = false;
      at = markdown.indexOf(")", at + 2);
      continue;
    }
    if (code < 0xd800 || code > 0xdfff) {
      kind = kindOf(code);
    } else {
      // A character beyond the Basic Multilingual Plane, in two code units.
      const point = markdown.codePointAt(at) ?? code;
      kind = letterOrNumber.test(String.fromCodePoint(point)) ? partOfWord : ends;
      if (point > 0xffff) at++;
    }
    if (kind === partOfWord) {
      if (!inWord) words++;
      inWord = true;
    } else if (kind === ends) {
      inWord = false;
    }
  }
  return words;
}

/** Whole minutes to read `words` words, at least one. */
export function readingMinutes(words: number, wordsPerMinute = defaultWordsPerMinute): number {
  return Math.max(1, Math.round(words / wordsPerMinute));
}
