import { slugify } from "./slug.ts";

/** A normalised tag: `slug` identifies it, `name` is how it was first written. */
export interface Tag {
  slug: string;
  name: string;
}

/**
 * The canonical form of a tag: trimmed, case-folded, `#` stripped, runs of spaces and punctuation
 * turned into single hyphens. `Machine Learning`, `machine-learning` and `#machine-learning` agree.
 */
export function slugifyTag(raw: string): string {
  return slugify(raw.normalize("NFKC").trim().replace(/^#+/, ""));
}

/** The display name: trimmed, without a leading `#`, inner whitespace collapsed. */
export function tagDisplayName(raw: string): string {
  return raw.normalize("NFKC").trim().replace(/^#+/, "").replace(/\s+/g, " ");
}

/** Normalises a list of raw tags, keeping the first spelling of each and dropping empties. */
export function normaliseTags(raws: readonly string[]): Tag[] {
  const seen = new Map<string, Tag>();
  for (const raw of raws) {
    const slug = slugifyTag(raw);
    if (slug && !seen.has(slug)) seen.set(slug, { slug, name: tagDisplayName(raw) });
  }
  return [...seen.values()];
}

export function tagHref(slug: string): string {
  return `/tags/${slug}/`;
}
