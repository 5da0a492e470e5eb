import type MarkdownIt from "markdown-it";
import { newsletterConfig } from "../config/newsletter-config.ts";
import { withMathsImages } from "../email/feed-maths.ts";
import { siteMathsImages } from "../email/maths-images.ts";
import { cdataSection, feedContentHtml } from "../model/feed-content.ts";
import { buildFeed, feedDefinitions, feedsDue, siteFeedHrefs, type Feed, type FeedDefinition } from "../model/feeds.ts";
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
 * `feedPages` and `siteFeedPages` (the feeds due in this build), `siteFeeds` (the site-wide feeds'
 * paths), `feedFor` to find an archive's feed, `feed` to fill one with the issues' rendered HTML, and
 * `cdata` to write that HTML into the XML feeds unescaped.
 * That HTML is what Eleventy renders for the issue pages, made feed-ready once per issue per build
 * as markdown-it renders it, for the issues some feed lists. Feeds so never read another page's
 * `templateContent`, which `npm run build` releases once that page is written
 * (src/eleventy/internals/release-written-pages.ts). Should an issue not have been rendered in this run (an
 * incremental rebuild in `npm start`), its `templateContent` in `collections.all` is used instead.
 */
export function feedsPlugin(eleventyConfig: EleventyConfig): void {
  const state = contentStateFor(eleventyConfig);
  const site = siteMetadata();
  let current: { index: SiteIndex; feeds: FeedDefinition[]; byKey: Map<string, FeedDefinition>; listed: Set<string> } | undefined;
  const definitions = () => {
    const index = state.index();
    if (current?.index !== index) {
      const feeds = feedDefinitions(index.issues, index.archives, site);
      const listed = new Set(feeds.flatMap((feed) => feed.issues.map((issue) => issue.url)));
      current = { index, feeds, byKey: new Map(feeds.map((feed) => [feed.key, feed])), listed };
    }
    return current;
  };
  const contents = new Map<string, string>();
  // feeds.email_safe_maths: formulas as the email edition's PNGs, which the email maths plugin publishes.
  const maths = newsletterConfig().feeds.emailSafeMaths ? siteMathsImages() : undefined;
  const feedReady = (html: string, url: string) => {
    const ready = feedContentHtml(html, absoluteUrl(url, site.baseUrl), site.baseUrl);
    return maths ? withMathsImages(ready, (tex, display) => maths.image(tex, display), site.baseUrl) : ready;
  };
  const pagesByUrl = new WeakMap<readonly CollectionItem[], Map<string, CollectionItem>>();

  eleventyConfig.amendLibrary("md", (md: MarkdownIt) => {
    const render = md.render.bind(md);
    md.render = (source: string, env?: { page?: { url?: unknown } }) => {
      const html = render(source, env);
      const url = env?.page?.url;
      if (typeof url === "string" && definitions().listed.has(url)) contents.set(url, feedReady(html, url));
      return html;
    };
  });

  eleventyConfig.addGlobalData("siteFeeds", siteFeedHrefs);
  eleventyConfig.addCollection("feeds", () => definitions().feeds);
  // The feed templates paginate these, global data rather than the collection above, so that an
  // edit to one issue's text in `npm start` renders the feeds listing it, not all three hundred.
  // They still import `collections.all`, which makes them render after the issues, and makes
  // Eleventy's --incremental mode render them again on an issue's edit.
  eleventyConfig.addGlobalData("feedPages", () => feedsDue(definitions().feeds, state.listingsDue()));
  eleventyConfig.addGlobalData("siteFeedPages", () => feedsDue(definitions().feeds, state.listingsDue()).filter((feed) => feed.kind === "site"));
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
    return buildFeed(definition, site, (issue) => {
      let html = contents.get(issue.url);
      if (html === undefined) {
        const page = pagesIndexedByUrl(pages).get(issue.url);
        if (typeof page?.templateContent !== "string") {
          throw new Error(`feeds: expected the rendered content of ${issue.file} (${issue.url}), found none`);
        }
        html = feedReady(page.templateContent, issue.url);
        contents.set(issue.url, html);
      }
      return html;
    });
  });
  eleventyConfig.addFilter("jsonFeed", (feed: Feed) => JSON.stringify(jsonFeed(feed), null, 2));
  eleventyConfig.addFilter("cdata", cdataSection);
}
