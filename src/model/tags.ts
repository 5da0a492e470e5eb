import { quoteVisibly, stripInvisible } from "./control-characters.ts";
import { characterCount } from "./issue-limits.ts";
import { slugify } from "./slug.ts";

/** A normalised tag: `slug` identifies it, `name` is how it was first written. */
export interface Tag {
  slug: string;
  name: string;
}

/** A tag as written, without the characters that never belong to it: NFKC, invisible controls and a leading `#` removed, trimmed. */
function cleanTag(raw: string): string {
  return stripInvisible(raw).normalize("NFKC").trim().replace(/^#+/, "");
}

/**
 * Symbols that make a different tag, spelt out: `C`, `C++` and `C#` are three languages, and
 * `.NET` is not `NET`. Every other symbol only separates words.
 */
function spellOutSymbols(text: string): string {
  return text
    .replace(/^\.(?=\p{L})/u, "dot ")
    .replace(/\+/g, " plus ")
    // Only after a letter: elsewhere `#` is a hashtag marker or punctuation.
    .replace(/(?<=\p{L})#/gu, " sharp ")
    .replace(/&/g, " and ");
}

/**
 * The canonical form of a tag, its address on the site: case-folded, `#` stripped, `+`, `#` after
 * a letter, `&` and a leading `.` spelt out, runs of spaces and other punctuation turned into single
 * hyphens. `Machine Learning`, `machine-learning` and `#machine-learning` agree; `C++` is
 * `c-plus-plus` and `C#` is `c-sharp`. A tag of only symbols or emoji has the empty slug.
 */
export function slugifyTag(raw: string): string {
  return slugify(spellOutSymbols(cleanTag(raw)));
}

/** The display name: without invisible controls or a leading `#`, inner whitespace collapsed. */
export function tagDisplayName(raw: string): string {
  return cleanTag(raw).replace(/\s+/g, " ").trim();
}

/**
 * Two spellings of one slug are the same tag only when they differ in nothing but case, spaces,
 * hyphens, underscores (hashtags' spaces) and a leading `#` (gone from display names): this is what
 * they then have in common. `C#` and `c-sharp` share a slug but not this, and clash.
 */
export function tagSpellingKey(name: string): string {
  return name.toLocaleLowerCase("en").replace(/[\s_-]+/g, "");
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

/**
 * Normalises a list of raw tags, keeping the first spelling of each slug. Tags with an empty slug
 * are left out: validation (`tagListProblems`) has refused them before any page is made.
 */
export function normaliseTags(raws: readonly string[]): Tag[] {
  const seen = new Map<string, Tag>();
  for (const raw of raws) {
    const tag = normaliseTag(raw);
    if (tag.slug && !seen.has(tag.slug)) seen.set(tag.slug, { ...tag });
  }
  return [...seen.values()];
}

/** A problem with an issue's tags, for `FILE: tags: expected X, got Y`. */
export interface TagProblem {
  expected: string;
  got: string;
}

/** How the spelling rule reads in messages. */
export const tagSpellingRule = "spellings of one tag may differ only in case, spaces, hyphens, underscores and a leading #";

/**
 * Everything wrong with one issue's tags as written (front matter tags, then hashtags): a tag with
 * no letter or digit, a tag longer than `maxLength`, two spellings of one slug that differ in more
 * than the spelling rule allows, and more than `maxCount` tags once spellings are merged.
 */
export function tagListProblems(raws: readonly string[], limits: { maxCount: number; maxLength: number }): TagProblem[] {
  const problems: TagProblem[] = [];
  const bySlug = new Map<string, { name: string; key: string; clashes: Set<string> }>();
  for (const raw of raws) {
    const { slug, name } = normaliseTag(raw);
    if (!slug) {
      problems.push({ expected: "tags with a letter or digit, which a tag's address is made of", got: quoteVisibly(raw) });
      continue;
    }
    const length = characterCount(name);
    if (length > limits.maxLength) {
      problems.push({ expected: `tags of at most ${limits.maxLength} characters`, got: `${length} characters in ${quoteShort(name)}` });
    }
    const key = tagSpellingKey(name);
    const first = bySlug.get(slug);
    if (!first) bySlug.set(slug, { name, key, clashes: new Set() });
    else if (first.key !== key && !first.clashes.has(name)) {
      first.clashes.add(name);
      problems.push({
        expected: `one spelling of the tag ${tagHref(slug)} (${tagSpellingRule}), or tags with addresses of their own`,
        got: `${JSON.stringify(first.name)} and ${JSON.stringify(name)}`,
      });
    }
  }
  if (bySlug.size > limits.maxCount) {
    problems.push({ expected: `at most ${limits.maxCount} tags (front matter tags and hashtags together)`, got: String(bySlug.size) });
  }
  return problems;
}

function quoteShort(text: string): string {
  const quoted = JSON.stringify(text);
  return quoted.length > 80 ? `${quoted.slice(0, 77)}..."` : quoted;
}

export function tagHref(slug: string): string {
  return `/tags/${slug}/`;
}
