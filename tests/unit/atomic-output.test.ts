import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { writeAtomically } from "../../src/cli/atomic-output.ts";

let parent: string;
let output: string;

beforeEach(async () => {
  parent = await mkdtemp(path.join(tmpdir(), "atomic-output-test-"));
  output = path.join(parent, "_site");
});

afterEach(async () => {
  await rm(parent, { recursive: true, force: true });
});

/** Every file under `folder`, relative path → bytes. */
async function snapshot(folder: string): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  for (const entry of await readdir(folder, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const full = path.join(entry.parentPath, entry.name);
    files[path.relative(folder, full)] = (await readFile(full)).toString("base64");
  }
  return files;
}

async function previousSite(): Promise<void> {
  await mkdir(path.join(output, "issues", "deleted-issue"), { recursive: true });
  await writeFile(path.join(output, "index.html"), "<h1>old home</h1>");
  await writeFile(path.join(output, "issues", "deleted-issue", "index.html"), "stale page");
  await writeFile(path.join(output, "binary.bin"), new Uint8Array([0, 255, 1, 254]));
}

describe("writeAtomically", () => {
  test("a first build creates the output folder", async () => {
    await writeAtomically(output, async (folder) => {
      await writeFile(path.join(folder, "index.html"), "<h1>home</h1>");
    });
    expect(await snapshot(output)).toEqual({ "index.html": Buffer.from("<h1>home</h1>").toString("base64") });
    expect(await readdir(parent)).toEqual(["_site"]);
  });

  test("a successful build replaces the old site entirely: a deleted issue's page disappears", async () => {
    await previousSite();
    await writeAtomically(output, async (folder) => {
      await mkdir(path.join(folder, "issues", "new-issue"), { recursive: true });
      await writeFile(path.join(folder, "index.html"), "<h1>new home</h1>");
      await writeFile(path.join(folder, "issues", "new-issue", "index.html"), "fresh page");
    });
    expect(await readFile(path.join(output, "index.html"), "utf8")).toBe("<h1>new home</h1>");
    expect(existsSync(path.join(output, "issues", "deleted-issue"))).toBe(false);
    expect(existsSync(path.join(output, "binary.bin"))).toBe(false);
    expect(Object.keys(await snapshot(output)).sort()).toEqual(["index.html", path.join("issues", "new-issue", "index.html")]);
  });

  test("a successful build leaves no staging or previous folder behind", async () => {
    await previousSite();
    await writeAtomically(output, async (folder) => {
      await writeFile(path.join(folder, "index.html"), "x");
    });
    expect(await readdir(parent)).toEqual(["_site"]);
  });

  test("the build writes into a fresh, empty folder beside the output", async () => {
    await previousSite();
    let seen: { folder: string; entries: string[] } | undefined;
    await writeAtomically(output, async (folder) => {
      seen = { folder, entries: await readdir(folder) };
      await writeFile(path.join(folder, "index.html"), "x");
    });
    expect(seen?.entries).toEqual([]);
    expect(path.dirname(seen?.folder ?? "")).toBe(parent);
    expect(seen?.folder).not.toBe(output);
  });

  test("a failed build leaves the old site byte for byte and removes the staging folder", async () => {
    await previousSite();
    const before = await snapshot(output);
    const failure = new Error("render failed");
    let staging = "";
    await expect(
      writeAtomically(output, async (folder) => {
        staging = folder;
        await writeFile(path.join(folder, "index.html"), "half-written");
        throw failure;
      }),
    ).rejects.toBe(failure);
    expect(await snapshot(output)).toEqual(before);
    expect(staging).not.toBe("");
    expect(existsSync(staging)).toBe(false);
    expect(await readdir(parent)).toEqual(["_site"]);
  });

  test("a failed first build leaves no output and no staging folder", async () => {
    await expect(
      writeAtomically(output, async (folder) => {
        await writeFile(path.join(folder, "index.html"), "half-written");
        throw new Error("render failed");
      }),
    ).rejects.toThrow("render failed");
    expect(existsSync(output)).toBe(false);
    expect(await readdir(parent)).toEqual([]);
  });

  test("a relative output path is resolved against the working directory", async () => {
    const relative = path.relative(process.cwd(), output);
    await writeAtomically(relative, async (folder) => {
      expect(path.isAbsolute(folder)).toBe(true);
      await writeFile(path.join(folder, "index.html"), "x");
    });
    expect(await readFile(path.join(output, "index.html"), "utf8")).toBe("x");
  });
});
