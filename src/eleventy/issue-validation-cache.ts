import type { Issue } from "../model/issue.ts";
import { fileBatchSize, unreadableFileProblem, type IssueFileStat } from "./content-folder.ts";
import { collectValidation, validateIssueSource, type IssueSource, type ValidationResult } from "../model/validate-issues.ts";


/** What one update found: the validation of every file, and which files changed since the last one. */
export interface CachedValidation extends ValidationResult {
  /** Absolute paths of the files added, changed or removed since the previous update; every file on the first. */
  changed: string[];
}

interface Entry {
  mtimeMs: number;
  size: number;
  bytes: Uint8Array;
  result: Issue | string[];
}


/**
 * Validation that remembers each file's result: an update re-reads and re-validates only the files
 * whose modification time or size changed (and whose bytes then differ), and keeps the previous
 * Issue model of every other file. The first update validates every file, so a full build reports
 * every problem in every file exactly as `validateIssueSources` does; a file with problems keeps
 * reporting them until it is fixed. Only the check that no two files share a URL looks at every
 * issue each time, and it is cheap.
 */
export class IssueValidationCache {
  #entries = new Map<string, Entry>();

  /** Validates the listed files, reading a file's bytes with `read` only when its stat changed. */
  async update(files: readonly IssueFileStat[], read: (absolutePath: string) => Promise<Uint8Array>): Promise<CachedValidation> {
    const changed: string[] = [];
    const next = new Map<string, Entry>();
    // Not remembered: read again next time, as making a file readable may leave its stat as it was.
    const unreadable = new Map<string, string[]>();
    const stale = files.filter((file) => {
      const entry = this.#entries.get(file.absolutePath);
      if (entry && entry.mtimeMs === file.mtimeMs && entry.size === file.size) {
        next.set(file.absolutePath, entry);
        return false;
      }
      return true;
    });
    for (let start = 0; start < stale.length; start += fileBatchSize) {
      const batch = stale.slice(start, start + fileBatchSize);
      const contents = await Promise.allSettled(batch.map((file) => read(file.absolutePath)));
      batch.forEach((file, index) => {
        const content = contents[index];
        if (content?.status !== "fulfilled") {
          unreadable.set(file.absolutePath, [unreadableFileProblem(file.file, content?.reason)]);
          changed.push(file.absolutePath);
          return;
        }
        const bytes = content.value;
        const previous = this.#entries.get(file.absolutePath);
        // Touched but not changed (an editor's save without edits, a checkout): keep the model.
        if (previous && sameBytes(previous.bytes, bytes)) {
          next.set(file.absolutePath, { ...previous, mtimeMs: file.mtimeMs, size: file.size });
          return;
        }
        const source: IssueSource = { file: file.file, absolutePath: file.absolutePath, bytes };
        next.set(file.absolutePath, { mtimeMs: file.mtimeMs, size: file.size, bytes, result: validateIssueSource(source) });
        changed.push(file.absolutePath);
      });
    }
    for (const absolutePath of this.#entries.keys()) if (!next.has(absolutePath) && !unreadable.has(absolutePath)) changed.push(absolutePath);
    this.#entries = next;

    const results = files.flatMap((file) => {
      const result = next.get(file.absolutePath)?.result ?? unreadable.get(file.absolutePath);
      return result === undefined ? [] : [result];
    });
    return { ...collectValidation(results), changed };
  }

  /** Forgets every file: the next update validates them all. */
  clear(): void {
    this.#entries.clear();
  }
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && Buffer.compare(a, b) === 0;
}
