import { access, mkdtemp, rename, rm } from "node:fs/promises";
import { setTimeout as sleep } from "node:timers/promises";
import path from "node:path";

/**
 * Runs `write` into a fresh folder beside `output` and swaps it into place only if `write`
 * succeeds, so a failed build leaves the previous site exactly as it was and a successful one
 * leaves no page of a deleted issue behind.
 */
export async function writeAtomically(output: string, write: (folder: string) => Promise<void>): Promise<void> {
  const target = path.resolve(output);
  const parent = path.dirname(target);
  const staging = await mkdtemp(path.join(parent, `.${path.basename(target)}-build-`));
  try {
    await write(staging);
  } catch (error) {
    await removeSettled(staging);
    throw error;
  }
  const previous = `${staging}-previous`;
  const hadPrevious = await rename(target, previous).then(
    () => true,
    (error: NodeJS.ErrnoException) => {
      if (error.code === "ENOENT") return false;
      throw error;
    },
  );
  try {
    await rename(staging, target);
  } catch (error) {
    if (hadPrevious) await rename(previous, target);
    await rm(staging, { recursive: true, force: true });
    throw error;
  }
  if (hadPrevious) await rm(previous, { recursive: true, force: true });
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
