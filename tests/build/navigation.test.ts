// The header's nav marks the item of the page a reader is on, read back from the real site.
import { readdirSync } from "node:fs";
import { describe, expect, inject, test } from "vitest";
import { loadPage } from "../support/site.ts";

const site = inject("realSite");
const current = (url: string) => {
  const $ = loadPage(site, url);
  return $('.site-nav a[aria-current="page"]').map((_, a) => $(a).text()).get();
};

describe("the header's current item", () => {
  test.each([
    ["/", "Issues"],
    ["/archive/", "Archive"],
    ["/tags/", "Tags"],
    ["/tags/_a-z/", "Tags"],
    ["/series/", "Series"],
    ["/search/", "Search"],
    ["/subscribe/", "Subscribe"],
  ])("on %s is %s, and only it", (url, item) => {
    expect(current(url)).toEqual([item]);
  });

  test("no page marks more than one item, and an issue, a tag's archive or /feeds/ marks none", () => {
    const pages = readdirSync(site, { recursive: true, encoding: "utf8" }).filter((file) => file.endsWith(".html"));
    expect(pages.length).toBeGreaterThan(40);
    for (const file of pages) expect(current(`/${file.replace(/index\.html$/, "")}`).length, file).toBeLessThanOrEqual(1);
    for (const url of ["/issues/gradient-update-20/", "/tags/performance/", "/feeds/"]) expect(current(url), url).toEqual([]);
  });
});
