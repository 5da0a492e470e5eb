// Plain ASCII headings, nearly all of them, skip the Unicode decomposition, which leaves them as
// they are; `toLowerCase` is `toLocaleLowerCase("en")` (English has no casing rules of its own)
// without an Intl lookup per heading.
const plainAscii = /^[\x20-\x7e]*$/;

/** A heading's anchor id: lower case letters and digits joined by hyphens (`why-does-it-matter`). */
export function slugifyHeading(text: string): string {
  const letters = plainAscii.test(text) ? text : text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "");
  const slug = letters
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}]+/gu, "-")
    .replace(/^-+|-+$/g, "");
  return slug || "section";
}
