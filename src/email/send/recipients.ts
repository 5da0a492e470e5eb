// The recipients of `npm run send`: a subscriber list exported as CSV (Substack, Buttondown,
// Mailchimp and most others), read in one pass so that a hostile file costs linear time.

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

/** A CSV record and the line it starts on. */
interface CsvRecord {
  line: number;
  fields: string[];
}

/**
 * RFC 4180 records: fields separated by commas (or, if the header has none, semicolons or tabs, as
 * European spreadsheets export), quoted with "" for a quote, records ending in CRLF or LF. One pass
 * over the text; an unclosed quote is an error naming the line it opens on.
 */
export function parseCsv(text: string, file: string): CsvRecord[] {
  const source = text.startsWith("\uFEFF") ? text.slice(1) : text;
  const headerEnd = source.search(/[\r\n]/);
  const headerLine = headerEnd === -1 ? source : source.slice(0, headerEnd);
  const separator = headerLine.includes(",") ? "," : headerLine.includes(";") ? ";" : headerLine.includes("\t") ? "\t" : ",";
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = "";
  let line = 1;
  let recordLine = 1;
  let index = 0;
  const length = source.length;
  const endRecord = (): void => {
    fields.push(field);
    records.push({ line: recordLine, fields });
    fields = [];
    field = "";
  };
  while (index < length) {
    const char = source[index];
    if (char === '"' && field === "") {
      const openedOn = line;
      index++;
      let closed = false;
      let start = index;
      while (index < length) {
        const next = source.indexOf('"', index);
        if (next === -1) break;
        field += source.slice(start, next);
        for (let scan = start; scan < next; scan++) if (source[scan] === "\n") line++;
        if (source[next + 1] === '"') {
          field += '"';
          index = next + 2;
          start = index;
          continue;
        }
        index = next + 1;
        closed = true;
        break;
      }
      if (!closed) throw new RecipientListError(`${file}: line ${openedOn}: expected a closing quote (") for the field opened on this line, got the end of the file`);
      // Text after a closing quote, up to the separator, is kept as Excel does rather than refused.
      continue;
    }
    if (char === separator) {
      fields.push(field);
      field = "";
      index++;
      continue;
    }
    if (char === "\r" || char === "\n") {
      index += char === "\r" && source[index + 1] === "\n" ? 2 : 1;
      endRecord();
      line++;
      recordLine = line;
      continue;
    }
    const next = nextSpecial(source, index, separator);
    field += source.slice(index, next);
    index = next;
  }
  if (field !== "" || fields.length) endRecord();
  return records.filter((record) => record.fields.some((value) => value.trim() !== ""));
}

/** The index of the next separator, quote or line end after `from` (the end if none). */
function nextSpecial(source: string, from: number, separator: string): number {
  for (let index = from + 1; index < source.length; index++) {
    const char = source[index];
    if (char === separator || char === "\r" || char === "\n" || char === '"') return index;
  }
  return source.length;
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
  const records = parseCsv(text, file);
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
