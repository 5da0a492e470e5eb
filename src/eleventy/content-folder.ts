import type { Dirent } from "node:fs";
import { lstat, readdir, readlink, realpath, stat } from "node:fs/promises";
import path from "node:path";
import { issueSlug } from "../model/issue-url.ts";

/** What the build does with one file of the content folder, judged by its path alone. */
export type ContentRole =
  /** An issue (`*.md`, any case): validated and rendered. */
  | { role: "issue" }
  /** A file an issue may reference (an image, a PDF): Eleventy never reads it. */
  | { role: "inert" }
  /** A template, data or code file: the build stops. `got` says what it is and why that matters. */
  | { role: "refused"; got: string };

const couldRunCode = ", which could run code";

// By lower-cased extension. Eleventy would read some of these as templates or data, others only
// with a plugin: none belongs in a folder whose every file the build should be able to trust.
const refusedExtensions: Record<string, string> = {
  njk: "a Nunjucks template",
  liquid: "a Liquid template",
  html: "an HTML template (Eleventy renders HTML with Nunjucks)",
  htm: "an HTML template (Eleventy renders HTML with Nunjucks)",
  js: "a JavaScript file",
  cjs: "a JavaScript file",
  mjs: "a JavaScript file",
  ts: "a TypeScript file",
  cts: "a TypeScript file",
  mts: "a TypeScript file",
  jsx: "a JSX file",
  tsx: "a JSX file",
  webc: "a WebC template",
  hbs: "a Handlebars template",
  handlebars: "a Handlebars template",
  mustache: "a Mustache template",
  ejs: "an EJS template",
  haml: "a Haml template",
  pug: "a Pug template",
  jade: "a Pug template",
};

/**
 * The role of the file at `relativePath` (inside the content folder, `/` or the platform's
 * separator). Pure: the caller deals with links and files that are not regular files.
 */
export function classifyContentPath(relativePath: string): ContentRole {
  const segments = relativePath.split(/[\\/]/);
  const name = (segments.at(-1) ?? "").toLowerCase();
  const folders = segments.slice(0, -1);
  if (folders.includes("_data")) return { role: "refused", got: `site data in a _data folder${couldRunCode}` };
  if (folders.includes("_includes")) return { role: "refused", got: `a layout in an _includes folder${couldRunCode}` };
  if (name.includes(".11tydata.")) return { role: "refused", got: `an Eleventy data file${couldRunCode}` };
  if (name.includes(".11ty.")) return { role: "refused", got: `an Eleventy JavaScript template${couldRunCode}` };
  const dot = name.lastIndexOf(".");
  const extension = dot > 0 ? name.slice(dot + 1) : "";
  if (extension === "md") return { role: "issue" };
  const kind = refusedExtensions[extension];
  return kind ? { role: "refused", got: kind + couldRunCode } : { role: "inert" };
}

/** One issue file as listed on disk: enough to tell whether it changed since the last build. */
export interface IssueFileStat {
  /** Path as shown in messages, relative to the working directory. */
  file: string;
  absolutePath: string;
  mtimeMs: number;
  size: number;
}

/** What a look through the content folder found. */
export interface ContentScan {
  /** The issue files, sorted by absolute path. */
  issues: IssueFileStat[];
  /** One line per file or folder the build refuses or cannot read, in path order. */
  problems: string[];
  /** Files of the folder that are not issues (refused or not): for the message when there are no issues. */
  otherFiles: number;
  /** Whether the folder itself is missing. */
  missing: boolean;
}

/** Files stat'ed or read at once: one promise per file opens every file at once (EMFILE at 20,000). */
export const fileBatchSize = 64;

/** The longest file name Linux, macOS and Windows file systems take, in bytes (an issue's page folder is its slug). */
export const maxNameBytes = 255;

const expectedOnly = "expected only issue files (*.md) and the files they reference";
const expectedStored = "expected a file stored in the content folder";

/**
 * Lists the content folder without following links or reading any file: the issue files with
 * their stats, and every entry the build refuses (templates, data and code files, links, files
 * that are not regular files, folders or files it cannot read), each named with the reason.
 * `node_modules` folders are skipped, as Eleventy skips them.
 */
