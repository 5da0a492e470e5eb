// The output path (`_site`) is a symlink to a build folder in `.site-builds/` beside it. A build
// renders into a new folder there and swaps the link with one rename(2) of a new link over the
// old one, which Linux does atomically: whatever stops the build, `_site` is the old site or the
// new one, whole. https://man7.org/linux/man-pages/man2/rename.2.html
import { randomBytes } from "node:crypto";
import { chmodSync, readdirSync, renameSync } from "node:fs";
import { access, chmod, lstat, mkdir, readdir, readlink, rename, rm, rmdir, symlink } from "node:fs/promises";
import { setTimeout as sleep } from "node:timers/promises";
import path from "node:path";
import { isRunning } from "./process-running.ts";

/** The folder beside the output that holds its builds; .gitignore lists it. */
export const buildsFolderName = ".site-builds";

/** A failed build, with what it left at the output path: `state` completes "Build failed; ...". */
export class OutputStateError extends Error {
  constructor(
    readonly state: string,
    options: { cause: unknown },
  ) {
    super(state, options);
    this.name = "OutputStateError";
  }
}

/**
 * Runs `write` into a fresh folder beside `output` and swaps it into place only if `write`
 * succeeds, so a failed build leaves the previous site exactly as it was and a successful one
 * leaves no page of a deleted issue behind. Every folder of the site gets mode 0755 and every file
 * 0644, whatever the umask. Builds of ended processes are removed, never the current site nor a
 * running build's. `shown` names the output in messages, as the user gave it.
 */
export async function writeAtomically(output: string, write: (folder: string) => Promise<void>, shown = output): Promise<void> {
  const target = path.resolve(output);
  const parent = path.dirname(target);
  const name = path.basename(target);
  const builds = path.join(parent, buildsFolderName);
  const before = await outputKind(target);
  const unchanged = before === "missing" ? `nothing was written to ${shown}` : `the previous site at ${shown} is unchanged`;
  if (before === "other") {
    throw new OutputStateError(`the file ${shown} is unchanged`, { cause: new Error(`${shown}: expected a folder or a link to one, got a file; move it away or pass another --output`) });
  }
  const build = buildName(name);
  const folder = path.join(builds, build);
  try {
    await mkdir(builds, { recursive: true });
    // A web server running as another user reaches the site through this folder.
    await chmod(builds, 0o755);
    await removeEndedBuilds(parent, name);
    await mkdir(folder);
    await write(folder);
    setModes(folder);
  } catch (error) {
    await removeSettled(folder);
    throw new OutputStateError(unchanged, { cause: error });
  }

  const link = path.join(builds, `${build}.link`);
  let previous: string | undefined;
  try {
    // Relative, so the project can be moved; resolved from the output's folder once renamed there.
    await symlink(path.join(buildsFolderName, build), link);
    await swapHook("linked");
    const kind = await outputKind(target);
    if (kind === "other") throw new Error(`${shown}: expected a folder or a link to one, got a file; move it away or pass another --output`);
    if (kind === "folder") await replaceFolder(target, link, path.join(builds, buildName(name)), folder, shown);
    else {
      // Read just before the rename: a build that swapped meanwhile has its folder removed by this one.
      previous = await currentBuild(target);
      await rename(link, target);
    }
  } catch (error) {
    await rm(link, { force: true });
    if (error instanceof OutputStateError) throw error;
    await removeSettled(folder);
    throw new OutputStateError(unchanged, { cause: error });
  }
  await swapHook("swapped");
  // The new site is in place: a folder that cannot be removed now is removed by the next build.
  try {
    if (previous && parseBuildName(previous)?.output === name) await rm(path.join(builds, previous), { recursive: true, force: true });
    await removeEndedBuilds(parent, name);
  } catch (error) {
    process.stderr.write(`build: the new site is in place, but an old build was not removed: ${(error as Error).message}\n`);
  }
}

type OutputKind = "missing" | "link" | "folder" | "other";

async function outputKind(target: string): Promise<OutputKind> {
  const stats = await lstat(target).catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") return undefined;
    throw error;
  });
  if (!stats) return "missing";
  return stats.isSymbolicLink() ? "link" : stats.isDirectory() ? "folder" : "other";
}

/** A build folder's name: the output's, the building process's id (for removeEndedBuilds) and a random part. */
function buildName(output: string): string {
  return `${output}-${process.pid}-${randomBytes(4).toString("hex")}`;
}

/** The output and the process named by a build folder's name (or its new link's), if `entry` is one. */
function parseBuildName(entry: string): { output: string; pid: number } | undefined {
  const match = /^(.+)-(\d+)-[0-9a-f]{8}(?:\.link)?$/.exec(entry);
  return match ? { output: match[1] ?? "", pid: Number(match[2]) } : undefined;
}

