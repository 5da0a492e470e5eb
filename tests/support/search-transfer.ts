import { readFileSync, statSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import type { Browser } from "playwright-core";
import { serveStatic } from "./static-server.ts";

/** Bytes a browser fetched for one search, by what they were for. */
export interface SearchTransfer {
  /** The search page and the site's own stylesheet, script and fonts. */
  page: number;
  /** Pagefind's Component UI: its script and stylesheet. */
  pagefindUi: number;
  /** Pagefind's search itself: pagefind.js, its worker, WebAssembly, entry, index, filter and fragment files. */
  pagefindSearch: number;
  total: number;
  /** The total as a host that compresses text (HTML, CSS, JavaScript, JSON) with gzip sends it; Pagefind's own files are compressed already. */
  totalGzip: number;
  /** Every file served, in request order, with its size and its size gzipped. */
  files: { path: string; bytes: number; gzipBytes: number }[];
}

const compressible = /\.(html|css|js|json)$|\/$/;

/**
 * Opens the search page in a fresh browser context (an empty cache), types `query`, waits until
 * results show, and counts the bytes of every file the server sent, the worker's requests
 * included: a first search on a first visit, as a reader would make it.
 */
export async function measureFirstSearch(browser: Browser, site: string, query: string): Promise<SearchTransfer> {
  const files: SearchTransfer["files"] = [];
  const server = await serveStatic(site, {
    headers: (requestPath) => {
      const file = path.join(site, decodeURIComponent(requestPath), requestPath.endsWith("/") ? "index.html" : "");
      try {
        const bytes = statSync(file).size;
        const gzipBytes = compressible.test(requestPath) ? gzipSync(readFileSync(file), { level: 6 }).length : bytes;
        files.push({ path: requestPath, bytes, gzipBytes });
      } catch {
        // Not a file of the site (a 404): nothing was sent worth counting.
      }
      return {};
    },
  });
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  try {
    const page = await context.newPage();
    await page.goto(`${server.url}/search/`, { waitUntil: "load" });
    await page.locator("pagefind-input input").pressSequentially(query);
    await page.locator(".search-result").first().waitFor();
    await page.waitForLoadState("networkidle");
  } finally {
    await context.close();
    await server.close();
  }
  const sum = (test: (file: string) => boolean) => files.filter((file) => test(file.path)).reduce((total, file) => total + file.bytes, 0);
  const isUi = (file: string) => /^\/pagefind\/pagefind-component-ui\.(js|css)$/.test(file);
  const pagefindUi = sum(isUi);
  const pagefindSearch = sum((file) => file.startsWith("/pagefind/") && !isUi(file));
  const total = sum(() => true);
  const totalGzip = files.reduce((sum, file) => sum + file.gzipBytes, 0);
  return { page: total - pagefindUi - pagefindSearch, pagefindUi, pagefindSearch, total, totalGzip, files };
}
