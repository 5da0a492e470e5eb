import { lastModifiedByUrl, sitemapEntries } from "../model/sitemap.ts";
import { newsletterConfig } from "../config/newsletter-config.ts";
import { siteMetadata } from "../site.ts";
import { contentStateFor } from "./content-state.ts";
import type { EleventyConfig } from "./eleventy-config.ts";

/**
 * What the site's publishing pages need (layouts/pages/sitemap.njk, robots.njk, not-found.njk):
 * `sitemapEntries()` and `pageExists(url)`, both from the URLs Eleventy is about to write, so a
 * page left out of the build (a draft, say) is never listed and never linked.
 */
export function publishingPlugin(eleventyConfig: EleventyConfig): void {
  const state = contentStateFor(eleventyConfig);
  const site = siteMetadata();
  let pageUrls = new Set<string>();
  // Emitted once every page's URL is known and before any page renders.
  // https://www.11ty.dev/docs/events/#eleventy.contentmap
  eleventyConfig.on("eleventy.contentMap", ({ urlToInputPath }: { urlToInputPath: Record<string, unknown> }) => {
    pageUrls = new Set(Object.keys(urlToInputPath));
  });
  eleventyConfig.addNunjucksGlobal("sitemapEntries", () => {
    const index = state.index();
    return sitemapEntries(pageUrls, lastModifiedByUrl(index), site.baseUrl, index.issues[0]?.date);
  });
  eleventyConfig.addNunjucksGlobal("pageExists", (url: string) => pageUrls.has(url));
  // Browsers ask for an icon on every page; without one, each visit logs a 404.
  eleventyConfig.addPassthroughCopy({ "assets/favicon.svg": "favicon.svg" });
  const logo = newsletterConfig().site.publisher.logo;
  // By its absolute path: a second copy of a file copied by the same name (the favicon) would replace the first.
  if (logo && site.publisher.logo) eleventyConfig.addPassthroughCopy({ [logo]: site.publisher.logo.slice(1) });
}
