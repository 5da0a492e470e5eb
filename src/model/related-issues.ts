import type { Issue } from "./issue.ts";

/** Related issues per issue page.
 *  @default 3 */
const defaultCount = 3;

/**
 * For every issue, up to `count` others ranked by shared tags, then same series, then closeness
 * in date, then URL, so the choice never changes between builds. Candidates come from the tag
 * index and each issue's date neighbours, not from comparing every pair of issues.
 */
export function relatedIssues(newestFirst: readonly Issue[], count = defaultCount): Map<string, Issue[]> {
  const byTag = groupBy(newestFirst.flatMap((issue) => issue.tags.map((tag) => [tag.slug, issue] as const)));
  const bySeries = groupBy(newestFirst.map((issue) => [issue.seriesId, issue] as const));
  const overallIndex = new Map(newestFirst.map((issue, index) => [issue, index]));
  const seriesIndex = new Map([...bySeries.values()].flatMap((list) => list.map((issue, index) => [issue, index] as const)));

  const dayOf = new Map(newestFirst.map((issue) => [issue, Date.parse(issue.date)]));
  const related = new Map<string, Issue[]>();
  for (const issue of newestFirst) {
    const shared = new Map<Issue, number>();
    for (const tag of issue.tags) {
      for (const other of byTag.get(tag.slug) ?? []) shared.set(other, (shared.get(other) ?? 0) + 1);
    }
    const candidates = new Set([
      ...shared.keys(),
      ...nearby(bySeries.get(issue.seriesId) ?? [], seriesIndex.get(issue) ?? 0, count),
      ...nearby(newestFirst, overallIndex.get(issue) ?? 0, count),
    ]);
    candidates.delete(issue);
    const day = dayOf.get(issue) ?? 0;
    const outranks = (a: Issue, b: Issue) =>
      (shared.get(b) ?? 0) - (shared.get(a) ?? 0) ||
      Number(b.seriesId === issue.seriesId) - Number(a.seriesId === issue.seriesId) ||
      Math.abs((dayOf.get(a) ?? 0) - day) - Math.abs((dayOf.get(b) ?? 0) - day) ||
      a.url.localeCompare(b.url);
    // Keep the best `count` while scanning: a popular tag can make thousands of candidates.
    const ranked: Issue[] = [];
    for (const candidate of candidates) {
      const at = ranked.findIndex((kept) => outranks(candidate, kept) < 0);
      if (at !== -1) ranked.splice(at, 0, candidate);
      else if (ranked.length < count) ranked.push(candidate);
      if (ranked.length > count) ranked.pop();
    }
    related.set(issue.url, ranked);
  }
  return related;
}

function groupBy(pairs: readonly (readonly [string, Issue])[]): Map<string, Issue[]> {
  const groups = new Map<string, Issue[]>();
  for (const [key, issue] of pairs) {
    const group = groups.get(key);
    if (group) group.push(issue);
    else groups.set(key, [issue]);
  }
  return groups;
}

/**
 * Up to `count` issues on each side of `index` in a date-ordered list, and beyond that any that
 * share the date of the farthest one taken, so equally close issues all get a chance.
 */
function nearby(list: readonly Issue[], index: number, count: number): Issue[] {
  let start = Math.max(0, index - count);
  let end = Math.min(list.length - 1, index + count);
  while (start > 0 && list[start - 1]?.date === list[start]?.date) start--;
  while (end < list.length - 1 && list[end + 1]?.date === list[end]?.date) end++;
  return list.slice(start, end + 1);
}
