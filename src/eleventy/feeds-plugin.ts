import { feedContentHtml } from "../model/feed-content.ts";
import { buildFeed, feedDefinitions, siteFeedHrefs, type Feed, type FeedDefinition } from "../model/feeds.ts";
import { jsonFeed } from "../model/json-feed.ts";
import type { SiteIndex } from "../model/site-index.ts";
import { absoluteUrl, siteMetadata } from "../site.ts";
import { contentStateFor } from "./content-state.ts";
import type { EleventyConfig } from "./eleventy-config.ts";

/** A page of Eleventy's `collections.all`: its URL and its rendered content, without layout. */
interface CollectionItem {
  url: string | false;
  templateContent: string;
}

/**
 * The feeds (templates in layouts/pages/feed-*.njk): the `feeds` collection of feed definitions,
 * `siteFeeds` (the site-wide feeds' paths), `feedFor` to find an archive's feed, and `feed` to fill
 * one with the issues' rendered HTML.
 * That HTML is what Eleventy already rendered for the issue pages, read from `collections.all`
 * (`templateContent`, which Eleventy renders before the feeds that read it:
 * https://www.11ty.dev/docs/collections/#collection-item-data-structure),
 * made feed-ready once per issue per build.
 */
export function feedsPlugin(eleventyConfig: EleventyConfig): void {
  const state = contentStateFor(eleventyConfig);
  const site = siteMetadata();
  let current: { index: SiteIndex; feeds: FeedDefinition[]; byKey: Map<string, FeedDefinition> } | undefined;
  const definitions = () => {
    const index = state.index();
    if (current?.index !== index) {
      const feeds = feedDefinitions(index.issues, index.archives, site);
      current = { index, feeds, byKey: new Map(feeds.map((feed) => [feed.key, feed])) };
    }
    return current;
  };
  const contents = new Map<string, string>();
  const pagesByUrl = new WeakMap<readonly CollectionItem[], Map<string, CollectionItem>>();
  eleventyConfig.on("eleventy.before", () => contents.clear());

  eleventyConfig.addGlobalData("siteFeeds", siteFeedHrefs);
  eleventyConfig.addCollection("feeds", () => definitions().feeds);
  eleventyConfig.addFilter("feedFor", (archiveKey: string) => definitions().byKey.get(archiveKey));
  const pagesIndexedByUrl = (pages: readonly CollectionItem[]) => {
    let byUrl = pagesByUrl.get(pages);
    if (!byUrl) {
      byUrl = new Map(pages.flatMap((page) => (typeof page.url === "string" ? [[page.url, page] as const] : [])));
      pagesByUrl.set(pages, byUrl);
    }
    return byUrl;
  };
  eleventyConfig.addFilter("feed", (definition: FeedDefinition, pages: readonly CollectionItem[]): Feed => {
    const byUrl = pagesIndexedByUrl(pages);
    return buildFeed(definition, site, (issue) => {
      let html = contents.get(issue.url);
      if (html === undefined) {
        const page = byUrl.get(issue.url);
        if (!page) throw new Error(`feeds: expected a rendered page for ${issue.file} at ${issue.url}, found none`);
        html = feedContentHtml(page.templateContent, absoluteUrl(issue.url, site.baseUrl), site.baseUrl);
        contents.set(issue.url, html);
      }
      return html;
    });
  });
  eleventyConfig.addFilter("jsonFeed", (feed: Feed) => JSON.stringify(jsonFeed(feed), null, 2));
}
