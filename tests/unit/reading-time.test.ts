import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { Random } from "../../src/bench/prng.ts";
import { countWords, readingMinutes } from "../../src/model/reading-time.ts";
import { projectRoot } from "../support/run-build.ts";

// countWords as it was first written, with two replaces before its loop: the reference the faster
// one must agree with on any text.
function countWordsReference(markdown: string): number {
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
      isWordChar = /[\p{L}\p{N}]/u.test(String.fromCodePoint(point));
      if (point > 0xffff) at++;
    }
    if (isWordChar) {
      if (!inWord) words++;
      inWord = true;
    } else if (!inWord || !["'", "’", ".", ","].includes(prose[at] ?? "")) {
      inWord = false;
    }
  }
  return words;
}

describe("countWords", () => {
  test.each([
    ["", 0],
    ["   \n\n  ", 0],
    ["one two three", 3],
    ["## A heading here", 3],
    ["**bold** and _italic_", 3],
    ["[link text](https://example.com/a-very-long-path-with-words)", 2],
    ["See [the paper](https://arxiv.org/abs/2005.14165) now.", 4],
    ["don't stop", 2],
    ["3.14 is pi", 3],
    ["a - b", 2],
    ["> quoted words", 2],
    ["| a | b |\n|---|---|\n| c | d |", 4],
    ["naïve café", 2],
    ["$x^2$", 2],
    ["```\ncode here\n```", 2],
  ])("%j has %i words", (markdown, words) => {
    expect(countWords(markdown)).toBe(words);
    expect(countWordsReference(markdown)).toBe(words);
  });

  test("agrees with the reference on random text of words, Markdown punctuation, links and other scripts", () => {
    const pieces = ["a", "Z", "7", " ", "\n", "'", "’", ".", ",", "#", "*", "_", "`", ">", "[", "]", "|", "$", "\\", "~", "-", "(", ")", "](", "](x y)", "é", "ß", "中", "😀", "𝟘", "—", "«", "!", "?", ":", "/", "\u00a0"];
    const random = new Random(7);
    for (let sample = 0; sample < 3000; sample++) {
      let text = "";
      const length = Math.floor(random.next() * 60);
      for (let piece = 0; piece < length; piece++) text += pieces[Math.floor(random.next() * pieces.length)];
      expect(countWords(text), JSON.stringify(text)).toBe(countWordsReference(text));
    }
  });

  test("agrees with the reference on every shipped issue", () => {
    const folder = path.join(projectRoot, "issues");
    const files = readdirSync(folder).filter((file) => file.endsWith(".md"));
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const text = readFileSync(path.join(folder, file), "utf8");
      expect(countWords(text), file).toBe(countWordsReference(text));
    }
  });
});

describe("countWords on link ends with nothing to close them", () => {
  test("a 400 KB body of `](` has no words, and words after it count", () => {
    expect(countWords(`${"](".repeat(200_000)} two words`)).toBe(2);
  });

  test("a `](` after the last `)` hides nothing; one before it hides up to the first `)`", () => {
    expect(countWords("a](b c) d](e f")).toBe(4);
    expect(countWords(`x](${"](".repeat(100_000)}y) z`)).toBe(2);
  });
});

describe("readingMinutes", () => {
  test.each([
    [0, 1],
    [1, 1],
    [229, 1],
    [344, 1],
    [345, 2],
    [460, 2],
    [575, 3],
    [2300, 10],
  ])("%i words take %i minute(s) at 230 words a minute, never less than one", (words, minutes) => {
    expect(readingMinutes(words)).toBe(minutes);
  });

  test.each([
    [100, 50, 2],
    [100, 200, 1],
    [1000, 100, 10],
  ])("%i words at %i words a minute take %i minute(s)", (words, wordsPerMinute, minutes) => {
    expect(readingMinutes(words, wordsPerMinute)).toBe(minutes);
  });
});
