// The send journal: one JSON line per address the server accepted or refused, appended and synced
// to disk before the next message goes out, so a send stopped at any point can be run again and
// reach each address once. It lives beside the list, named after the list and the edition.
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, writeSync } from "node:fs";
import path from "node:path";

export interface JournalEntry {
  status: "sent" | "refused";
  /** The address as sent, and its lower-cased key. */
  address: string;
  key: string;
  /** When the server answered (ISO 8601). */
  at: string;
  /** The server's reply, for refusals (`550 5.1.1 No such user`). */
  response?: string;
}

/** What a journal says: the latest status of each address. */
export interface JournalState {
  sent: Set<string>;
  refused: Map<string, JournalEntry>;
  /** The file does not end in a newline: a write was cut off, and its line is ignored. */
  tornLastLine: boolean;
  /** Lines cut off by a crash (and ended by the next run), ignored: their addresses are sent again. */
  tornLines: number;
}

export class JournalError extends Error {
  override name = "JournalError";
}

/** `lists/subscribers.csv` and `2024-05-01-hello` → `lists/subscribers.2024-05-01-hello.journal`. */
export function journalPath(listFile: string, slug: string): string {
  const { dir, name } = path.parse(listFile);
  return path.join(dir, `${name}.${slug}.journal`);
}

/**
 * Reads a journal's text. A line cut off by a crash (the last, or one a later run ended with a
 * newline) lacks its closing brace: its address was not recorded, so it is ignored and sent again.
 * Any other bad line is an error.
 */
export function parseJournal(text: string, file: string): JournalState {
  const state: JournalState = { sent: new Set(), refused: new Map(), tornLastLine: text !== "" && !text.endsWith("\n"), tornLines: 0 };
  const lines = text.split("\n");
  lines.forEach((line, index) => {
    if (line.trim() === "") return;
    if (!line.trimEnd().endsWith("}")) {
      state.tornLines++;
      return;
    }
    const entry = journalEntry(line);
    if (!entry) {
      throw new JournalError(`${file}: line ${index + 1}: expected a journal line like {"status":"sent","address":"name@example.org",...}, got ${JSON.stringify(line.slice(0, 80))}; the journal was written by npm run send and must not be edited`);
    }
    if (entry.status === "sent") {
      state.sent.add(entry.key);
      state.refused.delete(entry.key);
    } else if (!state.sent.has(entry.key)) {
      state.refused.set(entry.key, entry);
    }
  });
  return state;
}

function journalEntry(line: string): JournalEntry | undefined {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (typeof value !== "object" || value === null) return undefined;
  const entry = value as Record<string, unknown>;
  if ((entry.status !== "sent" && entry.status !== "refused") || typeof entry.address !== "string" || typeof entry.at !== "string") return undefined;
  return {
    status: entry.status,
    address: entry.address,
    key: entry.address.toLowerCase(),
    at: entry.at,
    ...(typeof entry.response === "string" ? { response: entry.response } : {}),
  };
}

export function journalLine(entry: JournalEntry): string {
  const { key: _key, ...written } = entry;
  return `${JSON.stringify(written)}\n`;
}

/** Reads the journal at `file`; a journal not written yet is empty. */
export function readJournal(file: string): JournalState {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return parseJournal("", file);
    throw error;
  }
  return parseJournal(text, file);
}

/** An open journal: each record is on disk (write, then fsync) when `record` returns. */
export class JournalWriter {
  private readonly fd: number;

  constructor(readonly file: string, tornLastLine: boolean) {
    const created = !existsSync(file);
    // Append-only: what earlier runs recorded is never rewritten.
    this.fd = openSync(file, "a", 0o600);
    // End a torn line, so the next record starts a line of its own.
    if (tornLastLine) writeSync(this.fd, "\n");
    if (created) syncFolder(path.dirname(file));
  }

  record(entry: JournalEntry): void {
    writeSync(this.fd, journalLine(entry));
    fsyncSync(this.fd);
  }

  close(): void {
    closeSync(this.fd);
  }
}

/** A new file's name is durable only once its folder is synced (fsync(2)). */
function syncFolder(folder: string): void {
  const fd = openSync(folder, "r");
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
