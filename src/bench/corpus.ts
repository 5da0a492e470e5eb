import { mkdir, readdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { buildIssue, seriesIds, wordRange, type GeneratedIssue, type IssueSpec, type SeriesId } from "./issue-text.ts";
import { Random } from "./prng.ts";
import { tagVocabulary } from "./vocabulary.ts";
import { ZipfSampler } from "./zipf.ts";

export interface CorpusOptions {
  /** How many issues to write. */
  issues: number;
  /** The PRNG seed: the same seed gives the same files, byte for byte.
   *  @default 1 */
  seed?: number;
}

/** A generated issue with the plan it was written from. */
export interface CorpusIssue extends GeneratedIssue {
  spec: IssueSpec;
}

/** The ten years issues are dated in: 2015-01-01 to 2024-12-31. */
export const dateSpan = { first: Date.UTC(2015, 0, 1), days: 3653 } as const;

/** Tags an issue carries, at least and at most. */
export const tagsPerIssue = { min: 2, max: 8 } as const;

/** The Zipf exponent of tag popularity.
 *  @default 1.05 */
export const tagExponent = 1.05;

/**
 * Plans the corpus: dates spread over ten years, the five series in equal shares (each present
 * once there are five issues), numbers counted per series in date order, 2 to 8 Zipf-drawn tags.
 */
export function planCorpus(options: CorpusOptions): IssueSpec[] {
  const { issues } = options;
  if (!Number.isInteger(issues) || issues < 1) throw new Error(`corpus: expected 1 or more issues, got ${issues}`);
  const random = new Random(options.seed ?? 1);
  const dates = Array.from({ length: issues }, () => random.int(0, dateSpan.days - 1))
    .sort((a, b) => a - b)
    .map((day) => new Date(dateSpan.first + day * 86_400_000).toISOString().slice(0, 10));
  const series = random.shuffle(Array.from({ length: issues }, (_, index) => seriesIds[index % seriesIds.length] as SeriesId));
  const zipf = new ZipfSampler(tagVocabulary.length, tagExponent);
  const counters = new Map<SeriesId, number>();
  return dates.map((date, index) => {
    const seriesId = series[index] as SeriesId;
    const number = (counters.get(seriesId) ?? 0) + 1;
    counters.set(seriesId, number);
    const ranks = zipf.sampleDistinct(random, random.int(tagsPerIssue.min, tagsPerIssue.max)).sort((a, b) => a - b);
    return {
      series: seriesId,
      number,
      date,
      tags: ranks.map((rank) => tagVocabulary[rank] ?? "machine learning"),
      targetWords: random.int(wordRange.min + 20, wordRange.max - 50),
    };
  });
}

/** Every issue of the corpus, in date order. Each issue draws from its own forked generator. */
export function generateCorpus(options: CorpusOptions): CorpusIssue[] {
  const specs = planCorpus(options);
  const random = new Random(options.seed ?? 1).fork("issues");
  return specs.map((spec, index) => ({ ...buildIssue(spec, random.fork(`issue-${index}`)), spec }));
}

/**
 * Writes the corpus into `folder`, which must be new or empty unless `replace` is set, in which
 * case the folder is emptied first: a corpus is never mixed with other files.
 */
export async function writeCorpus(folder: string, issues: readonly GeneratedIssue[], replace = false): Promise<void> {
  const entries = await readdir(folder).catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") return [];
    throw error;
  });
  if (entries.length && !replace) {
    throw new Error(`corpus: ${folder}: expected a new or empty folder, got one with ${entries.length} entries; remove it or pass --replace`);
  }
  if (entries.length) await rm(folder, { recursive: true, force: true });
  await mkdir(folder, { recursive: true });
  for (let start = 0; start < issues.length; start += 64) {
    await Promise.all(issues.slice(start, start + 64).map((issue) => writeFile(path.join(folder, issue.fileName), issue.text)));
  }
}

/** Figures that describe a corpus: for logs and benchmark results. */
export interface CorpusStats {
  issues: number;
  words: number;
  bytes: number;
  distinctTags: number;
  bySeries: Record<string, number>;
}

export function corpusStats(issues: readonly CorpusIssue[]): CorpusStats {
  const tags = new Set<string>();
  const bySeries: Record<string, number> = {};
  let words = 0;
  let bytes = 0;
  for (const issue of issues) {
    words += issue.words;
    bytes += Buffer.byteLength(issue.text);
    bySeries[issue.spec.series] = (bySeries[issue.spec.series] ?? 0) + 1;
    for (const tag of issue.spec.tags) tags.add(tag);
  }
  return { issues: issues.length, words, bytes, distinctTags: tags.size, bySeries };
}
