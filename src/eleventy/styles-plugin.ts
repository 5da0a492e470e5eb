import { contentHash } from "../fingerprint.ts";
import { readFileSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import * as sass from "sass";
import { styleClassesCss } from "../markdown/inline-styles.ts";
import { pageHasMaths } from "../markdown/page-maths.ts";
import type { EleventyConfig } from "./eleventy-config.ts";
import { watchQueueFor } from "./watch-queue.ts";

/** Options for the styles plugin. */
export interface StylesOptions {
  /** The Sass entry point. */
  entry: string;
  /** Folder, inside the site, the CSS is written to.
   *  @default "assets" */
  outputFolder?: string;
}

/** The compiled stylesheet: its CSS and its fingerprinted site URL. */
export interface CompiledStyles {
  css: string;
  href: string;
}

/** Compiles the Sass entry, the styles every page needs, and names the file after its content. */
export function compileStyles(entry: string, outputFolder = "assets"): CompiledStyles {
  const { css } = sass.compile(entry, { style: "compressed", loadPaths: [path.resolve("node_modules")] });
  const hash = contentHash(css);
  return { css, href: `/${outputFolder}/site.${hash}.css` };
}

/** Builds one fingerprinted stylesheet per build; layouts link it with `{% stylesheetHref %}`. */
export function stylesPlugin(eleventyConfig: EleventyConfig, options: StylesOptions): void {
  const outputFolder = options.outputFolder ?? "assets";
  let styles: CompiledStyles | undefined;
  const watchQueue = watchQueueFor(eleventyConfig);
  eleventyConfig.on("eleventy.before", () => {
    // In `npm start`, an edited issue leaves the stylesheet as it was: keep it.
    if (styles && watchQueue.onlyIssuesChanged()) return;
    styles = compileStyles(options.entry, outputFolder);
  });
  eleventyConfig.addShortcode("stylesheetHref", () => {
    if (!styles) throw new Error("styles: the stylesheet is read before it was compiled");
    return styles.href;
  });
  eleventyConfig.on("eleventy.after", async ({ directories }: { directories: { output: string } }) => {
    if (!styles) return;
    const file = path.join(directories.output, styles.href);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, styles.css);
  });
  eleventyConfig.addWatchTarget(path.dirname(options.entry));
}

/** KaTeX's own stylesheet, already minified, and its fingerprinted site URL. */
export function katexStyles(outputFolder = "assets"): CompiledStyles {
  const css = readFileSync(createRequire(import.meta.url).resolve("katex/dist/katex.min.css"), "utf8");
  return { css, href: `/${outputFolder}/katex.${contentHash(css)}.css` };
}

/** Maths stylesheets written at once. */
const sheetBatchSize = 64;

/**
 * Only pages with maths load KaTeX's stylesheet and fonts (about 25 KB, most of the CSS):
 * `{% set href = content | katexStylesheetHref %}` gives "" for pages without maths. KaTeX's
 * fonts are copied beside it, where its relative `fonts/` URLs point. Maths pages also link a
 * small stylesheet of the KaTeX style classes they use, named after its content, with
 * `mathStylesheetHref`, "" for pages without such classes.
 */
export function mathStylesPlugin(eleventyConfig: EleventyConfig, options: { outputFolder?: string } = {}): void {
  const outputFolder = options.outputFolder ?? "assets";
  const katex = katexStyles(outputFolder);
  let katexLinked = false;
  eleventyConfig.addPassthroughCopy({ "node_modules/katex/dist/fonts": `${outputFolder}/fonts` });
  eleventyConfig.addFilter("katexStylesheetHref", (html: string) => {
    if (!pageHasMaths(html)) return "";
    katexLinked = true;
    return katex.href;
  });
  const sheets = new Map<string, string>();
  eleventyConfig.on("eleventy.before", () => sheets.clear());
  eleventyConfig.addFilter("mathStylesheetHref", (html: string) => {
    const css = styleClassesCss(html);
    if (!css) return "";
    const href = `/${outputFolder}/maths.${contentHash(css)}.css`;
    sheets.set(href, css);
    return href;
  });
  eleventyConfig.on("eleventy.after", async ({ directories }: { directories: { output: string } }) => {
    if (katexLinked) {
      await mkdir(path.join(directories.output, outputFolder), { recursive: true });
      await writeFile(path.join(directories.output, katex.href), katex.css);
    }
    // A large archive has a sheet for each of a thousand or more sets of formulas' classes: written
    // one after another, they were slow (docs/decisions.md); written a batch at a time, a
    // batch small enough not to run out of file handles.
    const files = [...sheets].map(([href, css]) => ({ file: path.join(directories.output, href), css }));
    for (const folder of new Set(files.map(({ file }) => path.dirname(file)))) await mkdir(folder, { recursive: true });
    for (let start = 0; start < files.length; start += sheetBatchSize) {
      await Promise.all(files.slice(start, start + sheetBatchSize).map(({ file, css }) => writeFile(file, css)));
    }
  });
}
