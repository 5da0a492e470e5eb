// Eleventy's lookups made cheap (src/eleventy/eleventy-lookups.ts) answer as Eleventy's own do:
// the template map indexed by input path, also once the map has grown and for paths it does not
// hold, and path normalisation remembered.
import path from "node:path";
import { expect, test } from "vitest";
import { indexTemplateMapLookups, memoisePathNormalisation } from "../../src/eleventy/eleventy-lookups.ts";

interface Entry {
  inputPath: string;
}
type Lookup = (this: { map: Entry[] }, inputPath: string) => Entry | undefined;

async function templateMapPrototype(): Promise<{ getMapEntryForInputPath: Lookup }> {
  const url = new URL("./TemplateMap.js", import.meta.resolve("@11ty/eleventy"));
  return ((await import(url.href)) as { default: { prototype: { getMapEntryForInputPath: Lookup } } }).default.prototype;
}

test("lookups by input path find the entry Eleventy's scan finds, as the map grows", async () => {
  const prototype = await templateMapPrototype();
  const scan = prototype.getMapEntryForInputPath;
  await indexTemplateMapLookups();
  await indexTemplateMapLookups(); // a second call does not wrap twice
  const indexed = prototype.getMapEntryForInputPath;
  expect(indexed).not.toBe(scan);
  expect((indexed as { indexed?: boolean }).indexed).toBe(true);

  const templateMap = { map: [{ inputPath: "./issues/a.md" }, { inputPath: "./issues/b.md" }] };
  const absoluteC = path.resolve("issues/c.md");
  const queries = ["./issues/a.md", "./issues/b.md", "./issues/c.md", absoluteC, "./issues/missing.md", ""];
  const answers = (lookup: Lookup) => queries.map((query) => lookup.call(templateMap, query));

  expect(answers(indexed)).toEqual(answers(scan));
  expect(indexed.call(templateMap, "./issues/b.md")).toBe(templateMap.map[1]);
  expect(indexed.call(templateMap, "./issues/c.md")).toBeUndefined();

  // Entries added after a lookup are found, and an absolute path matches its entry as before.
  templateMap.map.push({ inputPath: "./issues/c.md" }, { inputPath: absoluteC });
  expect(answers(indexed)).toEqual(answers(scan));
  expect(indexed.call(templateMap, "./issues/c.md")).toBe(templateMap.map[2]);
  expect(indexed.call(templateMap, absoluteC)).toBe(scan.call(templateMap, absoluteC));
});

test("a path normalises as Eleventy normalises it, also when asked again", async () => {
  type Normalise = (inputPath: unknown) => unknown;
  const url = new URL("./Util/PathNormalizer.js", import.meta.resolve("@11ty/eleventy"));
  const PathNormalizer = ((await import(url.href)) as { default: { fullNormalization: Normalise } }).default;
  const original = PathNormalizer.fullNormalization;
  const paths = ["./issues/a.md", path.resolve("issues/b.md"), "issues//c.md", "layouts/base.njk", `file://${path.resolve("x.njk")}`, "", undefined];
  const expected = paths.map((each) => original.call(PathNormalizer, each));
  expect(expected.slice(0, 3)).toEqual(["issues/a.md", "issues/b.md", "issues/c.md"]);

  await memoisePathNormalisation();
  await memoisePathNormalisation(); // a second call does not wrap twice
  const memoised = PathNormalizer.fullNormalization;
  expect(memoised).not.toBe(original);
  expect(paths.map((each) => memoised.call(PathNormalizer, each))).toEqual(expected);
  // Again, from what it remembers.
  expect(paths.map((each) => memoised.call(PathNormalizer, each))).toEqual(expected);
});
