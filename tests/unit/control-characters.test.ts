import { describe, expect, test } from "vitest";
import { describeCharacter, fieldCharacterProblems, findControlCharacter, quoteVisibly, stripInvisible } from "../../src/model/control-characters.ts";

describe("describeCharacter", () => {
  test.each([
    [0x0000, "U+0000 (NULL)"],
    [0x001b, "U+001B (ESCAPE)"],
    [0x001f, "U+001F (INFORMATION SEPARATOR ONE)"],
    [0x007f, "U+007F (DELETE)"],
    [0x0085, "U+0085 (a C1 control character)"],
    [0x200b, "U+200B (ZERO WIDTH SPACE)"],
    [0x202e, "U+202E (RIGHT-TO-LEFT OVERRIDE)"],
    [0x2069, "U+2069 (POP DIRECTIONAL ISOLATE)"],
    [0x061c, "U+061C (ARABIC LETTER MARK)"],
    [0xfeff, "U+FEFF (ZERO WIDTH NO-BREAK SPACE)"],
  ])("%i is %s", (codePoint, described) => {
    expect(describeCharacter(codePoint)).toBe(described);
  });
});

describe("findControlCharacter", () => {
  test.each([
    ["plain text", "Plain text", undefined],
    ["tab, line feed and carriage return", "a\tb\nc\r\n", undefined],
    ["accents, emoji, CJK", "Ünïcode 🚀 日本語", undefined],
    ["NUL", "ab\u0000c", { codePoint: 0, position: 3, invisible: false }],
    ["ESC", "\u001b[31mred", { codePoint: 0x1b, position: 1, invisible: false }],
    ["DEL", "a\u007f", { codePoint: 0x7f, position: 2, invisible: false }],
    ["a C1 control", "a\u0085", { codePoint: 0x85, position: 2, invisible: false }],
    ["RIGHT-TO-LEFT OVERRIDE, after an emoji counted once", "🚀abc\u202Edef", { codePoint: 0x202e, position: 5, invisible: true }],
    ["a zero-width space", "ma\u200Bchine", { codePoint: 0x200b, position: 3, invisible: true }],
    ["the first of several", "\u2066a\u0000", { codePoint: 0x2066, position: 1, invisible: true }],
  ])("%s", (_, text, found) => {
    expect(findControlCharacter(text)).toEqual(found);
  });

  test("invisible characters can be allowed, control characters not", () => {
    expect(findControlCharacter("a\u200Bb\u202E", { allowInvisible: true })).toBeUndefined();
    expect(findControlCharacter("a\u200B\u0000", { allowInvisible: true })).toEqual({ codePoint: 0, position: 3, invisible: false });
  });
});

test("joiners stay in titles and names: Persian words and emoji sequences need them", () => {
  expect(fieldCharacterProblems({ title: "می\u200Cخواهم", authors: ["\u{1F3F3}\uFE0F\u200D\u{1F308} Ada"] })).toEqual([]);
  expect(fieldCharacterProblems({ title: "a\u200Bb" })).toEqual([
    { field: "title", expected: "text without invisible control characters", got: "U+200B (ZERO WIDTH SPACE) at character 2" },
  ]);
});

describe("stripInvisible", () => {
  test("removes every zero-width and bidirectional control, nothing else", () => {
    const invisible = "\u200B\u200C\u200D\u2060\uFEFF\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069\u200E\u200F\u061C";
    expect(stripInvisible(`a${invisible}b\tc\u00e9`)).toBe("ab\tc\u00e9");
  });
});

describe("fieldCharacterProblems", () => {
  test("names the field, the character and where it is", () => {
    expect(fieldCharacterProblems({ title: "Hello\u202Eworld", summary: "fine", number: 3 })).toEqual([
      { field: "title", expected: "text without invisible control characters", got: "U+202E (RIGHT-TO-LEFT OVERRIDE) at character 6" },
    ]);
  });

  test("names the item of a list", () => {
    expect(fieldCharacterProblems({ authors: ["Ada", "Bob\u0000", "C\u0000"] })).toEqual([
      { field: "authors", expected: "text without control characters", got: "U+0000 (NULL) at character 4 of item 2" },
    ]);
  });

  test("tags may hold invisible characters, which are stripped, but not control characters", () => {
    expect(fieldCharacterProblems({ tags: ["ma\u200Bchine", "\u202Ebias"] })).toEqual([]);
    expect(fieldCharacterProblems({ tags: ["ok", "b\u0007"] })).toEqual([
      { field: "tags", expected: "text without control characters", got: "U+0007 (BELL) at character 2 of item 2" },
    ]);
  });
});

describe("quoteVisibly", () => {
  test("quotes text with its invisible and control characters written out", () => {
    expect(quoteVisibly("a\u200Bb\u202E\u0000")).toBe('"a\\u200Bb\\u202E\\u0000"');
  });
});
