import { mkdtemp, rename, rm } from "node:fs/promises";
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
    await rm(staging, { recursive: true, force: true });
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
