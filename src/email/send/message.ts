// One edition, many recipients: the edition's complete message (`SLUG.eml`, as `npm run email`
// writes it) read once, then rendered for each recipient with its own To, Message-ID and Date and
// the recipient's address wherever the edition asks for it with a placeholder.
import { createHash } from "node:crypto";
import addressparser from "nodemailer/lib/addressparser";
import { parseHeaderValue } from "nodemailer/lib/mime-funcs";
import { encode as encodeQuotedPrintable, wrap as wrapQuotedPrintable } from "nodemailer/lib/qp";

/**
 * `{{ email }}`, and `{{ email_urlencoded }}` for an address inside a URL (newsletter.yml's
 * `email.unsubscribe` takes placeholders of this `{{ name }}` form).
 */
const placeholderPattern = /\{\{\s*email(_urlencoded)?\s*\}\}/g;
/** A placeholder left in a List- header after ours are filled: a provider's, `{{ unsubscribe_url }}` or `*|UNSUB|*`. */
const otherPlaceholderPattern = /\{\{\{?[^{}]{0,100}\}?\}\}|\*\|[A-Z_]{1,100}\|\*/;

export class EditionError extends Error {
  override name = "EditionError";
}

interface HeaderField {
  /** Lower-cased name. */
  name: string;
  /** The whole field as written, folded lines included, without its final line break. */
  raw: string;
}

/** A text part whose decoded text holds a placeholder, re-encoded per recipient. */
interface TextPart {
  text: string;
  html: boolean;
  encoding: "base64" | "quoted-printable" | "7bit" | "8bit";
  /** The encoded body ended with a line break (kept, so the part's boundary line stays its own). */
  trailingBreak: boolean;
}

type Segment = string | TextPart;

export interface Edition {
  file: string;
  /** The envelope sender: the address of Sender, else From. */
  from: string;
  headers: HeaderField[];
  body: Segment[];
  newline: string;
  /** The right-hand side of the recipients' Message-IDs. */
  messageIdDomain: string;
  /** The edition's own Message-ID, to derive the recipients' from. */
  messageId: string;
  /** How many places the address is put in: headers and parts. */
  placeholders: number;
}

export interface RenderOptions {
  date: Date;
  /** Mixed into the Message-ID: a `--test` copy must not share the id the real send will use. */
  salt?: string;
}

/** Reads an edition's message: headers, MIME structure, the parts that hold placeholders. */
export function parseEdition(raw: string, file: string): Edition {
  const newline = raw.includes("\r\n") ? "\r\n" : "\n";
  const split = splitEntity(raw, newline);
  if (!split) throw new EditionError(`${file}: expected a complete message (headers, a blank line, the body), as npm run email writes it, got no blank line after the headers`);
  const headers = parseHeaders(split.headers, newline);
  const problems: string[] = [];
  const value = (name: string): string | undefined => {
    const field = headers.find((header) => header.name === name);
    return field ? unfold(field.raw, newline).slice(name.length + 1).trim() : undefined;
  };
  const senderField = value("sender") ?? value("from");
  const sender = senderField ? firstAddress(senderField) : undefined;
  if (!sender) problems.push(`${file}: From: expected the sender's address, like "Letters <letters@example.org>", got ${senderField === undefined ? "no From header" : JSON.stringify(senderField)}`);
  const messageId = value("message-id") ?? "";
  const domain = /@([^@<>\s]+)>?$/.exec(messageId)?.[1] ?? sender?.split("@")[1] ?? "localhost";
  let placeholders = 0;
  for (const header of headers) {
    const unfolded = unfold(header.raw, newline);
    const count = unfolded.match(placeholderPattern)?.length ?? 0;
    placeholders += count;
    const other = otherPlaceholderPattern.exec(unfolded.replace(placeholderPattern, ""));
    if (header.name.startsWith("list-") && other) {
      const name = header.raw.slice(0, header.raw.indexOf(":"));
      problems.push(`${file}: ${name}: expected only the placeholders {{ email }} and {{ email_urlencoded }}, which npm run send fills in, got ${other[0]}, which only a provider fills in; send this edition through that provider, or set newsletter.yml's email.unsubscribe to your own address, like https://example.org/unsubscribe?email={{ email_urlencoded }}, and write the edition again`);
    }
  }
  if (problems.length) throw new EditionError(problems.join("\n"));
  const body = compileBody(headers, split.body, newline);
  placeholders += body.filter((segment) => typeof segment !== "string").length;
  return { file, from: sender ?? "", headers, body, newline, messageIdDomain: domain, messageId, placeholders };
}

