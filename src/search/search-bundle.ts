// The files of a Pagefind bundle, for reusing an earlier build's: Pagefind names its fragments,
// index chunks, filters and metadata after their content, and does not compress and write such a
// file again when it is already there. An earlier bundle's files, linked into a new bundle before
// Pagefind runs, so save it that work; those the new index does not use are removed afterwards.
import { link, mkdir, readdir, readFile, rm } from "node:fs/promises";
import path from "node:path";
import { gunzipSync } from "node:zlib";

/** The folders of a bundle that hold only files named after their content. */
const contentFolders = ["fragment", "index", "filter"];

/** `pagefind.en_5de4cd9f64.pf_meta`: a language's metadata, also named after its content. */
const metaFile = /^pagefind\.(.+)\.pf_meta$/;

/** A content-named file's name without its extension: `en_0231cc1` for `fragment/en_0231cc1.pf_fragment`. */
function contentName(relativePath: string): string {
  const base = path.basename(relativePath);
  return metaFile.exec(base)?.[1] ?? base.replace(/\.pf_[a-z]+$/, "");
}

/** The content-named files of a bundle, as paths relative to it; none when there is no bundle. */
export async function contentNamedFiles(bundle: string): Promise<string[]> {
  const files: string[] = [];
  for (const folder of contentFolders) {
    const names = await readdir(path.join(bundle, folder)).catch(() => []);
    files.push(...names.filter((name) => name.endsWith(".pf_" + folder)).map((name) => `${folder}/${name}`));
  }
  const top = await readdir(bundle).catch(() => []);
  files.push(...top.filter((name) => metaFile.test(name)));
  return files.sort();
}

/** What a bundle's `pagefind-entry.json` records: the Pagefind version, and per language its metadata's name and pages. */
export interface BundleEntry {
  version?: string;
  languages: Record<string, { hash: string; page_count: number }>;
}

/** A bundle's `pagefind-entry.json`; undefined when there is none to read. */
export async function readBundleEntry(bundle: string): Promise<BundleEntry | undefined> {
  try {
    return JSON.parse(await readFile(path.join(bundle, "pagefind-entry.json"), "utf8")) as BundleEntry;
  } catch {
    return undefined;
  }
}

/** The pages a bundle holds, over every language. */
export function bundlePages(entry: BundleEntry): number {
  return Object.values(entry.languages).reduce((sum, language) => sum + language.page_count, 0);
}

/**
 * Links every content-named file of `previous` into `bundle` (created if need be), and returns
 * the paths linked. Links, not copies: the files are never written again under these names, so
 * the earlier site keeps them as they were, and linking 4,000 takes milliseconds.
 */
export async function linkContentNamedFiles(previous: string, bundle: string): Promise<string[]> {
  const files = await contentNamedFiles(previous);
  for (const folder of contentFolders) await mkdir(path.join(bundle, folder), { recursive: true });
  for (const file of files) await link(path.join(previous, file), path.join(bundle, file));
  return files;
}

/**
 * The names (`en_0231cc1`) of the content-named files a written bundle uses: each language's
 * metadata file, named in its `pagefind-entry.json`, and every fragment, index chunk and filter
 * that metadata lists. The metadata is gzipped CBOR after a signature; the names are stored
 * in it as text, `<language>_<hex digits>`, so they are found by their shape, not by decoding it.
 */
export async function namesInUse(bundle: string, entry: BundleEntry): Promise<Set<string>> {
  const names = new Set<string>();
  for (const [language, { hash }] of Object.entries(entry.languages)) {
    names.add(hash);
    const metadata = gunzipSync(await readFile(path.join(bundle, `pagefind.${hash}.pf_meta`))).toString("latin1");
    const name = new RegExp(`${language.replace(/[^a-z0-9]/gi, "\\$&")}_[0-9a-f]+`, "g");
    for (const match of metadata.matchAll(name)) names.add(match[0]);
  }
  return names;
}

/**
 * After Pagefind has written `bundle` over the `linked` files of an earlier bundle, removes those
 * the new index does not use, so nothing of a changed or deleted issue stays behind. Returns
 * false, removing nothing, unless the bundle's metadata, as read here, names every file Pagefind
 * has just written and, when the index has pages, some fragment: a Pagefind whose metadata reads
 * otherwise. The caller then indexes afresh.
 */
export async function removeUnusedLinkedFiles(bundle: string, linked: readonly string[]): Promise<boolean> {
  const entry = await readBundleEntry(bundle);
  const inUse = entry && (await namesInUse(bundle, entry).catch(() => undefined));
  if (!entry || !inUse) return false;
  const used = (file: string) => inUse.has(contentName(file));
  const wasLinked = new Set(linked);
  const present = await contentNamedFiles(bundle);
  if (!present.filter((file) => !wasLinked.has(file)).every(used)) return false;
  if (bundlePages(entry) > 0 && !present.some((file) => file.startsWith("fragment/") && used(file))) return false;
  for (const file of linked) {
    if (!used(file)) await rm(path.join(bundle, file), { force: true });
  }
  return true;
}
