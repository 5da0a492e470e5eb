// `npm run import`'s work, apart from its command line: read the export, plan every issue, check
// each as the build will, then write what changed, all inside the content folder.
import { mkdir, readFile, rename, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { newsletterConfig } from "../config/newsletter-config.ts";
import { scanContentFolder } from "../eleventy/content-folder.ts";
import { readIssueBytes } from "../eleventy/issue-files.ts";
import type { Issue } from "../model/issue.ts";
import { collectValidation, validateIssueSource } from "../model/validate-issues.ts";
import { ImportError } from "./import-error.ts";
import { importedState } from "./issue-text.ts";
import { planIssues, type PlannedIssue } from "./plan.ts";
import { readExport } from "./read-export.ts";
import type { ImportKind } from "./source-post.ts";
import { defaultZipLimits, type ZipLimits } from "./zip.ts";

export interface ImportOptions {
  kind: ImportKind;
  /** The export file. */
  source: string;
  /** Folder of issue Markdown files.
   *  @default "issues" */
  content: string;
  series?: string;
  seriesFromTag: ReadonlyMap<string, string>;
  dryRun: boolean;
  force: boolean;
  now?: Date;
  zipLimits?: ZipLimits;
  /** `--old-site URL`: the old site's address, for `source` where the export does not name it. */
  oldSite?: string;
}

/** What happened to one planned issue. */
export type IssueAction = "new" | "updated" | "unchanged" | "replaced" | "kept-edited" | "kept-foreign" | "failed";

export interface ImportOutcome {
  kind: ImportKind;
  source: string;
  dryRun: boolean;
  issues: { planned: PlannedIssue; action: IssueAction; file: string }[];
  /** Posts that could not become issues, each with its origin and reason. */
  failures: string[];
  skipped: { origin: string; reason: string }[];
  notes: string[];
  imagesWritten: number;
  imagesUnchanged: number;
  toFetch: { url: string; file: string }[];
  /** The fetch list, content-relative, when there is one. */
  fetchList?: string;
}

export const fetchListName = "images-to-fetch.txt";

export async function runImport(options: ImportOptions, progress: (done: number, total: number) => void = () => {}): Promise<ImportOutcome> {
  // Validation finds images under the build's content folder: this run's.
  const before = process.env.NEWSLETTER_CONTENT;
  process.env.NEWSLETTER_CONTENT = path.resolve(options.content);
  try {
    return await importInto(options, progress);
  } finally {
    if (before === undefined) delete process.env.NEWSLETTER_CONTENT;
    else process.env.NEWSLETTER_CONTENT = before;
  }
}

/**
 * An issue validated as the build will validate it once its images are there: the images this run
 * writes, and those it lists to fetch, do not exist yet, so their "no such image" problems are not
 * the issue's. Those images are checked by the build (which names any still missing).
 */
function validateStaged(issue: PlannedIssue, file: string, absolutePath: string): Issue | string[] {
  const encode = (text: string) => new TextEncoder().encode(text);
  const result = validateIssueSource({ file, absolutePath, bytes: encode(issue.text) });
  if (!Array.isArray(result)) return result;
  const staged = new Set([...issue.images.map((image) => image.file), ...issue.fetch.map((image) => image.file)]);
  const own = result.filter((problem) => {
    const missing = /: image: expected a PNG, JPEG, GIF, WebP, AVIF or SVG image at ("(?:[^"\\]|\\.)*")/.exec(problem);
    return !(missing && staged.has(JSON.parse(missing[1] as string) as string));
  });
  if (own.length) return own;
  // For the checks across issues (addresses, aliases, tags), the issue without its staged images.
  const without = issue.text.replace(/!\[(?:[^\]\\]|\\.)*\]\(([^\s)]+)(?: "(?:[^"\\]|\\.)*")?\)/g, (image, src: string) => (staged.has(src) ? "" : image));
  return validateIssueSource({ file, absolutePath, bytes: encode(without) });
}

