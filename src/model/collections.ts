import type { Issue } from "./issue.ts";
import type { Series } from "./series.ts";
import type { Tag } from "./tags.ts";

/** Newest first; equal dates fall back to the URL so the order never depends on file system order. */
export function sortIssuesNewestFirst(issues: readonly Issue[]): Issue[] {
  return [...issues].sort((a, b) => (a.date === b.date ? a.url.localeCompare(b.url) : a.date < b.date ? 1 : -1));
}

/** For each issue URL, its neighbours in a newest-first list: one pass, not a search per page. */
export function neighboursByUrl(newestFirst: readonly Issue[]): Map<string, { newer?: Issue; older?: Issue }> {
  const neighbours = new Map<string, { newer?: Issue; older?: Issue }>();
  newestFirst.forEach((issue, index) => {
    neighbours.set(issue.url, { newer: newestFirst[index - 1], older: newestFirst[index + 1] });
  });
  return neighbours;
}

/** A tag with the issues that carry it, newest first. */
export interface TagGroup extends Tag {
  issues: Issue[];
}

/** Groups issues by tag in one pass over issues × tags; groups sorted by issue count, then name. */
export function groupIssuesByTag(newestFirst: readonly Issue[]): TagGroup[] {
  const groups = new Map<string, TagGroup>();
  for (const issue of newestFirst) {
    for (const tag of issue.tags) {
      const group = groups.get(tag.slug) ?? { ...tag, issues: [] };
      group.issues.push(issue);
      groups.set(tag.slug, group);
    }
  }
  return [...groups.values()].sort(
    (a, b) => b.issues.length - a.issues.length || a.slug.localeCompare(b.slug),
  );
}

/** A series with its issues, newest first. */
export interface SeriesGroup extends Series {
  issues: Issue[];
}

/** Every registered series with its issues, in registry order; series without issues are kept. */
export function groupIssuesBySeries(newestFirst: readonly Issue[], registry: readonly Series[]): SeriesGroup[] {
  const groups = new Map(registry.map((series) => [series.id, { ...series, issues: [] as Issue[] }]));
  for (const issue of newestFirst) groups.get(issue.seriesId)?.issues.push(issue);
  return [...groups.values()];
}
