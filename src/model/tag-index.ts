import type { TagSummary } from "./archive-pages.ts";

/** Tags grouped under their initial, A–Z, each group sorted by name; tags not starting with a letter go under "#". */
export function tagsByInitial(tags: readonly TagSummary[]): [string, TagSummary[]][] {
  const groups = new Map<string, TagSummary[]>();
  const sorted = [...tags].sort((a, b) => a.name.localeCompare(b.name, "en", { sensitivity: "base" }) || a.slug.localeCompare(b.slug));
  for (const tag of sorted) {
    const first = tag.name.normalize("NFKD").toLocaleUpperCase("en").charAt(0);
    const initial = /\p{L}/u.test(first) ? first : "#";
    groups.set(initial, [...(groups.get(initial) ?? []), tag]);
  }
  return [...groups.entries()].sort(([a], [b]) => (a === "#" ? -1 : b === "#" ? 1 : a.localeCompare(b, "en")));
}
