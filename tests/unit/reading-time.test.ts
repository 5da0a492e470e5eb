import { describe, expect, test } from "vitest";
import { countWords, readingMinutes } from "../../src/model/reading-time.ts";

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
