/** An issue file's bytes as text, or why they are not text an issue can be read from. */
export type DecodedIssue = { text: string; problem?: undefined } | { text?: undefined; problem: { expected: string; got: string } };

/** Decodes an issue file: UTF-8, with or without a byte order mark. */
export function decodeIssueText(bytes: Uint8Array): DecodedIssue {
  try {
    return { text: new TextDecoder("utf-8", { fatal: true }).decode(bytes) };
  } catch {
    return { problem: { expected: "UTF-8 text", got: `a byte that is not UTF-8 at offset ${firstInvalidUtf8Byte(bytes)}` } };
  }
}

/** Offset of the first byte that does not begin or continue a well-formed UTF-8 sequence. */
export function firstInvalidUtf8Byte(bytes: Uint8Array): number {
  let index = 0;
  while (index < bytes.length) {
    const lead = bytes[index] ?? 0;
    const length = lead < 0x80 ? 1 : lead >= 0xc2 && lead < 0xe0 ? 2 : lead >= 0xe0 && lead < 0xf0 ? 3 : lead >= 0xf0 && lead < 0xf5 ? 4 : 0;
    if (length === 0) return index;
    const sequence = bytes.subarray(index, index + length);
    if (sequence.length < length) return index;
    try {
      new TextDecoder("utf-8", { fatal: true }).decode(sequence);
    } catch {
      return index;
    }
    index += length;
  }
  return bytes.length;
}
