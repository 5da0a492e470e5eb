import { isMap, isScalar, parseDocument, visit, type Document } from "yaml";

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

/** YAML errors reported of one file; past them, one line says how many more there are.
 *  @default 20 */
const maxYamlProblems = 20;

/** Aliases `toJS` expands before it gives up on the document as an alias bomb (the `yaml` package's own default).
 *  @default 100 */
const maxAliasCount = 100;

/**
 * Parses front matter as YAML 1.2 (core schema), so `2022-02-30` stays the text it was written as
 * instead of becoming a timestamp rolled over to 2 March, as YAML 1.1 parsers do. Never throws: a
 * YAML error, an alias bomb or nesting too deep to read is a problem at its line, so validation
 * goes on with the other files.
 */
export function parseFrontMatter(yaml: string, firstLine = 1): ParsedFrontMatter {
  const failed = (problems: YamlProblem[]): ParsedFrontMatter => ({ data: {}, unquoted: new Set(), problems });
  const lines = lineFinder(yaml, firstLine);
  let document: Document;
  try {
    document = parseDocument(yaml, { prettyErrors: false, uniqueKeys: true });
  } catch (error) {
    return failed([{ line: firstLine, message: resourceMessage(error) }]);
  }
  if (document.errors.length) {
    const problems = document.errors.slice(0, maxYamlProblems).map((error) => ({
      line: lines(error.pos[0]),
      message: error.code === "RESOURCE_EXHAUSTION" ? tooDeep(error.message) : (error.message.split("\n")[0]?.replace(/ at line \d+, column \d+:?$/, "") ?? error.message),
    }));
    const more = document.errors.length - problems.length;
    if (more > 0) {
      const next = document.errors[maxYamlProblems];
      problems.push({ line: lines(next ? next.pos[0] : 0), message: `${more} more YAML errors from this line on` });
    }
    return failed(problems);
  }
  const contents = document.contents;
  if (contents !== null && !isMap(contents)) {
    return failed([{ line: firstLine, message: "expected a mapping of `field: value` lines" }]);
  }
  let data: Record<string, unknown>;
  try {
    data = toData(document);
  } catch (error) {
    return failed([{ line: lines(firstAliasOffset(document)), message: resourceMessage(error) }]);
  }
  parsedByText.set(cacheKey(yaml), data);
  return { data, unquoted: unquotedFields(document), problems: [] };
}

/** What `yaml` threw, as a problem says it: an alias bomb and nesting too deep are named as such. */
function resourceMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof RangeError) return tooDeep(message);
  if (message.includes("Excessive alias count")) return `aliases expanded more than ${maxAliasCount} times (${message})`;
  return message;
}

/** `yaml` reads nested collections by recursion, which ends in a stack overflow past some depth. */
function tooDeep(message: string): string {
  return `lists or mappings nested too deep to read (${message})`;
}

/** Offset of the document's first alias (`*name`), where an alias bomb starts going off; 0 if none. */
function firstAliasOffset(document: Document): number {
  let offset = 0;
  visit(document, {
    Alias(_, node) {
      offset = node.range?.[0] ?? 0;
      return visit.BREAK;
    },
  });
  return offset;
}

/**
 * The 1-based file line of a character offset in `text`, whose first line is file line
 * `firstLine`; an error found at the very end belongs to the last line with text. The line starts
 * are found once, so a file's many errors cost one pass and a binary search each.
 */
export function lineFinder(text: string, firstLine = 1): (offset: number) => number {
  let breaks: number[] | undefined;
  const contentEnd = text.trimEnd().length;
  return (offset) => {
    if (!breaks) {
      breaks = [];
      for (let at = text.indexOf("\n"); at !== -1; at = text.indexOf("\n", at + 1)) breaks.push(at);
    }
    const end = Math.min(offset, contentEnd);
    // Line breaks before `end`: the lowest index whose break is at or after it.
    let low = 0;
    let high = breaks.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((breaks[middle] as number) < end) low = middle + 1;
      else high = middle;
    }
    return low + firstLine;
  };
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
  const value: unknown = document.toJS({ maxAliasCount });
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
