// The recipients of `npm run send`: a subscriber list exported as CSV (Substack, Buttondown,
// Mailchimp and most others), read by src/csv.ts.

import { CsvError, parseCsv, type CsvRecord } from "../../csv.ts";

/** One address to send to, with the line of the list it came from. */
export interface Recipient {
  address: string;
  /** Lower-cased address: the key of duplicates and of the journal. */
  key: string;
  line: number;
}

/** A row of the list that is not sent to, and why, named by file and line. */
export interface ListProblem {
  line: number;
  message: string;
}

export interface RecipientList {
  recipients: Recipient[];
  invalid: ListProblem[];
  duplicates: ListProblem[];
}

/** A list that cannot be read at all (no header, no address column, an unclosed quote). */
export class RecipientListError extends Error {
  override name = "RecipientListError";
}

/** Header names of the address column, compared without case, spaces, hyphens or underscores. */
const addressColumns = ["email", "emailaddress", "e-mail", "mail", "subscriberemail"].map(normaliseHeader);

function normaliseHeader(name: string): string {
  return name.toLowerCase().replace(/[\s_-]+/g, "");
}

/**
 * The WHATWG form of an address (what `<input type="email">` accepts), ASCII only, within SMTP's
 * limits (64 bytes before the @, 254 in all); the domain needs a dot, as every deliverable one has.
 */
const addressPattern = /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;

export function isValidAddress(address: string): boolean {
  return address.length <= 254 && addressPattern.test(address);
}

/** Reads a list's text: its address column by header, every valid address once, and what was left out. */
export function readRecipientList(text: string, file: string): RecipientList {
  let records: CsvRecord[];
  try {
    records = parseCsv(text, file);
  } catch (error) {
    throw error instanceof CsvError ? new RecipientListError(error.message) : error;
  }
  const header = records[0];
  if (!header) throw new RecipientListError(`${file}: expected a CSV file with a header line naming an "email" column, got an empty file`);
  const column = header.fields.findIndex((name) => addressColumns.includes(normaliseHeader(name.trim())));
  if (column === -1) {
    const names = header.fields.map((name) => JSON.stringify(name.trim())).join(", ");
    throw new RecipientListError(`${file}: line ${header.line}: expected a header with an "email" (or "Email Address") column, got ${names}`);
  }
  const list: RecipientList = { recipients: [], invalid: [], duplicates: [] };
  const seen = new Map<string, number>();
  for (const record of records.slice(1)) {
    const address = (record.fields[column] ?? "").trim();
    if (!isValidAddress(address)) {
      const got = address === "" ? "nothing" : JSON.stringify(address.length > 80 ? `${address.slice(0, 80)}…` : address);
      list.invalid.push({ line: record.line, message: `${file}: line ${record.line}: ${header.fields[column]?.trim()}: expected an email address like name@example.org, got ${got}; not sent` });
      continue;
    }
    const key = address.toLowerCase();
    const first = seen.get(key);
    if (first !== undefined) {
      list.duplicates.push({ line: record.line, message: `${file}: line ${record.line}: ${address} is also on line ${first}; sent once` });
      continue;
    }
    seen.set(key, record.line);
    list.recipients.push({ address, key, line: record.line });
  }
  return list;
}
