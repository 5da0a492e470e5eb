import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { EleventyConfig } from "./eleventy-config.ts";

/**
 * The site's own pages (home, tag and series archives) live as Nunjucks files in
 * `layouts/pages/` and are added as virtual templates, so the content folder holds only issues.
 */
export function pagesPlugin(eleventyConfig: EleventyConfig, options: { pagesDir: string }): void {
  for (const name of readdirSync(options.pagesDir).filter((file) => file.endsWith(".njk")).sort()) {
    const file = path.join(options.pagesDir, name);
    eleventyConfig.addTemplate(`_pages/${name}`, readFileSync(file, "utf8"));
    eleventyConfig.addWatchTarget(file);
  }
}