export async function scanContentFolder(contentDir: string): Promise<ContentScan> {
  const root = path.resolve(contentDir);
  const scan: ContentScan = { issues: [], problems: [], otherFiles: 0, missing: false };
  const problems: [absolutePath: string, line: string][] = [];
  const problem = (absolutePath: string, line: string) => problems.push([absolutePath, line]);
  const candidates: string[] = [];
  const realRoot = await realpath(root).catch(() => root);
  const folders = [root];
  for (let folder = folders.pop(); folder !== undefined; folder = folders.pop()) {
    let entries: Dirent[];
    try {
      entries = await readdir(folder, { withFileTypes: true });
    } catch (error) {
      if (folder === root && errorCode(error) === "ENOENT") return { ...scan, missing: true };
      if (folder === root && errorCode(error) === "ENOTDIR") {
        problem(folder, `${shown(folder)}: folder: expected the folder that holds the issues, got a file; pass --content with its folder`);
        continue;
      }
      problem(folder, `${shown(folder)}: folder: expected a readable folder, got ${fileErrorWords(error)}`);
      continue;
    }
    for (const entry of entries) {
      const absolutePath = path.join(folder, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== "node_modules") folders.push(absolutePath);
        continue;
      }
      const file = shown(absolutePath);
      const role = classifyContentPath(path.relative(root, absolutePath));
      if (role.role !== "issue") scan.otherFiles++;
      if (entry.isSymbolicLink()) {
        problem(absolutePath, `${file}: file: ${expectedStored}, got ${await linkWords(absolutePath, root, realRoot)}`);
      } else if (role.role === "refused") {
        problem(absolutePath, `${file}: file: ${expectedOnly}, got ${role.got}; move it out of the content folder`);
      } else if (role.role === "issue" && !entry.isFile()) {
        problem(absolutePath, `${file}: file: expected a readable file, got ${specialFileWords(entry)}`);
      } else if (role.role === "issue") {
        const slugBytes = Buffer.byteLength(issueSlug(entry.name));
        if (slugBytes > maxNameBytes) {
          problem(absolutePath, `${file}: file name: expected a name whose page folder takes at most ${maxNameBytes} bytes, got one that takes ${slugBytes}; shorten the name`);
        }
        candidates.push(absolutePath);
      }
    }
  }
  candidates.sort();
  for (let start = 0; start < candidates.length; start += fileBatchSize) {
    const batch = candidates.slice(start, start + fileBatchSize);
    const stats = await Promise.allSettled(batch.map((absolutePath) => stat(absolutePath)));
    batch.forEach((absolutePath, index) => {
      const result = stats[index];
      if (result?.status === "fulfilled") {
        scan.issues.push({ file: shown(absolutePath), absolutePath, mtimeMs: result.value.mtimeMs, size: result.value.size });
      } else {
        problem(absolutePath, unreadableFileProblem(shown(absolutePath), result?.reason));
      }
    });
  }
  scan.problems = problems.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, line]) => line);
  return scan;
}

/** The problem line of an issue file that could not be read. */
export function unreadableFileProblem(file: string, error: unknown): string {
  return `${file}: file: expected a readable file, got ${fileErrorWords(error)}`;
}

// The causes a publisher can act on, in plain words; the code stays for a search.
const errorWords: Record<string, string> = {
  EACCES: "permission denied",
  EPERM: "operation not permitted",
  ENAMETOOLONG: "a path too long for the file system",
  ENOENT: "no such file (was it removed during the build?)",
  EISDIR: "a folder",
  ENOTDIR: "a path through something that is not a folder",
  ELOOP: "too many levels of symbolic links",
  EIO: "an input/output error",
  EMFILE: "too many open files",
  ENFILE: "too many open files",
  EBUSY: "a busy file",
  ETIMEDOUT: "a time-out",
};

/** An error of the file system in plain words with its code: `permission denied (EACCES)`. */
export function fileErrorWords(error: unknown): string {
  const code = errorCode(error);
  if (code) return `${errorWords[code] ?? "an error reading it"} (${code})`;
  return error instanceof Error ? error.message : String(error);
}

function errorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === "string" ? code : undefined;
}

function specialFileWords(entry: Dirent): string {
  if (entry.isFIFO()) return "a named pipe (FIFO)";
  if (entry.isSocket()) return "a socket";
  if (entry.isCharacterDevice()) return "a character device";
  if (entry.isBlockDevice()) return "a block device";
  return "something that is not a regular file";
}

/** What a link points to, for the message refusing it; links are never followed. */
async function linkWords(link: string, root: string, realRoot: string): Promise<string> {
  let target: string;
  try {
    target = path.resolve(path.dirname(link), await readlink(link));
  } catch (error) {
    return `a symbolic link that cannot be read (${fileErrorWords(error)})`;
  }
  let resolved: string;
  try {
    resolved = await realpath(link);
  } catch {
    return `a symbolic link to ${isInside(root, target) ? shown(target) : target}, which does not exist; remove the link`;
  }
  const folder = (await lstat(resolved).catch(() => undefined))?.isDirectory() ? " (a folder)" : "";
  return isInside(realRoot, resolved)
    ? `a symbolic link to ${shown(target)}${folder}; links are not followed: remove the link, or put a copy of what it links to in its place`
    : `a symbolic link to ${resolved}${folder}, outside the content folder; copy what it links to into the content folder instead`;
}

/** Whether `target` lies inside `folder` (the folder itself is not inside it: a link to it loops). */
function isInside(folder: string, target: string): boolean {
  const relative = path.relative(folder, target);
  return relative !== "" && relative !== ".." && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative);
}

/** A path as messages show files: relative to the working folder, as Eleventy names them. */
function shown(absolutePath: string): string {
  return path.relative(process.cwd(), absolutePath);
}

/** The message for a content folder with no issue to build. */
export function noIssuesMessage(contentDir: string, scan: Pick<ContentScan, "missing" | "otherFiles">): string {
  const folder = shown(path.resolve(contentDir)) || ".";
  const hint = "pass --content with the folder that holds the issues";
  if (scan.missing) return `no issues in ${folder}: the folder does not exist; ${hint}`;
  const holds = scan.otherFiles === 0 ? "it is empty" : `it holds ${scan.otherFiles} file${scan.otherFiles === 1 ? "" : "s"}, none of them an issue (*.md)`;
  return `no issues in ${folder}: ${holds}; add an issue, or ${hint}`;
}

/** Thrown when the content folder holds no issue: an empty site would replace the archive. */
export class NoIssuesError extends Error {
  override name = "NoIssuesError";
}
