// buildSearchIndex on hand-made sites: which pages it indexes, where it writes, how it fails.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, test, vi } from "vitest";
import { buildSearchIndex, SearchIndexError } from "../../src/search/build-search-index.ts";
import { tinyPage, writeTinySite } from "../support/tiny-site.ts";

const issuePage = (title: string, text: string) =>
  tinyPage(`<article data-pagefind-body data-pagefind-sort="date:2022-03-10"><h1>${title}</h1><p>${text}</p></article>`, { title });

function entry(site: string, bundle = "pagefind"): { languages: Record<string, { page_count: number }> } {
  return JSON.parse(readFileSync(path.join(site, bundle, "pagefind-entry.json"), "utf8"));
}

describe("buildSearchIndex", () => {
  const binaryVariable = "PAGEFIND_EXTENDED_BINARY_PATH";
  const binary = process.env[binaryVariable];
  afterEach(() => {
    vi.restoreAllMocks();
    if (binary === undefined) delete process.env[binaryVariable];
    else process.env[binaryVariable] = binary;
  });

  test("indexes the issue pages, whatever other pages mark, and writes the bundle into pagefind/", async () => {
    const site = writeTinySite({
      "index.html": tinyPage("<p>Home: zebra.</p>"),
      "issues/one/index.html": issuePage("One", "About zebras."),
      "issues/two/index.html": issuePage("Two", "About giraffes."),
      "tags/zebra/index.html": tinyPage('<div data-pagefind-body><p>Zebra tag.</p></div>'),
    });
    const report = await buildSearchIndex(site);
    expect(report.pages).toBe(2);
    expect(report.bundle).toBe(path.join(site, "pagefind"));
    expect(report.milliseconds).toBeGreaterThan(0);
    expect(entry(site).languages.en?.page_count).toBe(2);
    expect(existsSync(path.join(site, "pagefind/pagefind.js"))).toBe(true);
    expect(existsSync(path.join(site, "pagefind/pagefind-component-ui.js"))).toBe(true);
  });

  test("writes into another bundle folder when asked", async () => {
    const site = writeTinySite({ "issues/one/index.html": issuePage("One", "Text.") });
    const report = await buildSearchIndex(site, { bundleFolder: "search-bundle" });
    expect(report.bundle).toBe(path.join(site, "search-bundle"));
    expect(entry(site, "search-bundle").languages.en?.page_count).toBe(1);
    expect(existsSync(path.join(site, "pagefind"))).toBe(false);
  });

  test("a site without issue pages gets an empty index, not an index of its other pages", async () => {
    const site = writeTinySite({ "index.html": tinyPage("<p>Home.</p>"), "tags/index.html": tinyPage("<p>Tags.</p>") });
    expect((await buildSearchIndex(site)).pages).toBe(0);
    expect(entry(site).languages).toEqual({});
  });

  test("when Pagefind cannot run, it throws a SearchIndexError that says so", async () => {
    const site = writeTinySite({ "issues/one/index.html": issuePage("One", "Text.") });
    process.env[binaryVariable] = path.join(site, "no-such-pagefind");
    // Pagefind's Node API logs the stopped service itself; the error it throws is what counts.
    vi.spyOn(console, "error").mockImplementation(() => undefined);
    const failure = await buildSearchIndex(site).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(SearchIndexError);
    expect((failure as Error).message).toMatch(/^search index: .+ failed: /);
    expect(existsSync(path.join(site, "pagefind"))).toBe(false);
  });

  test("runs again after a failure: each call starts and stops its own Pagefind", async () => {
    const site = writeTinySite({ "issues/one/index.html": issuePage("One", "Text.") });
    process.env[binaryVariable] = path.join(site, "no-such-pagefind");
    vi.spyOn(console, "error").mockImplementation(() => undefined);
    await expect(buildSearchIndex(site)).rejects.toBeInstanceOf(SearchIndexError);
    if (binary === undefined) delete process.env[binaryVariable];
    else process.env[binaryVariable] = binary;
    expect((await buildSearchIndex(site)).pages).toBe(1);
  });
});
