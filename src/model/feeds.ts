import { dateToRfc3339 } from "@11ty/eleventy-plugin-rss";
import { cardSize, issueCardPath } from "../cards/card-content.ts";
import { featuredImage } from "../images/featured-image.ts";
import { absoluteUrl, type SiteMetadata } from "../site.ts";
import type { Archives } from "./archive-pages.ts";
import { htmlText, xmlSafeText } from "./feed-content.ts";
import type { Issue } from "./issue.ts";
import { tagHref } from "./tags.ts";

/** One feed the site publishes: which issues, under which title, at which paths. */
export interface FeedDefinition {
  /** The key of the archive the feed follows: `home`, `series:<id>` or `tag:<slug>`. */
  key: string;
  kind: "site" | "series" | "tag";
  title: string;
  /** What the feed follows, as the feeds page lists it: "Every issue", a series' title, a tag's name. */
  label: string;
  description: string;
  /** The archive page the feed follows: `/`, `/series/<id>/`, `/tags/<slug>/`. */
  pageHref: string;
  /** The Atom feed: `/feed.xml`, `/series/<id>/feed.xml`, `/tags/<slug>/feed.xml`. */
  atomHref: string;
  /** RSS 2.0, for the site-wide feed only. */
  rssHref?: string;
  /** JSON Feed 1.1, for the site-wide feed only. */
  jsonHref?: string;
  /** Newest first, at most the site's feed size. */
  issues: Issue[];
}

/** The paths of the site-wide feeds. */
export const siteFeedHrefs = { atom: "/feed.xml", rss: "/rss.xml", json: "/feed.json" } as const;

/** The Atom feed beside an archive page: `/tags/x/` has `/tags/x/feed.xml`. */
export function archiveFeedHref(pageHref: string): string {
  return `${pageHref}feed.xml`;
}

/**
 * The feeds a build renders: every one, or, when only the text of some issues changed (`edited`,
 * their absolute paths, as `npm start` reports an edit), the feeds that list one of them, as no
 * other feed's content changed.
 */
export function feedsDue(feeds: readonly FeedDefinition[], edited: ReadonlySet<string> | undefined): FeedDefinition[] {
  if (!edited) return [...feeds];
  return feeds.filter((feed) => feed.issues.some((issue) => edited.has(issue.absolutePath)));
}

/**
 * The site-wide feed, then one per series that has issues (registry order) and one per tag (by
 * issue count, as the tag index lists them), each holding the newest `feedSize` issues.
 */
export function feedDefinitions(
  newestFirst: readonly Issue[],
  archives: Pick<Archives, "tags" | "series">,
  site: Pick<SiteMetadata, "title" | "description" | "feedSize">,
): FeedDefinition[] {
  const size = site.feedSize;
  if (!Number.isInteger(size) || size < 1) throw new Error(`feeds: expected a feed size of 1 or more, got ${size}`);
  const bySeries = new Map<string, Issue[]>();
  const byTag = new Map<string, Issue[]>();
  for (const issue of newestFirst) {
    push(bySeries, issue.seriesId, issue, size);
    for (const tag of issue.tags) push(byTag, tag.slug, issue, size);
  }
  const siteFeed: FeedDefinition = {
    key: "home",
    kind: "site",
    title: site.title,
    label: "Every issue",
    description: site.description,
    pageHref: "/",
    atomHref: siteFeedHrefs.atom,
    rssHref: siteFeedHrefs.rss,
    jsonHref: siteFeedHrefs.json,
    issues: newestFirst.slice(0, size),
  };
  const seriesFeeds = archives.series
    .filter((series) => bySeries.has(series.id))
    .map((series): FeedDefinition => ({
      key: `series:${series.id}`,
      kind: "series",
      title: series.feedTitle ?? `${series.title} · ${site.title}`,
      label: series.title,
      description: series.description,
      pageHref: series.href,
      atomHref: archiveFeedHref(series.href),
      issues: bySeries.get(series.id) ?? [],
    }));
  const tagFeeds = archives.tags
    .filter((tag) => byTag.has(tag.slug))
    .map((tag): FeedDefinition => ({
      key: `tag:${tag.slug}`,
      kind: "tag",
      title: `Tagged “${tag.name}” · ${site.title}`,
      label: tag.name,
      description: `Issues tagged “${tag.name}”, newest first.`,
      pageHref: tag.href,
      atomHref: archiveFeedHref(tag.href),
      issues: byTag.get(tag.slug) ?? [],
    }));
  return [siteFeed, ...seriesFeeds, ...tagFeeds];
}

function push(groups: Map<string, Issue[]>, key: string, issue: Issue, size: number): void {
  const group = groups.get(key) ?? [];
  if (group.length < size) group.push(issue);
  groups.set(key, group);
}

/** A tag of an entry, for Atom's `<category>`, RSS's `<category>` and JSON Feed's `tags`. */
export interface FeedCategory {
  /** The tag's slug. */
  term: string;
  /** The tag's display name. */
  label: string;
  /** The absolute URL of the tag index, the scheme the slugs belong to. */
  scheme: string;
}

