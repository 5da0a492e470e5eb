// A built site served as its host serves it: netlify.toml's headers per path, 404.html for a
// missing page, under the site's path prefix. `npm run preview` and `npm run lighthouse` share it.
import { readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "smol-toml";
import { projectRoot } from "../bench/project-root.ts";
import { headerRules, headersForPath } from "../check/netlify-headers.ts";
import { siteMetadata } from "../site.ts";
import { serveStatic, type StaticServer } from "./static-server.ts";

/** Serves `dir` as the host will; `pathPrefix` is where the site starts under the server's URL. */
export async function serveAsHost(dir: string, options: { port?: number; host?: string; compress?: boolean } = {}): Promise<{ server: StaticServer; pathPrefix: string }> {
  const rules = headerRules(parse(readFileSync(path.join(projectRoot, "netlify.toml"), "utf8")));
  // The same source as the build's: PATH_PREFIX, or the path of SITE_URL or URL.
  const { pathPrefix } = siteMetadata(process.env);
  const server = await serveStatic(dir, { headers: (sitePath) => headersForPath(rules, sitePath), notFoundPage: "404.html", pathPrefix, ...options });
  return { server, pathPrefix };
}
