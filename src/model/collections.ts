import type { Issue } from "./issue.ts";

/** Newest first; equal dates fall back to the URL so the order never depends on file system order. */
export function sortIssuesNewestFirst(issues: readonly Issue[]): Issue[] {
  return [...issues].sort((a, b) => (a.date === b.date ? a.url.localeCompare(b.url) : a.date < b.date ? 1 : -1));
}

/** An issue's neighbours by date: overall, and within its own series. */
export interface IssueNeighbours {
  newer?: Issue;
  older?: Issue;
  newerInSeries?: Issue;
  olderInSeries?: Issue;
}

/** For each issue URL, its neighbours in a newest-first list: one pass, not a search per page. */
export function neighboursByUrl(newestFirst: readonly Issue[]): Map<string, IssueNeighbours> {
  const neighbours = new Map<string, IssueNeighbours>();
  const lastInSeries = new Map<string, Issue>();
  newestFirst.forEach((issue, index) => {
    const newerInSeries = lastInSeries.get(issue.seriesId);
    neighbours.set(issue.url, { newer: newestFirst[index - 1], older: newestFirst[index + 1], newerInSeries });
    if (newerInSeries) {
      const newer = neighbours.get(newerInSeries.url);
      if (newer) newer.olderInSeries = issue;
    }
    lastInSeries.set(issue.seriesId, issue);
  });
  return neighbours;
}
