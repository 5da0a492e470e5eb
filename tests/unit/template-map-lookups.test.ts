// Eleventy's template map, indexed by input path (src/eleventy/template-map-lookups.ts), answers
// as Eleventy's own scan does, also once the map has grown and for paths it does not hold.
import path from "node:path";
import { expect, test } from "vitest";
import { indexTemplateMapLookups } from "../../src/eleventy/template-map-lookups.ts";

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
