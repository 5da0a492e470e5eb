import { ImportError } from "./import-error.ts";
import { importKinds, type ImportKind } from "./source-post.ts";
import type { ImportOptions } from "./run-import.ts";
import { slugify } from "../model/slug.ts";

export const importUsage =
  "usage: npm run import -- --from <substack|ghost|buttondown|wordpress|feed> SOURCE [--series ID] [--series-from-tag tag=series] [--old-site URL] [--content DIR] [--config FILE] [--dry-run] [--force]";

/** Parses the import's arguments (`--config` was taken out before); every mistake in one error. */
export function parseImportArgs(argv: readonly string[]): ImportOptions {
  const problems: string[] = [];
  let kind: ImportKind | undefined;
  const sources: string[] = [];
  const options: Omit<ImportOptions, "kind" | "source"> = { content: "issues", seriesFromTag: new Map(), dryRun: false, force: false };
  const seriesFromTag = new Map<string, string>();
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index] ?? "";
    if (arg === "--dry-run") options.dryRun = true;
    else if (arg === "--force") options.force = true;
    else if (arg.startsWith("--")) {
      const [flag, inline] = arg.split(/=(.*)/s, 2) as [string, string | undefined];
      const value = inline ?? argv[++index];
      if (!["--from", "--series", "--series-from-tag", "--content", "--old-site"].includes(flag)) {
        problems.push(`expected --from, --series, --series-from-tag, --old-site, --content, --config, --dry-run, --force or the export file, got ${JSON.stringify(arg)}`);
        if (inline === undefined) index--;
        continue;
      }
      if (!value || value.startsWith("--")) {
        problems.push(`${flag}: expected a value, got nothing`);
        if (value?.startsWith("--")) index--;
        continue;
      }
      if (flag === "--from") {
        if ((importKinds as readonly string[]).includes(value)) kind = value as ImportKind;
        else problems.push(`--from: expected one of ${importKinds.join(", ")}, got ${JSON.stringify(value)}`);
      } else if (flag === "--series") options.series = value;
      else if (flag === "--content") options.content = value;
      else if (flag === "--old-site") {
        if (/^https?:\/\/[^/]+/.test(value)) options.oldSite = value;
        else problems.push(`--old-site: expected the old site's address, like https://example.substack.com, got ${JSON.stringify(value)}`);
      } else {
        const [tag, series] = value.split("=", 2);
        if (!tag?.trim() || !series?.trim()) problems.push(`--series-from-tag: expected tag=series, got ${JSON.stringify(value)}`);
        else seriesFromTag.set(slugify(tag), series.trim());
      }
    } else sources.push(arg);
  }
  if (!kind && !problems.some((problem) => problem.startsWith("--from"))) problems.push(`--from: expected one of ${importKinds.join(", ")}, got nothing`);
  if (sources.length !== 1) problems.push(`expected one export file, got ${sources.length ? sources.map((source) => JSON.stringify(source)).join(" ") : "none"}`);
  if (problems.length) throw new ImportError([...problems, importUsage]);
  return { ...options, seriesFromTag, kind: kind as ImportKind, source: sources[0] as string };
}
