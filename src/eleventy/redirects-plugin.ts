import { redirectsFile, redirectsFileName } from "../model/redirects.ts";
import { siteMetadata } from "../site.ts";
import { contentStateFor } from "./content-state.ts";
import type { EleventyConfig } from "./eleventy-config.ts";

/**
 * Writes `_redirects` (Netlify and Cloudflare Pages syntax) from the `aliases` of the issues the
 * build shows, so an imported archive's old addresses keep working; no file when none has one.
 */
export function redirectsPlugin(eleventyConfig: EleventyConfig): void {
  const state = contentStateFor(eleventyConfig);
  const text = () => redirectsFile(state.index().issues, siteMetadata().pathPrefix);
  eleventyConfig.addNunjucksGlobal("redirectsFileText", text);
  eleventyConfig.addTemplate(`_pages/${redirectsFileName}.njk`, "{{ redirectsFileText() | safe }}", {
    // Decided once validation has filled the state, before pages render.
    permalink: () => (text() ? `/${redirectsFileName}` : false),
    layout: false,
    eleventyExcludeFromCollections: true,
  });
}
