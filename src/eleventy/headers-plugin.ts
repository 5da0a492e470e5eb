import { headersFile, headersFileName, hostHeaderRules } from "../model/headers.ts";
import { siteMetadata } from "../site.ts";
import type { EleventyConfig } from "./eleventy-config.ts";

/**
 * Writes the host's headers into the site as `_headers` (src/model/headers.ts), which Netlify and
 * Cloudflare Pages read. A template like every page, so it lands in the build's staging folder.
 */
export function headersPlugin(eleventyConfig: EleventyConfig): void {
  eleventyConfig.addGlobalData("hostHeadersFile", () => headersFile(hostHeaderRules(siteMetadata())));
  eleventyConfig.addTemplate(`_pages/${headersFileName}.njk`, "{{ hostHeadersFile | safe }}", {
    permalink: `/${headersFileName}`,
    layout: false,
    eleventyExcludeFromCollections: true,
  });
}
