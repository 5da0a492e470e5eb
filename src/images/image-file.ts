import { createHash } from "node:crypto";
import { readFileSync, renameSync, statSync, writeFileSync, mkdirSync, type Stats } from "node:fs";
import path from "node:path";
import { imageSize } from "image-size";
import { svgProblem } from "./svg-check.ts";

/** The formats an issue may hold, told by their first bytes, never by the file's extension. */
export type SourceFormat = "png" | "jpeg" | "gif" | "webp" | "avif" | "svg";

/** Limits past which an image is refused: decoding it would hold too much memory. */
export const imageLimits = { bytes: 20 * 1024 * 1024, pixels: 40_000_000 } as const;

/** An image file beside an issue, read and checked: what planning its outputs needs. */
export interface ImageFile {
  format: SourceFormat;
  /** Intrinsic size, after EXIF rotation (as the encoded files will be). */
  width: number;
  height: number;
  /** Hex SHA-256 of the file's bytes. */
  contentHash: string;
}

/** Why a file cannot be used: the `got` of `expected an image ..., got <got>`. */
export interface ImageFileProblem {
  got: string;
}

const inspected = new Map<string, { stamp: string; result: ImageFile | ImageFileProblem }>();

/** Keeps an inspection in memory, forgetting all past 20,000 files so a long `npm start` stays bounded. */
function remember(absolutePath: string, entry: { stamp: string; result: ImageFile | ImageFileProblem }): void {
  if (inspected.size >= 20_000) inspected.clear();
  inspected.set(absolutePath, entry);
}

/** Where encoded images are kept between builds, unless NEWSLETTER_IMAGE_CACHE names another folder. */
export function imageCacheFolder(env: Record<string, string | undefined> = process.env): string {
  return path.resolve(env.NEWSLETTER_IMAGE_CACHE || ".cache/images");
}

/** The cache folder's file of images inspected by earlier builds, by path and stamp. */
export const inspectionsFile = "inspected.json";

/**
 * What identifies one version of a file without reading it. The change time and inode are part of
 * it: no tool sets them, so bytes replaced under an old modification time are read again.
 */
function stampOf(stat: Stats): string {
  return `${stat.size}:${stat.mtimeMs}:${stat.ctimeMs}:${stat.ino}`;
}

let earlier: Map<string, { stamp: string; result: ImageFile }> | undefined;

/** The inspections an earlier build saved (`saveInspections`): a warm build hashes no image it hashed before. */
function earlierInspections(): Map<string, { stamp: string; result: ImageFile }> {
  if (earlier) return earlier;
  earlier = new Map();
  try {
    const saved = JSON.parse(readFileSync(path.join(imageCacheFolder(), inspectionsFile), "utf8")) as Partial<SavedInspections> | null;
    // Saved under other checks or limits: each file is checked again.
    if (saved?.checks !== checksVersion) return earlier;
    for (const entry of Array.isArray(saved.images) ? saved.images : []) {
      if (isSavedInspection(entry)) earlier.set(entry.path, { stamp: entry.stamp, result: entry.file });
    }
  } catch {
    // None yet, or unreadable: every image is read and hashed, as on a first build.
  }
  return earlier;
}

/** Names the checks a saved inspection passed; raise it when `inspectBytes` or the limits change. */
const checksVersion = `1:${imageLimits.bytes}:${imageLimits.pixels}`;

interface SavedInspections {
  checks: string;
  images: SavedInspection[];
}

interface SavedInspection {
  path: string;
  stamp: string;
  file: ImageFile;
}

function isSavedInspection(entry: unknown): entry is SavedInspection {
  const { path: file, stamp, file: image } = (entry ?? {}) as Partial<SavedInspection>;
  return (
    typeof file === "string" &&
    typeof stamp === "string" &&
    typeof image === "object" &&
    image !== null &&
    typeof image.format === "string" &&
    image.format in formatNames &&
    image.format !== "svg" &&
    Number.isInteger(image.width) &&
    Number.isInteger(image.height) &&
    typeof image.contentHash === "string" &&
    /^[0-9a-f]{64}$/.test(image.contentHash)
  );
}

/**
 * Saves what this build knows of the images at `absolutePaths` into the cache folder, for the next
 * build's `inspectImageFile`. Written beside and renamed, so a killed build leaves the old file whole.
 */
export function saveInspections(absolutePaths: Iterable<string>): void {
  const entries: SavedInspection[] = [];
  for (const file of new Set(absolutePaths)) {
    const known = inspected.get(file);
    // An SVG is small and its checks the likeliest to grow: it is read and checked again each build.
    if (known && !isImageFileProblem(known.result) && known.result.format !== "svg") entries.push({ path: file, stamp: known.stamp, file: known.result });
  }
  entries.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const folder = imageCacheFolder();
  mkdirSync(folder, { recursive: true });
  const target = path.join(folder, inspectionsFile);
  const partial = `${target}.${process.pid}.partial`;
  writeFileSync(partial, JSON.stringify({ checks: checksVersion, images: entries } satisfies SavedInspections));
  renameSync(partial, target);
}

/**
 * Reads and checks the image at `absolutePath`, synchronously, so validation reports it with the
 * issue's other problems and the renderer can write its markup without waiting. Remembered per
 * file and stamp: a page and its validation read each file once, and a build reads none that an
 * earlier build saved (`saveInspections`) unchanged.
 */
