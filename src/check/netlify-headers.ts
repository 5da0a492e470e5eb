import { z } from "zod";

/** One `[[headers]]` table of netlify.toml: the headers Netlify adds to responses for matching paths. */
export interface HeaderRule {
  for: string;
  values: Record<string, string>;
  pattern: RegExp;
}

const headersConfigSchema = z.object({
  headers: z
    .array(z.object({ for: z.string().startsWith("/"), values: z.record(z.string(), z.string()) }))
    .default([]),
});

/** The header rules of a parsed netlify.toml, in file order; a malformed table is an error naming it. */
export function headerRules(config: unknown): HeaderRule[] {
  const result = headersConfigSchema.safeParse(config);
  if (!result.success) {
    const problem = result.error.issues[0];
    throw new Error(`netlify.toml: ${problem?.path.join(".") || "headers"}: ${problem?.message ?? "invalid"}`);
  }
  return result.data.headers.map((rule) => ({ ...rule, pattern: forPathPattern(rule.for) }));
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
 * The headers Netlify sends for a request path: every matching rule's values. Header names are
 * case-insensitive; a name set by two matching rules is reported by `conflictingHeaders`, since
 * Netlify may combine such values rather than pick one.
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
