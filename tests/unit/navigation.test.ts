import { describe, expect, test } from "vitest";
import { isCurrentNavItem } from "../../src/model/navigation.ts";

describe("isCurrentNavItem", () => {
  test.each([
    ["/tags/", "/tags/", true],
    ["/tags/_a-z/", "/tags/", true],
    ["/", "/", true],
    ["/subscribe/", "/subscribe/", true],
    ["/tags/_a-z/", "/", false],
    ["/tags/nlp/", "/tags/", false],
    ["/issues/x/", "/", false],
    ["/feeds/", "/subscribe/", false],
    [false, "/", false],
    [undefined, "/", false],
  ] as const)("page %j, link %s: %s", (pageUrl, href, current) => {
    expect(isCurrentNavItem(pageUrl, href)).toBe(current);
  });
});
