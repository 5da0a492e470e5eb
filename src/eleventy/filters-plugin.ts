import { isoDate, monthName, parseIssueDate, readableDate } from "../model/dates.ts";
import { memoise } from "../memoise.ts";
import type { Issue } from "../model/issue.ts";
import { articleJsonLd, jsonForScript, publicationTime, websiteJsonLd, type JsonLdImage } from "../model/json-ld.ts";
import { isCurrentNavItem } from "../model/navigation.ts";
import { findSeries, seriesHref } from "../model/series.ts";
import { tagsByInitial } from "../model/tag-index.ts";
import { tagHref } from "../model/tags.ts";
import { contentsList } from "../markdown/table-of-contents.ts";
import { absoluteUrl, siteMetadata, type SiteMetadata } from "../site.ts";
import type { EleventyConfig } from "./eleventy-config.ts";

/** Filters the layouts use; each one is a pure function from `src/`. */
export function filtersPlugin(eleventyConfig: EleventyConfig): void {
  const site = siteMetadata();
  eleventyConfig.addGlobalData("site", site);
  eleventyConfig.addFilter("readableDate", memoise((date: string) => readableDate(requireDate(date))));
  eleventyConfig.addFilter("monthName", memoise(monthName));
  eleventyConfig.addFilter("tagsByInitial", tagsByInitial);
  eleventyConfig.addFilter("isoDate", memoise((date: string) => isoDate(requireDate(date))));
  eleventyConfig.addFilter("absoluteUrl", (path: string) => absoluteUrl(path, site.baseUrl));
  eleventyConfig.addFilter("series", (id: string) => findSeries(id));
  eleventyConfig.addFilter("seriesHref", seriesHref);
  eleventyConfig.addFilter("tagHref", tagHref);
  eleventyConfig.addFilter("tableOfContents", contentsList);
  // `image`: the page's picture (`socialCard`, src/eleventy/cards-plugin.ts).
  eleventyConfig.addFilter("articleJsonLd", (issue: Issue, image?: JsonLdImage) =>
    jsonForScript(articleJsonLd(issue, findSeries(issue.seriesId), site, image)),
  );
  eleventyConfig.addFilter("websiteJsonLd", (metadata: SiteMetadata, image?: JsonLdImage) => jsonForScript(websiteJsonLd(metadata, image)));
  eleventyConfig.addFilter("publicationTime", (date: string) => publicationTime(date, site.timeZone));
  eleventyConfig.addFilter("isCurrentNavItem", isCurrentNavItem);
}

function requireDate(text: string) {
  const date = parseIssueDate(text);
  if (!date) throw new Error(`expected a date like 2022-03-10, got ${JSON.stringify(text)}`);
  return date;
}
