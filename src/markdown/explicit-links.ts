import type MarkdownIt from "markdown-it";

type Linkify = MarkdownIt["linkify"];

/**
 * Linkify only what is plainly written as an address: `https://…`, `http://…`, `mailto:…` and
 * `www.…`. Fuzzy matching is off because it read `user.name`, `config.yml` and `me@example.com`
 * in prose as links (`.name` and `.yml`-like words are top-level domains).
 * See https://github.com/markdown-it/linkify-it#api for the schema hooks used here.
 */
export function explicitLinksPlugin(md: MarkdownIt): void {
  md.linkify.set({ fuzzyLink: false, fuzzyEmail: false, fuzzyIP: false });
  // `//host` in prose is usually a code comment, and browsers no longer open ftp: links.
  md.linkify.add("//", null).add("ftp:", null);
  md.linkify.add("www.", { validate: validateWww, normalize: (match) => (match.url = `https://${match.url}`) });
}

/** Characters that, just before `www.`, show it is part of a longer word or address. */
const JOINED_BEFORE = new Set([".", "@", "/", ":", "-"]);
// Keyed by `re`, which linkify-it rebuilds whenever it recompiles (as it caches its own `re.http`).
const wwwTails = new WeakMap<Linkify["re"], RegExp>();

/**
 * Length of the address after `www.` at `pos` (0 when there is none): a domain with at least one
 * more dot, then port and path as linkify-it reads them for `http://`, so both end alike.
 * With fuzzy links off, linkify-it no longer finds `www.` itself.
 */
function validateWww(text: string, pos: number, self: Linkify): number {
  if (JOINED_BEFORE.has(text[pos - "www.".length - 1] ?? "")) return 0;
  let tail = wwwTails.get(self.re);
  if (!tail) {
    const [domain, root, port, terminator, pathPart] = ["src_domain", "src_domain_root", "src_port", "src_host_terminator", "src_path"].map((name) => linkifySource(self, name));
    tail = new RegExp(`^(?:(?:${domain})\\.)+${root}${port}${terminator}${pathPart}`, "i");
    wwwTails.set(self.re, tail);
  }
  return tail.exec(text.slice(pos))?.[0].length ?? 0;
}

// linkify-it keeps its pattern sources as strings on `re` (typed as RegExps); written against 5.0.
function linkifySource(linkify: Linkify, name: string): string {
  const source: unknown = (linkify.re as Record<string, unknown>)[name];
  if (typeof source !== "string") throw new Error(`linkify-it: re.${name}: expected a pattern source string (as in linkify-it 5.0), got ${typeof source}`);
  return source;
}
