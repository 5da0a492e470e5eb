// Eleventy's lookups made cheap (src/eleventy/internals/eleventy-lookups.ts) answer as Eleventy's own do:
// the template map indexed by input path, also once the map has grown and for paths it does not
// hold, path normalisation remembered, and the dependency graph's edges and order.
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { expect, test } from "vitest";
import { indexDependencyGraphEdges, indexTemplateMapLookups, memoisePathNormalisation } from "../../src/eleventy/internals/eleventy-lookups.ts";
import { eleventyModule } from "../../src/eleventy/internals/eleventy-module.ts";

interface Entry {
  inputPath: string;
}
type Lookup = (this: { map: Entry[] }, inputPath: string) => Entry | undefined;

async function templateMapPrototype(): Promise<{ getMapEntryForInputPath: Lookup }> {
  const url = eleventyModule("TemplateMap.js");
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
  const url = eleventyModule("Util/PathNormalizer.js");
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

interface Graph {
  circular: boolean;
  outgoingEdges: Map<string, string[]>;
  incomingEdges: Map<string, string[]>;
  addNode(node: string): void;
  addDependency(from: string, to: string): boolean;
  removeDependency(from: string, to: string): void;
  removeNode(node: string): void;
  overallOrder(leavesOnly?: boolean): string[];
}
type GraphClass = { new (options?: { circular?: boolean }): Graph; prototype: Graph };

/** The `DepGraph` Eleventy imports, and Eleventy's subclass of it. */
async function dependencyGraphClasses(): Promise<{ DepGraph: GraphClass; TemplateDepGraph: GraphClass }> {
  const url = eleventyModule("Util/TemplateDepGraph.js");
  const resolved = createRequire(url).resolve("dependency-graph");
  const { DepGraph } = (await import(pathToFileURL(resolved).href)) as { DepGraph: GraphClass };
  const { TemplateDepGraph } = (await import(url.href)) as { TemplateDepGraph: GraphClass };
  return { DepGraph, TemplateDepGraph };
}

/** A deterministic sequence of numbers in [0, 1) for a seed. */
function numbers(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

test("the dependency graph's edges and order are the library's own, with cycles, removals and leaves only", async () => {
  const { DepGraph, TemplateDepGraph } = await dependencyGraphClasses();
  const { addDependency: originalAdd, overallOrder: originalOrder } = DepGraph.prototype;
  await indexDependencyGraphEdges();
  await indexDependencyGraphEdges(); // a second call does not wrap twice
  expect((DepGraph.prototype.addDependency as { indexed?: boolean }).indexed).toBe(true);
  expect((DepGraph.prototype.addDependency as { original?: unknown }).original).toBe(originalAdd);
  // Eleventy's own graph class inherits them: the same module instance was patched.
  expect(TemplateDepGraph.prototype.overallOrder).not.toBe(originalOrder);
  expect(Object.getPrototypeOf(TemplateDepGraph.prototype).addDependency).toBe(DepGraph.prototype.addDependency);

  for (let seed = 1; seed <= 60; seed++) {
    const random = numbers(seed);
    const circular = seed % 4 !== 0;
    const [indexed, reference] = [new DepGraph({ circular }), new DepGraph({ circular })];
    const nodes = Array.from({ length: 5 + Math.floor(random() * 40) }, (_, index) => `n${index}`);
    for (const node of nodes) for (const graph of [indexed, reference]) graph.addNode(node);
    const pick = () => nodes[Math.floor(random() * nodes.length)] as string;
    for (let step = 0; step < nodes.length * 4; step++) {
      const [from, to, action] = [pick(), pick(), random()];
      // An acyclic graph only gets edges from a later node to an earlier one.
      if (!circular && from <= to) continue;
      if (action < 0.8) {
        indexed.addDependency(from, to);
        originalAdd.call(reference, from, to);
      } else if (action < 0.95) {
        for (const graph of [indexed, reference]) graph.removeDependency(from, to);
      } else if (indexed.outgoingEdges.has(from)) {
        for (const graph of [indexed, reference]) graph.removeNode(from);
        nodes.splice(nodes.indexOf(from), 1);
        for (const graph of [indexed, reference]) graph.addNode(from);
        nodes.push(from);
      }
    }
    expect([...indexed.outgoingEdges], `seed ${seed}`).toEqual([...reference.outgoingEdges]);
    expect([...indexed.incomingEdges], `seed ${seed}`).toEqual([...reference.incomingEdges]);
    for (const leavesOnly of [false, true]) {
      expect(indexed.overallOrder(leavesOnly), `seed ${seed}, leaves only ${leavesOnly}`).toEqual(originalOrder.call(reference, leavesOnly));
    }
  }
  expect(() => new DepGraph().addDependency("a", "b")).toThrow("Node does not exist: a");
});
