import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { tempFolder } from "./run-build.ts";

/** A complete, valid HTML page around `body`, for hand-made sites. */
export function tinyPage(body: string, options: { head?: string; title?: string } = {}): string {
  return [
    "<!DOCTYPE html>",
    '<html lang="en">',
    "<head>",
    '<meta charset="utf-8">',
    `<title>${options.title ?? "Tiny page"}</title>`,
    options.head ?? "",
    "</head>",
    "<body>",
    "<main>",
    body,
    "</main>",
    "</body>",
    "</html>",
    "",
  ].join("\n");
}

/** Writes a hand-made site (file path in the site → contents) into a fresh temp folder. */
export function writeTinySite(files: Record<string, string>): string {
  const folder = tempFolder("tiny-site-");
  for (const [file, contents] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(folder, file)), { recursive: true });
    writeFileSync(path.join(folder, file), contents);
  }
  return folder;
}
