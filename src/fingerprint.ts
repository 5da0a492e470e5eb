import { createHash } from "node:crypto";

/** The first ten hex digits of a text's sha256: names assets after their content, so they can be cached forever. */
export function contentHash(text: string): string {
  return createHash("sha256").update(text).digest("hex").slice(0, 10);
}
