import { readFile } from "node:fs/promises";
import { scanContentFolder, type IssueFileStat } from "./content-folder.ts";

export { fileBatchSize, type IssueFileStat } from "./content-folder.ts";

/**
 * Lists every issue file (`*.md`, any case) under the content folder, sorted, with its stat: the
 * files the issues plugin validates (src/eleventy/content-folder.ts says which those are).
 */
export async function listIssueFiles(contentDir: string): Promise<IssueFileStat[]> {
  return (await scanContentFolder(contentDir)).issues;
}

/** Reads one issue file's bytes. */
export function readIssueBytes(absolutePath: string): Promise<Uint8Array> {
  return readFile(absolutePath);
}