/** The message for one recipient, ready for SMTP's DATA. */
export function renderMessage(edition: Edition, address: string, options: RenderOptions): string {
  const { newline } = edition;
  const fields: string[] = [];
  let wroteTo = false;
  const to = `To: ${address}`;
  const messageId = `Message-ID: ${recipientMessageId(edition, address, options.salt)}`;
  const date = `Date: ${rfc5322Date(options.date)}`;
  for (const header of edition.headers) {
    if (header.name === "to" || header.name === "cc" || header.name === "bcc") {
      if (header.name === "to" && !wroteTo) fields.push(to);
      wroteTo ||= header.name === "to";
      continue;
    }
    if (header.name === "message-id") fields.push(messageId);
    else if (header.name === "date") fields.push(date);
    else fields.push(header.raw.includes("{{") ? filledHeader(header.raw, address, newline) : header.raw);
    if (header.name === "from" && !wroteTo && !edition.headers.some((other) => other.name === "to")) {
      fields.push(to);
      wroteTo = true;
    }
  }
  if (!wroteTo) fields.unshift(to);
  if (!edition.headers.some((header) => header.name === "message-id")) fields.push(messageId);
  if (!edition.headers.some((header) => header.name === "date")) fields.push(date);
  const body = edition.body.map((segment) => (typeof segment === "string" ? segment : encodePart(segment, address, newline))).join("");
  return `${fields.join(newline)}${newline}${newline}${body}`;
}

/**
 * `<hash@domain>`, the hash of the edition's Message-ID and the address: unique per recipient, and
 * the same on a rerun, so a copy sent twice after a crash reads as one message in most clients.
 */
export function recipientMessageId(edition: Pick<Edition, "messageId" | "messageIdDomain">, address: string, salt = ""): string {
  const hash = createHash("sha256").update(`${edition.messageId}\n${address.toLowerCase()}\n${salt}`).digest("hex").slice(0, 32);
  return `<${hash}@${edition.messageIdDomain}>`;
}

/** `Wed, 02 Dec 2026 17:04:59 +0000`. */
export function rfc5322Date(date: Date): string {
  return date.toUTCString().replace(/GMT$/, "+0000");
}

/** The field with the address in, unfolded (a placeholder may straddle a fold); else as written. */
function filledHeader(raw: string, address: string, newline: string): string {
  const unfolded = unfold(raw, newline);
  const filled = fillPlaceholders(unfolded, address, false);
  return filled === unfolded ? raw : filled;
}

