import { mkdir, readdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import sharp from "sharp";
import { splitFrontMatter } from "../model/front-matter.ts";
import { countWords } from "../model/reading-time.ts";
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
  /** Whether one issue in three shows figures (`imageShare`), written beside it.
   *  @default true */
  images?: boolean;
}

/** A figure of a generated issue, drawn when the corpus is written (`drawCorpusImage`). */
export interface CorpusImage {
  /** Beside the issue: `<issue file name without .md>-fig-<n>.png`. */
  fileName: string;
  format: "png" | "jpeg";
  width: number;
  height: number;
  /** Seed of its pixels. */
  seed: number;
}

/** A generated issue with the plan it was written from. */
export interface CorpusIssue extends GeneratedIssue {
  spec: IssueSpec;
  images: CorpusImage[];
}

/** The share of issues with figures, and how many each has, at least and at most. */
export const imageShare = { issues: 1 / 3, min: 1, max: 3 } as const;

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
  // Figures draw from generators of their own: an issue without figures is the same text either way.
  const pictures = new Random(options.seed ?? 1).fork("images");
  return specs.map((spec, index) => {
    const issue = buildIssue(spec, random.fork(`issue-${index}`));
    const draw = pictures.fork(`issue-${index}`);
    if (options.images === false || !draw.chance(imageShare.issues)) return { ...issue, spec, images: [] };
    const images = Array.from({ length: draw.int(imageShare.min, imageShare.max) }, (_, figure): CorpusImage => {
      const format = draw.chance(0.5) ? "png" : "jpeg";
      const width = draw.int(9, 16) * 100;
      return { fileName: `${issue.fileName.replace(/\.md$/, "")}-fig-${figure + 1}.${format === "png" ? "png" : "jpg"}`, format, width, height: Math.round((width * draw.int(5, 8)) / 10), seed: draw.int(1, 2 ** 30) };
    });
    // Short alt text and captions: a body stays within the corpus's word range (wordRange).
    const figures = images.map((image, figure) => `![${image.format === "png" ? "Chart" : "Photo"} ${figure + 1}](${image.fileName} "Figure ${figure + 1}")\n`);
    const text = `${issue.text.replace(/\n*$/, "\n")}\n${figures.join("\n")}`;
    return { ...issue, text, words: countWords(splitFrontMatter(text).body), spec, images };
  });
}

/**
 * A figure's bytes: smooth colour noise, drawn from its seed (a few hundred KB; photos as JPEG,
 * charts as PNG of coarser noise in a few flat shades, as charts are), the same bytes for the same seed.
 */
export async function drawCorpusImage(image: CorpusImage): Promise<Buffer> {
  const random = new Random(image.seed);
  const tile = image.format === "png" ? { width: 24, height: 15 } : { width: 200, height: 125 };
  const raw = Buffer.alloc(tile.width * tile.height * 3);
  for (let at = 0; at < raw.length; at++) raw[at] = random.int(0, 255);
  const picture = sharp(raw, { raw: { ...tile, channels: 3 } }).resize(image.width, image.height, { kernel: "cubic", fit: "fill" });
  if (image.format === "jpeg") return picture.jpeg({ quality: 85 }).toBuffer();
  // Eight levels a channel, cut here rather than by sharp's palette quantiser, which took 25 times
  // as long (0.95 s a figure) and made the 4,000-issue corpus a half-hour job.
  const pixels = await picture.raw().toBuffer();
  const step = 255 / 7;
  for (let at = 0; at < pixels.length; at++) pixels[at] = Math.round(Math.round(pixels[at]! / step) * step);
  return sharp(pixels, { raw: { width: image.width, height: image.height, channels: 3 } }).png({ compressionLevel: 3 }).toBuffer();
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
  // A few figures at a time: each holds its pixels until written.
  const images = issues.flatMap((issue) => ("images" in issue ? (issue as CorpusIssue).images : []));
  for (let start = 0; start < images.length; start += 4) {
    await Promise.all(images.slice(start, start + 4).map(async (image) => writeFile(path.join(folder, image.fileName), await drawCorpusImage(image))));
  }
}

/** Figures that describe a corpus: for logs and benchmark results. */
export interface CorpusStats {
  issues: number;
  words: number;
  bytes: number;
  distinctTags: number;
  bySeries: Record<string, number>;
  /** Figures, and issues showing any. */
  images: number;
  issuesWithImages: number;
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
  const images = issues.reduce((sum, issue) => sum + issue.images.length, 0);
  const issuesWithImages = issues.filter((issue) => issue.images.length > 0).length;
  return { issues: issues.length, words, bytes, distinctTags: tags.size, bySeries, images, issuesWithImages };
}
