import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { readdir, rm } from "node:fs/promises";
import path from "node:path";
import { createRequire } from "node:module";
import * as pagefind from "pagefind";
import { issueHref } from "../model/issue-url.ts";
import { bundlePages, contentNamedFiles, linkContentNamedFiles, readBundleEntry, removeUnusedLinkedFiles } from "./search-bundle.ts";

/** Options of `buildSearchIndex`. */
export interface SearchIndexOptions {
  /** Folder, inside the site, Pagefind's bundle (index, scripts, UI) is written to.
   *  @default "pagefind" */
  bundleFolder?: string;
  /** The bundle of the site this build replaces (`_site/pagefind`), whose files the new bundle
   *  reuses where they are unchanged. A bundle already in the bundle folder is reused as well. */
  previousBundle?: string;
  /** Stops Pagefind when aborted (the build failed while it indexed); the promise then rejects. */
  signal?: AbortSignal;
  /** Runs Pagefind at the lowest CPU priority, where the system has `nice`: while Eleventy still
   *  writes the site (src/cli/build.ts), Pagefind then takes only what Eleventy leaves. */
  lowPriority?: boolean;
}

/** What an index build did. */
export interface SearchIndexReport {
  /** Pages indexed: one per issue. */
  pages: number;
  /** The bundle folder, absolute. */
  bundle: string;
  milliseconds: number;
}

/** Pagefind could not build or write the index; the message says which step and why. */
export class SearchIndexError extends Error {
  constructor(step: string, problems: readonly string[], options?: ErrorOptions) {
    super(`search index: ${step} failed: ${problems.join("; ") || "no reason given"}`, options);
    this.name = "SearchIndexError";
  }
}

// Only issue pages are indexed. Their `data-pagefind-body` marks the content; the glob also keeps
// an archive without issues from being indexed whole, as Pagefind indexes every <body> when no
// page has a `data-pagefind-body`.
const issuePagesGlob = `${issueHref("*").replace(/^\//, "")}index.html`;

// KaTeX writes each formula three times: MathML, its TeX source and HTML for display. Only the
// MathML is indexed, so an excerpt shows a formula once, as readable text.
const mathsDuplicates = [".katex-html", ".katex annotation"];

/**
 * Indexes the issue pages of a built site folder with Pagefind and writes the bundle into it
 * (`<site>/pagefind/`). Runs once Eleventy has written every issue page; throws `SearchIndexError`
 * when Pagefind reports any problem, so a failed index fails the build.
 *
 * Pagefind's own command line does the indexing: it writes the very same bundle, byte for byte,
 * faster than its Node API's service (docs/decisions.md). The command line refuses to write
 * an index of no pages, which a site without issues still needs for its search page, so that one
 * case goes through the Node API. https://pagefind.app/docs/config-options/
 */
export async function buildSearchIndex(site: string, options: SearchIndexOptions = {}): Promise<SearchIndexReport> {
  const started = performance.now();
  const bundle = path.resolve(site, options.bundleFolder ?? "pagefind");
  if (!(await anyIssuePage(path.resolve(site)))) {
    await rm(bundle, { recursive: true, force: true });
    return { pages: await writeEmptyIndex(bundle), bundle, milliseconds: performance.now() - started };
  }
  const binary = pagefindBinary();
  const reused = await reuseEarlierBundle(bundle, options.previousBundle, binary);
  const run = { signal: options.signal, lowPriority: options.lowPriority ?? false };
  await indexWithCommandLine(binary, path.resolve(site), bundle, run);
  if (reused.length > 0 && !(await removeUnusedLinkedFiles(bundle, reused))) {
    // The earlier files could not all be told used or unused: index into an empty folder instead.
    await rm(bundle, { recursive: true, force: true });
    await indexWithCommandLine(binary, path.resolve(site), bundle, run);
  }
  return { pages: await pagesInBundle(bundle), bundle, milliseconds: performance.now() - started };
}

/**
 * The content-named files of an earlier bundle now in `bundle`: linked from `previous`, or already
 * there (`npm start` indexes its output folder in place). Pagefind skips writing them, which saves
 * much of its time (docs/decisions.md). Only a bundle the same Pagefind
 * version wrote is reused: another version may give a file the same name and other contents. Should
 * linking fail (another file system), the bundle starts empty.
 */
async function reuseEarlierBundle(bundle: string, previous: string | undefined, binary: string): Promise<string[]> {
  const earlier = previous !== undefined && path.resolve(previous) !== bundle && existsSync(previous) ? path.resolve(previous) : bundle;
  const entry = await readBundleEntry(earlier);
  // The binary is asked its version only when there is a bundle to compare it with.
  if (!entry || entry.version !== (await pagefindVersion(binary))) {
    if (earlier === bundle) await rm(bundle, { recursive: true, force: true });
    return [];
  }
  if (earlier === bundle) return contentNamedFiles(bundle);
  try {
    return await linkContentNamedFiles(earlier, bundle);
  } catch {
    await rm(bundle, { recursive: true, force: true });
    return [];
  }
}

