// A failed build leaves the previous site byte for byte; a successful one leaves nothing stale.
import { cpSync, existsSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { siteManifest } from "../support/manifest.ts";
import { projectRoot, runBuild, tempFolder } from "../support/run-build.ts";

describe("atomic builds", () => {
  const root = tempFolder("atomic-");
  const content = path.join(root, "issues");
  const output = path.join(root, "_site");
  cpSync(path.join(projectRoot, "issues"), content, { recursive: true });

  test("a failed build leaves the previous site exactly as it was, and no staging folder", () => {
    expect(runBuild({ content, output }).status).toBe(0);
    const before = siteManifest(output);

    writeFileSync(path.join(content, "2023-01-01-broken.md"), '---\ntitle: "Broken"\n---\nText\n');
    const failed = runBuild({ content, output });
    expect(failed.status).not.toBe(0);
    expect(siteManifest(output)).toEqual(before);
    expect(readdirSync(root).sort()).toEqual(["_site", "issues"]);
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
    expect(runBuild({ content, output }).status).toBe(0);
    expect(existsSync(path.join(output, "issues/neurips-2020-takeaways"))).toBe(false);
    expect(existsSync(path.join(output, "tags/neurips-2020"))).toBe(false);
  });
});
