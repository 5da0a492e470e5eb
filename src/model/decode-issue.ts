/** An issue file's bytes as text, or why they are not text an issue can be read from. */
export type DecodedIssue = { text: string; problem?: undefined } | { text?: undefined; problem: { expected: string; got: string } };

const saveAsUtf8 = "save it as UTF-8";

/**
 * Decodes an issue file: UTF-8, with or without a byte order mark. UTF-16 (with a byte order mark,
 * or told by its NUL bytes) and old Mac line breaks (CR only) are named as such rather than read
 * as a file with no front matter.
 */
export function decodeIssueText(bytes: Uint8Array): DecodedIssue {
  const utf16 = utf16Encoding(bytes);
  if (utf16) return { problem: { expected: "UTF-8 text", got: `${utf16}; ${saveAsUtf8}` } };
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return { problem: { expected: "UTF-8 text", got: `a byte that is not UTF-8 at offset ${firstInvalidUtf8Byte(bytes)}` } };
  }
  if (crOnlyLineBreaks(text)) {
    return {
      problem: {
        expected: "line breaks as LF or CRLF",
        got: "CR-only line breaks (old Mac style); save it with LF line breaks",
      },
    };
  }
  return { text };
}

/** Bytes sampled to tell UTF-16 without a byte order mark: enough for any front matter's first lines. */
const sampleBytes = 4096;

/**
 * `UTF-16 LE text with a byte order mark` and the like when the bytes are UTF-16 (or UTF-32, told
 * by its byte order mark), else undefined.
 * Without a byte order mark, UTF-16 of Latin text has a NUL in every other byte, which UTF-8 text
 * (where NUL is a control character no issue holds) does not: half the sampled byte pairs or more
 * with a NUL in the one half, and fewer in the other.
 */
export function utf16Encoding(bytes: Uint8Array): string | undefined {
  if (bytes[0] === 0xff && bytes[1] === 0xfe && bytes[2] === 0 && bytes[3] === 0) return "UTF-32 LE text with a byte order mark";
  if (bytes[0] === 0 && bytes[1] === 0 && bytes[2] === 0xfe && bytes[3] === 0xff) return "UTF-32 BE text with a byte order mark";
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return "UTF-16 LE text with a byte order mark";
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return "UTF-16 BE text with a byte order mark";
  const pairs = Math.floor(Math.min(bytes.length, sampleBytes) / 2);
  if (pairs === 0) return undefined;
  let nulFirst = 0;
  let nulSecond = 0;
  for (let pair = 0; pair < pairs; pair++) {
    const first = bytes[2 * pair];
    const second = bytes[2 * pair + 1];
    if (first === 0 && second !== 0) nulFirst++;
    else if (second === 0 && first !== 0) nulSecond++;
  }
  if (nulSecond >= pairs / 2 && nulSecond > nulFirst) return "UTF-16 LE text without a byte order mark (a NUL byte after every other byte)";
  if (nulFirst >= pairs / 2 && nulFirst > nulSecond) return "UTF-16 BE text without a byte order mark (a NUL byte before every other byte)";
  return undefined;
}

/**
 * Whether the text's first line break is a CR alone: the whole file was most likely saved with
 * old Mac line breaks, which leave a Markdown file one long line to everything that reads lines.
 */
export function crOnlyLineBreaks(text: string): boolean {
  const cr = text.indexOf("\r");
  if (cr === -1) return false;
  const lf = text.indexOf("\n");
  return (lf === -1 || cr < lf) && text.charCodeAt(cr + 1) !== 0x0a;
}

/**
 * Offset of the first byte that does not begin or continue a well-formed UTF-8 sequence (the
 * Unicode Standard's table 3-7), checked byte by byte in one pass.
 */
export function firstInvalidUtf8Byte(bytes: Uint8Array): number {
  let index = 0;
  while (index < bytes.length) {
    const lead = bytes[index] as number;
    if (lead < 0x80) {
      index++;
      continue;
    }
    // The range the second byte must be in, and the sequence's length; 0 for a byte no sequence starts with.
    const [low, high, length] =
      lead >= 0xc2 && lead <= 0xdf ? [0x80, 0xbf, 2]
      : lead === 0xe0 ? [0xa0, 0xbf, 3]
      : lead === 0xed ? [0x80, 0x9f, 3]
      : lead >= 0xe1 && lead <= 0xef ? [0x80, 0xbf, 3]
      : lead === 0xf0 ? [0x90, 0xbf, 4]
      : lead >= 0xf1 && lead <= 0xf3 ? [0x80, 0xbf, 4]
      : lead === 0xf4 ? [0x80, 0x8f, 4]
      : [0, 0, 0];
    if (length === 0 || index + length > bytes.length) return index;
    const second = bytes[index + 1] as number;
    if (second < low || second > high) return index;
    for (let next = 2; next < length; next++) {
      const continuation = bytes[index + next] as number;
      if (continuation < 0x80 || continuation > 0xbf) return index;
    }
    index += length;
  }
  return bytes.length;
}
