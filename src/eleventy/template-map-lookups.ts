/**
 * Eleventy 3.1 finds a template's entry in its template map by scanning the whole map
 * (`TemplateMap.getMapEntryForInputPath`, "hot inner loop?" in its own source), and it looks up
 * every template that way several times a build: the cost grows with the square of the number of
 * issues. On 4,000 issues it was 0.4 s of every rebuild in `npm start`.
 *
 * This keeps an index of the map by input path, made again whenever the map has grown (entries are
 * only ever appended to it). A path the index lacks goes to Eleventy's own scan, which also matches
 * a path's absolute form, so the answers are Eleventy's own: entries' input paths are unique.
 * `TemplateMap` is not exported: it is loaded by file from the installed package, the same module
 * instance Eleventy itself imported.
 */
export async function templateMapLookupsPlugin(): Promise<void> {
  await indexTemplateMapLookups();
}

export async function indexTemplateMapLookups(): Promise<void> {
  const moduleUrl = new URL("./TemplateMap.js", import.meta.resolve("@11ty/eleventy"));
  const { default: TemplateMap } = (await import(moduleUrl.href)) as { default: { prototype: Partial<TemplateMapInternals> } };
  const prototype = TemplateMap.prototype;
  const scan = prototype.getMapEntryForInputPath;
  if (typeof scan !== "function") {
    throw new Error(`indexTemplateMapLookups: expected Eleventy's TemplateMap.prototype.getMapEntryForInputPath in ${moduleUrl.pathname}; Eleventy's internals changed`);
  }
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

interface MapEntry {
  inputPath: unknown;
}

interface TemplateMapInternals {
  map: MapEntry[];
  getMapEntryForInputPath(inputPath: string): MapEntry | undefined;
}
