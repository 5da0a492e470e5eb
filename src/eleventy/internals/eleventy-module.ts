/**
 * A module of the installed Eleventy by its path under `src/` (`Template.js`, `Util/PathNormalizer.js`):
 * for the classes Eleventy does not export, which the project patches. Imported by this URL, a
 * module is the same instance Eleventy itself imported.
 */
export function eleventyModule(file: string): URL {
  return new URL(`./${file}`, import.meta.resolve("@11ty/eleventy"));
}
