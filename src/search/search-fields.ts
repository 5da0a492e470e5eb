import type { Issue } from "../model/issue.ts";

/**
 * The Pagefind filters issue pages carry (`data-pagefind-filter`), in the order the search page
 * shows them. The search page's filter pane titles each group with its name, capitalised.
 */
export const searchFilterNames = ["series", "tags", "year"] as const;
export type SearchFilterName = (typeof searchFilterNames)[number];

/** The sort key every issue page carries: Pagefind leaves out pages without it when it sorts. */
export const dateSortKey = "date";

/** Values of the `data-pagefind-*` attributes of an issue page that are not text on the page. */
export interface IssueSearchFields {
  /** `data-pagefind-sort`: the ISO date, which sorts as text, `date:2022-03-10`. */
  sort: string;
  /** `data-pagefind-filter`: the year, `year:2022`. */
  year: string;
  /** `data-pagefind-meta`: the number in its series, `number:20`, or "" for an unnumbered issue. */
  number: string;
}

/** The search fields of an issue; its date is the validated `YYYY-MM-DD`. */
export function issueSearchFields(issue: Pick<Issue, "date" | "number">): IssueSearchFields {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(issue.date)) throw new Error(`search fields: expected a date like 2022-03-10, got ${JSON.stringify(issue.date)}`);
  return {
    sort: `${dateSortKey}:${issue.date}`,
    year: `year:${issue.date.slice(0, 4)}`,
    number: issue.number === undefined ? "" : `number:${issue.number}`,
  };
}
