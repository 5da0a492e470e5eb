import { describe, expect, test } from "vitest";
import { sortIssuesNewestFirst } from "../../src/model/collections.ts";
import { groupByYearAndMonth, yearHref, type YearGroup } from "../../src/model/date-archive.ts";
import type { Issue } from "../../src/model/issue.ts";
import { issue } from "../support/issue-builder.ts";


/** Years as `[year, count, [[month key, slugs]]]`, to compare at a glance. */
function shape(years: readonly YearGroup[]): [number, number, [string, string[]][]][] {
  return years.map((year) => [year.year, year.count, year.months.map((month) => [month.key, month.issues.map((each) => each.slug)])]);
}

describe("yearHref", () => {
  test.each([
    [2022, "/archive/2022/"],
    [1999, "/archive/1999/"],
  ])("%i is at %j", (year, href) => {
    expect(yearHref(year)).toBe(href);
  });
});

describe("groupByYearAndMonth", () => {
  test.each<[string, Issue[], ReturnType<typeof shape>]>([
    ["no issues", [], []],
    ["one issue", [issue("a", "2022-03-10")], [[2022, 1, [["2022-03", ["a"]]]]]],
    [
      "one month",
      [issue("b", "2022-03-20"), issue("a", "2022-03-01")],
      [[2022, 2, [["2022-03", ["b", "a"]]]]],
    ],
    [
      "months of one year, newest first",
      [issue("d", "2022-12-31"), issue("c", "2022-03-20"), issue("b", "2022-03-01"), issue("a", "2022-01-01")],
      [[2022, 4, [["2022-12", ["d"]], ["2022-03", ["c", "b"]], ["2022-01", ["a"]]]]],
    ],
    [
      "several years, with a gap and the same month in different years",
      [issue("e", "2022-03-05"), issue("d", "2021-12-31"), issue("c", "2021-03-15"), issue("b", "2021-03-01"), issue("a", "2019-03-05")],
      [
        [2022, 1, [["2022-03", ["e"]]]],
        [2021, 3, [["2021-12", ["d"]], ["2021-03", ["c", "b"]]]],
        [2019, 1, [["2019-03", ["a"]]]],
      ],
    ],
    [
      "the turn of a year",
      [issue("b", "2022-01-01"), issue("a", "2021-12-31")],
      [
        [2022, 1, [["2022-01", ["b"]]]],
        [2021, 1, [["2021-12", ["a"]]]],
      ],
    ],
  ])("%s", (_, newestFirst, expected) => {
    expect(shape(groupByYearAndMonth(newestFirst))).toEqual(expected);
  });

  test("years link to their archive page and months carry their number", () => {
    const [year] = groupByYearAndMonth([issue("b", "2021-11-02"), issue("a", "2021-02-01")]);
    expect(year?.href).toBe("/archive/2021/");
    expect(year?.months.map((month) => [month.month, month.key])).toEqual([
      [11, "2021-11"],
      [2, "2021-02"],
    ]);
  });

  test("every issue is in exactly one month, in order, and each year counts its months' issues", () => {
    const issues = sortIssuesNewestFirst(
      Array.from({ length: 200 }, (_, index) =>
        issue(`i${index}`, `${2015 + (index % 7)}-${String(1 + ((index * 5) % 12)).padStart(2, "0")}-${String(1 + (index % 28)).padStart(2, "0")}`),
      ),
    );
    const years = groupByYearAndMonth(issues);
    expect(years.flatMap((year) => year.months.flatMap((month) => month.issues))).toEqual(issues);
    expect(years.map((year) => year.year)).toEqual([2021, 2020, 2019, 2018, 2017, 2016, 2015]);
    for (const year of years) {
      expect(year.count).toBe(year.months.reduce((sum, month) => sum + month.issues.length, 0));
      expect(year.months.map((month) => month.month)).toEqual([...year.months.map((month) => month.month)].sort((a, b) => b - a));
      expect(new Set(year.months.map((month) => month.key)).size).toBe(year.months.length);
      for (const month of year.months) {
        expect(month.issues.every((each) => each.date.startsWith(`${month.key}-`))).toBe(true);
        expect(month.key.startsWith(`${year.year}-`)).toBe(true);
      }
    }
    expect(years.reduce((sum, year) => sum + year.count, 0)).toBe(200);
  });
});
