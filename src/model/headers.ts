import type { SiteMetadata } from "../site.ts";

/** One rule of a `_headers` file: the headers a host adds to responses for paths matching `path`. */
export interface HostHeaderRule {
  /** A path pattern as Netlify and Cloudflare Pages read it: `*` any characters, `:name` one segment. */
  path: string;
  /** Header names and values, in the order they are written. */
  values: Record<string, string>;
}

/** What Cloudflare Pages accepts in `_headers` (Netlify sets no lower limit).
 *  https://developers.cloudflare.com/pages/configuration/headers/ */
export const headersFileLimits = { rules: 100, lineLength: 2000 } as const;

/** The headers file the build writes into the site: Netlify and Cloudflare Pages read it. */
export const headersFileName = "_headers";

/** The Content-Security-Policy of every file, or of those that compile WebAssembly (`wasm`). */
export function contentSecurityPolicy(options: { wasm?: boolean; formAction?: string } = {}): string {
  return [
    "default-src 'self'",
    options.wasm ? "script-src 'self' 'wasm-unsafe-eval'" : "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "object-src 'none'",
    "base-uri 'none'",
    `form-action 'self'${options.formAction ? ` ${options.formAction}` : ""}`,
    "frame-ancestors 'none'",
  ].join("; ");
}

/** The origin the signup form posts to, the one origin `form-action` allows besides the site's own. */
export function formActionOrigin(site: Pick<SiteMetadata, "subscribe">): string | undefined {
  return site.subscribe ? new URL(site.subscribe.action).origin : undefined;
}

type Policy = "strict" | "wasm";
type Caching = "immutable" | "revalidate";

/** A path's policy, caching and content type; the rules are expanded from these. */
interface PathHeaders {
  path: string;
  csp?: Policy;
  cache?: Caching;
  type?: string;
}

const atom = "application/atom+xml; charset=utf-8";

/**
 * Every path the site's files live under. A second policy can only narrow the first, and both
 * hosts join the values of every matching rule into one header, so no path matches two rules that
 * set the same header: there is no `/*` policy, and a path outside these (a 404) goes without one.
 * One rule per path, holding all of its headers, keeps the file under Cloudflare's 100 rules.
 */
function siteHeaders(logo: string | undefined): PathHeaders[] {
  const page = (path: string, type?: string): PathHeaders => ({ path, csp: "strict", cache: "revalidate", ...(type ? { type } : {}) });
  return [
    page("/"),
    page("/index.html"),
    page("/404.html"),
    page("/issues/*"),
    // A trailing slash, as the pages are asked for: Cloudflare may not take it as optional, as Netlify does.
    page("/page/:number/"),
    page("/tags/*"),
    page("/series/*"),
    page("/archive/*"),
    page("/feeds/*"),
    page("/subscribe/*"),
    // Only the search page and Pagefind's worker (below) may compile WebAssembly.
    { path: "/search/*", csp: "wasm", cache: "revalidate" },
    page("/feed.xml", atom),
    page("/rss.xml", "application/rss+xml; charset=utf-8"),
    page("/feed.json", "application/feed+json; charset=utf-8"),
    page("/sitemap.xml"),
    page("/favicon.svg"),
    page("/robots.txt"),
    ...(logo ? [page(logo)] : []),
    // Issues' images are named after a hash of their content and encoding (src/images/image-plan.ts).
    { path: "/img/*", csp: "strict", cache: "immutable" },
    // Social cards keep their addresses (an issue's card is drawn again when its title changes).
    { path: "/cards/*", csp: "strict", cache: "revalidate" },
    // The email edition's images: formulas are named after a hash of their TeX and of how they are drawn.
    { path: "/email/*", csp: "strict" },
    { path: "/email/maths/*", cache: "immutable" },
    { path: "/email/logo.png", cache: "revalidate" },
    // The Atom feeds of series and tags (their Cache-Control comes from /series/* and /tags/*).
    { path: "/series/:id/feed.xml", type: atom },
    { path: "/tags/:slug/feed.xml", type: atom },
    { path: "/assets/*", csp: "strict" },
    // Files named after a hash of their content never change, so browsers keep them for a year
    // without asking again; the scripts plugin names every script so, like the stylesheets.
    { path: "/assets/site.*.css", cache: "immutable" },
    { path: "/assets/maths.*.css", cache: "immutable" },
    { path: "/assets/katex.*.css", cache: "immutable" },
    { path: "/assets/*.js", cache: "immutable" },
    // KaTeX's fonts keep their names when they change.
    { path: "/assets/fonts/*", cache: "revalidate" },
    { path: "/pagefind/fragment/*", csp: "strict", cache: "immutable" },
    { path: "/pagefind/index/*", csp: "strict", cache: "immutable" },
    { path: "/pagefind/filter/*", csp: "strict", cache: "immutable" },
    { path: "/pagefind/*.pf_meta", csp: "strict" },
    { path: "/pagefind/pagefind.*.pf_meta", cache: "immutable" },
    // Pagefind's entry files keep their names when they change.
    { path: "/pagefind/*.css", csp: "strict", cache: "revalidate" },
    { path: "/pagefind/*.json", csp: "strict", cache: "revalidate" },
    { path: "/pagefind/wasm.*", csp: "strict", cache: "revalidate" },
    { path: "/pagefind/*.js", cache: "revalidate" },
    { path: "/pagefind/pagefind.js", csp: "strict" },
    { path: "/pagefind/pagefind-highlight.js", csp: "strict" },
    { path: "/pagefind/pagefind-*ui.js", csp: "strict" },
    // A worker runs under its own script's policy: Pagefind searches in this one.
    { path: "/pagefind/pagefind-worker.js", csp: "wasm" },
  ];
}

