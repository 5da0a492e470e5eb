/** Site metadata: the one place layouts, feeds and the sitemap read the site's identity from. */
export interface SiteMetadata {
  title: string;
  description: string;
  /** Absolute origin and path the site is served from, with a trailing slash; it ends in `pathPrefix`. */
  baseUrl: string;
  /** The path the site is served under, with leading and trailing slashes: `/`, or `/newsletter/` on a project page. */
  pathPrefix: string;
  /** BCP 47 language tag for `<html lang>`. */
  language: string;
  /** Default publisher/author when an issue names none. */
  author: { name: string; url?: string };
  /** Issues per archive page.
   *  @default 10 */
  pageSize: number;
  /** Issues in each feed, newest first.
   *  @default 20 */
  feedSize: number;
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

/** `newsletter`, `/newsletter`, `/newsletter/` all become `/newsletter/`; "" and "/" become "/". */
export function normalisePathPrefix(raw: string): string {
  const segments = raw.trim().split("/").filter(Boolean);
  // Unreserved URL characters only, so the prefix means the same on disk, in a URL and in a header rule.
  if (segments.some((segment) => !/^[\w.~-]+$/.test(segment) || segment === "." || segment === "..")) {
    throw new Error(`site path prefix: expected a path like /newsletter/, got "${raw}"`);
  }
  return segments.length ? `/${segments.join("/")}/` : "/";
}

/**
 * Builds the site metadata. `SITE_URL` (or Netlify's `URL`, the site's main address even in deploy
 * previews) overrides the base URL; `PATH_PREFIX` sets the path the site is served under, which
 * otherwise is the base URL's own path.
 */
export function siteMetadata(env: Record<string, string | undefined> = process.env): SiteMetadata {
  const configured = new URL(normaliseBaseUrl(env.SITE_URL || env.URL || defaultBaseUrl));
  const pathPrefix = env.PATH_PREFIX ? normalisePathPrefix(env.PATH_PREFIX) : configured.pathname;
  if (configured.pathname !== "/" && configured.pathname !== pathPrefix) {
    throw new Error(
      `site base URL: the path of "${configured.href}" and PATH_PREFIX "${env.PATH_PREFIX}" disagree; give the path in one of them`,
    );
  }
  return {
    title: "Machine Learning Letters",
    description:
      "An archive of machine-learning newsletters: research roundups, conference takeaways, lab notes and link digests.",
    baseUrl: new URL(pathPrefix, configured.origin).href,
    pathPrefix,
    language: "en",
    author: { name: "Machine Learning Letters" },
    pageSize: 10,
    feedSize: 20,
  };
}

/** Joins a site-relative path (`/issues/x/`) onto the base URL. */
export function absoluteUrl(path: string, baseUrl: string): string {
  return new URL(path.replace(/^\/+/, ""), baseUrl).href;
}
