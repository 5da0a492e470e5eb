import { describe, expect, test } from "vitest";
import { crOnlyLineBreaks, decodeIssueText, firstInvalidUtf8Byte, utf16Encoding } from "../../src/model/decode-issue.ts";

const issue = '---\ntitle: "Café"\ndate: "2022-03-10"\n---\nSome text.\n';
const utf8 = (text: string) => new TextEncoder().encode(text);

/** `text` as UTF-16 code units, little or big endian, with or without a byte order mark. */
function utf16(text: string, endian: "LE" | "BE", bom: boolean): Uint8Array {
  const units = [...(bom ? "\uFEFF" : ""), ...text].flatMap((char) => {
    const codes: number[] = [];
    for (let at = 0; at < char.length; at++) codes.push(char.charCodeAt(at));
    return codes;
  });
  return new Uint8Array(units.flatMap((unit) => (endian === "LE" ? [unit & 0xff, unit >> 8] : [unit >> 8, unit & 0xff])));
}

describe("decodeIssueText", () => {
  test.each([
    ["UTF-8", issue],
    ["UTF-8 with CRLF line breaks", issue.replaceAll("\n", "\r\n")],
  ])("reads %s as it is", (_, text) => {
    expect(decodeIssueText(utf8(text))).toEqual({ text });
  });

  test("drops a UTF-8 byte order mark", () => {
    expect(decodeIssueText(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(issue)]))).toEqual({ text: issue });
  });

  test.each([
    ["LE", true, "UTF-16 LE text with a byte order mark"],
    ["BE", true, "UTF-16 BE text with a byte order mark"],
    ["LE", false, "UTF-16 LE text without a byte order mark (a NUL byte after every other byte)"],
    ["BE", false, "UTF-16 BE text without a byte order mark (a NUL byte before every other byte)"],
  ] as const)("names UTF-16 %s (byte order mark: %s) and says to save it as UTF-8", (endian, bom, got) => {
    expect(decodeIssueText(utf16(issue, endian, bom))).toEqual({ problem: { expected: "UTF-8 text", got: `${got}; save it as UTF-8` } });
  });

  test("names UTF-32 by its byte order mark, not as UTF-16", () => {
    const bytes = new Uint8Array([0xff, 0xfe, 0, 0, 0x2d, 0, 0, 0, 0x2d, 0, 0, 0]);
    expect(decodeIssueText(bytes).problem?.got).toBe("UTF-32 LE text with a byte order mark; save it as UTF-8");
  });

  test("names CR-only line breaks rather than reading a file with no front matter", () => {
    expect(decodeIssueText(utf8(issue.replaceAll("\n", "\r")))).toEqual({
      problem: {
        expected: "line breaks as LF or CRLF",
        got: "CR-only line breaks (old Mac style); save it with LF line breaks",
      },
    });
  });

  test("reports the offset of a byte that is not UTF-8", () => {
    expect(decodeIssueText(new Uint8Array([...utf8("---\nok"), 0xc3, 0x28]))).toEqual({
      problem: { expected: "UTF-8 text", got: "a byte that is not UTF-8 at offset 6" },
    });
  });
});

describe("utf16Encoding", () => {
  test.each([
    ["UTF-8 Latin text", utf8(issue)],
    ["UTF-8 text in other scripts", utf8("---\ntitle: 中文 и ελληνικά\n---\n")],
    ["an empty file", new Uint8Array()],
    ["one byte", new Uint8Array([0x41])],
  ])("leaves %s alone", (_, bytes) => {
    expect(utf16Encoding(bytes)).toBeUndefined();
  });

  test("tells UTF-16 without a byte order mark from its first 4 KB, whatever follows", () => {
    const bytes = new Uint8Array([...utf16(`---\n${"title: x\n".repeat(1000)}`, "LE", false), ...utf8("中".repeat(10_000))]);
    expect(utf16Encoding(bytes)).toMatch(/^UTF-16 LE text without a byte order mark/);
  });
});

describe("crOnlyLineBreaks", () => {
  test.each([
    ["LF", "a\nb\r", false],
    ["CRLF", "a\r\nb\r\n", false],
    ["no line break", "a b", false],
    ["CR only", "a\rb\r", true],
    ["a CR that ends the text", "a\r", true],
    ["a lone CR before any LF", "a\rb\nc", true],
  ])("%s: %s", (_, text, crOnly) => {
    expect(crOnlyLineBreaks(text)).toBe(crOnly);
  });
});

describe("firstInvalidUtf8Byte", () => {
  test.each([
    ["valid text", utf8("aé中😀"), 10],
    ["a stray continuation byte", new Uint8Array([0x61, 0x80]), 1],
    ["an overlong two-byte form", new Uint8Array([0x61, 0xc0, 0xaf]), 1],
    ["an overlong three-byte form", new Uint8Array([0xe0, 0x80, 0xaf]), 0],
    ["a surrogate", new Uint8Array([0x61, 0xed, 0xa0, 0x80]), 1],
    ["past U+10FFFF", new Uint8Array([0xf4, 0x90, 0x80, 0x80]), 0],
    ["a sequence cut short", new Uint8Array([0x61, 0x62, 0xe4, 0xb8]), 2],
    ["a bad third byte", new Uint8Array([0xe4, 0xb8, 0x41]), 0],
  ])("%s: offset %i", (_, bytes, offset) => {
    expect(firstInvalidUtf8Byte(bytes)).toBe(offset);
  });

  test("agrees with TextDecoder on whether every two-byte sequence is UTF-8", () => {
    for (let first = 0; first < 256; first++) {
      for (let second = 0; second < 256; second++) {
        const bytes = new Uint8Array([first, second, 0x80, 0x80]);
        const decoderValid = (() => {
          try {
            new TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(0, 4));
            return true;
          } catch {
            return false;
          }
        })();
        expect(firstInvalidUtf8Byte(bytes) === 4, `${first} ${second}`).toBe(decoderValid);
      }
    }
  });
});