export function inspectImageFile(absolutePath: string): ImageFile | ImageFileProblem {
  let stat;
  try {
    stat = statSync(absolutePath);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { got: code === "ENOENT" || code === "ENOTDIR" ? "no such file" : `a file that cannot be read (${code ?? "error"})` };
  }
  if (!stat.isFile()) return { got: "a folder" };
  const stamp = stampOf(stat);
  let known = inspected.get(absolutePath);
  if (known?.stamp !== stamp) known = earlierInspections().get(absolutePath);
  if (known?.stamp === stamp) {
    remember(absolutePath, known);
    return known.result;
  }
  const result = inspectBytes(stat.size, () => readFileSync(absolutePath));
  remember(absolutePath, { stamp, result });
  return result;
}

/**
 * Remembers a file another thread inspected (validation on a worker thread), so this thread's
 * renderer does not read and hash it again: one stat instead of reading the whole file.
 */
export function rememberImageFile(absolutePath: string, file: ImageFile): void {
  try {
    const stat = statSync(absolutePath);
    const { format, width, height, contentHash } = file;
    remember(absolutePath, { stamp: stampOf(stat), result: { format, width, height, contentHash } });
  } catch {
    // Gone since validation: the renderer reports it.
  }
}

/** The checks of `inspectImageFile` on a file of `size` bytes, read by `read` only if it is not too large. */
export function inspectBytes(size: number, read: () => Buffer): ImageFile | ImageFileProblem {
  if (size > imageLimits.bytes) return { got: `a file of ${megabytes(size)} MB, over the limit of ${megabytes(imageLimits.bytes)} MB; make it smaller` };
  let bytes: Buffer;
  try {
    bytes = read();
  } catch (error) {
    return { got: `a file that cannot be read (${(error as NodeJS.ErrnoException).code ?? "error"})` };
  }
  const format = sniffFormat(bytes);
  if (!format) return { got: bytes.length === 0 ? "an empty file" : "a file that is not a PNG, JPEG, GIF, WebP, AVIF or SVG image" };
  if (format === "svg") {
    const problem = svgProblem(bytes.toString("utf8"));
    if (problem) return { got: problem };
  } else if (isTruncated(format, bytes)) {
    return { got: `a ${formatNames[format]} file that ends before its image does (truncated or corrupt)` };
  }
  let size2: { width?: number; height?: number; orientation?: number };
  try {
    size2 = imageSize(bytes);
  } catch {
    return { got: format === "svg" ? "an SVG with no width and height or viewBox" : `a corrupt ${formatNames[format]} file (its size cannot be read)` };
  }
  let { width, height } = size2;
  if (!width || !height) {
    return { got: format === "svg" ? "an SVG with no width and height or viewBox" : `a corrupt ${formatNames[format]} file (no size)` };
  }
  // EXIF orientations 5 to 8 turn the picture a quarter: the encoded files are upright.
  if ((size2.orientation ?? 1) >= 5) [width, height] = [height, width];
  if (format !== "svg" && width * height > imageLimits.pixels) {
    return { got: `an image of ${width}x${height} (${(width * height / 1e6).toFixed(1)} megapixels), over the limit of ${imageLimits.pixels / 1e6} megapixels; make it smaller` };
  }
  return { format, width: Math.round(width), height: Math.round(height), contentHash: createHash("sha256").update(bytes).digest("hex") };
}

export function isImageFileProblem(result: ImageFile | ImageFileProblem): result is ImageFileProblem {
  return "got" in result;
}

export const formatNames: Record<SourceFormat, string> = { png: "PNG", jpeg: "JPEG", gif: "GIF", webp: "WebP", avif: "AVIF", svg: "SVG" };

/** The format the first bytes announce, or undefined. */
export function sniffFormat(bytes: Buffer): SourceFormat | undefined {
  if (bytes.length >= 8 && bytes.readUInt32BE(0) === 0x89504e47 && bytes.readUInt32BE(4) === 0x0d0a1a0a) return "png";
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return "jpeg";
  if (bytes.length >= 6 && /^GIF8[79]a$/.test(bytes.toString("latin1", 0, 6))) return "gif";
  if (bytes.length >= 12 && bytes.toString("latin1", 0, 4) === "RIFF" && bytes.toString("latin1", 8, 12) === "WEBP") return "webp";
  if (bytes.length >= 12 && bytes.toString("latin1", 4, 8) === "ftyp" && /^avi[fs]$/.test(bytes.toString("latin1", 8, 12))) return "avif";
  // SVG is text: an optional BOM, XML declaration, comments or doctype, then an <svg> element.
  const head = bytes.toString("utf8", 0, Math.min(bytes.length, 4096)).replace(/^\uFEFF/, "");
  if (/^\s*(?:<\?xml[^>]*>\s*)?(?:<!--[\s\S]*?-->\s*|<!DOCTYPE[^>]*>\s*)*<svg[\s>]/i.test(head)) return "svg";
  return undefined;
}

/** A file cut short: PNG's last chunk is IEND, a JPEG ends with EOI, a GIF with its trailer. */
function isTruncated(format: SourceFormat, bytes: Buffer): boolean {
  const tail = bytes.subarray(Math.max(0, bytes.length - 64));
  if (format === "png") return !tail.includes("IEND", 0, "latin1");
  if (format === "jpeg") return !tail.includes(Buffer.from([0xff, 0xd9]));
  if (format === "gif") return !tail.includes(0x3b);
  return false;
}

function megabytes(bytes: number): string {
  return (bytes / 1024 / 1024).toFixed(1).replace(/\.0$/, "");
}
