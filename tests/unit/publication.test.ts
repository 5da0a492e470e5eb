import { describe, expect, test } from "vitest";
import { isShown, publicationPolicy, publicationStatus } from "../../src/model/publication.ts";

describe("publicationStatus", () => {
  test.each([
    [{ draft: false, date: "2022-03-09" }, "2022-03-10", "published"],
    [{ draft: false, date: "2022-03-10" }, "2022-03-10", "published"],
    [{ draft: false, date: "2022-03-11" }, "2022-03-10", "scheduled"],
    [{ draft: false, date: "2023-01-01" }, "2022-12-31", "scheduled"],
    [{ draft: true, date: "2020-01-01" }, "2022-03-10", "draft"],
    [{ draft: true, date: "2030-01-01" }, "2022-03-10", "draft"],
  ] as const)("%j on %s is %s", (issue, today, status) => {
    expect(publicationStatus(issue, today)).toBe(status);
  });
});

describe("publicationPolicy", () => {
  const now = new Date("2022-03-10T23:30:00Z");

  test.each([
    [{ ELEVENTY_RUN_MODE: "build" }, false],
    [{ ELEVENTY_RUN_MODE: "serve" }, true],
    [{ ELEVENTY_RUN_MODE: "watch" }, true],
    [{}, false],
    [{ ELEVENTY_RUN_MODE: "Serve" }, false],
  ])("run mode %j shows unpublished issues: %s", (env, shown) => {
    expect(publicationPolicy(env, now).showUnpublished).toBe(shown);
  });

  test("today is the clock's UTC day, whatever the machine's time zone", () => {
    expect(publicationPolicy({}, now).today).toBe("2022-03-10");
    expect(publicationPolicy({}, new Date("2022-03-10T00:30:00+05:00")).today).toBe("2022-03-09");
  });

  test.each([
    ["2030-06-01", "2030-06-01"],
    [" 2021-01-31 ", "2021-01-31"],
    ["", "2022-03-10"],
  ])("BUILD_DATE %j makes today %s", (buildDate, today) => {
    expect(publicationPolicy({ BUILD_DATE: buildDate }, now).today).toBe(today);
  });

  test.each(["2022-02-30", "10 March 2022", "2022-03-10T12:00:00Z", "tomorrow"])("rejects BUILD_DATE %j, naming it", (buildDate) => {
    expect(() => publicationPolicy({ BUILD_DATE: buildDate }, now)).toThrow(`BUILD_DATE: expected a calendar date like 2022-03-10, got ${JSON.stringify(buildDate)}`);
  });
});

describe("isShown", () => {
  const production = { showUnpublished: false, today: "2022-03-10" };
  const development = { showUnpublished: true, today: "2022-03-10" };

  test.each([
    [{ draft: false, date: "2022-03-10" }, true, true],
    [{ draft: false, date: "2022-03-11" }, false, true],
    [{ draft: true, date: "2022-03-01" }, false, true],
  ])("%j: shown in production %s, in development %s", (issue, inProduction, inDevelopment) => {
    expect(isShown(issue, production)).toBe(inProduction);
    expect(isShown(issue, development)).toBe(inDevelopment);
  });
});
