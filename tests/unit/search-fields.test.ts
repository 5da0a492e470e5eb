import { describe, expect, test } from "vitest";
import { dateSortKey, issueSearchFields, searchFilterNames } from "../../src/search/search-fields.ts";

describe("issueSearchFields", () => {
  test.each([
    [{ date: "2022-03-10", number: 20 }, { sort: "date:2022-03-10", year: "year:2022", number: "number:20" }],
    [{ date: "2020-08-25", number: undefined }, { sort: "date:2020-08-25", year: "year:2020", number: "" }],
    [{ date: "1999-12-31", number: 1 }, { sort: "date:1999-12-31", year: "year:1999", number: "number:1" }],
    [{ date: "2021-01-01", number: 0 }, { sort: "date:2021-01-01", year: "year:2021", number: "number:0" }],
  ])("%j has the fields %j", (issue, fields) => {
    expect(issueSearchFields(issue)).toEqual(fields);
  });

  test("the sort key is the date sort the search page asks Pagefind for", () => {
    expect(issueSearchFields({ date: "2022-03-10", number: undefined }).sort.split(":")[0]).toBe(dateSortKey);
  });

  test.each([["2022-3-10"], ["10 March 2022"], [""], ["2022-03-10T00:00:00Z"]])("a date that is not YYYY-MM-DD (%j) is an error", (date) => {
    expect(() => issueSearchFields({ date, number: undefined })).toThrow(/search fields: expected a date like 2022-03-10/);
  });
});

describe("searchFilterNames", () => {
  test("are the series, tag and year filters, in the order the search page shows them", () => {
    expect(searchFilterNames).toEqual(["series", "tags", "year"]);
  });
});
