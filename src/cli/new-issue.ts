// The pure parts of `npm run new`: its arguments, the series and number of the new issue, its file
// name and its text. src/cli/new.ts reads the folder and writes the file.
import { DateTime } from "luxon";
import type { NewsletterConfig } from "../config/newsletter-config.ts";
import { maxNameBytes } from "../eleventy/content-folder.ts";
import { parseFrontMatter, splitFrontMatter } from "../model/front-matter.ts";
import { characterCount, issueLimits } from "../model/issue-limits.ts";
import { slugify } from "../model/slug.ts";

/** Options of `npm run new`. */
export interface NewIssueOptions {
  title: string;
  /** `--series ID`; without it, the configuration's default series. */
  series?: string;
  /** Folder of issue Markdown files.
   *  @default "issues" */
  content: string;
  /** `--dry-run`: print the file instead of writing it. */
  dryRun: boolean;
}

export const newIssueUsage = 'usage: npm run new -- [--series ID] [--content DIR] [--config FILE] [--dry-run] "Title"';

/** A mistake in the command's arguments or the title: the message says what to write instead. */
export class NewIssueError extends Error {
  override name = "NewIssueError";
}

/**
 * Parses `--series ID --content DIR --dry-run "Title"` (also `--series=ID`; `--config` is taken
 * out before, by takeConfigFlag). `--` ends the flags, for a title that starts with a hyphen.
 */
export function parseNewIssueArgs(argv: readonly string[]): NewIssueOptions {
  const options: Omit<NewIssueOptions, "title"> = { content: "issues", dryRun: false };
  const titles: string[] = [];
  let flagsEnded = false;
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index] ?? "";
    if (flagsEnded || !arg.startsWith("-") || arg === "-") {
      titles.push(arg);
      continue;
    }
    if (arg === "--") {
      flagsEnded = true;
      continue;
    }
    if (arg === "--dry-run") {
      options.dryRun = true;
      continue;
    }
    const [flag, inline] = arg.split(/=(.*)/s, 2) as [string, string | undefined];
    if (flag !== "--series" && flag !== "--content") {
      throw new NewIssueError(`new: expected --series ID, --content DIR, --config FILE, --dry-run or the title, got ${JSON.stringify(arg)}\n${newIssueUsage}`);
    }
    const value = inline ?? argv[++index];
    if (!value || value.startsWith("--")) {
      throw new NewIssueError(`new: ${flag}: expected ${flag === "--series" ? "a series id" : "a folder"}, got nothing\n${newIssueUsage}`);
    }
    if (flag === "--series") options.series = value;
    else options.content = value;
  }
  if (titles.length !== 1) {
    const got = titles.length === 0 ? "nothing" : `${titles.length} arguments (${titles.map((title) => JSON.stringify(title)).join(" ")})`;
    throw new NewIssueError(`new: expected the title as one argument, in quotes, got ${got}\n${newIssueUsage}`);
  }
  return { ...options, title: titleProblemFree(titles[0] ?? "") };
}

/** The title, trimmed, if an issue may carry it: not empty, within issueLimits, with a letter or digit for its address. */
function titleProblemFree(raw: string): string {
  const title = raw.trim();
  if (!title) throw new NewIssueError(`new: title: expected a non-empty title, got ${JSON.stringify(raw)}\n${newIssueUsage}`);
  const length = characterCount(title);
  if (length > issueLimits.titleLength) {
    throw new NewIssueError(`new: title: expected a title of at most ${issueLimits.titleLength} characters, got ${length} characters`);
  }
  if (!slugify(title)) {
    throw new NewIssueError(`new: title: expected a title with a letter or digit, for its address, got ${JSON.stringify(title)}`);
  }
  return title;
}

/**
 * The series the new issue belongs to, and whether its front matter must name it: it may leave
 * `series:` out only when it goes to the configuration's default series without `--series`.
 */
