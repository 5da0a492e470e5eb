// What the project replaces inside Eleventy's installed package (src/eleventy/internals/) is there,
// in the shape each replacement relies on. An Eleventy upgrade that moves one fails here, by name,
// rather than in a build; docs/architecture.md lists what each replacement fixes.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { expect, test } from "vitest";
import { depGraphTarget, pathNormalizerTarget, templateMapTarget } from "../../src/eleventy/internals/eleventy-lookups.ts";
import { eleventyModule, eleventyVersion } from "../../src/eleventy/internals/eleventy-module.ts";
import { loadEleventyTemplate } from "../../src/eleventy/internals/eleventy-template.ts";
import { generateTemplatesInTurn } from "../../src/eleventy/internals/templates-in-turn.ts";

const require = createRequire(import.meta.url);

test("the installed Eleventy is the release the internals were written against", () => {
  const installed = JSON.parse(readFileSync(new URL("../package.json", eleventyModule("Eleventy.js")), "utf8")) as { version: string };
  expect(eleventyVersion).toBe("3.1.8");
  expect(installed.version).toBe(eleventyVersion);
});

test("TemplateMap.getMapEntryForInputPath scans `this.map` by input path (indexTemplateMapLookups)", async () => {
  const { scan } = await templateMapTarget();
  const map = [{ inputPath: "./issues/a.md" }, { inputPath: "./issues/b.md" }];
  expect(scan.call({ map } as never, "./issues/b.md")).toBe(map[1]);
  expect(scan.call({ map } as never, "./issues/c.md")).toBeUndefined();
});

test("PathNormalizer.fullNormalization is a function of the path alone (memoisePathNormalisation)", async () => {
  const { PathNormalizer, normalise } = await pathNormalizerTarget();
  expect(normalise.call(PathNormalizer, "./issues/a.md")).toBe("issues/a.md");
  expect(normalise.call(PathNormalizer, "./issues/a.md")).toBe(normalise.call(PathNormalizer, "issues//a.md"));
});

test("dependency-graph, as Eleventy resolves it, is 1.0 with the edge maps and methods indexDependencyGraphEdges replaces", async () => {
  const resolved = createRequire(eleventyModule("Util/TemplateDepGraph.js")).resolve("dependency-graph/package.json");
  expect((require(resolved) as { version: string }).version).toBe("1.0.0");
  const { DepGraph, overallOrder } = await depGraphTarget();
  const graph = new DepGraph({ circular: true });
  expect(graph.circular).toBe(true);
  for (const map of [graph.nodes, graph.outgoingEdges, graph.incomingEdges]) expect(map).toBeInstanceOf(Map);
  expect(typeof graph.hasNode).toBe("function");
  // Whether or not another test file patched it first, the library's own order is reachable.
  const original = (overallOrder as { original?: typeof overallOrder }).original ?? overallOrder;
  expect(typeof original).toBe("function");
});

test("Template has the _write, generateMapEntry and caches that releaseWrittenPages and generateTemplatesInTurn replace or clear", async () => {
  const { Template } = await loadEleventyTemplate<{ _write: unknown; generateMapEntry: unknown }>();
  expect(typeof Template.prototype._write).toBe("function");
  expect(typeof Template.prototype.generateMapEntry).toBe("function");
  const statics = Template as unknown as { deleteFromInputCache?: unknown; _compileCache?: unknown };
  expect(typeof statics.deleteFromInputCache).toBe("function");
  expect(statics._compileCache).toBeInstanceOf(Map);
  // The caches it deletes are the ones Template and its parent class fill.
  const source = ["Template.js", "TemplateContent.js"].map((file) => readFileSync(eleventyModule(file), "utf8")).join("\n");
  for (const name of ["_cacheRenderedPromise", "_cacheRenderedTransformsAndLayoutsPromise", "readingPromise", "inputContent"]) expect(source).toContain(name);
});

test("a guard whose internal is gone names it, the version written against and the guard", () => {
  expect(() => generateTemplatesInTurn({})).toThrow(
    "Template.js: Template.prototype.generateMapEntry: expected a function, as in Eleventy 3.1.8, got undefined; generateTemplatesInTurn replaces it",
  );
});
