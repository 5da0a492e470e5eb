import { mkdtemp, readFile, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { placeFile } from "../../src/place-file.ts";

async function folder(): Promise<string> {
  return mkdtemp(path.join(tmpdir(), "place-file-"));
}

describe("placeFile", () => {
  it("hard-links the cached file when cache and site share a disk", async () => {
    const dir = await folder();
    await writeFile(path.join(dir, "cached"), "bytes");
    await placeFile(path.join(dir, "cached"), path.join(dir, "site"), { replace: false });
    expect(await readFile(path.join(dir, "site"), "utf8")).toBe("bytes");
    expect((await stat(path.join(dir, "site"))).ino).toBe((await stat(path.join(dir, "cached"))).ino);
  });

  it("keeps a file already there unless told to replace it", async () => {
    const dir = await folder();
    await writeFile(path.join(dir, "cached"), "new");
    await writeFile(path.join(dir, "site"), "old");
    await placeFile(path.join(dir, "cached"), path.join(dir, "site"), { replace: false });
    expect(await readFile(path.join(dir, "site"), "utf8")).toBe("old");
    await placeFile(path.join(dir, "cached"), path.join(dir, "site"), { replace: true });
    expect(await readFile(path.join(dir, "site"), "utf8")).toBe("new");
  });

  it("fails when the cached file is missing", async () => {
    const dir = await folder();
    await expect(placeFile(path.join(dir, "absent"), path.join(dir, "site"), { replace: true })).rejects.toThrow(/ENOENT/);
  });
});
