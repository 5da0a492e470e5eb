import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import type { IssueSource } from "../model/validate-issues.ts";

/** Reads every Markdown file under the content folder, as Eleventy will see them. */
export async function readIssueSources(contentDir: string): Promise<IssueSource[]> {
  const entries = await readdir(contentDir, { recursive: true, withFileTypes: true });
  const files = entries
    .filter((entry) => entry.isFile() && entry.name.endsWith(".md"))
    .map((entry) => path.resolve(entry.parentPath, entry.name))
    .filter((file) => !file.split(path.sep).includes("node_modules"))
    .sort();
  return Promise.all(
    files.map(async (absolutePath) => ({
      file: path.relative(process.cwd(), absolutePath),
      absolutePath,
      bytes: await readFile(absolutePath),
    })),
  );
}
