import path from "node:path";
import { checkIssueImages, chosenImage, contentRoot, frontMatterImageProblem } from "../images/issue-images.ts";
import { formulaProblems } from "../markdown/formula-check.ts";
import { nestingProblem } from "../markdown/nesting-limit.ts";
import { decodeIssueText } from "./decode-issue.ts";
import { parseFrontMatter, splitFrontMatter } from "./front-matter.ts";
import { findTaggedContent } from "../markdown/tagged-items.ts";
import type { Issue } from "./issue.ts";
import { newsletterConfig } from "../config/newsletter-config.ts";
import { fieldExpectations, isIssueField, issueSchemaFor, seriesExpectation } from "./issue-schema.ts";
import { issueHref, issueSlug } from "./issue-url.ts";
import { countWords, readingMinutes } from "./reading-time.ts";
import { describeCharacter, fieldCharacterProblems } from "./control-characters.ts";
import { characterCount, fieldLimitProblems, issueLimits } from "./issue-limits.ts";
import { aliasCollisionProblems } from "./redirects.ts";
import { normaliseTags, tagHref, tagListProblems, tagSpellingKey, tagSpellingRule } from "./tags.ts";

/** One issue file as read from disk. */
export interface IssueSource {
  /** Path as shown in messages: `issues/x.md`. */
  file: string;
  absolutePath: string;
  bytes: Uint8Array;
}

export interface ValidationResult {
  issues: Issue[];
  /** One line per problem: `issues/x.md: field: expected ..., got ...`. */
  problems: string[];
}

/** Thrown when any issue file is invalid; its message lists every problem in every file. */
export class IssueValidationError extends Error {
  constructor(readonly problems: readonly string[]) {
    const count = `${problems.length} problem${problems.length === 1 ? "" : "s"}`;
    super(`Invalid issues (${count}); fix them to build the site:\n${problems.join("\n")}`);
    this.name = "IssueValidationError";
  }
}

/** Validates every source and reports all problems of all files, not just the first. */
export function validateIssueSources(sources: readonly IssueSource[]): ValidationResult {
  return collectValidation(sources.map(validateIssueSource));
}

/**
 * The issues and problems of files validated one by one (`validateIssueSource`, in file order),
 * with the checks that need them all: no two issues share a URL, and no two spell one tag's slug
 * differently.
 */
export function collectValidation(results: Iterable<Issue | string[]>): ValidationResult {
  const issues: Issue[] = [];
  const problems: string[] = [];
  for (const result of results) {
    if (Array.isArray(result)) problems.push(...result);
    else issues.push(result);
  }
  problems.push(...duplicateUrlProblems(issues), ...tagSpellingProblems(issues), ...aliasCollisionProblems(issues));
  return { issues, problems };
}

/** Validates one source: its issue, or every problem found in it (the URL clash check needs them all). */
export function validateIssueSource(source: IssueSource): Issue | string[] {
  const problem = (field: string, expected: string, got: string) =>
    `${source.file}: ${field}: expected ${expected}, got ${got}`;

  const decoded = decodeIssueText(source.bytes);
  if (decoded.problem) return [problem("file", decoded.problem.expected, decoded.problem.got)];
  const text = decoded.text;
  const split = splitFrontMatter(text);
  if (split.yaml === undefined) {
    const got = text.trim() === "" ? "an empty file" : "text with no front matter";
    return [problem("front matter", "a `---` block of fields at the top of the file", got)];
  }
  const parsed = parseFrontMatter(split.yaml, split.yamlFirstLine);
  if (parsed.problems.length) {
    return parsed.problems.map(
      ({ line, message }) => `${source.file}:${line}: front matter: expected valid YAML, got ${message}`,
    );
  }

  const problems: string[] = [];
  // A field holding a control character is reported for that alone: what else is wrong with it
  // may be the character.
  const reported = new Set<string>();
  for (const { field, expected, got } of fieldCharacterProblems(parsed.data)) {
    problems.push(problem(field, expected, got));
    reported.add(field);
  }
  const config = newsletterConfig();
  const result = issueSchemaFor(config).safeParse(parsed.data);
  if (!result.success) {
    for (const zodIssue of result.error.issues) {
      if (zodIssue.code === "unrecognized_keys") {
        for (const key of zodIssue.keys) {
          problems.push(problem(key, `one of the fields ${Object.keys(fieldExpectations).join(", ")}`, "an unknown field"));
        }
        continue;
      }
      const field = String(zodIssue.path[0] ?? "front matter");
      if (reported.has(field)) continue;
      reported.add(field);
      const expected = field === "series" ? seriesExpectation(config) : isIssueField(field) ? fieldExpectations[field] : zodIssue.message;
      problems.push(problem(field, expected, describeValue(parsed.data[field])));
    }
  }
  if (parsed.unquoted.has("date") && !problems.some((line) => line.startsWith(`${source.file}: date:`))) {
    problems.push(problem("date", fieldExpectations.date, `${describeValue(parsed.data.date)} without quotes`));
  }
  for (const { field, expected, got } of fieldLimitProblems(parsed.data)) {
    if (!reported.has(field)) problems.push(problem(field, expected, got));
  }
  // Hashtags count towards the issue's tags and may clash with its front matter's spellings.
  const tagged = findTaggedContent(split.body);
  const frontMatterTags = parsed.data.tags;
  if (!reported.has("tags") && (frontMatterTags === undefined || isTextList(frontMatterTags))) {
    const rawTags = [...(frontMatterTags ?? []), ...tagged.tags.map((tag) => tag.name)];
    for (const { expected, got } of tagListProblems(rawTags, { maxCount: issueLimits.tags, maxLength: issueLimits.tagLength })) {
      problems.push(problem("tags", expected, got));
    }
  }
  const bodyFirstLine = lineCount(text.slice(0, text.length - split.body.length)) + 1;
  for (const formula of formulaProblems(split.body)) {
    problems.push(`${source.file}:${formula.line + bodyFirstLine - 1}: ${formula.message}`);
  }
  // Images beside the issue, checked here so a build reports them with every other problem.
  const images = checkIssueImages(source, split.body, bodyFirstLine, contentRoot());
  problems.push(...images.problems);
  const frontMatterImage = typeof parsed.data.image === "string" ? parsed.data.image : undefined;
  const imageField = frontMatterImageProblem(images.sources, frontMatterImage);
  if (imageField && !reported.has("image")) problems.push(problem("image", imageField.expected, imageField.got));
  const nesting = nestingProblem(split.body);
  if (nesting) problems.push(`${source.file}:${nesting.line + bodyFirstLine - 1}: ${nesting.message}`);
  const nul = split.body.indexOf("\0");
  if (nul !== -1) problems.push(nulProblem(source.file, split.body, nul, bodyFirstLine));
  if (split.body.trim() === "") {
    problems.push(problem("body", "the issue's text after the front matter", "nothing"));
  }
  const slug = issueSlug(source.file);
  if (!slug) problems.push(problem("file name", "letters or digits after the date, like 2022-03-10-update-20.md", JSON.stringify(path.basename(source.file))));
  if (problems.length || !result.success) return problems;

  const frontMatter = result.data;
  const words = countWords(split.body);
  return {
    file: source.file,
    absolutePath: source.absolutePath,
    slug,
    url: issueHref(slug),
    title: frontMatter.title,
    date: frontMatter.date,
    seriesId: frontMatter.series,
    number: frontMatter.number,
    summary: frontMatter.summary,
    tags: normaliseTags([...frontMatter.tags, ...tagged.tags.map((tag) => tag.name)]),
    items: tagged.items,
    authors: frontMatter.authors,
    draft: frontMatter.draft,
    source: frontMatter.source,
    ...(frontMatter.aliases.length ? { aliases: frontMatter.aliases } : {}),
    words,
    readingMinutes: readingMinutes(words),
    ...(images.images.length ? { images: images.images, image: chosenImage(images.images, frontMatter.image) } : {}),
    ...(images.images.length && frontMatter.image !== undefined ? { imageFromFrontMatter: true as const } : {}),
  };
}

