import { ImportError } from "./import-error.ts";
import { readButtondown } from "./kinds/buttondown.ts";
import { readFeed } from "./kinds/feed.ts";
import { readGhost } from "./kinds/ghost.ts";
import { readSubstack } from "./kinds/substack.ts";
import { readWordPress } from "./kinds/wordpress.ts";
import type { ExportContents, ImportKind } from "./source-post.ts";
import { readZip, type ZipLimits } from "./zip.ts";

/** What every reader gets: the export's bytes and name, its folder, and the old site's address if given. */
export interface ExportInput {
  bytes: Uint8Array;
  file: string;
  folder: string;
  /** `--old-site URL`: the old site's address, for `source` and links when the export does not name it. */
  oldSite?: string;
  zipLimits: ZipLimits;
}

/** The subscriber lists of Substack (`email_list*.csv`) and Buttondown: never inflated, never read. */
export function isSubscriberList(name: string): boolean {
  return /(^|\/)(email_list[^/]*|subscribers[^/]*|unsubscribers[^/]*)\.csv$/i.test(name);
}

/** Reads a zip export, noting the subscriber list it skipped without reading. */
export function readExportZip(input: ExportInput): { files: Map<string, Uint8Array>; notes: string[] } {
  const { files, skipped } = readZip(input.bytes, input.file, input.zipLimits, isSubscriberList);
  const notes = skipped.map((name) => `${input.file}: ${name}: the subscriber list, skipped without reading it`);
  return { files, notes };
}

export function readExport(kind: ImportKind, input: ExportInput): ExportContents {
  switch (kind) {
    case "substack":
      return readSubstack(input);
    case "ghost":
      return readGhost(input);
    case "buttondown":
      return readButtondown(input);
    case "wordpress":
      return readWordPress(input);
    case "feed":
      return readFeed(input);
  }
}

/** UTF-8 text of an export file, refused if it is not. */
export function utf8(bytes: Uint8Array, file: string): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes).replace(/^\uFEFF/, "");
  } catch {
    throw new ImportError([`${file}: expected UTF-8 text, got bytes that are not`]);
  }
}

/** The entry of `files` named `name` at the shallowest depth (an export zipped with or without its folder). */
export function findEntry(files: ReadonlyMap<string, Uint8Array>, test: (name: string) => boolean): string | undefined {
  return [...files.keys()].filter(test).sort((a, b) => a.split("/").length - b.split("/").length || a.localeCompare(b))[0];
}

/** `https://old.example/` and a path: the post's address on the old site. */
export function oldSiteUrl(oldSite: string | undefined, sitePath: string): string | undefined {
  if (!oldSite) return undefined;
  return new URL(sitePath.replace(/^\//, ""), oldSite.replace(/\/*$/, "/")).href;
}
