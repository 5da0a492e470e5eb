import { describe, expect, test } from "vitest";
import { isIssueHref, issueHref, issueSlug } from "../../src/model/issue-url.ts";

describe("issueSlug", () => {
  test.each([
    ["issues/2022-03-10-gradient-update-20.md", "gradient-update-20"],
    ["/abs/path/issues/2021-12-11-link-digest-moores-law-ai-progress.md", "link-digest-moores-law-ai-progress"],
    ["2022-03-10-Gradient-Update-20.md", "gradient-update-20"],
    ["2022-03-10-Gradient_Update 20.md", "gradient-update-20"],
    ["2022-03-10-What's new?!.md", "what-s-new"],
    ["2022-03-10--double--dash--.md", "double-dash"],
    ["2022-03-10gradient.md", "gradient"],
    ["issues/notes.md", "notes"],
    ["2022-03-10-2022-review.md", "2022-review"],
    ["2022-03-10-Ünï Côde.md", "ünï-côde"],
    ["2022-03-10-ＡＢＣ.md", "abc"],
    ["issues/v1.2-notes.md", "v1-2-notes"],
  ])("%j has slug %j", (file, slug) => {
    expect(issueSlug(file)).toBe(slug);
  });

  test.each(["issues/2022-03-10.md", "2022-03-10-.md", "2022-03-10-!!!.md"])(
    "%j has no slug left once the date is stripped",
    (file) => {
      expect(issueSlug(file)).toBe("");
    },
  );
});

describe("issueHref", () => {
  test("an issue lives at /issues/<slug>/", () => {
    expect(issueHref("gradient-update-20")).toBe("/issues/gradient-update-20/");
  });
});

describe("isIssueHref", () => {
  test.each([
    ["/issues/gradient-update-20/", true],
    [issueHref("a"), true],
    ["/issues/", false],
    ["/issues/a/b/", false],
    ["/issues/a", false],
    ["/tags/issues/a/", false],
    ["/issues/a/feed.xml", false],
  ])("%s: %s", (url, expected) => {
    expect(isIssueHref(url)).toBe(expected);
  });
});
