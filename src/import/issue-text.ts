import { createHash } from "node:crypto";
import { characterCount, issueLimits } from "../model/issue-limits.ts";

/** The front matter an import writes, in the order it writes it. */
export interface ImportedFrontMatter {
  title: string;
  date: string;
  series?: string;
  summary: string;
  tags: readonly string[];
  authors: readonly string[];
  draft: boolean;
  source?: string;
  aliases: readonly string[];
}

const importedLine = /^imported: sha256-[0-9a-f]{64}\r?\n/m;

// JSON's strings are YAML double-quoted scalars with the same escapes, so every value reads back as written.
const quoted = (text: string) => JSON.stringify(text);
const list = (items: readonly string[]) => `[${items.map(quoted).join(", ")}]`;

/** An issue file's text, with `imported: sha256-...` the hash of the rest of it. */
export function importedIssueText(front: ImportedFrontMatter, body: string): string {
  const lines = [`title: ${quoted(front.title)}`, `date: ${quoted(front.date)}`];
  if (front.series) lines.push(`series: ${front.series}`);
  lines.push(`summary: ${quoted(front.summary)}`);
  if (front.tags.length) lines.push(`tags: ${list(front.tags)}`);
  if (front.authors.length) lines.push(`authors: ${list(front.authors)}`);
  if (front.draft) lines.push("draft: true");
  if (front.source) lines.push(`source: ${quoted(front.source)}`);
  if (front.aliases.length) lines.push(`aliases: ${list(front.aliases)}`);
  const unsigned = `---\n${lines.join("\n")}\n---\n\n${body.trim()}\n`;
  const signed = `---\n${lines.join("\n")}\nimported: ${contentHash(unsigned)}\n---\n\n${body.trim()}\n`;
  return signed;
}

export function contentHash(text: string): string {
  return `sha256-${createHash("sha256").update(text).digest("hex")}`;
}

/**
 * Whether an existing issue file is as an import wrote it: "unedited" (its hash matches), "edited"
 * since, or "foreign" (no `imported:` line: not written by an import).
 */
export function importedState(text: string): "unedited" | "edited" | "foreign" {
  const match = /^imported: (sha256-[0-9a-f]{64})\r?\n/m.exec(text);
  if (!match) return "foreign";
  return contentHash(text.replace(importedLine, "")) === match[1] ? "unedited" : "edited";
}

/** Plain text: tags dropped, entities and space collapsed. */
export function plainText(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

/**
 * A summary within the site's limit: the source's own when it has one, else the first sentence of
 * the body's text; cut at a word, with an ellipsis, when longer than the limit.
 */
export function summaryFrom(own: string | undefined, bodyText: string, title: string): string {
  const limit = issueLimits.summaryLength;
  const text = plainText(own ?? "") || firstSentence(plainText(bodyText)) || title;
  if (characterCount(text) <= limit) return text;
  const cut = [...text].slice(0, limit - 1).join("");
  const atWord = cut.replace(/\s+\S*$/, "");
  return `${atWord.length > limit / 2 ? atWord : cut}…`;
}

export function firstSentence(text: string): string {
  const match = /^.+?[.!?](?=\s|$)/u.exec(text);
  return (match ? match[0] : text).trim();
}

/** The text of Markdown as a reader sees it, near enough for a summary: markup, links' targets and footnotes left out. */
export function markdownText(markdown: string): string {
  return markdown
    .replace(/^\[\^[^\]]+\]:.*$/gm, "")
    .replace(/^(:::.*|#{1,6}\s.*|\$\$[\s\S]*?\$\$|```[\s\S]*?```)$/gm, "")
    .replace(/!\[[^\]]*\]\([^)]*\)/g, "")
    .replace(/\[\^[^\]]+\]/g, "")
    .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/[*_`>|]|\\(?=[^\s])/g, "")
    .replace(/^\s*[-+]\s+/gm, "");
}
