// buildSearchIndex on hand-made sites: which pages it indexes, where it writes, how it fails.
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, test, vi } from "vitest";
import { buildSearchIndex, SearchIndexError } from "../../src/search/build-search-index.ts";
import { contentNamedFiles, removeUnusedLinkedFiles } from "../../src/search/search-bundle.ts";
import { siteManifest } from "../support/manifest.ts";
import { pagefindStandIn } from "../support/pagefind-stand-in.ts";
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

  describe("Pagefind's process", () => {
    // The priorities a stand-in noted for each indexing of `site`.
    const indexingPriorities = (site: string) =>
      readFileSync(path.join(site, "notes"), "utf8").split("\n").filter((line) => line.endsWith(" --site")).map((line) => Number(line.split(" ")[0]));

    test("runs at the lowest priority when asked, writing the same bundle, and at the usual one otherwise", async () => {
      const sites = [false, true].map((lowPriority) => {
        const site = writeTinySite({ "issues/one/index.html": issuePage("One", "About zebras.") });
        return { site, lowPriority, binary: pagefindStandIn(site, path.join(site, "notes")) };
      });
      for (const { site, lowPriority, binary } of sites) {
        process.env[binaryVariable] = binary;
        expect((await buildSearchIndex(site, { lowPriority })).pages).toBe(1);
      }
      const [usual, low] = sites.map(({ site }) => indexingPriorities(site));
      expect(low).toEqual([19]);
      expect(usual).toHaveLength(1);
      expect(usual?.[0]).toBeLessThan(19);
      expect(siteManifest(path.join(sites[1]?.site ?? "", "pagefind"))).toEqual(siteManifest(path.join(sites[0]?.site ?? "", "pagefind")));
    });

    test("is stopped when the build gives up on it, and says so", async () => {
      const site = writeTinySite({ "issues/one/index.html": issuePage("One", "Text.") });
      process.env[binaryVariable] = pagefindStandIn(site, path.join(site, "notes"), "exec sleep 600");
      const stop = new AbortController();
      const indexing = buildSearchIndex(site, { signal: stop.signal });
      // Aborted once the stand-in runs: it has written its notes.
      while (!existsSync(path.join(site, "notes"))) await new Promise((resolve) => setTimeout(resolve, 20));
      stop.abort();
      const outcome = await Promise.race([indexing.catch((error: unknown) => error), new Promise((resolve) => setTimeout(() => resolve("still running"), 30_000))]);
      expect(outcome).toBeInstanceOf(SearchIndexError);
      expect((outcome as Error).message).toMatch(/stopped, as the build failed/);
    });
  });

  describe("reusing an earlier bundle", () => {
    const twoIssues = { "issues/one/index.html": issuePage("One", "About zebras."), "issues/two/index.html": issuePage("Two", "About giraffes.") };
    const afterAnEdit = { "issues/one/index.html": issuePage("One", "About zebras."), "issues/three/index.html": issuePage("Three", "About okapis.") };

    test("gives the bundle a fresh index gives, shares the unchanged files and leaves the earlier bundle as it was", async () => {
      const earlier = writeTinySite(twoIssues);
      await buildSearchIndex(earlier);
      const earlierBundle = siteManifest(path.join(earlier, "pagefind"));

      const reusing = writeTinySite(afterAnEdit);
      const report = await buildSearchIndex(reusing, { previousBundle: path.join(earlier, "pagefind") });
      const fresh = writeTinySite(afterAnEdit);
      await buildSearchIndex(fresh);

      expect(report.pages).toBe(2);
      // Nothing of the removed issue two is left: the very files a fresh index writes, byte for byte.
      expect(siteManifest(path.join(reusing, "pagefind"))).toEqual(siteManifest(path.join(fresh, "pagefind")));
      expect(siteManifest(path.join(earlier, "pagefind"))).toEqual(earlierBundle);
      // Issue one's fragment did not change: it is the earlier bundle's file, linked.
      const shared = (await contentNamedFiles(path.join(reusing, "pagefind"))).filter((file) => existsSync(path.join(earlier, "pagefind", file)));
      expect(shared.some((file) => file.startsWith("fragment/"))).toBe(true);
      for (const file of shared) expect(statSync(path.join(reusing, "pagefind", file)).ino).toBe(statSync(path.join(earlier, "pagefind", file)).ino);
    });

    test("a bundle another Pagefind version wrote is not reused: its files could be named alike", async () => {
      const earlier = writeTinySite(twoIssues);
      await buildSearchIndex(earlier);
      const entryFile = path.join(earlier, "pagefind", "pagefind-entry.json");
      writeFileSync(entryFile, readFileSync(entryFile, "utf8").replace(/"version":"[^"]+"/, '"version":"0.0.1"'));
      const reusing = writeTinySite(afterAnEdit);
      await buildSearchIndex(reusing, { previousBundle: path.join(earlier, "pagefind") });
      const fresh = writeTinySite(afterAnEdit);
      await buildSearchIndex(fresh);
      expect(siteManifest(path.join(reusing, "pagefind"))).toEqual(siteManifest(path.join(fresh, "pagefind")));
      const files = await contentNamedFiles(path.join(reusing, "pagefind"));
      const linked = files.filter((file) => existsSync(path.join(earlier, "pagefind", file)) && statSync(path.join(reusing, "pagefind", file)).ino === statSync(path.join(earlier, "pagefind", file)).ino);
      expect(files.length).toBeGreaterThan(0);
      expect(linked).toEqual([]);
    });

    test("indexing a site again in place removes the files of an issue no longer there", async () => {
      const site = writeTinySite(twoIssues);
      await buildSearchIndex(site);
      rmSync(path.join(site, "issues/two"), { recursive: true });
      mkdirSync(path.join(site, "issues/three"));
      writeFileSync(path.join(site, "issues/three/index.html"), afterAnEdit["issues/three/index.html"]);
      await buildSearchIndex(site);
      const fresh = writeTinySite(afterAnEdit);
      await buildSearchIndex(fresh);
      expect(siteManifest(path.join(site, "pagefind"))).toEqual(siteManifest(path.join(fresh, "pagefind")));
    });

    test("removes nothing when the metadata does not name every file just written", async () => {
      const site = writeTinySite(twoIssues);
      await buildSearchIndex(site);
      const bundle = path.join(site, "pagefind");
      const linked = await contentNamedFiles(bundle);
      // A fragment the metadata does not name, as if Pagefind had written it and recorded it otherwise.
      writeFileSync(path.join(bundle, "fragment/en_0123456.pf_fragment"), "unnamed");
      expect(await removeUnusedLinkedFiles(bundle, linked)).toBe(false);
      expect(await contentNamedFiles(bundle)).toEqual([...linked, "fragment/en_0123456.pf_fragment"].sort());
    });
  });
});
