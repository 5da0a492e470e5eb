import type { Issue } from "./issue.ts";
import type { Series } from "./series.ts";
import { absoluteUrl, type SiteMetadata } from "../site.ts";

/** schema.org `Article` data for an issue page. */
export function articleJsonLd(issue: Issue, series: Series | undefined, site: SiteMetadata): Record<string, unknown> {
  const authors = issue.authors.length ? issue.authors : [site.publisher.name];
  return {
    "@context": "https://schema.org",
    "@type": "Article",
    headline: issue.title,
    description: issue.summary,
    datePublished: issue.date,
    url: absoluteUrl(issue.url, site.baseUrl),
    mainEntityOfPage: absoluteUrl(issue.url, site.baseUrl),
    inLanguage: site.language,
    wordCount: issue.words,
    keywords: issue.tags.map((tag) => tag.name),
    author: authors.map((name) => ({ "@type": "Person", name })),
    publisher: { "@type": "Organization", name: site.publisher.name, url: site.baseUrl },
    ...(series ? { isPartOf: { "@type": "CreativeWorkSeries", name: series.title } } : {}),
    ...(issue.source ? { isBasedOn: issue.source } : {}),
  };
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
