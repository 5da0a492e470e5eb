import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import type { IssueSource } from "../model/validate-issues.ts";

/** Files read at once. */
const readBatchSize = 64;

/** Reads every Markdown file under the content folder, as Eleventy will see them. */
export async function readIssueSources(contentDir: string): Promise<IssueSource[]> {
  const entries = await readdir(contentDir, { recursive: true, withFileTypes: true });
  const files = entries
    .filter((entry) => entry.isFile() && entry.name.endsWith(".md"))
    .map((entry) => path.resolve(entry.parentPath, entry.name))
    .filter((file) => !file.split(path.sep).includes("node_modules"))
    .sort();
  // Read in batches: one promise per file opens every file at once, and 20,000 issues exceed the
  // process's open-file limit (EMFILE).
  const sources: IssueSource[] = [];
  for (let start = 0; start < files.length; start += readBatchSize) {
    const batch = files.slice(start, start + readBatchSize);
    sources.push(
      ...(await Promise.all(
        batch.map(async (absolutePath) => ({
          file: path.relative(process.cwd(), absolutePath),
          absolutePath,
          bytes: await readFile(absolutePath),
        })),
      )),
    );
  }
  return sources;
}
