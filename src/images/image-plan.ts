import { createHash } from "node:crypto";
import type { ImageFile, SourceFormat } from "./image-file.ts";

export type OutputFormat = "avif" | "webp" | "png" | "jpeg" | "gif" | "svg";

/**
 * The widths an image is encoded at: the text column (42rem, 672 CSS pixels: `--measure` in
 * assets/styles/_tokens.scss) and twice that for 2x screens; never wider than the original.
 */
export const columnWidth = 672;
export const targetWidths = [columnWidth, 2 * columnWidth] as const;

/**
 * The encoding options, part of every cache key and output name: change any (or the version)
 * and every image is encoded again under new names.
 */
export const encodingOptions = {
  version: 1,
  widths: targetWidths,
  // A width is added only if the original is a quarter wider than the width below it (eleventy-img's own rule).
  minimumThreshold: 1.25,
  // Effort 1, not sharp's 4: 70 ms instead of 1.4 s for a 1600 px photo at 672 and 1344 px (AVIF was
  // nine tenths of encoding), for files a third larger, still under half the WebP's (docs/performance.md).
  avif: { quality: 55, effort: 1 },
  webp: { quality: 80, effort: 4 },
  jpeg: { quality: 82, mozjpeg: true },
  png: { compressionLevel: 9, palette: false },
  gif: {},
} as const;

/** The formats each source is published in, the fallback (what `<img>` and feeds carry) last. */
const formatsFor: Record<SourceFormat, OutputFormat[]> = {
  png: ["avif", "webp", "png"],
  jpeg: ["avif", "webp", "jpeg"],
  // sharp writes no animated AVIF: WebP and the GIF itself keep the frames.
  gif: ["webp", "gif"],
  webp: ["avif", "webp", "png"],
  avif: ["avif", "webp", "png"],
  svg: ["svg"],
};

export const mimeTypes: Record<OutputFormat, string> = {
  avif: "image/avif",
  webp: "image/webp",
  png: "image/png",
  jpeg: "image/jpeg",
  gif: "image/gif",
  svg: "image/svg+xml",
};

export interface ImageOutput {
  format: OutputFormat;
  width: number;
  height: number;
  /** File name under the site's `/img/` folder. */
  name: string;
}

/** Every file one source becomes, and how the page shows it. */
export interface ImagePlan {
  /** The cache key and names' prefix: the source's content and the encoding options, hashed. */
  key: string;
  source: SourceFormat;
  /** Outputs by format in `formats` order, each by width ascending. */
  formats: OutputFormat[];
  outputs: ImageOutput[];
  /** The 1x fallback: the `<img>`'s `src`, `width` and `height`, the feeds' image. */
  fallback: ImageOutput;
}

/** Site path of the folder the images are published in. */
export const imageUrlFolder = "/img/";

const plans = new Map<string, ImagePlan>();
const optionsJson = JSON.stringify(encodingOptions);

/**
 * The files an image becomes, computed without encoding (names and sizes are known up front).
 * Remembered: a page, its feeds' entries and its previews each ask for the same image's plan.
 */
export function planImage(file: ImageFile): ImagePlan {
  const id = `${file.format}:${file.contentHash}:${file.width}x${file.height}`;
  let plan = plans.get(id);
  if (!plan) {
    plan = Object.freeze(computePlan(file));
    if (plans.size >= 20_000) plans.clear();
    plans.set(id, plan);
  }
  return plan;
}

function computePlan(file: ImageFile): ImagePlan {
  const key = createHash("sha256").update(optionsJson).update(file.format).update(file.contentHash).digest("hex").slice(0, 16);
  const formats = formatsFor[file.format];
  if (file.format === "svg") {
    const only: ImageOutput = { format: "svg", width: file.width, height: file.height, name: `${key}.svg` };
    return { key, source: file.format, formats, outputs: [only], fallback: only };
  }
  const widths = validWidths(file.width, targetWidths, encodingOptions.minimumThreshold);
  const outputs = formats.flatMap((format) =>
    widths.map((width) => ({ format, width, height: aspectHeight(file, width), name: `${key}-${width}.${format}` })),
  );
  const fallbackFormat = formats[formats.length - 1] as OutputFormat;
  const fallback = outputs.find((output) => output.format === fallbackFormat) as ImageOutput;
  return { key, source: file.format, formats, outputs, fallback };
}

/**
 * eleventy-img's widths (`Image.getWidths`, 6.0.4), restated so markup is written synchronously:
 * widths over the original become the original once, and a larger one only if the original is
 * `threshold` times wider than the one before. tests/unit/images.test.ts compares the two.
 */
export function validWidths(original: number, widths: readonly number[], threshold: number): number[] {
  let lastWasBigEnough = true;
  const valid = [...widths]
    .sort((a, b) => a - b)
    .map((width) => {
      if (width > original) return lastWasBigEnough ? original : -1;
      lastWasBigEnough = original > Math.floor(width * threshold);
      return width;
    })
    .filter((width) => width > 0);
  return [...new Set(valid)].sort((a, b) => a - b);
}

/**
 * The height sharp gives a width: rounded. (eleventy-img's own stats floor it, one pixel short of
 * the file for an 800x8 image at 672; the markup says what the file is.)
 */
function aspectHeight(file: { width: number; height: number }, width: number): number {
  return Math.round((width * file.height) / file.width);
}