async function importInto(options: ImportOptions, progress: (done: number, total: number) => void): Promise<ImportOutcome> {
  const config = newsletterConfig();
  const seriesIds = new Set(config.series.map((series) => series.id));
  const optionProblems: string[] = [];
  if (options.series !== undefined && !seriesIds.has(options.series)) {
    optionProblems.push(`--series: expected the id of one of the series in ${config.file} (${[...seriesIds].join(", ")}), got ${JSON.stringify(options.series)}`);
  }
  for (const [tag, series] of options.seriesFromTag) {
    if (!seriesIds.has(series)) optionProblems.push(`--series-from-tag ${tag}=${series}: expected the id of one of the series in ${config.file} (${[...seriesIds].join(", ")}), got ${JSON.stringify(series)}`);
  }
  if (options.series === undefined && !config.defaultSeries && options.seriesFromTag.size === 0) {
    optionProblems.push(`--series: expected the id of one of the series in ${config.file} (${[...seriesIds].join(", ")}), as it sets no default_series, got nothing`);
  }
  if (optionProblems.length) throw new ImportError(optionProblems);

  const sourceFile = path.relative(process.cwd(), path.resolve(options.source)) || options.source;
  let bytes: Uint8Array;
  try {
    bytes = await readFile(options.source);
  } catch (error) {
    throw new ImportError([`${sourceFile}: expected the export file, got ${(error as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (error as Error).message}`]);
  }
  const contents = readExport(options.kind, {
    bytes,
    file: sourceFile,
    folder: path.dirname(path.resolve(options.source)),
    zipLimits: options.zipLimits ?? defaultZipLimits,
    ...(options.oldSite ? { oldSite: options.oldSite } : {}),
  });
  const { planned, failures } = planIssues(contents, config, {
    ...(options.series ? { series: options.series } : {}),
    seriesFromTag: options.seriesFromTag,
    now: options.now ?? new Date(),
  });

  const content = path.resolve(options.content);
  const scan = await scanContentFolder(content);
  if (scan.problems.length && !scan.missing) throw new ImportError(scan.problems);
  const existing = new Map<string, Issue | undefined>();
  const existingText = new Map<string, string>();
  for (const { absolutePath, file } of scan.issues) {
    const fileBytes = await readIssueBytes(absolutePath);
    existingText.set(absolutePath, new TextDecoder().decode(fileBytes));
    const result = validateIssueSource({ file, absolutePath, bytes: fileBytes });
    existing.set(absolutePath, Array.isArray(result) ? undefined : result);
  }

  const outcome: ImportOutcome = {
    kind: options.kind,
    source: sourceFile,
    dryRun: options.dryRun,
    issues: [],
    failures: failures.map(({ origin, reason }) => `${sourceFile}: ${origin}: ${reason}`),
    skipped: contents.skipped,
    notes: contents.notes,
    imagesWritten: 0,
    imagesUnchanged: 0,
    toFetch: [],
  };

  // Each issue is checked as the build will check it, then all together with the folder's other
  // issues (addresses and aliases no two may share).
  const candidates: { planned: PlannedIssue; absolutePath: string; file: string; issue: Issue; action: IssueAction }[] = [];
  planned.forEach((issue, index) => {
    progress(index + 1, planned.length);
    const absolutePath = path.join(content, issue.file);
    const file = path.relative(process.cwd(), absolutePath);
    const before = existingText.get(absolutePath);
    let action: IssueAction = "new";
    if (before !== undefined) {
      const state = importedState(before);
      if (before === issue.text) action = "unchanged";
      else if (state === "unedited") action = "updated";
      else if (options.force) action = "replaced";
      else action = state === "edited" ? "kept-edited" : "kept-foreign";
    }
    const validated = validateStaged(issue, file, absolutePath);
    if (Array.isArray(validated)) {
      outcome.failures.push(`${sourceFile}: ${issue.origin}: would not build, so ${file} was not written:\n  ${validated.join("\n  ")}`);
      outcome.issues.push({ planned: issue, action: "failed", file });
      return;
    }
    candidates.push({ planned: issue, absolutePath, file, issue: validated, action });
  });
  const replacing = new Set(candidates.filter(({ action }) => !action.startsWith("kept")).map(({ absolutePath }) => absolutePath));
  const others = [...existing].filter(([absolutePath, issue]) => issue && !replacing.has(absolutePath)).map(([, issue]) => issue as Issue);
  const together = collectValidation([...others, ...candidates.filter(({ absolutePath }) => replacing.has(absolutePath)).map(({ issue }) => issue)]);
  const clashes = new Map<string, string[]>();
  for (const problem of together.problems) {
    const candidate = candidates.find(({ file }) => problem.startsWith(`${file}:`));
    if (candidate) clashes.set(candidate.file, [...(clashes.get(candidate.file) ?? []), problem]);
  }

  const fetch = new Map<string, string>();
  for (const candidate of candidates) {
    const problems = clashes.get(candidate.file);
    if (problems) {
      outcome.failures.push(`${sourceFile}: ${candidate.planned.origin}: would not build, so ${candidate.file} was not written:\n  ${problems.join("\n  ")}`);
      outcome.issues.push({ planned: candidate.planned, action: "failed", file: candidate.file });
      continue;
    }
    outcome.issues.push({ planned: candidate.planned, action: candidate.action, file: candidate.file });
    if (candidate.action.startsWith("kept")) continue;
    for (const image of candidate.planned.images) {
      const target = inside(content, image.file);
      const same = await sameBytes(target, image.bytes);
      if (same) outcome.imagesUnchanged++;
      else {
        outcome.imagesWritten++;
        if (!options.dryRun) await writeAtomically(target, image.bytes);
      }
    }
    if (!options.dryRun && candidate.action !== "unchanged") await writeAtomically(inside(content, candidate.planned.file), candidate.planned.text);
    for (const item of candidate.planned.fetch) {
      // Already fetched: nothing to list.
      if (!(await exists(inside(content, item.file)))) fetch.set(item.file, item.url);
    }
  }
  // Another import's entries into this folder stay listed until their files are there.
  const listed = await readFile(path.join(content, fetchListName), "utf8").catch(() => "");
  for (const line of listed.split("\n")) {
    const [url, file] = line.startsWith("#") ? [] : line.split(" ");
    if (url && file && !fetch.has(file) && !(await exists(inside(content, file)))) fetch.set(file, url);
  }
  outcome.toFetch = [...fetch].map(([file, url]) => ({ url, file })).sort((a, b) => a.file.localeCompare(b.file));
  if (outcome.toFetch.length) {
    outcome.fetchList = path.relative(process.cwd(), path.join(content, fetchListName));
    if (!options.dryRun) {
      const text = fetchListText(outcome.toFetch);
      const target = inside(content, fetchListName);
      if ((await readFile(target, "utf8").catch(() => undefined)) !== text) await writeAtomically(target, text);
    }
  }
  return outcome;
}

