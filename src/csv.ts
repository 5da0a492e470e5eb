// CSV as spreadsheets and newsletter platforms export it (subscriber lists, Substack's posts.csv), read
// in one pass so that a hostile file costs linear time, each record with the line it starts on.

/** A file that is not CSV (an unclosed quote), named with the line. */
export class CsvError extends Error {
  override name = "CsvError";
}

/** A CSV record and the line it starts on. */
export interface CsvRecord {
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
      if (!closed) throw new CsvError(`${file}: line ${openedOn}: expected a closing quote (") for the field opened on this line, got the end of the file`);
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
