import { unzipSync, type UnzipFileInfo } from "fflate";
import { ImportError } from "./import-error.ts";

/** Limits on what an export zip may expand to, so a zip bomb is refused before it is inflated. */
export interface ZipLimits {
  /** Bytes all entries may expand to together.
   *  @default 2 GiB */
  totalBytes: number;
  /** Expansion ratio refused for an entry larger than `ratioFloor` bytes.
   *  @default 200 */
  maxRatio: number;
  /** Entries smaller than this are not held to `maxRatio` (a short CSV of repeated text compresses well).
   *  @default 1 MiB */
  ratioFloor: number;
  /** Entries in the archive.
   *  @default 200000 */
  entries: number;
}

export const defaultZipLimits: ZipLimits = { totalBytes: 2 * 1024 ** 3, maxRatio: 200, ratioFloor: 1024 ** 2, entries: 200_000 };

const zipMagic = [0x50, 0x4b];

export function looksLikeZip(bytes: Uint8Array): boolean {
  return bytes[0] === zipMagic[0] && bytes[1] === zipMagic[1];
}

/** Why an entry's name is refused: one that could land outside the folder it is read into. */
export function unsafeEntryName(name: string): string | undefined {
  if (name.startsWith("/") || name.startsWith("\\") || /^[a-z]:/i.test(name)) return "an absolute name";
  if (name.split(/[\\/]/).includes("..")) return "a name with a .. segment";
  if (name.includes("\0")) return "a name with a NUL character";
  return undefined;
}

/**
 * The files of an export zip by name (folders left out), checked before anything is inflated: every
 * entry's name, the declared sizes against `limits`, then each inflated size against what it declared.
 */
export function readZip(bytes: Uint8Array, file: string, limits: ZipLimits = defaultZipLimits, skip: (name: string) => boolean = () => false): { files: Map<string, Uint8Array>; skipped: string[] } {
  if (!looksLikeZip(bytes)) throw new ImportError([`${file}: expected a zip archive (the platform's export), got a file that is not one`]);
  const problems: string[] = [];
  let total = 0;
  let count = 0;
  const declared = new Map<string, number>();
  const check = (info: UnzipFileInfo): boolean => {
    count++;
    const unsafe = unsafeEntryName(info.name);
    if (unsafe) problems.push(`${file}: ${JSON.stringify(info.name)}: expected an entry name inside the archive, got ${unsafe}`);
    total += info.originalSize;
    if (info.originalSize > limits.ratioFloor && info.originalSize > limits.maxRatio * Math.max(info.size, 1)) {
      problems.push(`${file}: ${JSON.stringify(info.name)}: expected an entry that expands at most ${limits.maxRatio} times, got ${info.size} bytes that expand to ${info.originalSize} (a zip bomb?)`);
    }
    declared.set(info.name, info.originalSize);
    // Nothing is inflated until every entry has been looked at: a filter returning false reads only the header.
    return false;
  };
  try {
    unzipSync(bytes, { filter: check });
  } catch (error) {
    throw new ImportError([`${file}: expected a readable zip archive, got ${(error as Error).message}`]);
  }
  if (count > limits.entries) problems.push(`${file}: expected at most ${limits.entries} entries, got ${count}`);
  if (total > limits.totalBytes) problems.push(`${file}: expected entries of at most ${limits.totalBytes} bytes in all, got ${total} (a zip bomb?)`);
  if (problems.length) throw new ImportError(problems);
  let entries: Record<string, Uint8Array>;
  try {
    // Skipped entries (the subscriber list) are never inflated, so never read.
    entries = unzipSync(bytes, { filter: (info) => !info.name.endsWith("/") && !skip(info.name) });
  } catch (error) {
    throw new ImportError([`${file}: expected a readable zip archive, got ${(error as Error).message}`]);
  }
  const files = new Map<string, Uint8Array>();
  for (const [name, data] of Object.entries(entries)) {
    if (data.length !== declared.get(name)) {
      throw new ImportError([`${file}: ${JSON.stringify(name)}: expected the ${declared.get(name)} bytes its header declares, got ${data.length}`]);
    }
    files.set(name.replace(/\\/g, "/"), data);
  }
  return { files, skipped: [...declared.keys()].filter((name) => !name.endsWith("/") && skip(name)) };
}
