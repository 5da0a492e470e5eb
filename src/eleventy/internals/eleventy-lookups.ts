import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { eleventyModule, internalChanged } from "./eleventy-module.ts";

/**
 * Lookups Eleventy 3.1 makes for every template, several times a build, made cheap. Each
 * replaces a function of Eleventy's (or of the dependency graph it uses), loaded by file from the
 * installed package (the same module instance Eleventy itself imported), and fails loudly if that
 * function is gone.
 */
export async function eleventyLookupsPlugin(): Promise<void> {
  await indexTemplateMapLookups();
  await memoisePathNormalisation();
  await indexDependencyGraphEdges();
}

/**
 * Eleventy finds a template's entry in its template map by scanning the whole map
 * (`TemplateMap.getMapEntryForInputPath`, "hot inner loop?" in its own source), for every
 * template: the cost grows with the square of the number of issues (docs/decisions.md).
 *
 * This keeps an index of the map by input path, made again whenever the map has grown (entries are
 * only ever appended to it). A path the index lacks goes to Eleventy's own scan, which also matches
 * a path's absolute form, so the answers are Eleventy's own: entries' input paths are unique.
 */
export async function indexTemplateMapLookups(): Promise<void> {
  const { prototype, scan } = await templateMapTarget();
  if ((scan as { indexed?: boolean }).indexed) return;
  const indexes = new WeakMap<object, { size: number; byInputPath: Map<unknown, MapEntry> }>();
  const lookup = function (this: TemplateMapInternals, inputPath: string): MapEntry | undefined {
    if (!Array.isArray(this.map)) return scan.call(this, inputPath);
    let index = indexes.get(this);
    if (index?.size !== this.map.length) {
      const byInputPath = new Map<unknown, MapEntry>();
      // The first entry for a path, as a scan finds it.
      for (const entry of this.map) if (!byInputPath.has(entry.inputPath)) byInputPath.set(entry.inputPath, entry);
      index = { size: this.map.length, byInputPath };
      indexes.set(this, index);
    }
    return index.byInputPath.get(inputPath) ?? scan.call(this, inputPath);
  };
  prototype.getMapEntryForInputPath = Object.assign(lookup, { indexed: true });
}

/** Eleventy's `TemplateMap.prototype` and its scan, loaded as Eleventy loads them; throws if the scan is gone. */
export async function templateMapTarget(): Promise<{ prototype: Partial<TemplateMapInternals>; scan: TemplateMapInternals["getMapEntryForInputPath"] }> {
  const moduleUrl = eleventyModule("TemplateMap.js");
  const { default: TemplateMap } = (await import(moduleUrl.href)) as { default: { prototype: Partial<TemplateMapInternals> } };
  const prototype = TemplateMap.prototype;
  const scan = prototype.getMapEntryForInputPath;
  if (typeof scan !== "function") throw internalChanged(moduleUrl.pathname, "TemplateMap.prototype.getMapEntryForInputPath", scan, "indexTemplateMapLookups");
  return { prototype, scan };
}

/**
 * Eleventy normalises a path (`PathNormalizer.fullNormalization`: relative to the working folder,
 * `/`-separated, no leading `./`) each time it compares a changed file with a template's
 * dependencies, twice per template on every rebuild in `npm start` (docs/decisions.md). The
 * result depends only on the path and the working folder, so it is remembered.
 */
export async function memoisePathNormalisation(): Promise<void> {
  const { PathNormalizer, normalise } = await pathNormalizerTarget();
  if ((normalise as { memoised?: boolean }).memoised) return;
  let folder = process.cwd();
  const normalised = new Map<string, unknown>();
  const memoised = function (this: unknown, inputPath: unknown): unknown {
    if (typeof inputPath !== "string") return normalise.call(this, inputPath);
    if (process.cwd() !== folder) {
      folder = process.cwd();
      normalised.clear();
    }
    if (!normalised.has(inputPath)) normalised.set(inputPath, normalise.call(this, inputPath));
    return normalised.get(inputPath);
  };
  PathNormalizer.fullNormalization = Object.assign(memoised, { memoised: true });
}

/** Eleventy's `PathNormalizer` and its `fullNormalization`, loaded as Eleventy loads them; throws if it is gone. */
export async function pathNormalizerTarget(): Promise<{ PathNormalizer: { fullNormalization?: Normalise }; normalise: Normalise }> {
  const moduleUrl = eleventyModule("Util/PathNormalizer.js");
  const { default: PathNormalizer } = (await import(moduleUrl.href)) as { default: { fullNormalization?: Normalise } };
  const normalise = PathNormalizer.fullNormalization;
  if (typeof normalise !== "function") throw internalChanged(moduleUrl.pathname, "PathNormalizer.fullNormalization", normalise, "memoisePathNormalisation");
  return { PathNormalizer, normalise };
}

/**
 * Eleventy keeps its templates, layouts and collections in a graph of the `dependency-graph`
 * package, whose `addDependency` looks for the edge in an array of the node's edges before adding
 * it, and whose `overallOrder`, for a graph that allows cycles (Eleventy's does), looks for each
 * node in the array of the order so far: both grow with the square of the number of issues, as
 * every issue uses its layout and the collections (docs/decisions.md).
 *
 * Here each edge array has a `Set` beside it, made again whenever the array's length is not the
 * set's: edges are only pushed by `addDependency`, which keeps the set, and removed by splicing,
 * which shortens the array. `overallOrder` of a graph with cycles is the library's depth-first
 * search, with its result's membership kept in a set; an acyclic graph keeps the library's own.
 * `DepGraph` is the class Eleventy imports (`dependency-graph`, resolved from Eleventy's module).
 */
