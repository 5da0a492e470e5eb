// The pages `npm run lighthouse` audits and the table it prints: issue 18's four pages, each on
// mobile and desktop, by Lighthouse's four category scores.

/** A page to audit: a label for the table, its path inside the site (query included), and the
 *  built file that must exist for it. */
export interface AuditedPage {
  label: string;
  path: string;
  file: string;
}

export const auditedPages: readonly AuditedPage[] = [
  { label: "home", path: "/", file: "index.html" },
  // The lab notes issue has display and inline maths, so its page loads KaTeX's CSS and fonts.
  { label: "issue with maths", path: "/issues/lab-notes-gpt3-contrastive-hebbian/", file: "issues/lab-notes-gpt3-contrastive-hebbian/index.html" },
  { label: "tag archive", path: "/tags/contrastive-learning/", file: "tags/contrastive-learning/index.html" },
  { label: "search ?q=transformer", path: "/search/?q=transformer", file: "search/index.html" },
];

export const formFactors = ["mobile", "desktop"] as const;
export type FormFactor = (typeof formFactors)[number];

export const categories = [
  { id: "performance", title: "Performance" },
  { id: "accessibility", title: "Accessibility" },
  { id: "best-practices", title: "Best practices" },
  { id: "seo", title: "SEO" },
] as const;
export type CategoryId = (typeof categories)[number]["id"];

/** One audit run's outcome: scores from 0 to 1 (null when Lighthouse could not score a category),
 *  and the titles of the scored audits that fell short, for the lines under the table. */
export interface AuditRow {
  page: string;
  formFactor: FormFactor;
  scores: Record<CategoryId, number | null>;
  shortfalls: string[];
  /** The lowest and highest performance score of the runs the row summarises, when there were several. */
  performanceRange?: { min: number; max: number; runs: number };
}

/** One row per page and form factor from any number of runs of each, in the order first audited: the
 *  median of each category (the lower middle of an even count), and the shortfalls of the run whose
 *  performance is that median, so the lines under the table explain the score shown. */
export function medianRows(runs: readonly AuditRow[]): AuditRow[] {
  const groups = new Map<string, AuditRow[]>();
  for (const run of runs) {
    const key = `${run.page}\u0000${run.formFactor}`;
    groups.set(key, [...(groups.get(key) ?? []), run]);
  }
  return [...groups.values()].map((group) => {
    const first = group[0] as AuditRow;
    if (group.length === 1) return first;
    const scores = {} as Record<CategoryId, number | null>;
    for (const { id } of categories) scores[id] = median(group.map((run) => run.scores[id]));
    const performances = group.map((run) => run.scores.performance).filter((score): score is number => score !== null);
    const shown = group.find((run) => run.scores.performance === scores.performance) ?? first;
    return {
      page: first.page,
      formFactor: first.formFactor,
      scores,
      shortfalls: shown.shortfalls,
      ...(performances.length ? { performanceRange: { min: Math.min(...performances), max: Math.max(...performances), runs: group.length } } : {}),
    };
  });
}

function median(scores: readonly (number | null)[]): number | null {
  const known = scores.filter((score): score is number => score !== null).sort((a, b) => a - b);
  return known.length ? (known[Math.floor((known.length - 1) / 2)] as number) : null;
}

/** Lighthouse's 0–1 score as the 0–100 it shows; "–" for a category it could not score. */
export function scoreText(score: number | null): string {
  return score === null ? "–" : String(Math.round(score * 100));
}

/** A plain-text table, one row per page and form factor, one column per category, padded to line up. */
export function formatLighthouseTable(rows: readonly AuditRow[]): string {
  const header = ["Page", "Form factor", ...categories.map((category) => category.title)];
  const body = rows.map((row) => [
    row.page,
    row.formFactor,
    ...categories.map((category) => scoreText(row.scores[category.id]) + (category.id === "performance" ? rangeText(row.performanceRange) : "")),
  ]);
  const widths = header.map((title, column) => Math.max(title.length, ...body.map((cells) => cells[column]?.length ?? 0)));
  // Text columns align left, scores right, as numbers read.
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, column) => (column < 2 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0)))
      .join("  ")
      .trimEnd();
  return [line(header), widths.map((width) => "-".repeat(width)).join("  "), ...body.map(line)].join("\n");
}

/** " (96–100 in 3 runs)" after a median whose runs differed; nothing for one run or runs that agreed. */
function rangeText(range: AuditRow["performanceRange"]): string {
  if (!range || scoreText(range.min) === scoreText(range.max)) return "";
  return ` (${scoreText(range.min)}–${scoreText(range.max)} in ${range.runs} runs)`;
}

/** The lines under the table that name what kept each run below 100, if anything did. */
export function formatShortfalls(rows: readonly AuditRow[]): string[] {
  return rows.filter((row) => row.shortfalls.length).map((row) => `${row.page}, ${row.formFactor}: ${row.shortfalls.join("; ")}`);
}
