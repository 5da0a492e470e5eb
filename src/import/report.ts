import type { ImportOutcome } from "./run-import.ts";

const count = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;

/** The lines after a run: what was written or kept and why, drafts, images, redirects, losses; the summary line last. */
export function importReport(outcome: ImportOutcome): string[] {
  const lines: string[] = [];
  const verb = outcome.dryRun ? "would write" : "wrote";
  const by = (action: string) => outcome.issues.filter((issue) => issue.action === action);
  for (const { file, action } of outcome.issues) {
    if (action === "new" || action === "updated" || action === "replaced") lines.push(`${verb} ${file}${action === "new" ? "" : ` (${action === "updated" ? "updated: the export changed" : "replaced: --force"})`}`);
  }
  for (const { file } of by("kept-edited")) lines.push(`kept ${file}: edited since it was imported (--force replaces it)`);
  for (const { file } of by("kept-foreign")) lines.push(`kept ${file}: not written by an import (--force replaces it)`);
  for (const note of outcome.notes) lines.push(note);
  for (const { origin, reason } of outcome.skipped) lines.push(`skipped ${origin}: ${reason}`);
  const imported = outcome.issues.filter((issue) => issue.action !== "failed");
  for (const { file, planned } of imported) {
    if (planned.draft) lines.push(`draft ${file}: ${planned.draft === "paid-only" ? "paid-only on the old site" : planned.draft}`);
    for (const what of planned.lossy) lines.push(`lossy ${file}: ${what}`);
    for (const what of planned.missing) lines.push(`missing image ${file}: ${what}`);
    for (const image of planned.placeholders) lines.push(`alt text to write ${file}: ${image} has none in the export; its alt says TODO`);
  }
  for (const failure of outcome.failures) lines.push(`failed ${failure}`);
  const drafts = imported.filter(({ planned }) => planned.draft).length;
  const paid = imported.filter(({ planned }) => planned.draft === "paid-only").length;
  const redirects = imported.filter(({ planned }) => planned.redirect).length;
  const unchanged = by("unchanged").length;
  const kept = by("kept-edited").length + by("kept-foreign").length;
  const parts = [`${count(drafts, "draft")}${paid ? `, ${paid} paid-only` : ""}`];
  if (outcome.skipped.length) parts.push(`${outcome.skipped.length} skipped`);
  if (unchanged) parts.push(`${unchanged} unchanged`);
  if (kept) parts.push(`${kept} kept as edited`);
  if (outcome.failures.length) parts.push(`${count(outcome.failures.length, "failure")}`);
  const fetch = outcome.toFetch.length ? `; ${count(outcome.toFetch.length, "image")} to fetch: see ${outcome.fetchList}` : "";
  lines.push(
    `${outcome.dryRun ? "Would import" : "Imported"} ${count(imported.length, "post")} from ${outcome.source} (${parts.join(", ")}), ${count(outcome.imagesWritten, "image")} ${outcome.dryRun ? "to copy" : "copied"}${outcome.imagesUnchanged ? ` (${outcome.imagesUnchanged} unchanged)` : ""}, ${count(redirects, "redirect")}${fetch}`,
  );
  return lines;
}
