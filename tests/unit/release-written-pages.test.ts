// Eleventy, patched by releaseWrittenPages, still writes every page whole but stops holding them,
// and says which page it wrote as it does.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "vitest";
import { releaseWrittenPages } from "../../src/eleventy/internals/release-written-pages.ts";

interface WrittenResult {
  outputPath: string;
  content?: string;
  rawInput?: string;
}

test("written pages are on disk in full, and no longer held in memory by Eleventy's results", async () => {
  const folder = mkdtempSync(path.join(tmpdir(), "release-pages-"));
  const input = path.join(folder, "in");
  const output = path.join(folder, "out");
  mkdirSync(input);
  writeFileSync(path.join(input, "single.njk"), "---\npermalink: /single/\n---\nOne page, {{ 'whole' | upper }}.\n");
  writeFileSync(
    path.join(input, "paged.njk"),
    "---\npagination:\n  data: letters\n  size: 1\n  alias: letter\nletters: [a, b, c]\npermalink: /paged/{{ letter }}/\n---\nPage {{ letter }} " +
      "x".repeat(5000) +
      "\n",
  );

  // An empty configuration, so the project's own .eleventy.js is not picked up.
  writeFileSync(path.join(folder, "eleventy.config.mjs"), "export default function () {}\n");

  const told: string[] = [];
  await releaseWrittenPages();
  // A second call does not wrap twice; its listener replaces the first's.
  await releaseWrittenPages((outputPath) => told.push(path.relative(output, outputPath)));
  const { Eleventy } = (await import("@11ty/eleventy")) as unknown as {
    Eleventy: new (input: string, output: string, options: object) => { write(): Promise<[unknown, WrittenResult[]]>; disableLogger(): void };
  };
  const eleventy = new Eleventy(input, output, { quietMode: true, configPath: path.join(folder, "eleventy.config.mjs") });
  eleventy.disableLogger();
  const [, written] = await eleventy.write();

  expect(written.map((page) => path.relative(output, page.outputPath)).sort()).toEqual([
    "paged/a/index.html",
    "paged/b/index.html",
    "paged/c/index.html",
    "single/index.html",
  ]);
  // Told each page once, as it was written.
  expect(told.sort()).toEqual(["paged/a/index.html", "paged/b/index.html", "paged/c/index.html", "single/index.html"]);
  for (const page of written) {
    expect(page.content, page.outputPath).toBeUndefined();
    expect(page.rawInput, page.outputPath).toBeUndefined();
  }
  expect(readFileSync(path.join(output, "single/index.html"), "utf8")).toBe("One page, WHOLE.\n");
  expect(readFileSync(path.join(output, "paged/b/index.html"), "utf8")).toBe(`Page b ${"x".repeat(5000)}\n`);
});
