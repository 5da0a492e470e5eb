import { buildArchives, type Archives } from "./archive-pages.ts";
import { neighboursByUrl, sortIssuesNewestFirst, type IssueNeighbours } from "./collections.ts";
import { groupByYearAndMonth, type YearGroup } from "./date-archive.ts";
import type { Issue } from "./issue.ts";
import { relatedIssues } from "./related-issues.ts";
import type { Series } from "./series.ts";

/** Everything the pages list, derived once per build from the validated issues. */
export interface SiteIndex {
  /** Newest first. */
  issues: Issue[];
  neighbours: Map<string, IssueNeighbours>;
  related: Map<string, Issue[]>;
  archives: Archives;
  years: YearGroup[];
}

export function buildSiteIndex(issues: readonly Issue[], registry: readonly Series[], options: { pageSize: number; homeDescription: string }): SiteIndex {
  const newestFirst = sortIssuesNewestFirst(issues);
  return {
    issues: newestFirst,
    neighbours: neighboursByUrl(newestFirst),
    related: relatedIssues(newestFirst),
    archives: buildArchives(newestFirst, registry, options),
    years: groupByYearAndMonth(newestFirst),
  };
}
