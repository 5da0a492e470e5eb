import { CsvError, parseCsv } from "../csv.ts";
import { ImportError } from "./import-error.ts";

/** A CSV export's rows by column name, with the line each row starts on; missing required columns are refused, all named. */
export function readCsv(text: string, file: string, required: readonly string[]): { line: number; row: Record<string, string> }[] {
  let records;
  try {
    records = parseCsv(text, file);
  } catch (error) {
    throw error instanceof CsvError ? new ImportError([error.message]) : error;
  }
  const header = (records[0]?.fields ?? []).map((name) => name.trim());
  const columns = new Set(header);
  const missing = required.filter((column) => !columns.has(column));
  if (missing.length) {
    throw new ImportError([`${file}:1: expected the columns ${required.join(", ")}, got no ${missing.map((column) => JSON.stringify(column)).join(", ")} column${missing.length === 1 ? "" : "s"}`]);
  }
  // A short row's missing fields read as empty, as spreadsheets show them.
  return records.slice(1).map(({ line, fields }) => ({ line, row: Object.fromEntries(header.map((name, index) => [name, fields[index] ?? ""])) }));
}
