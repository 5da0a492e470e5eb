import { copyFile, link, unlink } from "node:fs/promises";

/**
 * Puts a cached file at its place in the site: a hard link, which costs no copy when the cache and
 * the build's folder are on one disk, else a copy. With `replace`, a file already there (left by an
 * earlier `npm start` build) is replaced; without, it is kept, as its name says its bytes.
 */
export async function placeFile(cached: string, target: string, { replace }: { replace: boolean }): Promise<void> {
  if (replace) {
    await unlink(target).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== "ENOENT") throw error;
    });
  }
  try {
    await link(cached, target);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST" && !replace) return;
    await copyFile(cached, target);
  }
}