const cacheControl: Record<Caching, string> = {
  immutable: "public, max-age=31536000, immutable",
  // Browsers may store these but must ask whether they changed before using them.
  revalidate: "public, max-age=0, must-revalidate",
};

/**
 * The headers the site's host sends: security headers on every path, the site's 404 answers
 * included; one Content-Security-Policy and one Cache-Control per file; the feeds' content types.
 * `form-action` allows the signup form's provider, when the newsletter has one.
 */
export function hostHeaderRules(site: Pick<SiteMetadata, "subscribe" | "publisher">): HostHeaderRule[] {
  const formAction = formActionOrigin(site);
  const policies: Record<Policy, string> = {
    strict: contentSecurityPolicy({ formAction }),
    wasm: contentSecurityPolicy({ wasm: true, formAction }),
  };
  const security: HostHeaderRule = {
    path: "/*",
    values: {
      // Not includeSubDomains: other hosts under the owner's domain may still serve plain HTTP.
      "Strict-Transport-Security": "max-age=31536000",
      "X-Content-Type-Options": "nosniff",
      "Referrer-Policy": "strict-origin-when-cross-origin",
      "Permissions-Policy": "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=()",
      "Cross-Origin-Opener-Policy": "same-origin",
      "Cross-Origin-Resource-Policy": "same-origin",
      "X-Frame-Options": "DENY",
    },
  };
  // Not `require-trusted-types-for 'script'`: Pagefind's Component UI writes its results with
  // innerHTML, which that blocks, and a default policy that let its strings through would defeat it.
  return [
    security,
    ...siteHeaders(site.publisher.logo).map(({ path, csp, cache, type }) => ({
      path,
      values: {
        ...(csp ? { "Content-Security-Policy": policies[csp] } : {}),
        ...(cache ? { "Cache-Control": cacheControl[cache] } : {}),
        ...(type ? { "Content-Type": type } : {}),
      },
    })),
  ];
}

/**
 * The rules as a `_headers` file (https://docs.netlify.com/routing/headers/#syntax-for-the-headers-file,
 * the syntax Cloudflare Pages reads too): each path on a line, its headers indented below it.
 * Throws when the rules exceed what Cloudflare Pages accepts, which it would otherwise ignore.
 */
export function headersFile(rules: readonly HostHeaderRule[]): string {
  const lines = ["# Written by npm run build (src/model/headers.ts): edit that, not this file."];
  for (const rule of rules) {
    lines.push("", rule.path, ...Object.entries(rule.values).map(([name, value]) => `  ${name}: ${value}`));
  }
  const tooLong = lines.find((line) => line.length > headersFileLimits.lineLength);
  if (rules.length > headersFileLimits.rules || tooLong) {
    throw new Error(
      `${headersFileName}: expected at most ${headersFileLimits.rules} rules of lines up to ${headersFileLimits.lineLength} characters (Cloudflare Pages' limits), got ${rules.length} rules${tooLong ? ` and a line of ${tooLong.length}: "${tooLong.slice(0, 60)}…"` : ""}`,
    );
  }
  return `${lines.join("\n")}\n`;
}