export function chooseSeries(config: NewsletterConfig, requested: string | undefined): { id: string; written: boolean } {
  const ids = config.series.map((series) => series.id);
  if (requested !== undefined) {
    if (!ids.includes(requested)) {
      throw new NewIssueError(`new: --series: expected one of the series in ${config.file} (${ids.join(", ")}), got ${JSON.stringify(requested)}`);
    }
    return { id: requested, written: true };
  }
  if (config.defaultSeries) return { id: config.defaultSeries, written: false };
  throw new NewIssueError(
    `new: --series: expected one of the series in ${config.file} (${ids.join(", ")}), got nothing; ${config.file} names no default_series`,
  );
}

/** What numbering needs of an existing issue file: its series and number, as its front matter gives them. */
export interface NumberedIssue {
  series: unknown;
  number: unknown;
}

/** The series and number of an issue file's text, or undefined when its front matter cannot be read (the build reports it). */
export function numberedIssue(text: string): NumberedIssue | undefined {
  const { yaml, yamlFirstLine } = splitFrontMatter(text);
  if (yaml === undefined) return undefined;
  const parsed = parseFrontMatter(yaml, yamlFirstLine);
  return parsed.problems.length ? undefined : { series: parsed.data.series, number: parsed.data.number };
}

/**
 * The next number of a series that numbers its issues: one more than the highest of its issues
 * (those without `series:` belong to `defaultSeries`). Undefined when none of them has a number.
 */
export function nextIssueNumber(existing: Iterable<NumberedIssue>, series: string, defaultSeries?: string): number | undefined {
  let highest: number | undefined;
  for (const issue of existing) {
    const issueSeries = issue.series ?? defaultSeries;
    if (issueSeries !== series || !Number.isSafeInteger(issue.number) || (issue.number as number) < 1) continue;
    highest = Math.max(highest ?? 0, issue.number as number);
  }
  return highest === undefined ? undefined : highest + 1;
}

/** `YYYY-MM-DD` of `now` in an IANA time zone: the new issue's date. */
export function todayIn(timeZone: string, now: Date = new Date()): string {
  const today = DateTime.fromJSDate(now).setZone(timeZone).toISODate();
  if (!today) throw new Error(`new: expected an IANA time zone, got ${JSON.stringify(timeZone)}`);
  return today;
}

const datePrefix = "YYYY-MM-DD-";
const extension = ".md";

/**
 * `2022-03-10-some-title.md`. The title's slug is cut at a hyphen (or a character) when the name
 * would be longer than file systems take, in bytes.
 */
export function issueFileName(date: string, title: string): string {
  const room = maxNameBytes - datePrefix.length - extension.length;
  let slug = slugify(title);
  if (Buffer.byteLength(slug) > room) {
    let cut = "";
    for (const character of slug) {
      if (Buffer.byteLength(cut + character) > room) break;
      cut += character;
    }
    const hyphen = cut.lastIndexOf("-");
    slug = hyphen > cut.length / 2 ? cut.slice(0, hyphen) : cut.replace(/-+$/, "");
  }
  return `${date}-${slug}${extension}`;
}

export const summaryPlaceholder = "TODO: one or two sentences on what this issue holds.";

/** The new issue's file: front matter that validates, marked a draft, and a line of body to replace. */
export function newIssueText(fields: { title: string; date: string; series?: string; number?: number }): string {
  // JSON strings are YAML double-quoted scalars, so any title reads back as written, and an id
  // like `2024` or `null` stays text.
  const lines = [
    "---",
    `title: ${JSON.stringify(fields.title)}`,
    `date: ${JSON.stringify(fields.date)}`,
    ...(fields.series === undefined ? [] : [`series: ${JSON.stringify(fields.series)}`]),
    ...(fields.number === undefined ? [] : [`number: ${fields.number}`]),
    `summary: ${JSON.stringify(summaryPlaceholder)}`,
    "tags: []",
    "draft: true",
    "---",
    "Write the issue here, in Markdown. `npm start` shows it as you write; remove `draft: true` to publish it.",
    "",
  ];
  return lines.join("\n");
}
