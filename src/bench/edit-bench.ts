// The pure parts of `npm run bench:edit`: which issues to edit, what to append, and the figures.
import { median, seconds } from "./bench-stats.ts";

/**
 * The issue files to edit, one per edit, spread evenly over the corpus in name order (which is
 * date order): the middle of each of `edits` equal shares. More edits than files wrap around.
 */
export function pickEditFiles(files: readonly string[], edits: number): string[] {
  if (!files.length) throw new Error("bench:edit: expected at least one issue file, got none");
  const sorted = [...files].sort();
  const count = sorted.length;
  return Array.from({ length: edits }, (_, edit) => sorted[edits <= count ? Math.floor(((edit + 0.5) * count) / edits) : edit % count] as string);
}

/**
 * A word no generated issue holds (the corpus draws from a vocabulary of real words), one per edit
 * of a run; `run` tells runs apart, so a page cached from an earlier run never matches.
 */
export function editMarker(run: string, edit: number): string {
  if (!/^[a-z0-9]+$/.test(run)) throw new Error(`bench:edit: expected a run id of lower case letters and digits, got ${JSON.stringify(run)}`);
  return `benchedit${run}n${edit + 1}`;
}

/**
 * The paragraph appended to an issue: a blank line first, so it is a paragraph of its own
 * whatever the file ends with (a list, a footnote definition, a table).
 */
export function editParagraph(marker: string): string {
  return `\n\nA sentence appended to measure how fast an edit is served, marked ${marker}.\n`;
}

/** An Eleventy build that ended after an edit, as its log line says. */
export interface BuildAfterEdit {
  /** When Eleventy logged the build's end, in ms after the write. */
  loggedMs: number;
  /** Eleventy's own figure: `in X seconds`, in ms. */
  eleventyMs: number;
  /** Files written. */
  files: number;
  /** Files skipped (Eleventy's `(skipped N)`). */
  skipped: number;
}

/** One edit's figures, in milliseconds after the write. */
export interface EditFigures {
  /** The issue file edited, relative to the corpus. */
  file: string;
  /** The issue page polled. */
  url: string;
  /** The first served response that held the marker. */
  servedMs: number;
  /** Every build from the write until the server settled; the first renders the edit. */
  builds: BuildAfterEdit[];
  /** When the last search indexing after the edit ended. */
  indexedMs: number;
}

export interface EditSummary {
  issues: number;
  edits: number;
  medianServedMs: number;
  minServedMs: number;
  maxServedMs: number;
  /** The median of Eleventy's own time for the first build after each edit. */
  medianRebuildMs: number;
  /** The median of when that build's end was logged, after the write. */
  medianRebuildLoggedMs: number;
  /** Files the first build after an edit wrote (the most any edit's did; `filesVaried` when edits differed). */
  files: number;
  filesVaried: boolean;
  /** Edits that were followed by more than one build (a full rebuild asked for, or a change seen twice). */
  editsWithMoreBuilds: number;
  medianIndexedMs: number;
}

export function summariseEdits(issues: number, edits: readonly EditFigures[]): EditSummary {
  if (!edits.length) throw new Error("bench:edit: expected at least one edit, got none");
  const first = edits.map((edit) => {
    const build = edit.builds[0];
    if (!build) throw new Error(`bench:edit: ${edit.file}: expected a build after the edit, got none`);
    return build;
  });
  const served = edits.map((edit) => edit.servedMs);
  const files = first.map((build) => build.files);
  return {
    issues,
    edits: edits.length,
    medianServedMs: Math.round(median(served)),
    minServedMs: Math.round(Math.min(...served)),
    maxServedMs: Math.round(Math.max(...served)),
    medianRebuildMs: Math.round(median(first.map((build) => build.eleventyMs))),
    medianRebuildLoggedMs: Math.round(median(first.map((build) => build.loggedMs))),
    files: Math.max(...files),
    filesVaried: new Set(files).size > 1,
    editsWithMoreBuilds: edits.filter((edit) => edit.builds.length > 1).length,
    medianIndexedMs: Math.round(median(edits.map((edit) => edit.indexedMs))),
  };
}

/** The line printed for each edit. */
export function editLine(edit: number, edits: number, figures: EditFigures): string {
  const build = figures.builds[0];
  const rebuild = build
    ? `Eleventy wrote ${build.files} files in ${seconds(build.eleventyMs)} s (logged ${seconds(build.loggedMs)} s after the write)`
    : "no build logged";
  const more = figures.builds.length > 1 ? `, then ${figures.builds.length - 1} more build${figures.builds.length > 2 ? "s" : ""}` : "";
  return `bench:edit: edit ${edit}/${edits}: ${figures.file}: served after ${seconds(figures.servedMs)} s; ${rebuild}${more}; search indexed after ${seconds(figures.indexedMs, 1)} s`;
}

/** The line `npm run bench:edit` ends with. */
export function editSummaryLine(summary: EditSummary): string {
  const edits = `${summary.edits} edit${summary.edits === 1 ? "" : "s"}`;
  const files = `${summary.files} files${summary.filesVaried ? " (varied between edits)" : ""}`;
  const more = summary.editsWithMoreBuilds ? `, ${summary.editsWithMoreBuilds} of ${edits} followed by more builds` : "";
  return (
    `bench:edit: ${summary.issues} issues, ${edits}: served after median ${seconds(summary.medianServedMs, 1)} s ` +
    `(min ${seconds(summary.minServedMs, 1)}, max ${seconds(summary.maxServedMs, 1)}); ` +
    `Eleventy rebuild median ${seconds(summary.medianRebuildMs, 1)} s, ${files}${more}; search indexed after median ${seconds(summary.medianIndexedMs, 1)} s`
  );
}

/** The result file: the same command writes the same file. */
export function editResultFileName(options: { issues: number; seed: number }): string {
  return `edit-issues-${options.issues}${options.seed === 1 ? "" : `-seed-${options.seed}`}.json`;
}
