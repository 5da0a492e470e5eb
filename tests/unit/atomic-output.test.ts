import { spawnSync } from "node:child_process";
import { existsSync, lstatSync, readlinkSync } from "node:fs";
import { chmod, mkdir, mkdtemp, readdir, readFile, rm, stat, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { OutputStateError, writeAtomically } from "../../src/cli/atomic-output.ts";

let parent: string;
let output: string;
let builds: string;

beforeEach(async () => {
  parent = await mkdtemp(path.join(tmpdir(), "atomic-output-test-"));
  output = path.join(parent, "_site");
  builds = path.join(parent, ".site-builds");
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

const writeHome = (text: string) => async (folder: string) => {
  await writeFile(path.join(folder, "index.html"), text);
};

async function previousSite(): Promise<void> {
  await writeAtomically(output, async (folder) => {
    await mkdir(path.join(folder, "issues", "deleted-issue"), { recursive: true });
    await writeFile(path.join(folder, "index.html"), "<h1>old home</h1>");
    await writeFile(path.join(folder, "issues", "deleted-issue", "index.html"), "stale page");
    await writeFile(path.join(folder, "binary.bin"), new Uint8Array([0, 255, 1, 254]));
  });
}

/** The pid of a process that has ended. */
function endedPid(): number {
  const child = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], { encoding: "utf8" });
  return Number(child.stdout);
}

/** The top-level files of a site this tool builds, as a build before the link left it in place. */
async function siteBuiltBeforeTheLink(folder: string): Promise<void> {
  for (const file of ["index.html", "404.html", "sitemap.xml", "feed.xml", "feed.json", "rss.xml"]) {
    await mkdir(folder, { recursive: true });
    await writeFile(path.join(folder, file), `old ${file}`);
  }
  await mkdir(path.join(folder, "pagefind"));
  await mkdir(path.join(folder, "issues", "old"), { recursive: true });
  await writeFile(path.join(folder, "issues", "old", "index.html"), "old issue");
}

/** A new site with the same top-level names as siteBuiltBeforeTheLink. */
async function newSite(folder: string): Promise<void> {
  for (const file of ["index.html", "404.html", "sitemap.xml", "feed.xml", "feed.json", "rss.xml"]) await writeFile(path.join(folder, file), `new ${file}`);
  await mkdir(path.join(folder, "pagefind"));
  await mkdir(path.join(folder, "issues"));
}

describe("writeAtomically", () => {
  test("a first build makes the output a relative link to its build folder beside it", async () => {
    await writeAtomically(output, writeHome("<h1>home</h1>"));
    expect(await snapshot(output)).toEqual({ "index.html": Buffer.from("<h1>home</h1>").toString("base64") });
    expect((await readdir(parent)).sort()).toEqual([".site-builds", "_site"]);
    expect(lstatSync(output).isSymbolicLink()).toBe(true);
    const [build] = await readdir(builds);
    expect(readlinkSync(output)).toBe(path.join(".site-builds", build ?? "none"));
    expect(build).toMatch(new RegExp(`^_site-${process.pid}-[0-9a-f]{8}$`));
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

  test("a successful build leaves only the current build folder behind", async () => {
    await previousSite();
    await writeAtomically(output, writeHome("x"));
    expect((await readdir(parent)).sort()).toEqual([".site-builds", "_site"]);
    expect(await readdir(builds)).toEqual([path.basename(readlinkSync(output))]);
  });

  test("the build writes into a fresh, empty folder beside the output, not the current site", async () => {
    await previousSite();
    const current = readlinkSync(output);
    let seen: { folder: string; entries: string[] } | undefined;
    await writeAtomically(output, async (folder) => {
      seen = { folder, entries: await readdir(folder) };
      await writeFile(path.join(folder, "index.html"), "x");
    });
    expect(seen?.entries).toEqual([]);
    expect(path.dirname(seen?.folder ?? "")).toBe(builds);
    expect(path.join(".site-builds", path.basename(seen?.folder ?? ""))).not.toBe(current);
  });

  test("a failed build leaves the old site byte for byte, says so, and removes its folder", async () => {
    await previousSite();
    const before = await snapshot(output);
    const link = readlinkSync(output);
    const failure = new Error("render failed");
    let staging = "";
    const error = await writeAtomically(
      output,
      async (folder) => {
        staging = folder;
        await writeFile(path.join(folder, "index.html"), "half-written");
        throw failure;
      },
      "site",
    ).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OutputStateError);
    expect((error as OutputStateError).state).toBe("the previous site at site is unchanged");
    expect((error as OutputStateError).cause).toBe(failure);
    expect(await snapshot(output)).toEqual(before);
    expect(readlinkSync(output)).toBe(link);
    expect(staging).not.toBe("");
    expect(existsSync(staging)).toBe(false);
    expect(await readdir(builds)).toEqual([path.basename(link)]);
  });

  test("a failed first build leaves no output and says nothing was written", async () => {
    const error = await writeAtomically(output, async (folder) => {
      await writeFile(path.join(folder, "index.html"), "half-written");
      throw new Error("render failed");
    }).catch((caught: unknown) => caught);
    expect((error as OutputStateError).state).toBe(`nothing was written to ${output}`);
    expect(existsSync(output)).toBe(false);
    expect(await readdir(builds)).toEqual([]);
  });

  test("a relative output path is resolved against the working directory", async () => {
    const relative = path.relative(process.cwd(), output);
    await writeAtomically(relative, async (folder) => {
      expect(path.isAbsolute(folder)).toBe(true);
      await writeFile(path.join(folder, "index.html"), "x");
    });
    expect(await readFile(path.join(output, "index.html"), "utf8")).toBe("x");
  });

  test("every folder of the site is 0755 and every file 0644, whatever modes they were written with", async () => {
    await writeAtomically(output, async (folder) => {
      await mkdir(path.join(folder, "private", "deeper"), { recursive: true, mode: 0o700 });
      await writeFile(path.join(folder, "private", "deeper", "page.html"), "x", { mode: 0o600 });
      await writeFile(path.join(folder, "script.js"), "x", { mode: 0o755 });
      await chmod(folder, 0o700);
    });
    const modes: Record<string, string> = {};
    for (const entry of ["", "private", "private/deeper", "private/deeper/page.html", "script.js"]) {
      modes[entry] = ((await stat(path.join(output, entry))).mode & 0o777).toString(8);
    }
    expect(modes).toEqual({ "": "755", private: "755", "private/deeper": "755", "private/deeper/page.html": "644", "script.js": "644" });
    expect(((await stat(builds)).mode & 0o777).toString(8)).toBe("755");
  });

  test("the next build removes the folders of ended builds, and keeps running builds', other outputs' and the current one", async () => {
    await previousSite();
    const current = path.basename(readlinkSync(output));
    const ended = endedPid();
    const keep = [`_site-${process.ppid}-0123abcd`, `public-${ended}-0123abcd`, "notes"];
    const removed = [`_site-${ended}-0123abcd`, `_site-${ended}-4567cdef.link`];
    for (const name of [...keep, ...removed]) await mkdir(path.join(builds, name));
    await mkdir(path.join(parent, "._site-build-AbC123"));
    await mkdir(path.join(parent, "._site-build-AbC123-previous"));
    await mkdir(path.join(parent, ".public-build-AbC123"));

    let during: string[] = [];
    await writeAtomically(output, async (folder) => {
      during = await readdir(builds);
      await writeFile(path.join(folder, "index.html"), "x");
    });
    // Removed before the build writes, so a killed build's space is freed first.
    for (const name of [...keep, current]) expect(during).toContain(name);
    for (const name of removed) expect(during).not.toContain(name);
    expect((await readdir(builds)).sort()).toEqual([...keep, path.basename(readlinkSync(output))].sort());
    expect((await readdir(parent)).sort()).toEqual([".public-build-AbC123", ".site-builds", "_site"]);
  });

  test("a site built before the link, as a real folder, is replaced by the link", async () => {
    await siteBuiltBeforeTheLink(output);
    await writeAtomically(output, newSite);
    expect(lstatSync(output).isSymbolicLink()).toBe(true);
    expect(await readFile(path.join(output, "index.html"), "utf8")).toBe("new index.html");
    expect(existsSync(path.join(output, "issues", "old"))).toBe(false);
    expect(await readdir(builds)).toEqual([path.basename(readlinkSync(output))]);
  });

  test("an empty real folder is replaced by the link", async () => {
    await mkdir(output);
    await writeAtomically(output, writeHome("x"));
    expect(lstatSync(output).isSymbolicLink()).toBe(true);
  });

  test.each([
    ["a folder of the user's own", async () => writeFile(path.join(output, "notes.txt"), "mine")],
    ["a built site with a file of the user's added", async () => writeFile(path.join(output, "notes.txt"), "mine")],
  ])("%s is never replaced: the build fails, says so, and keeps none of the new site", async (name, addFile) => {
    if (name.startsWith("a built site")) await siteBuiltBeforeTheLink(output);
    else await mkdir(output);
    await addFile();
    const before = await snapshot(output);
    const error = await writeAtomically(output, newSite, "_site").catch((caught: unknown) => caught);
    expect((error as OutputStateError).state).toBe("the folder _site is unchanged and the new site was not kept");
    expect(((error as OutputStateError).cause as Error).message).toBe(
      "_site: expected a site built here (or an empty folder), got other files; move the folder away or pass another --output",
    );
    expect(lstatSync(output).isDirectory()).toBe(true);
    expect(await snapshot(output)).toEqual(before);
    expect(await readdir(builds)).toEqual([]);
  });

  test("a file at the output path is refused before anything is built", async () => {
    await writeFile(output, "a file");
    let wrote = false;
    const error = await writeAtomically(output, async () => {
      wrote = true;
    }, "_site").catch((caught: unknown) => caught);
    expect((error as OutputStateError).state).toBe("the file _site is unchanged");
    expect(((error as OutputStateError).cause as Error).message).toBe("_site: expected a folder or a link to one, got a file; move it away or pass another --output");
    expect(wrote).toBe(false);
    expect(await readFile(output, "utf8")).toBe("a file");
  });

  test("a link of the user's own at the output is replaced, and what it pointed to is left alone", async () => {
    const elsewhere = path.join(parent, "elsewhere");
    await mkdir(elsewhere);
    await writeFile(path.join(elsewhere, "index.html"), "kept");
    await symlink(elsewhere, output);
    await writeAtomically(output, writeHome("new"));
    expect(await readFile(path.join(output, "index.html"), "utf8")).toBe("new");
    expect(await readFile(path.join(elsewhere, "index.html"), "utf8")).toBe("kept");
  });

  test("a missing parent folder is created", async () => {
    const deep = path.join(parent, "a", "b", "_site");
    await writeAtomically(deep, writeHome("x"));
    expect(await readFile(path.join(deep, "index.html"), "utf8")).toBe("x");
  });
});
