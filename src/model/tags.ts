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

// A large archive spells the same few hundred tags tens of thousands of times: normalise each
// spelling once. Bounded, so a stream of distinct spellings cannot grow it without end.
const normalisedSpellings = new Map<string, Tag>();
const maxRememberedSpellings = 10_000;

function normaliseTag(raw: string): Tag {
  let tag = normalisedSpellings.get(raw);
  if (!tag) {
    if (normalisedSpellings.size >= maxRememberedSpellings) normalisedSpellings.clear();
    tag = { slug: slugifyTag(raw), name: tagDisplayName(raw) };
    normalisedSpellings.set(raw, tag);
  }
  return tag;
}

/** Normalises a list of raw tags, keeping the first spelling of each and dropping empties. */
export function normaliseTags(raws: readonly string[]): Tag[] {
  const seen = new Map<string, Tag>();
  for (const raw of raws) {
    const tag = normaliseTag(raw);
    if (tag.slug && !seen.has(tag.slug)) seen.set(tag.slug, { ...tag });
  }
  return [...seen.values()];
}

export function tagHref(slug: string): string {
  return `/tags/${slug}/`;
}
