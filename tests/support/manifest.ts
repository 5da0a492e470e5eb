import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

/** Every file of a built site with the sha256 of its bytes, sorted by path. */
export function siteManifest(folder: string): Record<string, string> {
  const manifest: Record<string, string> = {};
  const files = readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(folder, path.join(entry.parentPath, entry.name)))
    .sort();
  for (const file of files) {
    manifest[file] = createHash("sha256").update(readFileSync(path.join(folder, file))).digest("hex");
  }
  return manifest;
}
