/**
 * The slice of Eleventy's config API this project uses. Eleventy ships no type declarations, so
 * the boundary is typed loosely here and everything behind it strictly.
 */
export interface EleventyConfig {
  addPlugin(plugin: (config: EleventyConfig, options?: unknown) => void | Promise<void>, options?: unknown): void;
  addFilter(name: string, filter: (...args: never[]) => unknown): void;
  addShortcode(name: string, shortcode: (...args: never[]) => unknown): void;
  addNunjucksGlobal(name: string, value: unknown): void;
  addCollection(name: string, collection: (api: unknown) => unknown): void;
  addGlobalData(name: string, data: unknown): void;
  addTemplate(virtualPath: string, content: string, data?: Record<string, unknown>): void;
  addPreprocessor(name: string, extensions: string, preprocessor: (data: never, content: string) => unknown): void;
  addPassthroughCopy(paths: string | Record<string, string>): void;
  addWatchTarget(path: string): void;
  setChokidarConfig(options: Record<string, unknown>): void;
  setLibrary(extension: string, library: unknown): void;
  amendLibrary(extension: string, amend: (library: never) => void): void;
  setFrontMatterParsingOptions(options: Record<string, unknown>): void;
  setNunjucksEnvironmentOptions(options: Record<string, unknown>): void;
  on(event: string, listener: (arg: never) => unknown): void;
  directories: { input: string; output: string; includes: string; layouts?: string };
}