/** The version Pagefind's binary reports (`pagefind 1.6.0` gives `1.6.0`). */
async function pagefindVersion(binary: string): Promise<string> {
  const said = await new Promise<string>((resolve, reject) => {
    execFile(binary, ["--version"], (error, stdout) => (error ? reject(new SearchIndexError("running Pagefind", [error.message], { cause: error })) : resolve(stdout)));
  });
  const version = /\d+\.\d+\.\d+\S*/.exec(said)?.[0];
  if (!version) throw new SearchIndexError("running Pagefind", [`expected a version from ${binary} --version, got ${JSON.stringify(said.trim())}`]);
  return version;
}

/** Whether the site has at least one page the glob matches: `issues/<slug>/index.html`. */
async function anyIssuePage(site: string): Promise<boolean> {
  const issuesFolder = path.join(site, path.dirname(path.dirname(issuePagesGlob)));
  const entries = await readdir(issuesFolder, { withFileTypes: true }).catch(() => []);
  return entries.some((entry) => entry.isDirectory() && existsSync(path.join(issuesFolder, entry.name, "index.html")));
}

/**
 * Pagefind's binary for this machine, found as its npm wrapper finds it (pagefind/lib/resolveBinary.js,
 * which the package does not export): a path in PAGEFIND_EXTENDED_BINARY_PATH or
 * PAGEFIND_BINARY_PATH, else the binary in the `@pagefind/<platform>-<cpu>` package. Running it
 * directly rather than through the wrapper saves a Node process beside Pagefind's own.
 */
function pagefindBinary(): string {
  const names = ["pagefind_extended", "pagefind"];
  for (const name of names) {
    const configured = process.env[`${name.toUpperCase()}_BINARY_PATH`];
    if (configured) return configured;
  }
  const platform = process.platform === "win32" ? "windows" : process.platform;
  const require = createRequire(import.meta.url);
  for (const name of names) {
    try {
      return require.resolve(`@pagefind/${platform}-${process.arch}/bin/${name}${platform === "windows" ? ".exe" : ""}`);
    } catch {
      // Not this one: try the next name.
    }
  }
  throw new SearchIndexError("finding Pagefind", [`expected its binary in @pagefind/${platform}-${process.arch}; run npm ci`]);
}

async function indexWithCommandLine(binary: string, site: string, bundle: string, run: { signal?: AbortSignal | undefined; lowPriority: boolean }): Promise<void> {
  const args = ["--site", site, "--glob", issuePagesGlob, "--output-path", bundle, "--quiet"];
  for (const selector of mathsDuplicates) args.push("--exclude-selectors", selector);
  // Through `nice`, Pagefind's threads all start at its priority.
  const nice = run.lowPriority ? niceCommand() : undefined;
  const [command, commandArgs] = nice ? [nice, ["-n", "19", binary, ...args]] : [binary, args];
  await new Promise<void>((resolve, reject) => {
    // Run from the site, so a Pagefind configuration file in the working folder cannot change the index.
    execFile(command, commandArgs, { cwd: site, maxBuffer: 16 * 1024 * 1024, signal: run.signal }, (error, stdout, stderr) => {
      if (!error) return resolve();
      if (run.signal?.aborted) return reject(new SearchIndexError(`indexing ${site}`, ["stopped, as the build failed"], { cause: error }));
      const said = `${stderr}\n${stdout}`.split("\n").map((line) => line.trim()).filter(Boolean);
      reject(new SearchIndexError(`indexing ${site}`, [...new Set(said.length ? said : [error.message])], { cause: error }));
    });
  });
}

/** The `nice` command, where the system has one. */
function niceCommand(): string | undefined {
  return process.platform === "win32" ? undefined : ["/usr/bin/nice", "/bin/nice"].find((candidate) => existsSync(candidate));
}

/** The pages the written bundle holds, over every language, as its entry file records them. */
async function pagesInBundle(bundle: string): Promise<number> {
  const entry = await readBundleEntry(bundle);
  if (!entry) throw new SearchIndexError(`reading ${bundle}`, [`expected Pagefind to have written ${path.join(bundle, "pagefind-entry.json")}`]);
  return bundlePages(entry);
}

/** Writes an index of no pages through Pagefind's Node API, which, unlike its command line, writes one. */
async function writeEmptyIndex(bundle: string): Promise<number> {
  try {
    const created = await pagefind.createIndex({});
    const index = created.index;
    if (!index || created.errors.length) throw new SearchIndexError("starting Pagefind", created.errors);
    const written = await index.writeFiles({ outputPath: bundle });
    if (written.errors.length) throw new SearchIndexError(`writing ${bundle}`, written.errors);
    return 0;
  } catch (error) {
    if (error instanceof SearchIndexError) throw error;
    throw new SearchIndexError("running Pagefind", [error instanceof Error ? error.message : String(error)], { cause: error });
  } finally {
    // Pagefind's service runs in a child process; stop it so the build can exit.
    await pagefind.close();
  }
}
