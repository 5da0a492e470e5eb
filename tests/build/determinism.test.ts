// The same sources always give byte-identical output: no build timestamps, no dependence on file
// times, time zone or locale.
import { cpSync, readdirSync, utimesSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { siteManifest } from "../support/manifest.ts";
import { projectRoot, runBuild, tempFolder } from "../support/run-build.ts";

describe("deterministic builds", () => {
  test("two builds, a touch of every source, another time zone and locale: identical bytes", () => {
    const content = path.join(tempFolder("determinism-"), "issues");
    cpSync(path.join(projectRoot, "issues"), content, { recursive: true });

    const first = runBuild({ content });
    expect(first.status).toBe(0);
    const reference = siteManifest(first.output);
    expect(Object.keys(reference).length).toBeGreaterThan(30);

    const second = runBuild({ content });
    expect(siteManifest(second.output)).toEqual(reference);

    const later = new Date(Date.now() + 86_400_000);
    for (const file of readdirSync(content)) utimesSync(path.join(content, file), later, later);
    const touched = runBuild({ content });
    expect(siteManifest(touched.output)).toEqual(reference);

    const elsewhere = runBuild({
      content,
      env: { TZ: "Pacific/Kiritimati", LANG: "de_DE.UTF-8", LC_ALL: "de_DE.UTF-8" },
    });
    expect(elsewhere.status).toBe(0);
    expect(siteManifest(elsewhere.output)).toEqual(reference);
  });
});
