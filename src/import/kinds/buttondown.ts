import { readCsv } from "../csv.ts";
import { ImportError } from "../import-error.ts";
import { findEntry, oldSiteUrl, readExportZip, utf8, type ExportInput } from "../read-export.ts";
import type { ExportContents, SourcePost } from "../source-post.ts";

const fancyMarker = /<!--\s*buttondown-editor-mode:\s*fancy\s*-->/;
const templateTag = /\{\{[^{}]*\}\}|\{%[^{}]*%\}/g;

/**
 * Buttondown's export zip: `emails.csv` (or `emails.json`) and `emails/<slug>.md`, Markdown or,
 * marked `<!-- buttondown-editor-mode: fancy -->`, HTML; template tags (`{{ subscribe_form }}`) removed.
 */
export function readButtondown(input: ExportInput): ExportContents {
  const { files, notes } = readExportZip(input);
  const csvName = findEntry(files, (name) => /(^|\/)emails\.csv$/.test(name));
  const jsonName = csvName ? undefined : findEntry(files, (name) => /(^|\/)emails\.json$/.test(name));
  if (!csvName && !jsonName) throw new ImportError([`${input.file}: expected emails.csv or emails.json in the zip (Buttondown's export), got neither`]);
  const listName = (csvName ?? jsonName) as string;
  const root = listName.slice(0, listName.lastIndexOf("/") + 1);
  const listFile = `${input.file}: ${listName}`;
  const emails: { where: string; row: Record<string, unknown> }[] = [];
  if (csvName) {
    for (const { line, row } of readCsv(utf8(files.get(csvName) as Uint8Array, listFile), listFile, ["subject", "slug", "publish_date"])) emails.push({ where: `${csvName}:${line}`, row });
  } else {
    let json: unknown;
    try {
      json = JSON.parse(utf8(files.get(listName) as Uint8Array, listFile));
    } catch (error) {
      if (error instanceof ImportError) throw error;
      throw new ImportError([`${listFile}: expected a JSON list of emails, got broken JSON (${(error as Error).message})`]);
    }
    const list = Array.isArray(json) ? json : (json as { results?: unknown })?.results;
    if (!Array.isArray(list)) throw new ImportError([`${listFile}: expected a JSON list of emails, got ${typeof json}`]);
    list.forEach((row: Record<string, unknown>, index) => emails.push({ where: `${listName}[${index}]`, row }));
  }
  const posts: SourcePost[] = [];
  const skipped: ExportContents["skipped"] = [];
  const problems: string[] = [];
  for (const { where, row } of emails) {
    const text = (key: string) => (typeof row[key] === "string" ? (row[key] as string).trim() : "");
    const slug = text("slug");
    const origin = `${where} (${slug || "no slug"})`;
    if (!slug || !text("subject")) {
      problems.push(`${listFile}: ${where}: ${!slug ? "slug" : "subject"}: expected text, got nothing`);
      continue;
    }
    const bodyName = `${root}emails/${slug}.md`;
    const bodyBytes = files.get(bodyName);
    const inline = text("body");
    if (!bodyBytes && !inline) {
      problems.push(`${input.file}: ${bodyName}: expected the body of ${where}, got no such entry`);
      continue;
    }
    const status = text("status").toLowerCase();
    if (status === "deleted") {
      skipped.push({ origin: `${input.file}: ${origin}`, reason: "deleted" });
      continue;
    }
    const lossy: string[] = [];
    const raw = bodyBytes ? utf8(bodyBytes, `${input.file}: ${bodyName}`) : inline;
    const body = raw.replace(templateTag, (tag) => {
      lossy.push(`the template tag ${tag}, removed`);
      return "";
    });
    const emailType = text("email_type").toLowerCase();
    posts.push({
      origin,
      slug,
      title: text("subject"),
      date: text("publish_date") || text("creation_date") || undefined,
      body: fancyMarker.test(body) ? { html: body.replace(fancyMarker, "") } : { markdown: shiftMarkdownHeadings(body) },
      ...(text("description") ? { summary: text("description") } : {}),
      tags: [],
      authors: [],
      status: status === "draft" ? "draft" : status === "scheduled" ? "scheduled" : "published",
      paidOnly: emailType === "premium",
      ...(text("absolute_url").startsWith("http") ? { sourceUrl: text("absolute_url") } : oldSiteUrl(input.oldSite, `/archive/${slug}/`) ? { sourceUrl: oldSiteUrl(input.oldSite, `/archive/${slug}/`) as string } : {}),
      lossy,
    });
  }
  if (problems.length) throw new ImportError(problems);
  return { kind: "buttondown", file: input.file, posts, skipped, notes, files, folder: input.folder };
}

/** ATX headings moved so the highest is `##`, outside fenced code. */
export function shiftMarkdownHeadings(markdown: string): string {
  const lines = markdown.split("\n");
  let fence = false;
  const levels: number[] = [];
  const headings = lines.map((line) => {
    if (/^\s*(```|~~~)/.test(line)) fence = !fence;
    const match = fence ? null : /^(#{1,6})\s/.exec(line);
    if (match) levels.push((match[1] as string).length);
    return match ? (match[1] as string).length : 0;
  });
  if (!levels.length) return markdown;
  const shift = 2 - Math.min(...levels);
  if (shift === 0) return markdown;
  return lines.map((line, index) => (headings[index] ? `${"#".repeat(Math.min(6, (headings[index] as number) + shift))}${line.slice(headings[index])}` : line)).join("\n");
}
