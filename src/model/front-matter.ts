import { isMap, isScalar, parseDocument, type Document } from "yaml";

/** A source file split into its YAML front matter and Markdown body. */
export interface SplitSource {
  /** The YAML between the `---` fences, or undefined when the file has none. */
  yaml: string | undefined;
  /** 1-based line of the first YAML line, to report YAML errors against the file. */
  yamlFirstLine: number;
  body: string;
}

/** A YAML problem found while parsing front matter. */
export interface YamlProblem {
  line: number;
  message: string;
}

export interface ParsedFrontMatter {
  data: Record<string, unknown>;
  /** Fields whose value was written as a plain (unquoted) scalar. */
  unquoted: Set<string>;
  problems: YamlProblem[];
}

const fencePattern = /^---[ \t]*\r?\n([\s\S]*?)\r?\n?^---[ \t]*(?:\r?\n|$)/m;

/** Splits off the front matter; tolerates a UTF-8 byte order mark and CRLF line endings. */
export function splitFrontMatter(source: string): SplitSource {
  const text = source.replace(/^\uFEFF/, "");
  const match = text.startsWith("---") ? fencePattern.exec(text) : null;
  if (!match || match.index !== 0) return { yaml: undefined, yamlFirstLine: 1, body: text };
  // The issue model keeps values parsed from the YAML for the whole build; parsed from a slice of
  // the file, each would keep the whole file in memory with it.
  return { yaml: ownCopy(match[1] ?? ""), yamlFirstLine: 2, body: text.slice(match[0].length) };
}

/**
 * A copy of `text` that does not share memory with the string it was cut from. V8 makes a slice or
 * match of a long string a view into it, which keeps all of that string alive for as long as the
 * slice lives; the concatenation is flattened into a new string when sliced.
 */
export function ownCopy(text: string): string {
  return ` ${text}`.slice(1);
}

/**
 * Parses front matter as YAML 1.2 (core schema), so `2022-02-30` stays the text it was written as
 * instead of becoming a timestamp rolled over to 2 March, as YAML 1.1 parsers do.
 */
export function parseFrontMatter(yaml: string, firstLine = 1): ParsedFrontMatter {
  const document = parseDocument(yaml, { prettyErrors: false, uniqueKeys: true });
  const problems = document.errors.map((error) => ({
    line: lineAt(yaml, error.pos[0]) + firstLine - 1,
    message: error.message.split("\n")[0]?.replace(/ at line \d+, column \d+:?$/, "") ?? error.message,
  }));
  if (problems.length) return { data: {}, unquoted: new Set(), problems };
  const contents = document.contents;
  if (contents !== null && !isMap(contents)) {
    return {
      data: {},
      unquoted: new Set(),
      problems: [{ line: firstLine, message: "expected a mapping of `field: value` lines" }],
    };
  }
  const data = toData(document);
  parsedByText.set(cacheKey(yaml), data);
  return { data, unquoted: unquotedFields(document), problems: [] };
}

/** 1-based line of a character offset; an error found at the very end belongs to the last line. */
function lineAt(text: string, offset: number): number {
  const before = text.slice(0, Math.min(offset, text.replace(/\s+$/, "").length));
  return before.split("\n").length;
}

/** Data validation already parsed, by YAML text, for Eleventy to take instead of parsing again. */
const parsedByText = new Map<string, Record<string, unknown>>();

/** Front matter as validation parsed it, keyed as `parseYamlData` looks it up. */
export interface ParsedFrontMatterEntry {
  key: string;
  data: Record<string, unknown>;
}

/**
 * The data `parseFrontMatter` kept for `yaml`, taken out of this thread's store: a build that
 * validates on worker threads (src/markdown/prerender.ts) hands it to Eleventy's thread.
 */
export function takeParsedFrontMatter(yaml: string): ParsedFrontMatterEntry | undefined {
  const key = cacheKey(yaml);
  const data = parsedByText.get(key);
  parsedByText.delete(key);
  return data && { key, data };
}

/** Keeps front matter another thread parsed, for `parseYamlData` to take. */
export function rememberParsedFrontMatter({ key, data }: ParsedFrontMatterEntry): void {
  parsedByText.set(key, data);
}

/** Eleventy hands the engine the YAML with its fence's line break; line ends and outer space do not change the data. */
function cacheKey(yaml: string): string {
  return yaml.replace(/\r\n?/g, "\n").trim();
}

/**
 * The front matter engine Eleventy uses, so pages see exactly what validation saw. The issue's
 * `tags` reach Eleventy as `issueTags`: Eleventy would otherwise build a collection per tag,
 * which the site never reads (its tag archives come from the validated model).
 */
export function parseYamlData(yaml: string): Record<string, unknown> {
  const key = cacheKey(yaml);
  const data = parsedByText.get(key) ?? toData(parseDocument(yaml, { uniqueKeys: true }));
  parsedByText.delete(key);
  if (!("tags" in data)) return data;
  const { tags, ...rest } = data;
  return { ...rest, issueTags: tags };
}

function toData(document: Document): Record<string, unknown> {
  const value: unknown = document.toJS();
  return value && typeof value === "object" ? (value as Record<string, unknown>) : {};
}

function unquotedFields(document: Document): Set<string> {
  const fields = new Set<string>();
  if (!isMap(document.contents)) return fields;
  for (const pair of document.contents.items) {
    if (isScalar(pair.key) && isScalar(pair.value) && pair.value.type === "PLAIN") {
      fields.add(String(pair.key.value));
    }
  }
  return fields;
}
