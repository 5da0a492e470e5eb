import { newsletterConfig, type SubscribeConfig } from "./config/newsletter-config.ts";

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
  /** The language as Open Graph writes it: `en_US`. */
  ogLocale: string;
  /** IANA time zone of "today" and of publication times. */
  timeZone: string;
  /** The publisher, and the author of issues that name none. `logo` is a site path (`/logo.png`). */
  publisher: { name: string; url?: string; logo?: string };
  /** The publisher's profiles elsewhere (`rel="me"`, JSON-LD `sameAs`). */
  social: readonly string[];
  /** Issues per archive page. */
  pageSize: number;
  /** Issues in each feed, newest first. */
  feedSize: number;
  /** The signup form, when the newsletter has one. */
  subscribe?: SubscribeConfig;
}

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
 * Builds the site metadata from the newsletter's configuration (src/config/newsletter-config.ts).
 * `SITE_URL` (or Netlify's `URL`, the site's main address even in deploy previews) overrides its
 * base URL; `PATH_PREFIX` sets the path the site is served under, which otherwise is the base
 * URL's own path.
 */
export function siteMetadata(env: Record<string, string | undefined> = process.env): SiteMetadata {
  const config = newsletterConfig(env);
  const configured = new URL(normaliseBaseUrl(env.SITE_URL || env.URL || config.site.url));
  const pathPrefix = env.PATH_PREFIX ? normalisePathPrefix(env.PATH_PREFIX) : configured.pathname;
  if (configured.pathname !== "/" && configured.pathname !== pathPrefix) {
    throw new Error(
      `site base URL: the path of "${configured.href}" and PATH_PREFIX "${env.PATH_PREFIX}" disagree; give the path in one of them`,
    );
  }
  const { publisher } = config.site;
  return {
    title: config.site.title,
    description: config.site.description,
    baseUrl: new URL(pathPrefix, configured.origin).href,
    pathPrefix,
    language: config.site.language,
    ogLocale: ogLocale(config.site.language),
    timeZone: config.site.timeZone,
    publisher: {
      name: publisher.name,
      ...(publisher.url ? { url: publisher.url } : {}),
      ...(publisher.logo ? { logo: logoPath(publisher.logo) } : {}),
    },
    social: config.site.social,
    pageSize: config.pageSize,
    feedSize: config.feedSize,
    ...(config.subscribe ? { subscribe: config.subscribe } : {}),
  };
}

/** Where the publisher's logo is published: `/logo.<extension>`, whatever its file's name. */
export function logoPath(file: string): string {
  const extension = /\.[a-z]+$/i.exec(file)?.[0].toLowerCase() ?? "";
  return `/logo${extension === ".jpeg" ? ".jpg" : extension}`;
}

/** `en` → `en_US`, `pt-BR` → `pt_BR`: Open Graph's form, the likeliest region filled in. */
export function ogLocale(language: string): string {
  const locale = new Intl.Locale(language).maximize();
  return locale.region ? `${locale.language}_${locale.region}` : locale.language;
}

/** Joins a site-relative path (`/issues/x/`) onto the base URL. */
export function absoluteUrl(path: string, baseUrl: string): string {
  return new URL(path.replace(/^\/+/, ""), baseUrl).href;
}
