import { DateTime } from "luxon";
import { afterEach, describe, expect, test } from "vitest";
import { isoDate, monthName, parseIssueDate, readableDate } from "../../src/model/dates.ts";

describe("parseIssueDate", () => {
  test.each([
    ["2022-03-10", "2022-03-10T00:00:00.000Z"],
    ["2020-02-29", "2020-02-29T00:00:00.000Z"],
    ["2021-12-31", "2021-12-31T00:00:00.000Z"],
  ])("%j is midnight UTC on that day", (text, iso) => {
    const date = parseIssueDate(text);
    expect(date?.toISO()).toBe(iso);
    expect(date?.zoneName).toBe("UTC");
  });

  test.each([
    ["2022-02-30", "a day February does not have"],
    ["2021-02-29", "29 February outside a leap year"],
    ["2022-13-01", "a thirteenth month"],
    ["2022-00-10", "month zero"],
    ["2022-03-00", "day zero"],
    ["2022-04-31", "31 April"],
    ["March", "a month name"],
    ["10 March 2022", "a written-out date"],
    ["2022-3-1", "single-digit month and day"],
    ["2022/03/10", "slashes"],
    ["2022-03-10T00:00", "a time"],
    [" 2022-03-10", "leading space"],
    ["2022-03-10 ", "trailing space"],
    ["20220310", "no separators"],
    ["", "nothing"],
  ])("rejects %j (%s)", (text) => {
    expect(parseIssueDate(text)).toBeUndefined();
  });
});

describe("readableDate and isoDate", () => {
  const originalTz = process.env.TZ;
  afterEach(() => {
    if (originalTz === undefined) delete process.env.TZ;
    else process.env.TZ = originalTz;
  });

  test.each([
    ["UTC", 0],
    ["Pacific/Kiritimati", -840],
    ["America/Los_Angeles", 480],
    ["Asia/Kolkata", -330],
  ])("show the same day on a machine in %s", (zone, offsetMinutes) => {
    process.env.TZ = zone;
    // The zone really is in effect for this process.
    expect(new Date(Date.UTC(2022, 2, 10, 12)).getTimezoneOffset()).toBe(offsetMinutes);

    const parsed = parseIssueDate("2022-03-10");
    if (!parsed) throw new Error("2022-03-10 should parse");
    expect(readableDate(parsed)).toBe("10 March 2022");
    expect(isoDate(parsed)).toBe("2022-03-10");

    // Instants late and early in the UTC day stay on their UTC calendar day.
    expect(readableDate(new Date("2022-03-10T23:30:00Z"))).toBe("10 March 2022");
    expect(isoDate(new Date("2022-03-10T23:30:00Z"))).toBe("2022-03-10");
    expect(readableDate(new Date("2022-03-10T00:30:00Z"))).toBe("10 March 2022");
    expect(isoDate(new Date("2022-03-10T00:30:00Z"))).toBe("2022-03-10");
  });

  test.each([
    ["en-GB", "10 March 2022"],
    ["en-US", "March 10, 2022"],
    ["fr", "10 mars 2022"],
  ])("readableDate in %s is %j", (locale, text) => {
    expect(readableDate(DateTime.utc(2022, 3, 10), locale)).toBe(text);
  });

  test("a DateTime in another zone is shown as its UTC day", () => {
    const evening = DateTime.fromISO("2022-03-10T20:00:00", { zone: "America/New_York" });
    expect(isoDate(evening)).toBe("2022-03-11");
    expect(readableDate(evening)).toBe("11 March 2022");
  });

  test("isoDate of an invalid Date is empty, not the text 'null'", () => {
    expect(isoDate(new Date("not a date"))).toBe("");
  });
});

describe("monthName", () => {
  const originalTz = process.env.TZ;
  afterEach(() => {
    if (originalTz === undefined) delete process.env.TZ;
    else process.env.TZ = originalTz;
  });

  test.each([
    ["2022-03", "March 2022"],
    ["2022-01", "January 2022"],
    ["2021-12", "December 2021"],
    ["2020-02", "February 2020"],
    ["1999-09", "September 1999"],
  ])("%j is %j", (key, name) => {
    expect(monthName(key)).toBe(name);
  });

  test.each([
    ["Pacific/Kiritimati"],
    ["America/Los_Angeles"],
  ])("names the same month on a machine in %s", (zone) => {
    process.env.TZ = zone;
    expect(monthName("2022-03")).toBe("March 2022");
    expect(monthName("2022-01")).toBe("January 2022");
  });

  test.each([
    ["fr", "mars 2022"],
    ["de", "März 2022"],
    ["en-US", "March 2022"],
  ])("in %s, 2022-03 is %j", (locale, name) => {
    expect(monthName("2022-03", locale)).toBe(name);
  });

  test.each([
    ["2022-13", "a thirteenth month"],
    ["2022-00", "month zero"],
    ["2022-3", "a single-digit month"],
    ["22-03", "a two-digit year"],
    ["2022-03-01", "a whole date"],
    ["2022/03", "a slash"],
    [" 2022-03", "leading space"],
    ["March", "a month name"],
    ["March 2022", "an already readable month"],
    ["", "nothing"],
  ])("throws for %j (%s)", (key) => {
    expect(() => monthName(key)).toThrow(/expected a month like 2022-03/);
  });
});
