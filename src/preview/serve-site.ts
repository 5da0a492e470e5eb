// A built site served as its host serves it: the site's _headers per path, 404.html for a missing
// page, under the site's path prefix. `npm run preview` and `npm run lighthouse` share it.
import { readHeaderRules, headersForPath } from "../check/host-headers.ts";
import { headersFileName } from "../model/headers.ts";
import { siteMetadata } from "../site.ts";
import { serveStatic, type StaticServer } from "./static-server.ts";

/** Serves `dir` as the host will; `pathPrefix` is where the site starts under the server's URL. */
export async function serveAsHost(dir: string, options: { port?: number; host?: string; compress?: boolean } = {}): Promise<{ server: StaticServer; pathPrefix: string }> {
  const rules = await readHeaderRules(dir);
  // The same source as the build's: PATH_PREFIX, or the path of SITE_URL or URL.
  const { pathPrefix } = siteMetadata(process.env);
  // Netlify and Cloudflare Pages read _headers and never serve it.
  const server = await serveStatic(dir, { headers: (sitePath) => headersForPath(rules, sitePath), notFoundPage: "404.html", hidden: [`/${headersFileName}`], pathPrefix, ...options });
  return { server, pathPrefix };
}