/** Two files that would be written to the same URL: each names the other. */
export function duplicateUrlProblems(issues: readonly Issue[]): string[] {
  const byUrl = new Map<string, Issue[]>();
  for (const issue of issues) byUrl.set(issue.url, [...(byUrl.get(issue.url) ?? []), issue]);
  const problems: string[] = [];
  for (const [url, clashing] of byUrl) {
    if (clashing.length < 2) continue;
    for (const issue of clashing) {
      const others = clashing.filter((other) => other !== issue).map((other) => other.file);
      problems.push(
        `${issue.file}: url: expected a URL no other issue has, got ${url}, also the URL of ${others.join(", ")}; rename one of the files`,
      );
    }
  }
  return problems;
}

/**
 * Two issues that spell one tag's slug differently, beyond what makes spellings one tag (case,
 * spaces, hyphens, underscores, a leading `#`): each later spelling names the first, and its file.
 * Spellings within one issue were checked with the issue. One map lookup per tag of each issue.
 */
export function tagSpellingProblems(issues: readonly Issue[]): string[] {
  const first = new Map<string, { name: string; key: string; file: string }>();
  const problems: string[] = [];
  for (const issue of issues) {
    for (const { slug, name } of issue.tags) {
      const key = spellingKey(name);
      const seen = first.get(slug);
      if (!seen) first.set(slug, { name, key, file: issue.file });
      else if (seen.key !== key) {
        problems.push(
          `${issue.file}: tags: expected ${JSON.stringify(seen.name)} as ${seen.file} spells the tag ${tagHref(slug)} (${tagSpellingRule}), or a tag with an address of its own, got ${JSON.stringify(name)}`,
        );
      }
    }
  }
  return problems;
}

// Every validation of the archive (each edit in `npm start`) compares the same few hundred names.
const spellingKeys = new Map<string, string>();

function spellingKey(name: string): string {
  let key = spellingKeys.get(name);
  if (key === undefined) {
    if (spellingKeys.size >= 10_000) spellingKeys.clear();
    key = tagSpellingKey(name);
    spellingKeys.set(name, key);
  }
  return key;
}

/** The first line of the body with a NUL in it, and how many more have one. */
function nulProblem(file: string, body: string, at: number, bodyFirstLine: number): string {
  const lineStart = body.lastIndexOf("\n", at) + 1;
  const lineEnd = body.indexOf("\n", at);
  const line = bodyFirstLine + lineCount(body.slice(0, lineStart));
  let more = 0;
  for (let next = lineEnd === -1 ? -1 : body.indexOf("\0", lineEnd); next !== -1; ) {
    more++;
    const end = body.indexOf("\n", next);
    next = end === -1 ? -1 : body.indexOf("\0", end);
  }
  const got = `${describeCharacter(0)} at character ${characterCount(body.slice(lineStart, at)) + 1}`;
  return `${file}:${line}: body: expected text without NUL characters, got ${got}${more ? ` (and ${more} more line${more === 1 ? "" : "s"} with NUL)` : ""}`;
}

function isTextList(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === "string");
}

/** A field's value as an error message shows it. */
export function describeValue(value: unknown): string {
  if (value === undefined) return "nothing";
  if (value === null) return "an empty value";
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/** Line breaks in `text`. */
function lineCount(text: string): number {
  let count = 0;
  for (let at = text.indexOf("\n"); at !== -1; at = text.indexOf("\n", at + 1)) count++;
  return count;
}
