import { copyFile, mkdir, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { availableParallelism } from "node:os";
import path from "node:path";
import pLimit from "p-limit";
import { placeFile } from "../place-file.ts";
import { imageLimits } from "./image-file.ts";
import { encodingOptions, planImage, type ImagePlan } from "./image-plan.ts";
import type { IssueImage } from "./issue-images.ts";

export interface PublishOptions {
  /** The cache folder: one folder per image, named by its plan's key. */
  cacheDir: string;
  /** The site folder the build writes; images go into its `img/`. */
  outputDir: string;
  /** Images encoded at once, each holding its decoded pixels: at most the machine's cores. */
  concurrency?: number;
}

export interface PublishResult {
  /** Distinct images encoded by this run (not found in the cache). */
  encoded: number;
  /** Distinct images found in the cache. */
  cached: number;
  /** Files in the site's `img/`. */
  files: number;
  /** Milliseconds spent encoding (wall time of the encoding phase). */
  encodingMs: number;
  /** One line per image that could not be encoded, naming each issue and line that shows it. */
  problems: string[];
}

/** Cache checks and file placements at once: enough to overlap the file system's work, few enough for the file handles. */
const fileConcurrency = 64;

/** The file of the cache folder that says an image's folder is complete. */
const completeMarker = "complete.json";

/**
 * Encodes every distinct image of `images` that the cache lacks, in parallel up to the cores, then
 * hard-links (or copies) each image's files into the site. An image is encoded into a temporary folder renamed
 * into place when complete, so an interrupted build never leaves a half-encoded image in the cache.
 * Each image shown more than once (by one issue or several) is encoded once.
 */
export async function publishImages(images: readonly (IssueImage & { file: string })[], options: PublishOptions): Promise<PublishResult> {
  // Each place keeps the path it wrote: two issues may show the same bytes under different names.
  const byKey = new Map<string, { plan: ImagePlan; image: IssueImage; shownAt: { at: string; src: string }[] }>();
  for (const image of images) {
    const plan = planImage(image);
    const entry = byKey.get(plan.key) ?? { plan, image, shownAt: [] };
    entry.shownAt.push({ at: `${image.file}:${image.line}`, src: image.src });
    byKey.set(plan.key, entry);
  }
  const concurrency = Math.max(1, Math.min(options.concurrency ?? availableParallelism(), availableParallelism()));
  const problems: string[] = [];
  let encoded = 0;
  const started = performance.now();
  // Checking the cache is a file read an image: many at once, so a warm build's check costs a few
  // event-loop turns between the pages Eleventy renders, not a turn an image.
  const io = pLimit(fileConcurrency);
  const entries = [...byKey.values()];
  const complete = await Promise.all(entries.map(({ plan }) => io(() => isComplete(path.join(options.cacheDir, plan.key), plan))));
  const missing = entries.filter((_, index) => !complete[index]);
  if (missing.length) {
    // Loaded only to encode: about 0.12 s of a warm build's thread otherwise.
    const Image = await loadEncoder(concurrency);
    const limit = pLimit(concurrency);
    await Promise.all(
      missing.map(({ plan, image, shownAt }) =>
        limit(async () => {
          try {
            await encodeInto(path.join(options.cacheDir, plan.key), plan, image, Image);
            encoded++;
          } catch (error) {
            const reason = error instanceof Error ? error.message.split("\n")[0] : String(error);
            for (const { at, src } of shownAt) problems.push(`${at}: image: expected an image that can be decoded at ${JSON.stringify(src)}, got a corrupt file (${reason})`);
          }
        }),
      ),
    );
  }
  const encodingMs = performance.now() - started;
  const imgDir = path.join(options.outputDir, "img");
  let files = 0;
  if (!problems.length && entries.length) {
    await mkdir(imgDir, { recursive: true });
    // npm start writes into the same _dev/ each time: a file already there is the same bytes (its name is their hash).
    await Promise.all(
      entries.flatMap(({ plan }) =>
        plan.outputs.map((output) =>
          io(async () => {
            await placeFile(path.join(options.cacheDir, plan.key, output.name), path.join(imgDir, output.name), { replace: false });
            files++;
          }),
        ),
      ),
    );
  }
  const cached = entries.length - missing.length;
  problems.sort();
  return { encoded, cached, files, encodingMs, problems };
}

async function isComplete(folder: string, plan: ImagePlan): Promise<boolean> {
  try {
    const names: string[] = JSON.parse(await readFile(path.join(folder, completeMarker), "utf8"));
    return plan.outputs.every((output) => names.includes(output.name));
  } catch {
    return false;
  }
}

type EleventyImage = typeof import("@11ty/eleventy-img").default;

async function loadEncoder(concurrency: number): Promise<EleventyImage> {
  const [{ default: Image }, { default: sharp }] = await Promise.all([import("@11ty/eleventy-img"), import("sharp")]);
  // eleventy-img queues each image's outputs; libvips' own cache would keep decoded images past their use.
  Image.concurrency = concurrency;
  sharp.cache(false);
  return Image;
}

async function encodeInto(folder: string, plan: ImagePlan, image: IssueImage, Image: EleventyImage): Promise<void> {
  const temporary = `${folder}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  await mkdir(temporary, { recursive: true });
  try {
    if (plan.source === "svg") {
      // Checked by svg-check.ts: copied byte for byte.
      await copyFile(image.path, path.join(temporary, plan.fallback.name));
    } else {
      await Image(image.path, {
        widths: [...new Set(plan.outputs.map((output) => output.width))],
        formats: plan.formats,
        outputDir: temporary,
        urlPath: "/img/",
        filenameFormat: (_id, _src, width, format) => `${plan.key}-${width}.${format}`,
        // Every format planned is written: no format is dropped for transparency or animation.
        formatFiltering: false,
        minimumThreshold: encodingOptions.minimumThreshold,
        // Animated GIFs keep their frames (in WebP and GIF); a pixel bomb is refused while decoding.
        sharpOptions: { animated: plan.source === "gif", limitInputPixels: imageLimits.pixels, failOn: "error" },
        sharpAvifOptions: { ...encodingOptions.avif },
        sharpWebpOptions: { ...encodingOptions.webp },
        sharpJpegOptions: { ...encodingOptions.jpeg },
        sharpPngOptions: { ...encodingOptions.png },
        useCache: false,
      });
    }
    const written = (await readdir(temporary)).sort();
    const missing = plan.outputs.filter((output) => !written.includes(output.name));
    if (missing.length) throw new Error(`the encoder wrote ${written.join(", ") || "nothing"}, not ${missing.map((output) => output.name).join(", ")}`);
    await writeFile(path.join(temporary, completeMarker), JSON.stringify(written));
    await rm(folder, { recursive: true, force: true });
    try {
      await rename(temporary, folder);
    } catch (error) {
      // Another build sharing the cache finished the same image first: keep its folder.
      if (!(await isComplete(folder, plan))) throw error;
      await rm(temporary, { recursive: true, force: true });
    }
  } catch (error) {
    await rm(temporary, { recursive: true, force: true });
    throw error;
  }
}
