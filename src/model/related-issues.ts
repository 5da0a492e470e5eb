import type { Issue } from "./issue.ts";

/** Related issues per issue page.
 *  @default 3 */
const defaultCount = 3;

/**
 * For every issue, up to `count` others ranked by shared tags, then same series, then closeness
 * in date, then URL, so the choice never changes between builds. Candidates come from the tag
 * index and each issue's date neighbours, not from comparing every pair of issues; shared-tag
 * counts live in a typed array indexed by position, because a tag on most issues makes the
 * count loop the hot path of large builds.
 */
export function relatedIssues(newestFirst: readonly Issue[], count = defaultCount): Map<string, Issue[]> {
  const byTag = groupPositions(newestFirst.flatMap((issue, index) => issue.tags.map((tag) => [tag.slug, index] as const)));
  const bySeries = groupPositions(newestFirst.map((issue, index) => [issue.seriesId, index] as const));
  const seriesIndex = new Int32Array(newestFirst.length);
  for (const members of bySeries.values()) members.forEach((position, index) => (seriesIndex[position] = index));
  const days = Float64Array.from(newestFirst, (issue) => Date.parse(issue.date));
  const shared = new Int32Array(newestFirst.length);
  const allPositions = newestFirst.map((_, index) => index);

  const related = new Map<string, Issue[]>();
  newestFirst.forEach((issue, self) => {
    const touched: number[] = [];
    for (const tag of issue.tags) {
      for (const other of byTag.get(tag.slug) ?? []) {
        if (shared[other] === 0) touched.push(other);
        shared[other] = (shared[other] ?? 0) + 1;
      }
    }
    const seriesMembers = bySeries.get(issue.seriesId) ?? [];
    const candidates = [
      ...touched,
      ...nearby(seriesMembers, seriesIndex[self] ?? 0, count, days),
      ...nearby(allPositions, self, count, days),
    ];

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
    for (const position of touched) shared[position] = 0;
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
