import { readdir, readFile, stat } from "node:fs/promises";
import path from "node:path";

/** One issue file as listed on disk: enough to tell whether it changed since the last build. */
export interface IssueFileStat {
  /** Path as shown in messages, relative to the working directory. */
  file: string;
  absolutePath: string;
  mtimeMs: number;
  size: number;
}

/** Files stat'ed or read at once: one promise per file opens every file at once (EMFILE at 20,000). */
export const fileBatchSize = 64;

/** Lists every Markdown file under the content folder, as Eleventy will see them, with its stat. */
export async function listIssueFiles(contentDir: string): Promise<IssueFileStat[]> {
  const entries = await readdir(contentDir, { recursive: true, withFileTypes: true });
  const paths = entries
    .filter((entry) => entry.isFile() && entry.name.endsWith(".md"))
    .map((entry) => path.resolve(entry.parentPath, entry.name))
    .filter((file) => !file.split(path.sep).includes("node_modules"))
    .sort();
  const files: IssueFileStat[] = [];
  for (let start = 0; start < paths.length; start += fileBatchSize) {
    const batch = paths.slice(start, start + fileBatchSize);
    const stats = await Promise.all(batch.map((absolutePath) => stat(absolutePath)));
    batch.forEach((absolutePath, index) => {
      const { mtimeMs, size } = stats[index] ?? { mtimeMs: 0, size: 0 };
      files.push({ file: path.relative(process.cwd(), absolutePath), absolutePath, mtimeMs, size });
    });
  }
  return files;
}

/** Reads one issue file's bytes. */
export function readIssueBytes(absolutePath: string): Promise<Uint8Array> {
  return readFile(absolutePath);
}
