import type { Issue } from "./issue.ts";

/** Related issues per issue page.
 *  @default 3 */
const defaultCount = 3;

/**
 * For every issue, up to `count` others ranked by shared tags, then same series, then closeness
 * in date, then URL, so the choice never changes between builds. Candidates come from the tag
 * index and each issue's date neighbours, not from comparing every pair of issues.
 *
 * An issue's tags are read from its rarest up. Once its `j` rarest tags are read, every issue that
 * shares at least `k - j + 1` of its `k` tags has been seen, since it can miss at most `j - 1` of
 * them; when `count` such issues are known, the best `count` are among them, and the tags common to
 * most of the archive are never listed. Reading every tag's issues for every issue would be
 * quadratic (docs/decisions.md).
 */
export function relatedIssues(newestFirst: readonly Issue[], count = defaultCount): Map<string, Issue[]> {
  const byTag = groupPositions(newestFirst.flatMap((issue, index) => issue.tags.map((tag) => [tag.slug, index] as const)));
  const bySeries = groupPositions(newestFirst.map((issue, index) => [issue.seriesId, index] as const));
  const seriesIndex = new Int32Array(newestFirst.length);
  for (const members of bySeries.values()) members.forEach((position, index) => (seriesIndex[position] = index));
  const days = Float64Array.from(newestFirst, (issue) => Date.parse(issue.date));
  const allPositions = newestFirst.map((_, index) => index);
  // Tags as numbers: each issue's, and a mark per tag for the issue being ranked.
  const tagIds = new Map([...byTag.keys()].map((slug, id) => [slug, id]));
  // Every issue's tag ids in one array, issue `i`'s from tagStart[i] to tagStart[i + 1]: the inner
  // loop below runs tens of millions of times on a large archive, and indexed reads of flat typed
  // arrays are much faster than iterating an array per issue.
  const tagStart = new Int32Array(newestFirst.length + 1);
  newestFirst.forEach((issue, index) => (tagStart[index + 1] = (tagStart[index] ?? 0) + issue.tags.length));
  const issueTags = new Int32Array(tagStart[newestFirst.length] ?? 0);
  newestFirst.forEach((issue, index) => issue.tags.forEach((tag, at) => (issueTags[(tagStart[index] ?? 0) + at] = tagIds.get(tag.slug) ?? 0)));
  const marked = new Uint8Array(tagIds.size);
  const shared = new Int32Array(newestFirst.length);
  // How many of the issues seen so far share exactly n tags, for the stopping test, kept rather
  // than counted again after each tag read.
  const sharingExactly = new Int32Array(newestFirst.reduce((most, issue) => Math.max(most, issue.tags.length), 0) + 1);

  const related = new Map<string, Issue[]>();
  newestFirst.forEach((issue, self) => {
    const ownTags = [...new Set(issue.tags.map((tag) => tag.slug))]
      .map((slug) => ({ id: tagIds.get(slug) ?? -1, members: byTag.get(slug) ?? [] }))
      .sort((a, b) => a.members.length - b.members.length || a.id - b.id);
    for (const tag of ownTags) marked[tag.id] = 1;
    const seen: number[] = [];
    let atLeast = 0;
    for (let read = 1; read <= ownTags.length; read++) {
      const members = ownTags[read - 1]?.members ?? [];
      for (let at = 0; at < members.length; at++) {
        const other = members[at] as number;
        if (other === self || shared[other] !== 0) continue;
        let overlap = 0;
        for (let tag = tagStart[other] as number, end = tagStart[other + 1] as number; tag < end; tag++) overlap += marked[issueTags[tag] as number] as number;
        shared[other] = overlap;
        sharingExactly[overlap]! += 1;
        seen.push(other);
      }
      atLeast = ownTags.length - read + 1;
      let sharingAtLeast = 0;
      for (let overlap = atLeast; overlap < sharingExactly.length; overlap++) sharingAtLeast += sharingExactly[overlap] ?? 0;
      if (sharingAtLeast >= count) break;
    }
    for (const tag of ownTags) marked[tag.id] = 0;
    // With `count` issues sharing `atLeast` tags, no other can rank above them; with fewer, issues
    // sharing fewer tags, or none (the same series first, then the nearest in date), fill the rest.
    const sharing = seen.filter((other) => (shared[other] ?? 0) >= atLeast);
    const candidates =
      sharing.length >= count
        ? sharing
        : [...seen, ...nearby(bySeries.get(issue.seriesId) ?? [], seriesIndex[self] ?? 0, count, days), ...nearby(allPositions, self, count, days)];

    const day = days[self] ?? 0;
    const outranks = (a: number, b: number) =>
      (shared[b] ?? 0) - (shared[a] ?? 0) ||
      Number(newestFirst[b]?.seriesId === issue.seriesId) - Number(newestFirst[a]?.seriesId === issue.seriesId) ||
      Math.abs((days[a] ?? 0) - day) - Math.abs((days[b] ?? 0) - day) ||
      (newestFirst[a]?.url ?? "").localeCompare(newestFirst[b]?.url ?? "");
    // Keep the best `count` while scanning instead of sorting thousands of candidates.
    const best: number[] = [];
    for (const candidate of candidates) {
      if (candidate === self || best.includes(candidate)) continue;
      const at = best.findIndex((kept) => outranks(candidate, kept) < 0);
      if (at !== -1) best.splice(at, 0, candidate);
      else if (best.length < count) best.push(candidate);
      if (best.length > count) best.pop();
    }
    for (const position of seen) shared[position] = 0;
    sharingExactly.fill(0);
    related.set(issue.url, best.map((position) => newestFirst[position]).filter((other): other is Issue => other !== undefined));
  });
  return related;
}

function groupPositions(pairs: readonly (readonly [string, number])[]): Map<string, number[]> {
  const groups = new Map<string, number[]>();
  for (const [key, position] of pairs) {
    const group = groups.get(key);
    if (group) group.push(position);
    else groups.set(key, [position]);
  }
  return groups;
}

/**
 * Up to `count` positions on each side of `index` in a date-ordered list of positions, and beyond
 * that any that share the date of the farthest one taken, so equally close issues all get a chance.
 */
function nearby(list: readonly number[], index: number, count: number, days: Float64Array): number[] {
  const dayAt = (at: number) => days[list[at] ?? -1];
  let start = Math.max(0, index - count);
  let end = Math.min(list.length - 1, index + count);
  while (start > 0 && dayAt(start - 1) === dayAt(start)) start--;
  while (end < list.length - 1 && dayAt(end + 1) === dayAt(end)) end++;
  return list.slice(start, end + 1);
}