/** One issue as every feed format carries it: absolute URLs, formatted dates, XML-safe text. */
export interface FeedEntry {
  /** The issue's canonical URL: stable, unique, and on the site's main address (never a deploy preview's). */
  id: string;
  url: string;
  title: string;
  summary: string;
  /** The summary as HTML showing it as text, for RSS's `<description>`, which readers parse as HTML. */
  summaryHtml: string;
  /** The issue's rendered HTML, every URL inside it absolute. */
  contentHtml: string;
  /** RFC 3339, for Atom and JSON Feed: `2022-03-10T00:00:00Z`. */
  published: string;
  /** RFC 822, for RSS: `Thu, 10 Mar 2022 00:00:00 +0000`. */
  publishedRfc822: string;
  /** The issue's authors, or the site's author when it names none. */
  authors: string[];
  categories: FeedCategory[];
  /** The issue's chosen image (src/images/featured-image.ts): JSON Feed's `image`, Atom's and RSS's `media:thumbnail`. */
  image?: { url: string; width: number; height: number };
}

/** A feed ready to write in any format. */
export interface Feed {
  kind: FeedDefinition["kind"];
  title: string;
  description: string;
  /** The description as HTML showing it as text, for RSS's channel `<description>`. */
  descriptionHtml: string;
  language: string;
  /** The canonical URL of the archive page the feed follows. */
  id: string;
  homeUrl: string;
  atomUrl: string;
  rssUrl?: string;
  jsonUrl?: string;
  /** The newest entry's date, never the build's time, in RFC 3339 and RFC 822. */
  updated: string;
  updatedRfc822: string;
  author: string;
  entries: FeedEntry[];
}

/** An issue's `YYYY-MM-DD` date as the instant feeds publish it at: midnight UTC. */
export function issueInstant(date: string): Date {
  const instant = new Date(`${date}T00:00:00Z`);
  if (Number.isNaN(instant.getTime())) throw new Error(`feeds: expected a date like 2022-03-10, got ${JSON.stringify(date)}`);
  return instant;
}

/**
 * RFC 822 in UTC, whatever the machine's zone: `Thu, 10 Mar 2022 00:00:00 +0000`, as the RSS
 * plugin's `dateToRfc822(date, "UTC")` writes it (tests/unit/feeds.test.ts compares the two over
 * years of dates). `Date`'s own UTC form is the same but for the zone's name; the plugin's helper
 * builds an `Intl.DateTimeFormat` per call, costly over a large site's feeds (docs/decisions.md).
 */
export function rfc822(date: string): string {
  return issueInstant(date).toUTCString().replace(/ GMT$/, " +0000");
}

// An empty feed still needs an `updated`: a fixed instant keeps the build deterministic.
const emptyFeedDate = "1970-01-01";

/**
 * A feed's content: `contentHtml` gives an issue's rendered HTML with every URL already absolute
 * (see feed-content.ts).
 */
export function buildFeed(definition: FeedDefinition, site: SiteMetadata, contentHtml: (issue: Issue) => string): Feed {
  const url = (href: string) => absoluteUrl(href, site.baseUrl);
  const updated = definition.issues[0]?.date ?? emptyFeedDate;
  const tagIndex = url("/tags/");
  return {
    kind: definition.kind,
    title: xmlSafeText(definition.title),
    description: xmlSafeText(definition.description),
    descriptionHtml: htmlText(xmlSafeText(definition.description)),
    language: site.language,
    id: url(definition.pageHref),
    homeUrl: url(definition.pageHref),
    atomUrl: url(definition.atomHref),
    ...(definition.rssHref ? { rssUrl: url(definition.rssHref) } : {}),
    ...(definition.jsonHref ? { jsonUrl: url(definition.jsonHref) } : {}),
    updated: dateToRfc3339(issueInstant(updated)),
    updatedRfc822: rfc822(updated),
    author: xmlSafeText(site.publisher.name),
    entries: definition.issues.map((issue) => ({
      id: url(issue.url),
      url: url(issue.url),
      title: xmlSafeText(issue.title),
      summary: xmlSafeText(issue.summary),
      summaryHtml: htmlText(xmlSafeText(issue.summary)),
      contentHtml: contentHtml(issue),
      published: dateToRfc3339(issueInstant(issue.date)),
      publishedRfc822: rfc822(issue.date),
      authors: (issue.authors.length ? issue.authors : [site.publisher.name]).map(xmlSafeText),
      categories: issue.tags.map((tag) => ({ term: tag.slug, label: xmlSafeText(tag.name), scheme: tagIndex, href: url(tagHref(tag.slug)) })),
      ...thumbnail(issue, site.baseUrl),
    })),
  };
}

/** The entry's picture: the issue's chosen image, else its social card (src/cards/), which every issue has. */
function thumbnail(issue: Issue, baseUrl: string): Pick<FeedEntry, "image"> {
  const image = featuredImage(issue, baseUrl);
  if (image) return { image: { url: image.url, width: image.width, height: image.height } };
  return { image: { url: absoluteUrl(issueCardPath(issue), baseUrl), ...cardSize } };
}