export async function indexDependencyGraphEdges(): Promise<void> {
  const { prototype, addDependency, overallOrder } = await depGraphTarget();
  if ((addDependency as { indexed?: boolean }).indexed) return;
  const edgeSets = new WeakMap<unknown[], Set<unknown>>();
  const addEdge = (edges: unknown[] | undefined, node: unknown) => {
    if (!edges) return;
    let set = edgeSets.get(edges);
    if (set?.size !== edges.length) {
      set = new Set(edges);
      edgeSets.set(edges, set);
    }
    if (set.has(node)) return;
    edges.push(node);
    set.add(node);
  };
  const indexedAddDependency = function (this: DepGraphInternals, from: unknown, to: unknown): boolean {
    // The library's checks and messages.
    if (!this.hasNode(from)) throw new Error(`Node does not exist: ${String(from)}`);
    if (!this.hasNode(to)) throw new Error(`Node does not exist: ${String(to)}`);
    addEdge(this.outgoingEdges.get(from), to);
    addEdge(this.incomingEdges.get(to), from);
    return true;
  };
  const indexedOverallOrder = function (this: DepGraphInternals, leavesOnly?: boolean): unknown[] {
    if (!this.circular) return overallOrder.call(this, leavesOnly);
    return circularOverallOrder(this, leavesOnly === true);
  };
  prototype.addDependency = Object.assign(indexedAddDependency, { indexed: true, original: addDependency });
  prototype.overallOrder = Object.assign(indexedOverallOrder, { indexed: true, original: overallOrder });
}

/** dependency-graph's `DepGraph.prototype`, resolved from Eleventy's module as Eleventy imports it; throws if a method replaced is gone. */
export async function depGraphTarget(): Promise<{
  DepGraph: new (options?: { circular?: boolean }) => DepGraphInternals;
  prototype: Partial<DepGraphInternals>;
  addDependency: DepGraphInternals["addDependency"];
  overallOrder: DepGraphInternals["overallOrder"];
}> {
  const resolved = createRequire(eleventyModule("Util/TemplateDepGraph.js")).resolve("dependency-graph");
  const { DepGraph } = (await import(pathToFileURL(resolved).href)) as {
    DepGraph: { new (options?: { circular?: boolean }): DepGraphInternals; prototype: Partial<DepGraphInternals> };
  };
  const prototype = DepGraph.prototype;
  const { addDependency, overallOrder } = prototype;
  if (typeof addDependency !== "function") throw internalChanged(resolved, "DepGraph.prototype.addDependency", addDependency, "indexDependencyGraphEdges");
  if (typeof overallOrder !== "function") throw internalChanged(resolved, "DepGraph.prototype.overallOrder", overallOrder, "indexDependencyGraphEdges");
  return { DepGraph, prototype, addDependency, overallOrder };
}

/**
 * `DepGraph.overallOrder` for a graph that allows cycles, as dependency-graph 1.0 computes it: a
 * depth-first search from each node nothing depends on, then from every node not yet visited, in
 * the order the nodes were added; a node is listed once its dependencies are, cycles are cut where
 * the search meets a node on its own path, and `leavesOnly` lists only nodes without
 * dependencies. The library's second round skips the nodes already listed by scanning the list;
 * here the search skips the nodes it has visited, which are the same ones (a node visited but not
 * listed, when `leavesOnly`, is skipped by the library's search as well).
 */
function circularOverallOrder(graph: DepGraphInternals, leavesOnly: boolean): unknown[] {
  const order: unknown[] = [];
  const visited = new Set<unknown>();
  const search = (start: unknown) => {
    if (visited.has(start)) return;
    const onPath = new Set<unknown>();
    const stack: { node: unknown; expanded: boolean }[] = [{ node: start, expanded: false }];
    while (stack.length > 0) {
      const current = stack[stack.length - 1] as { node: unknown; expanded: boolean };
      const edges = graph.outgoingEdges.get(current.node) ?? [];
      if (current.expanded) {
        stack.pop();
        onPath.delete(current.node);
        visited.add(current.node);
        if (!leavesOnly || edges.length === 0) order.push(current.node);
      } else if (visited.has(current.node) || onPath.has(current.node)) {
        stack.pop();
      } else {
        onPath.add(current.node);
        // Pushed last to first, so that the first dependency is searched first, as the library does.
        for (let index = edges.length - 1; index >= 0; index--) stack.push({ node: edges[index], expanded: false });
        current.expanded = true;
      }
    }
  };
  const nodes = [...graph.nodes.keys()];
  for (const node of nodes) if ((graph.incomingEdges.get(node)?.length ?? 0) === 0) search(node);
  for (const node of nodes) search(node);
  return order;
}

type Normalise = (this: unknown, inputPath: unknown) => unknown;

interface MapEntry {
  inputPath: unknown;
}

interface TemplateMapInternals {
  map: MapEntry[];
  getMapEntryForInputPath(inputPath: string): MapEntry | undefined;
}

/** What this file uses of dependency-graph's `DepGraph`. */
interface DepGraphInternals {
  nodes: Map<unknown, unknown>;
  outgoingEdges: Map<unknown, unknown[]>;
  incomingEdges: Map<unknown, unknown[]>;
  circular: boolean;
  hasNode(node: unknown): boolean;
  addDependency(from: unknown, to: unknown): boolean;
  overallOrder(leavesOnly?: boolean): unknown[];
}