export function fillPlaceholders(text: string, address: string, html: boolean): string {
  return text.replace(placeholderPattern, (_match, urlEncoded: string | undefined) => {
    const value = urlEncoded ? encodeURIComponent(address) : address;
    return html ? escapeHtml(value) : value;
  });
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

function firstAddress(value: string): string | undefined {
  for (const entry of addressparser(value, { flatten: true })) {
    if ("address" in entry && entry.address && entry.address.includes("@")) return entry.address;
  }
  return undefined;
}

/** Headers and body of a message or part; undefined without the blank line between them. */
function splitEntity(text: string, newline: string): { headers: string; body: string } | undefined {
  if (text.startsWith(newline)) return { headers: "", body: text.slice(newline.length) };
  const end = text.indexOf(newline + newline);
  if (end === -1) return undefined;
  return { headers: text.slice(0, end), body: text.slice(end + newline.length * 2) };
}

function parseHeaders(block: string, newline: string): HeaderField[] {
  const fields: HeaderField[] = [];
  if (block === "") return fields;
  for (const line of block.split(newline)) {
    const last = fields[fields.length - 1];
    if (last && /^[ \t]/.test(line)) {
      last.raw += newline + line;
      continue;
    }
    const colon = line.indexOf(":");
    fields.push({ name: (colon === -1 ? line : line.slice(0, colon)).trim().toLowerCase(), raw: line });
  }
  return fields;
}

function unfold(raw: string, newline: string): string {
  return raw.split(newline).join("");
}

function headerValue(headers: HeaderField[], name: string, newline: string): string | undefined {
  const field = headers.find((header) => header.name === name);
  return field ? unfold(field.raw, newline).slice(field.raw.indexOf(":") + 1).trim() : undefined;
}

/** A body as fixed text and the text parts to fill per recipient, walking multiparts. */
function compileBody(headers: HeaderField[], body: string, newline: string): Segment[] {
  const type = parseHeaderValue(headerValue(headers, "content-type", newline) ?? "text/plain");
  const mime = type.value.toLowerCase();
  const boundary = type.params.boundary;
  if (mime.startsWith("multipart/") && boundary) return compileMultipart(body, boundary, newline);
  const charset = (type.params.charset ?? "us-ascii").toLowerCase();
  const encoding = (headerValue(headers, "content-transfer-encoding", newline) ?? "7bit").toLowerCase();
  // Attachments go as they are; only the readable parts are the edition's text.
  const attachment = /^\s*attachment/i.test(headerValue(headers, "content-disposition", newline) ?? "");
  if (attachment || (mime !== "text/plain" && mime !== "text/html") || !["utf-8", "utf8", "us-ascii"].includes(charset)) return [body];
  if (encoding !== "base64" && encoding !== "quoted-printable" && encoding !== "7bit" && encoding !== "8bit") return [body];
  const text = decodeBody(body, encoding);
  if (!text.match(placeholderPattern)) return [body];
  return [{ text, html: mime === "text/html", encoding, trailingBreak: body.endsWith(newline) }];
}

function compileMultipart(body: string, boundary: string, newline: string): Segment[] {
  const delimiter = `--${boundary}`;
  const segments: Segment[] = [];
  let at = body.startsWith(delimiter) ? 0 : body.indexOf(newline + delimiter);
  if (at === -1) return [body];
  if (at > 0) at += newline.length;
  segments.push(body.slice(0, at));
  for (;;) {
    const lineEnd = body.indexOf(newline, at);
    if (lineEnd === -1 || body.startsWith(`${delimiter}--`, at)) {
      segments.push(body.slice(at));
      break;
    }
    segments.push(body.slice(at, lineEnd + newline.length));
    const start = lineEnd + newline.length;
    const next = body.indexOf(newline + delimiter, start - newline.length);
    if (next === -1) {
      segments.push(body.slice(start));
      break;
    }
    const part = body.slice(start, Math.max(start, next));
    const split = splitEntity(part, newline);
    if (split) {
      segments.push(split.headers === "" ? newline : `${split.headers}${newline}${newline}`);
      segments.push(...compileBody(parseHeaders(split.headers, newline), split.body, newline));
    } else {
      segments.push(part);
    }
    segments.push(newline);
    at = next + newline.length;
  }
  // Adjacent fixed text joined, so rendering is one join over few strings.
  return segments.reduce<Segment[]>((joined, segment) => {
    const last = joined[joined.length - 1];
    if (typeof segment === "string" && typeof last === "string") joined[joined.length - 1] = last + segment;
    else joined.push(segment);
    return joined;
  }, []);
}

function decodeBody(body: string, encoding: TextPart["encoding"]): string {
  if (encoding === "base64") return Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8");
  if (encoding === "quoted-printable") {
    const bytes = body.replace(/=\r?\n/g, "").replace(/=([0-9A-Fa-f]{2})/g, (_match, hex: string) => String.fromCharCode(parseInt(hex, 16)));
    return Buffer.from(bytes, "latin1").toString("utf8");
  }
  return body;
}

function encodePart(part: TextPart, address: string, newline: string): string {
  const text = fillPlaceholders(part.text, address, part.html);
  let encoded: string;
  if (part.encoding === "base64") {
    encoded = (Buffer.from(text, "utf8").toString("base64").match(/.{1,76}/g) ?? []).join(newline);
  } else if (part.encoding === "quoted-printable") {
    encoded = wrapQuotedPrintable(encodeQuotedPrintable(text), 76).replace(/\r?\n/g, newline);
  } else {
    encoded = text;
  }
  return part.trailingBreak && !encoded.endsWith(newline) ? encoded + newline : encoded;
}