/** The name of the build folder the output links to, when it links into its builds folder. */
async function currentBuild(target: string): Promise<string | undefined> {
  const link = await readlink(target).catch(() => undefined);
  if (link === undefined || path.dirname(link) !== buildsFolderName) return undefined;
  return path.basename(link);
}

/**
 * Removes the builds of `name` whose process has ended (killed builds, replaced sites), except the
 * one the output links to; and the staging folders `.<name>-build-XXXXXX` that builds before the
 * link left, which no build makes any more.
 */
async function removeEndedBuilds(parent: string, name: string): Promise<void> {
  const builds = path.join(parent, buildsFolderName);
  const current = await currentBuild(path.join(parent, name));
  for (const entry of await readdir(builds)) {
    const owner = parseBuildName(entry);
    if (!owner || owner.output !== name || entry === current || owner.pid === process.pid || isRunning(owner.pid)) continue;
    await rm(path.join(builds, entry), { recursive: true, force: true });
  }
  const legacy = new RegExp(`^\\.${escapeRegExp(name)}-build-[A-Za-z0-9]{6}(?:-previous)?$`);
  for (const entry of await readdir(parent)) {
    if (legacy.test(entry)) await rm(path.join(parent, entry), { recursive: true, force: true });
  }
}

/**
 * Replaces a real output folder (from a build before the link, or the user's own) with the link.
 * rename(2) cannot put a link over a folder, and Node has no RENAME_EXCHANGE, so the folder is
 * moved aside and the link moved in by two renames back to back, synchronously: a kill between
 * the two leaves the output missing for that instant, with the old site in the builds folder. A
 * folder that is not a site built here is never replaced; an empty one is removed, then the link
 * renamed in, with the same brief window.
 */
async function replaceFolder(target: string, link: string, aside: string, built: string, shown: string): Promise<void> {
  const entries = await readdir(target);
  if (entries.length > 0 && !(await looksBuiltHere(target, entries, built))) {
    await removeSettled(built);
    throw new OutputStateError(`the folder ${shown} is unchanged and the new site was not kept`, {
      cause: new Error(`${shown}: expected a site built here (or an empty folder), got other files; move the folder away or pass another --output`),
    });
  }
  if (entries.length === 0) {
    await rmdir(target);
    await rename(link, target);
    return;
  }
  renameSync(target, aside);
  try {
    renameSync(link, target);
  } catch (error) {
    try {
      renameSync(aside, target);
    } catch {
      throw new OutputStateError(`${shown} is missing: the previous site is at ${aside} and the new one at ${built}`, { cause: error });
    }
    throw error;
  }
  await rm(aside, { recursive: true, force: true });
}

/** Files every site built here has at its top; its other top-level names are those of the new build. */
const builtSiteMarkers = ["index.html", "404.html", "sitemap.xml", "feed.xml", "feed.json", "rss.xml", "pagefind"];

async function looksBuiltHere(folder: string, entries: string[], built: string): Promise<boolean> {
  const known = new Set([...builtSiteMarkers, ...(await readdir(built)), "page"]);
  return builtSiteMarkers.every((marker) => entries.includes(marker)) && entries.every((entry) => known.has(entry)) && (await lstat(path.join(folder, "pagefind"))).isDirectory();
}

/**
 * Sets 0755 on every folder and 0644 on every file: Eleventy's copies keep their source's mode and
 * mkdir/open follow the umask. Synchronous, as an awaited chmod per file is far slower (docs/decisions.md).
 */
function setModes(folder: string): void {
  chmodSync(folder, 0o755);
  for (const entry of readdirSync(folder, { recursive: true, withFileTypes: true })) {
    if (entry.isSymbolicLink()) continue;
    chmodSync(path.join(entry.parentPath, entry.name), entry.isDirectory() ? 0o755 : 0o644);
  }
}


function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * Test hook: NEWSLETTER_SWAP_DELAY_MS widens the swap for tests/build/kill.test.ts, which kills
 * the build inside it; each step is announced on stderr as `swap: STEP`. Unset, it does nothing.
 */
async function swapHook(step: string): Promise<void> {
  const delay = Number(process.env.NEWSLETTER_SWAP_DELAY_MS);
  if (!(delay > 0)) return;
  process.stderr.write(`swap: ${step}\n`);
  await sleep(delay);
}

/**
 * Removes a failed build's folder. When one page fails, Eleventy's other writes are still in
 * flight: a removal can meet ENOTEMPTY, and a late write can bring the folder back. So remove,
 * wait, and look again until it stays gone; a cleanup problem never hides the build's own error.
 */
async function removeSettled(folder: string, attempts = 20): Promise<void> {
  for (let attempt = 0; attempt < attempts; attempt++) {
    await rm(folder, { recursive: true, force: true, maxRetries: 5, retryDelay: 50 }).catch(() => undefined);
    await sleep(100);
    const gone = await access(folder).then(
      () => false,
      () => true,
    );
    if (gone) return;
  }
}
