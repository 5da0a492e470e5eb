// A built site folder served as a static host serves it: files by path, a folder by its index.html,
// the site's 404 page with status 404, extra headers per path (the site's _headers), and under a path
// prefix when the site is built for one. `npm run preview` and the browser tests use it.
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { createServer } from "node:http";
import { pipeline } from "node:stream";
import { constants as zlib, createBrotliCompress, createGzip } from "node:zlib";
import type { AddressInfo } from "node:net";
import path from "node:path";

export interface StaticServer {
  /** The server's origin, without a trailing slash: `http://127.0.0.1:PORT`. */
  url: string;
  close(): Promise<void>;
}

export interface StaticServerOptions {
  /** Extra response headers for a request path (the path prefix taken off, as `_headers` rules
   *  name paths of the site), as a host such as Netlify adds them; they win over the defaults. */
  headers?: (sitePath: string) => Record<string, string>;
  /** A file in the site served, with status 404, for paths that name no file: Netlify's and GitHub Pages' `404.html`. */
  notFoundPage?: string;
  /** Site paths answered as missing though their files exist: the host's own files, like `/_headers`. */
  hidden?: readonly string[];
  /** The path the site is served under, with leading and trailing slashes (src/site.ts's `pathPrefix`).
   *  @default "/" */
  pathPrefix?: string;
  /** The port to listen on; 0 takes a free one.
   *  @default 0 */
  port?: number;
  /** The address to listen on.
   *  @default "127.0.0.1" */
  host?: string;
  /** Compresses text responses with brotli or gzip, as the client's Accept-Encoding asks, as a host's CDN
   *  does; Lighthouse's scores depend on it. Off by default so that the preview's bytes are the files'.
   *  @default false */
  compress?: boolean;
}

const contentTypes: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".xml": "application/xml; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
  ".woff2": "font/woff2",
  ".woff": "font/woff",
  ".ttf": "font/ttf",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".gif": "image/gif",
  ".webp": "image/webp",
  ".avif": "image/avif",
  ".ico": "image/x-icon",
  ".wasm": "application/wasm",
  ".pdf": "application/pdf",
};

/** The path inside the site for a request path under `pathPrefix`, or undefined for one outside it. */
export function sitePath(requestPath: string, pathPrefix = "/"): string | undefined {
  if (pathPrefix === "/") return requestPath;
  if (requestPath === pathPrefix.slice(0, -1)) return "/";
  return requestPath.startsWith(pathPrefix) ? requestPath.slice(pathPrefix.length - 1) : undefined;
}

// Already compressed formats (images, fonts, Pagefind's gzipped chunks) gain nothing from a second pass.
const compressible = /^(text\/|application\/(json|xml|javascript|wasm)|image\/svg\+xml)/;

/** The encoding to answer an `Accept-Encoding` header with: brotli before gzip, none when neither is
 *  accepted (a `q=0` refuses one). */
export function chooseEncoding(acceptEncoding: string | undefined): "br" | "gzip" | undefined {
  const accepted = new Set<string>();
  for (const part of (acceptEncoding ?? "").split(",")) {
    const [name = "", ...params] = part.split(";").map((piece) => piece.trim().toLowerCase());
    const refused = params.some((param) => /^q=0(\.0{0,3})?$/.test(param));
    if (name && !refused) accepted.add(name);
  }
  if (accepted.has("br")) return "br";
  if (accepted.has("gzip") || accepted.has("*")) return "gzip";
  return undefined;
}

/** Serves a built site folder, as a static host would, until `close`. */
export async function serveStatic(root: string, options: StaticServerOptions = {}): Promise<StaticServer> {
  const base = path.resolve(root);
  const notFoundPage = options.notFoundPage;

  const server = createServer((request, response) => {
    void (async () => {
      if (request.method !== "GET" && request.method !== "HEAD") {
        response.writeHead(405, { Allow: "GET, HEAD" }).end();
        return;
      }
      const requestPath = new URL(request.url ?? "/", "http://localhost").pathname;
      const inSite = sitePath(requestPath, options.pathPrefix);
      const found = inSite === undefined || options.hidden?.includes(inSite) ? undefined : await resolveFile(base, inSite);
      const file = found ?? (notFoundPage ? await resolveFile(base, `/${notFoundPage}`) : undefined);
      if (!file) {
        response.writeHead(404, { "Content-Type": "text/plain; charset=utf-8" }).end("Not found\n");
        return;
      }
      const type = contentTypes[path.extname(file.path).toLowerCase()] ?? "application/octet-stream";
      const headers: Record<string, string | number> = { "content-type": type, "content-length": file.size, "cache-control": "no-store" };
      for (const [name, value] of Object.entries(options.headers?.(inSite ?? requestPath) ?? {})) headers[name.toLowerCase()] = value;
      const encoding = options.compress && compressible.test(type) ? chooseEncoding(request.headers["accept-encoding"]) : undefined;
      if (options.compress && compressible.test(type)) headers["vary"] = "Accept-Encoding";
      if (encoding) {
        headers["content-encoding"] = encoding;
        delete headers["content-length"];
      }
      response.writeHead(found ? 200 : 404, headers);
      if (request.method === "HEAD") {
        response.end();
        return;
      }
      const source = createReadStream(file.path);
      if (!encoding) {
        source.on("error", () => response.destroy()).pipe(response);
        return;
      }
      const compressor =
        encoding === "br"
          ? createBrotliCompress({ params: { [zlib.BROTLI_PARAM_QUALITY]: 5, [zlib.BROTLI_PARAM_SIZE_HINT]: file.size } })
          : createGzip({ level: 6 });
      pipeline(source, compressor, response, () => undefined);
    })().catch(() => {
      if (!response.headersSent) response.writeHead(500).end();
      else response.destroy();
    });
  });

  const host = options.host ?? "127.0.0.1";
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://${host.includes(":") ? `[${host}]` : host}:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

/** Maps a path inside the site to a file inside `base`: directories serve their index.html. */
async function resolveFile(base: string, pathInSite: string): Promise<{ path: string; size: number } | undefined> {
  let pathname: string;
  try {
    pathname = decodeURIComponent(pathInSite);
  } catch {
    return undefined;
  }
  if (pathname.includes("\0")) return undefined;
  let candidate = path.join(base, pathname);
  // Never serve anything outside the site folder.
  if (candidate !== base && !candidate.startsWith(base + path.sep)) return undefined;
  try {
    let info = await stat(candidate);
    if (info.isDirectory()) {
      candidate = path.join(candidate, "index.html");
      info = await stat(candidate);
    }
    return info.isFile() ? { path: candidate, size: info.size } : undefined;
  } catch {
    return undefined;
  }
}
