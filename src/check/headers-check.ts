import { headersFileLimits, headersFileName } from "../model/headers.ts";
import { type BuiltSite, elementLine, everyElement } from "./built-site.ts";
import { conflictingHeaders, headersForPath, parseHeadersFile } from "./host-headers.ts";
import { srcsetUrls } from "./page-urls.ts";
import type { SiteProblem } from "./site-problem.ts";

/** The path a browser asks for a site file by: `issues/x/index.html` is `/issues/x/`. */
export function requestPath(file: string): string {
  if (file === "index.html") return "/";
  return file.endsWith("/index.html") ? `/${file.slice(0, -"index.html".length)}` : `/${file}`;
}

/**
 * Checks a site's `_headers` as Netlify and Cloudflare Pages read it: every line readable, within
 * Cloudflare's limits, no file under two rules that set one header (both hosts would join their
 * values), a Content-Security-Policy on every page, and nothing a page loads or submits to that
 * its policy blocks. `headersText` is the file's text; a site without one has nothing to check.
 */
export function checkHostHeaders(site: BuiltSite, headersText: string | undefined, baseUrl: string): SiteProblem[] {
  if (headersText === undefined) return [];
  const problems: SiteProblem[] = [];
  const report = (page: string, rule: string, message: string, line?: number) => problems.push({ page, line, rule: `host-headers/${rule}`, message });
  const { rules, problems: syntax } = parseHeadersFile(headersText);
  for (const { line, message } of syntax) report(headersFileName, "syntax", message, line);
  if (rules.length > headersFileLimits.rules) {
    report(headersFileName, "too-many-rules", `expected at most ${headersFileLimits.rules} rules (Cloudflare Pages' limit), found ${rules.length}`);
  }
  headersText.split(/\r?\n/).forEach((line, index) => {
    if (line.length > headersFileLimits.lineLength) {
      report(headersFileName, "line-too-long", `expected lines of at most ${headersFileLimits.lineLength} characters (Cloudflare Pages' limit), found ${line.length}`, index + 1);
    }
  });
  for (const file of site.files) {
    if (file === headersFileName) continue;
    for (const [name, paths] of Object.entries(conflictingHeaders(rules, requestPath(file)))) {
      report(file, "conflict", `expected one rule to set ${name} for ${requestPath(file)}, found ${paths.join(", ")}, whose values the host would join`);
    }
  }
  const base = new URL(baseUrl);
  for (const page of site.pages) {
    const policy = headersForPath(rules, requestPath(page.file))["content-security-policy"];
    if (!policy) {
      report(page.file, "no-policy", `expected a Content-Security-Policy for ${requestPath(page.file)} in ${headersFileName}, found none`);
      continue;
    }
    const directives = parsePolicy(policy);
    const pageUrl = new URL(page.file.split("/").map(encodeURIComponent).join("/"), base);
    page.document(everyElement).each((_, element) => {
      for (const { url, source, directive } of governedUrls(element.tagName, element.attribs)) {
        const target = URL.parse(url, pageUrl);
        const governing = directives.has(directive) || !fallsBack(directive) ? directive : "default-src";
        const sources = directives.get(governing);
        if (!target || !sources || allows(sources, target, base)) continue;
        const named = governing === directive ? directive : `${directive} (by default-src)`;
        report(page.file, "blocked", `${source} "${url}": the page's Content-Security-Policy ${named} "${sources.join(" ")}" blocks it; allow it in src/model/headers.ts`, elementLine(element));
      }
    });
  }
  return problems;
}

/** A policy's directives by name, each with its source list. */
export function parsePolicy(policy: string): Map<string, string[]> {
  const directives = new Map<string, string[]>();
  for (const part of policy.split(";")) {
    const [name, ...sources] = part.trim().split(/\s+/);
    // The first of two same-named directives wins (CSP 3, "parse a serialized CSP").
    if (name && !directives.has(name.toLowerCase())) directives.set(name.toLowerCase(), sources);
  }
  return directives;
}

// Fetch directives fall back to default-src; form-action and frame-ancestors do not.
const fallsBack = (directive: string) => directive.endsWith("-src");

/** The URLs an element makes the browser fetch or submit to, each with the directive that governs it. */
function governedUrls(tag: string, attribs: Record<string, string>): { url: string; source: string; directive: string }[] {
  const found: { url: string; source: string; directive: string }[] = [];
  const add = (attribute: string, directive: string) => {
    const value = attribs[attribute];
    if (value === undefined) return;
    for (const url of attribute === "srcset" ? srcsetUrls(value) : [value.trim()]) found.push({ url, source: `${tag}[${attribute}]`, directive });
  };
  const rel = (attribs.rel ?? "").toLowerCase().split(/\s+/);
  if (tag === "form") add("action", "form-action");
  if (tag === "button" || tag === "input") add("formaction", "form-action");
  if (tag === "script") add("src", "script-src");
  if (tag === "link" && rel.includes("stylesheet")) add("href", "style-src");
  if (tag === "link" && rel.includes("icon")) add("href", "img-src");
  if (tag === "img") {
    add("src", "img-src");
    add("srcset", "img-src");
  }
  if (tag === "iframe") add("src", "frame-src");
  if (tag === "object") add("data", "object-src");
  if (tag === "embed") add("src", "object-src");
  return found;
}

/**
 * Whether a source list allows a URL, for the sources this site's policies use: `'none'`,
 * `'self'`, `*`, schemes (`data:`) and hosts (`https://example.com`, `*.example.com`, with an
 * optional path). https://www.w3.org/TR/CSP3/#match-url-to-source-list
 */
export function allows(sources: readonly string[], url: URL, self: URL): boolean {
  return sources.some((source) => {
    const lower = source.toLowerCase();
    if (lower === "'self'") return url.origin === self.origin || (self.protocol === "http:" && url.protocol === "https:" && url.host === self.host);
    if (lower === "*") return url.protocol === "http:" || url.protocol === "https:";
    if (/^[a-z][a-z0-9+.-]*:$/.test(lower)) return url.protocol === lower || (lower === "http:" && url.protocol === "https:");
    const host = /^(?:([a-z][a-z0-9+.-]*):\/\/)?(\*\.)?([^/:]+)(?::(\d+|\*))?(\/.*)?$/.exec(lower);
    if (!host || lower.startsWith("'")) return false;
    const [, scheme, wildcard, name = "", port, path] = host;
    if (scheme ? url.protocol !== `${scheme}:` : url.protocol !== self.protocol && url.protocol !== "https:") return false;
    const hostname = url.hostname.toLowerCase();
    if (wildcard ? !hostname.endsWith(`.${name}`) : hostname !== name) return false;
    if (port !== "*" && (url.port || defaultPort(url.protocol)) !== (port ?? defaultPort(url.protocol))) return false;
    if (!path) return true;
    return path.endsWith("/") ? url.pathname.startsWith(path) : url.pathname === path;
  });
}

function defaultPort(protocol: string): string {
  return protocol === "http:" ? "80" : protocol === "https:" ? "443" : "";
}
