import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import sharp from "sharp";
import { afterEach, describe, expect, test, vi } from "vitest";

/** image-file.ts as a new build's thread loads it: nothing inspected yet in memory. */
async function freshModule(cache: string) {
  vi.resetModules();
  vi.stubEnv("NEWSLETTER_IMAGE_CACHE", cache);
  return import("../../src/images/image-file.ts");
}

afterEach(() => {
  vi.unstubAllEnvs();
});

/** A scratch folder with its own image cache and a PNG of `width` x `height` written at `name`. */
async function scratchPng(name: string, width: number, height: number) {
  const dir = mkdtempSync(path.join(tmpdir(), "inspections-"));
  const file = path.join(dir, name);
  const bytes = await sharp({ create: { width, height, channels: 3, background: "#336699" } }).png().toBuffer();
  writeFileSync(file, bytes);
  return { dir, cache: path.join(dir, "cache"), file, bytes, hash: createHash("sha256").update(bytes).digest("hex") };
}

describe("inspections saved between builds", () => {
  test("a build takes an unchanged image's hash from the last build's save, and reads a rewritten one again", async () => {
    const { dir, cache, file, bytes, hash } = await scratchPng("chart.png", 40, 20);

    const first = await freshModule(cache);
    expect(first.inspectImageFile(file)).toEqual({ format: "png", width: 40, height: 20, contentHash: hash });
    first.saveInspections([file, path.join(dir, "never-inspected.png")]);
    const saved = JSON.parse(readFileSync(path.join(cache, first.inspectionsFile), "utf8"));
    expect(saved.images).toHaveLength(1);

    // A saved hash unlike the file's own shows the file was not read: the stamp matched.
    saved.images[0].file.contentHash = "0".repeat(64);
    writeFileSync(path.join(cache, first.inspectionsFile), JSON.stringify(saved));
    const second = await freshModule(cache);
    expect(second.inspectImageFile(file)).toMatchObject({ contentHash: "0".repeat(64) });

    // Other bytes of the same size under the old modification time: the change time moved (past the
    // file system's clock tick), so the file is read and hashed.
    const { mtime, atime } = statSync(file);
    await new Promise((resolve) => setTimeout(resolve, 30));
    const other = Buffer.from(bytes);
    const at = other.length - 20;
    other.writeUInt8(other.readUInt8(at) ^ 1, at);
    writeFileSync(file, other);
    utimesSync(file, atime, mtime);
    const third = await freshModule(cache);
    expect(third.inspectImageFile(file)).toMatchObject({ contentHash: createHash("sha256").update(other).digest("hex") });

    // Saved under other checks (an older version's limits): the file is checked and hashed again.
    third.saveInspections([file]);
    const older = JSON.parse(readFileSync(path.join(cache, first.inspectionsFile), "utf8"));
    older.checks = "0";
    older.images[0].file.contentHash = "0".repeat(64);
    writeFileSync(path.join(cache, first.inspectionsFile), JSON.stringify(older));
    const fourth = await freshModule(cache);
    expect(fourth.inspectImageFile(file)).toMatchObject({ contentHash: createHash("sha256").update(other).digest("hex") });
  });

  test("an SVG is not saved: it is read and checked again by every build", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "inspections-"));
    const cache = path.join(dir, "cache");
    const file = path.join(dir, "diagram.svg");
    writeFileSync(file, '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>');
    const module = await freshModule(cache);
    expect(module.inspectImageFile(file)).toMatchObject({ format: "svg", width: 10 });
    module.saveInspections([file]);
    expect(JSON.parse(readFileSync(path.join(cache, module.inspectionsFile), "utf8")).images).toEqual([]);
  });

  test("a saved file that is not the expected JSON is ignored: every image is read", async () => {
    const { cache, file, hash } = await scratchPng("chart.png", 8, 8);
    const module = await freshModule(cache);
    module.saveInspections([]);
    expect(existsSync(path.join(cache, module.inspectionsFile))).toBe(true);
    writeFileSync(path.join(cache, module.inspectionsFile), '[{"path": 1}, "x"');
    const again = await freshModule(cache);
    expect(again.inspectImageFile(file)).toMatchObject({ width: 8, contentHash: hash });
  });
});
