import { parse } from "csv-parse/sync";
import { ImportError } from "./import-error.ts";

/** A CSV export's rows by column name, with the line each row starts on; missing required columns are refused, all named. */
export function readCsv(text: string, file: string, required: readonly string[]): { line: number; row: Record<string, string> }[] {
  let records: { info: { lines: number }; record: Record<string, string> }[];
  try {
    records = parse(text, { columns: true, bom: true, skip_empty_lines: true, info: true, relax_quotes: false }) as typeof records;
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    throw new ImportError([`${file}${line ? `:${line}` : ""}: expected CSV, got ${(error as Error).message}`]);
  }
  const header = parse(text.split(/\r?\n/, 1)[0] ?? "", { bom: true }) as string[][];
  const columns = new Set(header[0] ?? []);
  const missing = required.filter((column) => !columns.has(column));
  if (missing.length) {
    throw new ImportError([`${file}:1: expected the columns ${required.join(", ")}, got no ${missing.map((column) => JSON.stringify(column)).join(", ")} column${missing.length === 1 ? "" : "s"}`]);
  }
  // `info.lines` is the line a record ends on; the first record starts on line 2.
  let start = 2;
  return records.map(({ info, record }) => {
    const line = start;
    start = info.lines + 1;
    return { line, row: record };
  });
}
