/** Site metadata: the one place layouts, feeds and the sitemap read the site's identity from. */
export interface SiteMetadata {
  title: string;
  description: string;
  /** Absolute origin and path the site is served from, with a trailing slash. */
  baseUrl: string;
  /** BCP 47 language tag for `<html lang>`. */
  language: string;
  /** Default publisher/author when an issue names none. */
  author: { name: string; url?: string };
  /** Issues per archive page.
   *  @default 10 */
  pageSize: number;
}

const defaultBaseUrl = "https://newsletter-archive.example.org/";

/** Ensures a base URL is absolute and ends in exactly one slash. */
export function normaliseBaseUrl(raw: string): string {
  const url = new URL(raw.trim());
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new Error(`site base URL: expected an http(s) URL, got "${raw}"`);
  }
  url.hash = "";
  url.search = "";
  return url.href.replace(/\/*$/, "/");
}

/** Builds the site metadata; `SITE_URL` (or Netlify's `URL`) overrides the base URL. */
export function siteMetadata(env: Record<string, string | undefined> = process.env): SiteMetadata {
  return {
    title: "Machine Learning Letters",
    description:
      "An archive of machine-learning newsletters: research roundups, conference takeaways, lab notes and link digests.",
    baseUrl: normaliseBaseUrl(env.SITE_URL || env.URL || defaultBaseUrl),
    language: "en",
    author: { name: "Machine Learning Letters" },
    pageSize: 10,
  };
}

/** Joins a site-relative path (`/issues/x/`) onto the base URL. */
export function absoluteUrl(path: string, baseUrl: string): string {
  return new URL(path.replace(/^\/+/, ""), baseUrl).href;
}
