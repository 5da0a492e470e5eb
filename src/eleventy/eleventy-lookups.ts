/**
 * Two lookups Eleventy 3.1 makes for every template, several times a build, made cheap. Each
 * replaces a function of Eleventy's, loaded by file from the installed package (the same module
 * instance Eleventy itself imported), and fails loudly if that function is gone.
 */
export async function eleventyLookupsPlugin(): Promise<void> {
  await indexTemplateMapLookups();
  await memoisePathNormalisation();
}

/**
 * Eleventy finds a template's entry in its template map by scanning the whole map
 * (`TemplateMap.getMapEntryForInputPath`, "hot inner loop?" in its own source): the cost grows
 * with the square of the number of issues. On 4,000 issues it was 0.4 s of every rebuild in
 * `npm start`.
 *
 * This keeps an index of the map by input path, made again whenever the map has grown (entries are
 * only ever appended to it). A path the index lacks goes to Eleventy's own scan, which also matches
 * a path's absolute form, so the answers are Eleventy's own: entries' input paths are unique.
 */
export async function indexTemplateMapLookups(): Promise<void> {
  const moduleUrl = eleventyModule("TemplateMap.js");
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

/**
 * Eleventy normalises a path (`PathNormalizer.fullNormalization`: relative to the working folder,
 * `/`-separated, no leading `./`) each time it compares a changed file with a template's
 * dependencies, twice per template on every rebuild in `npm start`: 0.15 s of a 1.2 s rebuild on
 * 4,000 issues. The result depends only on the path and the working folder, so it is remembered.
 */
export async function memoisePathNormalisation(): Promise<void> {
  const moduleUrl = eleventyModule("Util/PathNormalizer.js");
  const { default: PathNormalizer } = (await import(moduleUrl.href)) as { default: { fullNormalization?: Normalise } };
  const normalise = PathNormalizer.fullNormalization;
  if (typeof normalise !== "function") {
    throw new Error(`memoisePathNormalisation: expected Eleventy's PathNormalizer.fullNormalization in ${moduleUrl.pathname}; Eleventy's internals changed`);
  }
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

/** A module of the installed Eleventy, by its path under `src/`. */
function eleventyModule(file: string): URL {
  return new URL(`./${file}`, import.meta.resolve("@11ty/eleventy"));
}

type Normalise = (this: unknown, inputPath: unknown) => unknown;

interface MapEntry {
  inputPath: unknown;
}

interface TemplateMapInternals {
  map: MapEntry[];
  getMapEntryForInputPath(inputPath: string): MapEntry | undefined;
}
