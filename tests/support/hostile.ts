// Shared by the hostile-input suites: a previous site built once, and content folders written per case,
// so each case asserts its exit code, its message and that the previous site is byte for byte the same.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { siteManifest } from "./manifest.ts";
import { runBuild, tempFolder, type BuildRun } from "./run-build.ts";

/** Front matter fields of a valid issue, overridable one by one. */
export const validFields: Record<string, string> = {
  title: 'title: "An issue"',
  date: 'date: "2022-03-10"',
  series: "series: lab-notes",
  summary: 'summary: "What it is about."',
};

/** A valid issue file's text, with fields replaced or added (`null` drops one) and its body. */
export function issueText(overrides: Record<string, string | null> = {}, body = "Some text.\n"): string {
  const fields = { ...validFields, ...overrides };
  const lines = Object.values(fields).filter((line): line is string => line !== null);
  return `---\n${lines.join("\n")}\n---\n${body}`;
}

/** Writes `files` (path in the folder → text or bytes) into a new content folder and returns it. */
export function writeContent(files: Record<string, string | Uint8Array>, folder = path.join(tempFolder("content-"), "issues")): string {
  for (const [file, contents] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(folder, file)), { recursive: true });
    writeFileSync(path.join(folder, file), contents);
  }
  return folder;
}

/** A site built from one valid issue, to build hostile content over. */
export interface PreviousSite {
  output: string;
  manifest: Record<string, string>;
  /** Builds `content` into the previous site's folder. */
  buildOver(content: string, env?: Record<string, string>): BuildRun;
}

export function previousSite(): PreviousSite {
  const content = writeContent({ "2022-03-10-previous.md": issueText() });
  const output = path.join(tempFolder("previous-"), "_site");
  const build = runBuild({ content, output });
  if (build.status !== 0) throw new Error(`building the previous site failed:\n${build.stdout}\n${build.stderr}`);
  return { output, manifest: siteManifest(output), buildOver: (next, env) => runBuild({ content: next, output, env }) };
}
