import { readFile } from "node:fs/promises";
import path from "node:path";
import { headersFileName } from "../model/headers.ts";

/** One rule of a site's `_headers` file: the headers its host adds to responses for matching paths. */
export interface HeaderRule {
  for: string;
  values: Record<string, string>;
  pattern: RegExp;
  /** The line of the file its path is on. */
  line: number;
}

/** A line of a `_headers` file that neither Netlify nor Cloudflare Pages would read as meant. */
export interface HeadersFileProblem {
  line: number;
  message: string;
}

/**
 * Reads a `_headers` file as Netlify and Cloudflare Pages do: a path (from `/`) on a line of its
 * own, then its headers indented below it as `Name: value`; `#` starts a comment. Lines that say
 * anything else are problems, each with its line, so a typo never drops a header unseen.
 */
export function parseHeadersFile(text: string): { rules: HeaderRule[]; problems: HeadersFileProblem[] } {
  const rules: HeaderRule[] = [];
  const problems: HeadersFileProblem[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1;
    const trimmed = raw.trim();
    if (!trimmed || trimmed.startsWith("#")) return;
    if (!/^\s/.test(raw)) {
      if (trimmed.startsWith("/")) rules.push({ for: trimmed, values: {}, pattern: forPathPattern(trimmed), line });
      else problems.push({ line, message: `expected a path starting with "/", got "${trimmed}"` });
      return;
    }
    const header = /^([!#$%&'*+.^`|~\w-]+):\s*(.*)$/.exec(trimmed);
    const rule = rules.at(-1);
    if (!rule) problems.push({ line, message: `expected a path before its headers, got "${trimmed}"` });
    else if (!header?.[1] || !header[2]) problems.push({ line, message: `expected an indented "Name: value" header, got "${trimmed}"` });
    else rule.values[header[1]] = header[2];
  });
  for (const rule of rules) if (!Object.keys(rule.values).length) problems.push({ line: rule.line, message: `expected headers below ${rule.for}, found none` });
  return { rules, problems };
}

/** The header rules of the `_headers` file in a built site folder; any problem in it is an error naming its line. */
export async function readHeaderRules(siteFolder: string): Promise<HeaderRule[]> {
  const file = path.join(siteFolder, headersFileName);
  const text = await readFile(file, "utf8").catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") throw new Error(`${file}: expected the headers file npm run build writes, found none (run npm run build first)`);
    throw error;
  });
  const { rules, problems } = parseHeadersFile(text);
  if (problems.length) throw new Error(problems.map(({ line, message }) => `${file}:${line}: ${message}`).join("\n"));
  return rules;
}

/**
 * How Netlify matches a rule's `for` path against a request path, after its headers parser
 * (netlify/build, packages/headers-parser/src/for_regexp.ts): a `:placeholder` segment matches
 * one segment, a `*` segment anything (an empty rest included), a `*` inside a segment any
 * characters, slashes too; a trailing slash is optional and case is ignored.
 */
export function forPathPattern(forPath: string): RegExp {
  const parts = forPath
    .split("/")
    .map((part) => part.trimEnd())
    .filter(Boolean)
    .map((part) => {
      if (part.startsWith(":")) return "([^/]+)";
      if (part === "*") return "?(.*)";
      return part.split("*").map(escapeRegExp).join("(.*)");
    });
  return new RegExp(`^/${parts.join("/")}/?$`, "iu");
}

function escapeRegExp(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|/]/g, "\\$&");
}

/** The rules that apply to a request path. */
export function matchingRules(rules: readonly HeaderRule[], requestPath: string): HeaderRule[] {
  return rules.filter((rule) => rule.pattern.test(requestPath));
}

/**
 * The headers a host sends for a request path: every matching rule's values. Header names are
 * case-insensitive; a name set by two matching rules is reported by `conflictingHeaders`, since
 * Netlify and Cloudflare Pages combine such values rather than pick one.
 */
export function headersForPath(rules: readonly HeaderRule[], requestPath: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const rule of matchingRules(rules, requestPath)) {
    for (const [name, value] of Object.entries(rule.values)) headers[name.toLowerCase()] = value;
  }
  return headers;
}

/** Header names that more than one rule matching the path sets, each with those rules' `for` paths. */
export function conflictingHeaders(rules: readonly HeaderRule[], requestPath: string): Record<string, string[]> {
  const setters = new Map<string, string[]>();
  for (const rule of matchingRules(rules, requestPath)) {
    for (const name of Object.keys(rule.values)) {
      const key = name.toLowerCase();
      setters.set(key, [...(setters.get(key) ?? []), rule.for]);
    }
  }
  return Object.fromEntries([...setters].filter(([, paths]) => paths.length > 1));
}
