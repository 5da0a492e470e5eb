import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { bundleScript } from "../../src/eleventy/scripts-plugin.ts";

describe("bundleScript", () => {
  const folder = mkdtempSync(path.join(tmpdir(), "newsletter-bundle-"));
  const entry = path.join(folder, "entry.ts");
  writeFileSync(path.join(folder, "shout.ts"), "export const shout = (text: string): string => `${text.toUpperCase()}!`;\n");
  writeFileSync(entry, 'import { shout } from "./shout.ts";\ndocument.title = shout("hello");\n');

  test("bundles an entry and its imports into one script without imports, named after its content", async () => {
    const script = await bundleScript("demo", entry);
    expect(script.href).toMatch(/^\/assets\/demo\.[0-9a-f]{10}\.js$/);
    expect(script.code).not.toMatch(/\bimport\b|\bexport\b/);
    expect(script.code).toContain("toUpperCase");
    expect(script.code).not.toContain(": string");
  });

  test("the same source gives the same bytes and name; other source, another name", async () => {
    const [first, second] = await Promise.all([bundleScript("demo", entry), bundleScript("demo", entry)]);
    expect(second).toEqual(first);
    const other = path.join(folder, "other.ts");
    writeFileSync(other, 'document.title = "other";\n');
    expect((await bundleScript("demo", other)).href).not.toBe(first.href);
  });

  test("writes into the folder it is given", async () => {
    expect((await bundleScript("demo", entry, "js")).href).toMatch(/^\/js\/demo\.[0-9a-f]{10}\.js$/);
  });

  test("a script that does not compile fails with esbuild's message", async () => {
    const broken = path.join(folder, "broken.ts");
    writeFileSync(broken, "const = ;\n");
    await expect(bundleScript("broken", broken)).rejects.toThrow(/broken\.ts/);
  });
});
