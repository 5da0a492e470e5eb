/**
 * src/eleventy/internals/ holds every module that reaches into Eleventy's installed package, each
 * replacing a function Eleventy offers no hook for, and each guarded: eleventy-lookups.ts (template
 * map, path normalisation, dependency graph), templates-in-turn.ts, release-written-pages.ts, and
 * the loaders here and in eleventy-template.ts. What each fixes: docs/architecture.md, "Eleventy
 * internals we replace"; tests/unit/eleventy-internals.test.ts checks every guard against the
 * installed Eleventy, so an upgrade fails there rather than in a build.
 */

/** The Eleventy release the internals were written against; bump it once the guards' test passes on another. */
export const eleventyVersion = "3.1.8";

/**
 * A module of the installed Eleventy by its path under `src/` (`Template.js`, `Util/PathNormalizer.js`):
 * for the classes Eleventy does not export, which the project patches. Imported by this URL, a
 * module is the same instance Eleventy itself imported.
 */
export function eleventyModule(file: string): URL {
  return new URL(`./${file}`, import.meta.resolve("@11ty/eleventy"));
}

/**
 * A guard's error when what it replaces is not there: names the file, the function, the version
 * the replacement was written against and the guard, so an upgrade says what to look at.
 */
export function internalChanged(file: string, internal: string, got: unknown, guard: string): Error {
  return new Error(
    `${file}: ${internal}: expected a function, as in Eleventy ${eleventyVersion}, got ${typeof got}; ${guard} replaces it (docs/architecture.md, Eleventy internals we replace)`,
  );
}
