import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import * as cheerio from "cheerio";

/** A built HTML page, read once and parsed once for every check. */
export interface BuiltPage {
  /** Relative to the site folder, with `/` separators: `issues/x/index.html`. */
  file: string;
  html: string;
  /** Parsed with source locations, so problems can name a line. */
  document: cheerio.CheerioAPI;
}

/** Everything a check needs to know about a built site. */
export interface BuiltSite {
  /** Every file in the site, relative to its folder, with `/` separators. */
  files: ReadonlySet<string>;
  /** Its `.html` files, sorted by path. */
  pages: BuiltPage[];
}

/** Reads a built site folder: the list of its files and every HTML page, parsed. */
export async function readBuiltSite(folder: string): Promise<BuiltSite> {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") throw new Error(`check: expected a built site in ${folder}, found no such folder (run npm run build first)`);
    throw error;
  });
  const files = entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(folder, path.join(entry.parentPath, entry.name)).split(path.sep).join("/"))
    .sort();
  const pages = await Promise.all(
    files
      .filter((file) => file.endsWith(".html"))
      .map(async (file) => {
        const html = await readFile(path.join(folder, file), "utf8");
        return { file, html, document: cheerio.load(html, { sourceCodeLocationInfo: true }) };
      }),
  );
  return { files: new Set(files), pages };
}

/** Selects every element of a page, `<html>` included (typed as elements, unlike "*"). */
export const everyElement = ":root, :root *";

/** The line an element starts on in its page's source. */
export function elementLine(element: { sourceCodeLocation?: { startLine: number } | null }): number | undefined {
  return element.sourceCodeLocation?.startLine;
}