/** The fetch list: a URL and its file (relative to the content folder) a line, with a command that fetches them all. */
export function fetchListText(items: readonly { url: string; file: string }[]): string {
  return [
    "# Images the issues reference but the export did not hold: URL, then where it goes (relative to this folder).",
    `# In this folder: while read -r url file; do case "$url" in '#'*) ;; *) curl -fsSL --create-dirs -o "$file" "$url";; esac; done < ${fetchListName}`,
    ...items.map(({ url, file }) => `${url} ${file}`),
    "",
  ].join("\n");
}

/** `relative` under `folder`, refused if it would lie outside it. */
function inside(folder: string, relative: string): string {
  const target = path.resolve(folder, relative);
  if (!target.startsWith(folder + path.sep)) throw new ImportError([`${relative}: expected a path inside ${folder}, got one outside it; nothing more was written`]);
  return target;
}

async function writeAtomically(target: string, data: string | Uint8Array): Promise<void> {
  await mkdir(path.dirname(target), { recursive: true });
  const temporary = `${target}.${process.pid}.import-tmp`;
  await writeFile(temporary, data);
  await rename(temporary, target);
}

async function sameBytes(target: string, bytes: Uint8Array): Promise<boolean> {
  const current = await readFile(target).catch(() => undefined);
  return current !== undefined && Buffer.compare(current, bytes) === 0;
}

async function exists(target: string): Promise<boolean> {
  return stat(target).then(
    () => true,
    () => false,
  );
}
