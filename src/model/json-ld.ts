import { DateTime } from "luxon";
import type { Issue } from "./issue.ts";
import type { Series } from "./series.ts";
import { absoluteUrl, type SiteMetadata } from "../site.ts";

type JsonLdSite = Pick<SiteMetadata, "title" | "baseUrl" | "language" | "timeZone" | "publisher" | "social">;

/** A page's picture (its social card, or an image the issue chose): an absolute URL and its size. */
export interface JsonLdImage {
  url: string;
  width: number;
  height: number;
}

/** The picture as a schema.org `ImageObject`, which Google's Article documentation recommends. */
function imageJsonLd(image: JsonLdImage | undefined): Record<string, unknown> {
  return image ? { image: { "@type": "ImageObject", url: image.url, width: image.width, height: image.height } } : {};
}

/** schema.org `Article` data for an issue page, in the shape Google's Article documentation asks for. */
export function articleJsonLd(issue: Issue, series: Series | undefined, site: JsonLdSite, image?: JsonLdImage): Record<string, unknown> {
  const publisher = publisherJsonLd(site);
  return {
    "@context": "https://schema.org",
    "@type": "Article",
    headline: issue.title,
    description: issue.summary,
    datePublished: publicationTime(issue.date, site.timeZone),
    url: absoluteUrl(issue.url, site.baseUrl),
    mainEntityOfPage: absoluteUrl(issue.url, site.baseUrl),
    inLanguage: site.language,
    ...imageJsonLd(image),
    wordCount: issue.words,
    keywords: issue.tags.map((tag) => tag.name),
    // Only the people an issue names are its authors; otherwise the newsletter wrote it.
    author: issue.authors.length ? issue.authors.map((name) => ({ "@type": "Person", name })) : publisher,
    publisher,
    ...(series ? { isPartOf: { "@type": "CreativeWorkSeries", name: series.title } } : {}),
    ...(issue.source ? { isBasedOn: issue.source } : {}),
  };
}

/** schema.org `WebSite` data for the home page, published by the same organisation as every issue. */
export function websiteJsonLd(site: JsonLdSite, image?: JsonLdImage): Record<string, unknown> {
  return {
    "@context": "https://schema.org",
    "@type": "WebSite",
    name: site.title,
    url: site.baseUrl,
    inLanguage: site.language,
    ...imageJsonLd(image),
    publisher: publisherJsonLd(site),
  };
}

/** The publisher as a schema.org `Organization`: its address (else the site's), logo and profiles. */
export function publisherJsonLd(site: Pick<SiteMetadata, "baseUrl" | "publisher" | "social">): Record<string, unknown> {
  const { name, url, logo } = site.publisher;
  return {
    "@type": "Organization",
    name,
    url: url ?? site.baseUrl,
    ...(logo ? { logo: { "@type": "ImageObject", url: absoluteUrl(logo, site.baseUrl) } } : {}),
    ...(site.social.length ? { sameAs: [...site.social] } : {}),
  };
}

/**
 * An issue's day as the start of that day where the newsletter is published, with the zone's
 * offset on that day: `2022-03-10T00:00:00+00:00` in UTC, `2022-07-01T00:00:00+02:00` in Paris.
 */
export function publicationTime(date: string, timeZone: string): string {
  const time = DateTime.fromISO(date, { zone: timeZone });
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !time.isValid) {
    throw new Error(`expected a date like 2022-03-10 and an IANA time zone, got ${JSON.stringify(date)} in ${JSON.stringify(timeZone)}`);
  }
  // ZZ writes +00:00 rather than toISO's Z, the form Google's examples use.
  return time.toFormat("yyyy-MM-dd'T'HH:mm:ssZZ");
}

/**
 * JSON for a `<script type="application/ld+json">` block: `<`, `>`, `&` and the two line
 * separators are escaped so no text inside can close the script element.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, "\\u003c")
    .replace(/>/g, "\\u003e")
    .replace(/&/g, "\\u0026")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}
