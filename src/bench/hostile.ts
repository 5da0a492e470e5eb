// What `npm run bench:hostile` measures: adversarial issue texts at doubling sizes, and the time
// each stage over issue text takes on them, so that a stage whose time grows faster than its input
// shows as a ratio well above 2 between one size and the next.

/** The front matter lines of a valid issue. */
const validFields = ['title: "A hostile issue"', 'date: "2022-03-10"', "series: lab-notes", 'summary: "Text made to be slow."'];

/** One kind of adversarial issue file, made at any size. */
export interface HostileInput {
  name: string;
  /** The whole issue file of about `bytes` bytes (ASCII, so characters are bytes). */
  make(bytes: number): string;
}

/** `unit` repeated to exactly `bytes` characters. */
export function repeatTo(unit: string, bytes: number): string {
  return unit.repeat(Math.ceil(bytes / unit.length)).slice(0, bytes);
}

const frontMatter = `---\n${validFields.join("\n")}\n---\n`;

/** An issue whose Markdown body is `body`, after valid front matter. */
function withBody(make: (bytes: number) => string): (bytes: number) => string {
  return (bytes) => `${frontMatter}${make(bytes)}\n`;
}

const body = (name: string, unit: string): HostileInput => ({ name, make: withBody((bytes) => repeatTo(unit, bytes)) });

/** Lines, each one level deeper than the last, until `bytes`: the nesting grows as the square root of the size. */
function deepening(line: (depth: number) => string): (bytes: number) => string {
  return (bytes) => {
    const lines: string[] = [];
    let size = 0;
    for (let depth = 0; size < bytes; depth++) {
      const next = line(depth);
      lines.push(next);
      size += next.length + 1;
    }
    return lines.join("\n");
  };
}

/** Every kind the benchmark builds, body kinds first, then front matter kinds. */
export const hostileInputs: readonly HostileInput[] = [
  body("`](` (link ends, no `)`)", "]("),
  body("`[`", "["),
  body("`*`", "*"),
  { name: "spaces in one line", make: withBody((bytes) => `a${" ".repeat(Math.max(0, bytes - 2))}b`) },
  body("`_`", "_"),
  body("`*_` alternating", "*_"),
  body("`` ` ``", "`"),
  body("`$`", "$"),
  body("`<`", "<"),
  body("`<http:` (autolinks, no `>`)", "<http:"),
  body("`&#` (entities, no `;`)", "&#"),
  body("`\\`", "\\"),
  { name: "nested brackets `[[[…]]]`", make: withBody((bytes) => "[".repeat(Math.floor(bytes / 2)) + "]".repeat(Math.floor(bytes / 2))) },
  body("`![`", "!["),
  body("`[^` (footnote starts)", "[^"),
  body("footnote references `[^a]`", "[^a]"),
  body("`www.` (bare web addresses)", "www."),
  body("`|` in one line", "|"),
  {
    name: "table, 1,000 columns",
    make: withBody((bytes) => `${"|a".repeat(1000)}|\n${"|-".repeat(1000)}|\n${repeatTo("|b\n", Math.max(0, bytes - 4004))}`),
  },
  body("`- - - …` (nested lists, one line)", "- "),
  { name: "lists, each indented deeper", make: withBody(deepening((depth) => `${"  ".repeat(depth)}- a`)) },
  body("`> > > …` (nested quotes, one line)", "> "),
  { name: "quotes, each line one deeper", make: withBody(deepening((depth) => `${">".repeat(depth + 1)} a`)) },
  body("`::: why` (unclosed callouts)", "::: why\n"),
  body("`#` in one line", "#"),
  body("lines of 1,000 `#`", `${"#".repeat(1000)}\n`),
  body("`## a` (same heading again)", "## a\n"),
  body("`$$` lines (unclosed display maths)", "$$\n"),
  body("one paragraph of hashtags `#a `", "#a "),
  { name: "hashtags, then a word", make: withBody((bytes) => `${repeatTo("#a ", Math.max(0, bytes - 4))}word`) },
  body("link reference definitions `[a]: b`", "[a]: b\n"),
  {
    name: "front matter: spaces, duplicate keys",
    make: (bytes) => `---\n${validFields.join("\n")}\n${" ".repeat(bytes)}\ntitle: "Again"\ndate: "2022-03-11"\nseries: again\n---\nSome text.\n`,
  },
  {
    name: "front matter: blank lines, duplicate keys",
    make: (bytes) => `---\n${validFields.join("\n")}\n${repeatTo(" \n", bytes)}title: "Again"\ndate: "2022-03-11"\n---\nSome text.\n`,
  },
  {
    name: "front matter: nested `[[[…]]]`",
    make: (bytes) => `---\n${validFields.join("\n")}\ntags: ${"[".repeat(Math.floor(bytes / 2))}${"]".repeat(Math.floor(bytes / 2))}\n---\nSome text.\n`,
  },
  {
    name: "front matter: no closing fence, `---  x` lines",
    make: (bytes) => `---\n${validFields.join("\n")}\n${repeatTo(`---${" ".repeat(60)}x\n`, bytes)}`,
  },
  {
    name: "front matter: one long title",
    make: (bytes) => `---\n${validFields.filter((line) => !line.startsWith("title:")).join("\n")}\ntitle: "${repeatTo("a ", bytes)}"\n---\nSome text.\n`,
  },
];

/** The median of `values` (the lower middle one of an even count). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)] ?? Number.NaN;
}

/** One stage's time on one input at one size, or why it was not timed. */
export type StageTime = { ms: number; error?: string } | { skipped: string };

/** One row of the table: an input at a size, each stage's time. */
export interface HostileRow {
  input: string;
  bytes: number;
  stages: Record<string, StageTime>;
}

/** Sizes from `smallest` doubling up to `largest` bytes. */
export function doublingSizes(smallest: number, largest: number): number[] {
  const sizes: number[] = [];
  for (let size = smallest; size <= largest; size *= 2) sizes.push(size);
  return sizes;
}

/** A byte count as the table shows it: `64 KB`, `1 MB`. */
export function sizeLabel(bytes: number): string {
  if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)} MB`;
  return bytes % 1024 === 0 ? `${bytes / 1024} KB` : `${bytes} B`;
}

/**
 * Each row's stage times and, beside each, its ratio to the same stage on the same input at the
 * size before (2 means the time doubled with the size: linear). A Markdown table.
 */
export function hostileTable(rows: readonly HostileRow[], stages: readonly string[]): string {
  const header = ["input", "size", ...stages.flatMap((stage) => [`${stage} ms`, "×"])];
  const lines = [header, header.map(() => "---")];
  const previous = new Map<string, number>();
  for (const row of rows) {
    const cells = [row.input, sizeLabel(row.bytes)];
    for (const stage of stages) {
      const time = row.stages[stage];
      const key = `${row.input}\u0000${stage}`;
      if (!time || "skipped" in time) {
        cells.push(time ? time.skipped : "", "");
        previous.delete(key);
        continue;
      }
      const before = previous.get(key);
      cells.push(`${formatMs(time.ms)}${time.error ? ` (${time.error})` : ""}`, before === undefined ? "" : ratio(time.ms, before));
      previous.set(key, time.ms);
    }
    lines.push(cells);
  }
  return lines.map((cells) => `| ${cells.join(" | ")} |`).join("\n");
}

function formatMs(ms: number): string {
  return ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms.toFixed(2);
}

/** Ratio of two times; times under a millisecond are too coarse for one (`~`). */
function ratio(ms: number, before: number): string {
  return before < 1 ? "~" : (ms / before).toFixed(1);
}
