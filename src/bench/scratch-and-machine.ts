// What both benchmarks (`npm run bench`, `npm run bench:edit`) share: a scratch folder on tmpfs,
// and the description of the machine their results are kept with.
import { constants } from "node:fs";
import { access, mkdtemp } from "node:fs/promises";
import os from "node:os";
import path from "node:path";

/**
 * A fresh folder named `<prefix>XXXXXX`, on tmpfs (/dev/shm) when there is one, else in the
 * system's temporary folder (not under the project: Eleventy skips folders .gitignore lists).
 */
export async function scratchFolder(prefix: string): Promise<{ folder: string; tmpfs: boolean }> {
  const shm = "/dev/shm";
  const writable = await access(shm, constants.W_OK).then(
    () => true,
    () => false,
  );
  if (writable) {
    try {
      return { folder: await mkdtemp(path.join(shm, prefix)), tmpfs: true };
    } catch {
      // Fall back to the system temporary folder.
    }
  }
  return { folder: await mkdtemp(path.join(os.tmpdir(), prefix)), tmpfs: false };
}

/** The machine a result was measured on, with the 1, 5 and 15 minute load averages taken meanwhile. */
export function machineFigures(outputOnTmpfs: boolean, loadAverages: readonly (readonly number[])[]) {
  return {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? "unknown",
    memoryMiB: Math.round(os.totalmem() / 1024 / 1024),
    platform: `${os.platform()} ${os.release()}`,
    node: process.version,
    outputOnTmpfs,
    loadAverages: loadAverages.map((averages) => averages.map((value) => Math.round(value * 100) / 100)),
  };
}
