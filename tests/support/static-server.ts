import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";

export interface StaticServer {
  /** The server's origin, without a trailing slash: `http://127.0.0.1:PORT`. */
  url: string;
  close(): Promise<void>;
}

export interface StaticServerOptions {
  /** Extra response headers for a request path, as a host such as Netlify adds them (they win over the defaults). */
  headers?: (requestPath: string) => Record<string, string>;
  /** A file in the site served, with status 404, for paths that name no file: Netlify's and GitHub Pages' `404.html`. */
  notFoundPage?: string;
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
  ".ico": "image/x-icon",
};

/** Serves a built site folder on 127.0.0.1 at a random free port, as a static host would. */
export async function serveStatic(root: string, options: StaticServerOptions = {}): Promise<StaticServer> {
  const base = path.resolve(root);

  const server = createServer((request, response) => {
    void (async () => {
      if (request.method !== "GET" && request.method !== "HEAD") {
        response.writeHead(405, { Allow: "GET, HEAD" }).end();
        return;
      }
      const requestPath = new URL(request.url ?? "/", "http://localhost").pathname;
      const found = await resolveFile(base, request.url ?? "/");
      const file = found ?? (options.notFoundPage ? await resolveFile(base, `/${options.notFoundPage}`) : undefined);
      if (!file) {
        response.writeHead(404, { "Content-Type": "text/plain; charset=utf-8" }).end("Not found\n");
        return;
      }
      const type = contentTypes[path.extname(file.path).toLowerCase()] ?? "application/octet-stream";
      const headers: Record<string, string | number> = { "content-type": type, "content-length": file.size, "cache-control": "no-store" };
      for (const [name, value] of Object.entries(options.headers?.(requestPath) ?? {})) headers[name.toLowerCase()] = value;
      response.writeHead(found ? 200 : 404, headers);
      if (request.method === "HEAD") {
        response.end();
        return;
      }
      createReadStream(file.path)
        .on("error", () => response.destroy())
        .pipe(response);
    })().catch(() => {
      if (!response.headersSent) response.writeHead(500).end();
      else response.destroy();
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

/** Maps a request URL to a file inside `base`: directories serve their index.html. */
async function resolveFile(base: string, requestUrl: string): Promise<{ path: string; size: number } | undefined> {
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(requestUrl, "http://localhost").pathname);
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
