// A failed build leaves the previous site byte for byte; a successful one leaves nothing stale.
import { cpSync, existsSync, lstatSync, mkdirSync, readdirSync, readlinkSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { spawn, spawnSync } from "node:child_process";
import { describe, expect, test } from "vitest";
import { buildScriptArguments } from "../../src/bench/package-scripts.ts";
import { siteManifest } from "../support/manifest.ts";
import { projectRoot, runBuild, tempFolder } from "../support/run-build.ts";

/** `npm run build`'s script under umask 077, as a publisher with a private umask runs it. */
function runPrivateBuild(content: string, output: string): number | null {
  const script = 'umask 077 && exec "$0" "$@"';
  return spawnSync("/bin/sh", ["-c", script, process.execPath, ...buildScriptArguments(), "--content", content, "--output", output], { cwd: projectRoot, stdio: "ignore" }).status;
}

describe("atomic builds", () => {
  const root = tempFolder("atomic-");
  const content = path.join(root, "issues");
  const output = path.join(root, "_site");
  cpSync(path.join(projectRoot, "issues"), content, { recursive: true });

  test("a failed build leaves the previous site exactly as it was, says so, and leaves no staging folder", () => {
    expect(runBuild({ content, output }).status).toBe(0);
    const before = siteManifest(output);
    const current = readlinkSync(output);

    writeFileSync(path.join(content, "2023-01-01-broken.md"), '---\ntitle: "Broken"\n---\nText\n');
    const failed = runBuild({ content, output });
    expect(failed.status).not.toBe(0);
    expect(failed.stderr).toContain(`Build failed; the previous site at ${output} is unchanged.\n`);
    expect(siteManifest(output)).toEqual(before);
    expect(readdirSync(root).sort()).toEqual([".site-builds", "_site", "issues"]);
    expect(readdirSync(path.join(root, ".site-builds"))).toEqual([path.basename(current)]);
    expect(readlinkSync(output)).toBe(current);
    rmSync(path.join(content, "2023-01-01-broken.md"));
  });

  test("a failure while rendering (bad maths) also leaves the previous site", () => {
    const before = siteManifest(output);
    writeFileSync(
      path.join(content, "2023-01-02-bad-maths.md"),
      '---\ntitle: "Bad maths"\ndate: "2023-01-02"\nseries: lab-notes\nsummary: "Broken TeX."\n---\nSee $\\frac{1$ here.\n',
    );
    const failed = runBuild({ content, output });
    expect(failed.status).not.toBe(0);
    expect(failed.stderr).toContain("2023-01-02-bad-maths.md");
    expect(failed.stderr).toContain("maths: expected valid TeX, got $\\frac{1$");
    expect(siteManifest(output)).toEqual(before);
    rmSync(path.join(content, "2023-01-02-bad-maths.md"));
  });

  test("the pages of a deleted issue do not linger after the next build", () => {
    expect(existsSync(path.join(output, "issues/neurips-2020-takeaways/index.html"))).toBe(true);
    rmSync(path.join(content, readdirSync(content).find((file) => file.includes("neurips")) ?? "missing"));
    expect(runPrivateBuild(content, output)).toBe(0);
    expect(existsSync(path.join(output, "issues/neurips-2020-takeaways"))).toBe(false);
    expect(existsSync(path.join(output, "tags/neurips-2020"))).toBe(false);
  });

  test("the output is a relative link to the one build kept, and under umask 077 every folder is 0755 and every file 0644", () => {
    expect(lstatSync(output).isSymbolicLink()).toBe(true);
    expect(readlinkSync(output)).toMatch(/^\.site-builds\/_site-\d+-[0-9a-f]{8}$/);
    expect(readdirSync(path.join(root, ".site-builds"))).toEqual([path.basename(readlinkSync(output))]);
    const modes = new Map<string, number>();
    for (const entry of ["", ...readdirSync(output, { recursive: true, encoding: "utf8" })]) {
      const stats = statSync(path.join(output, entry));
      const mode = (stats.isDirectory() ? "folder " : "file ") + (stats.mode & 0o777).toString(8);
      modes.set(mode, (modes.get(mode) ?? 0) + 1);
    }
    expect([...modes.keys()].sort()).toEqual(["file 644", "folder 755"]);
    expect(modes.get("file 644")).toBeGreaterThan(30);
  });

  test("a site built before the link, a real folder, becomes the link; a folder of the user's own is never replaced", () => {
    const before = siteManifest(output);
    // As builds before the link left _site: a real folder holding the site.
    const copy = path.join(root, "copy");
    cpSync(output, copy, { recursive: true, dereference: true });
    rmSync(output);
    renameSync(copy, output);
    expect(runBuild({ content, output }).status).toBe(0);
    expect(lstatSync(output).isSymbolicLink()).toBe(true);
    expect(siteManifest(output)).toEqual(before);
    expect(readdirSync(path.join(root, ".site-builds"))).toEqual([path.basename(readlinkSync(output))]);

    const own = path.join(root, "own");
    mkdirSync(own);
    writeFileSync(path.join(own, "notes.txt"), "mine\n");
    const refused = runBuild({ content, output: own });
    expect(refused.status).not.toBe(0);
    expect(refused.stderr).toContain(
      `Build failed; the folder ${own} is unchanged and the new site was not kept.\n${own}: expected a site built here (or an empty folder), got other files; move the folder away or pass another --output\n`,
    );
    expect(readdirSync(own)).toEqual(["notes.txt"]);
    expect(readdirSync(path.join(root, ".site-builds"))).toEqual([path.basename(readlinkSync(output))]);
  });

  test("two builds into one output at once both succeed, and leave one whole site and one build folder", async () => {
    const together = path.join(root, "together");
    const builds = [0, 1].map(
      () =>
        new Promise<number | null>((resolve) => {
          const child = spawn(process.execPath, [...buildScriptArguments(), "--content", content, "--output", together], { cwd: projectRoot, stdio: "ignore" });
          child.on("exit", resolve);
        }),
    );
    expect(await Promise.all(builds)).toEqual([0, 0]);
    expect(siteManifest(together)).toEqual(siteManifest(output));
    const left = readdirSync(path.join(root, ".site-builds")).filter((name) => name.startsWith("together-"));
    expect(left).toEqual([path.basename(readlinkSync(together))]);
  });
});
