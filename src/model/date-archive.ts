import type { Issue } from "./issue.ts";

export interface MonthGroup {
  /** 1–12. */
  month: number;
  /** `2022-03`, for ids and `<time datetime>`. */
  key: string;
  issues: Issue[];
}

export interface YearGroup {
  year: number;
  href: string;
  count: number;
  months: MonthGroup[];
}

export function yearHref(year: number): string {
  return `/archive/${year}/`;
}

/** Issues grouped by year, then month, newest first, from a newest-first list in one pass. */
export function groupByYearAndMonth(newestFirst: readonly Issue[]): YearGroup[] {
  const years: YearGroup[] = [];
  for (const issue of newestFirst) {
    const year = Number(issue.date.slice(0, 4));
    const month = Number(issue.date.slice(5, 7));
    let yearGroup = years.at(-1);
    if (yearGroup?.year !== year) {
      yearGroup = { year, href: yearHref(year), count: 0, months: [] };
      years.push(yearGroup);
    }
    let monthGroup = yearGroup.months.at(-1);
    if (monthGroup?.month !== month) {
      monthGroup = { month, key: issue.date.slice(0, 7), issues: [] };
      yearGroup.months.push(monthGroup);
    }
    monthGroup.issues.push(issue);
    yearGroup.count++;
  }
  return years;
}
