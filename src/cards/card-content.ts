import type { Issue } from "../model/issue.ts";
import type { Series } from "../model/series.ts";
import type { ArchivePage } from "../model/archive-pages.ts";

/** The size every card is drawn at: what Open Graph and X recommend for a large summary card. */
export const cardSize = { width: 1200, height: 630 } as const;

/** What one card shows, before it is laid out, and where the site publishes it. */
export interface CardContent {
  /** The card's site path: `/cards/issues/<slug>.png`, `/cards/series/<id>.png`, `/cards/home.png`. */
  path: string;
  /** Above the title: the issue's series. */
  eyebrow?: string;
  title: string;
  /** Below the title: the site's or the series' description. */
  subtitle?: string;
  /** The last line: the issue's number and date, or the site's address. */
  meta: string;
  /** The image's text alternative (`og:image:alt`). */
  alt: string;
}

/** The site as a card shows it. */
export interface CardSite {
  title: string;
  description: string;
  baseUrl: string;
  publisherName: string;
}

export const homeCardPath = "/cards/home.png";

export function issueCardPath(issue: Pick<Issue, "slug">): string {
  return `/cards/issues/${issue.slug}.png`;
}

export function seriesCardPath(seriesId: string): string {
  return `/cards/series/${seriesId}.png`;
}

/**
 * The card of the page at `url`: its issue's, its series archive's, else the site's (the home page
 * and every other page, so any shared link shows a picture).
 */
export function cardPathFor(issue: Pick<Issue, "slug"> | undefined, archive: Pick<ArchivePage, "kind" | "key"> | undefined): string {
  if (issue) return issueCardPath(issue);
  if (archive?.kind === "series") return seriesCardPath(archive.key.slice("series:".length));
  return homeCardPath;
}

/** `newsletter.example.org/letters`, the site's address as a card prints it. */
export function siteAddress(baseUrl: string): string {
  const url = new URL(baseUrl);
  return `${url.host}${url.pathname.replace(/\/$/, "")}`;
}

/** An issue's card: its series above the title, its number and date below. */
export function issueCard(issue: Issue, series: Series | undefined, date: string, site: CardSite): CardContent {
  const seriesTitle = series?.title;
  const meta = [issue.number === undefined ? "" : `#${issue.number}`, date].filter(Boolean).join(" · ");
  return {
    path: issueCardPath(issue),
    ...(seriesTitle ? { eyebrow: seriesTitle } : {}),
    title: issue.title,
    meta,
    alt: `${issue.title} (${[[seriesTitle, issue.number === undefined ? "" : `#${issue.number}`].filter(Boolean).join(" "), date].filter(Boolean).join(", ")}), from ${site.publisherName}`,
  };
}

/** A series archive's card: the series' title and description. */
export function seriesCard(series: Series, site: CardSite): CardContent {
  return {
    path: seriesCardPath(series.id),
    title: series.title,
    subtitle: series.description,
    meta: siteAddress(site.baseUrl),
    alt: `${series.title}, a series of ${site.title}`,
  };
}

/** The site's card, for the home page and every page without one of its own. */
export function homeCard(site: CardSite): CardContent {
  return {
    path: homeCardPath,
    title: site.title,
    subtitle: site.description,
    meta: siteAddress(site.baseUrl),
    alt: `${site.title}: ${site.description}`,
  };
}
