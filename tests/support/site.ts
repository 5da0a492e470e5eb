import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import * as cheerio from "cheerio";

/** Loads a built page by its site URL (`/issues/x/`) with a real HTML parser. */
export function loadPage(site: string, url: string): cheerio.CheerioAPI {
  return cheerio.load(readFileSync(pageFile(site, url), "utf8"));
}

export function pageFile(site: string, url: string): string {
  const relative = decodeURIComponent(url.split(/[?#]/)[0] ?? "/");
  const file = path.join(site, relative.endsWith("/") ? `${relative}index.html` : relative);
  return file;
}

export function pageExists(site: string, url: string): boolean {
  return existsSync(pageFile(site, url));
}
