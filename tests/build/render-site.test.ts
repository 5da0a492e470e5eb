// Eleventy's process tells the build once every issue page is on disk, before it has finished the
// rest of the site: the search index starts on them then (src/cli/build.ts).
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import * as esbuild from "esbuild";
import { afterEach, beforeEach, expect, onTestFinished, test } from "vitest";
import { renderProcessEnvironment, renderSiteInChildProcess } from "../../src/cli/render-site.ts";
import { issueHref, issueSlug } from "../../src/model/issue-url.ts";
import { projectRoot } from "../support/run-build.ts";

const content = "issues";
const contentVariable = process.env.NEWSLETTER_CONTENT;
beforeEach(() => {
  process.env.NEWSLETTER_CONTENT = content;
});
afterEach(() => {
  if (contentVariable === undefined) delete process.env.NEWSLETTER_CONTENT;
  else process.env.NEWSLETTER_CONTENT = contentVariable;
});

test("the module the build loads to start the render process imports none of what that process runs", async () => {
  // The build loads it before it can fork; Eleventy, the prerenderer and validation took 300 ms to load.
  const result = await esbuild.build({
    absWorkingDir: projectRoot,
    entryPoints: ["src/cli/render-site.ts"],
    bundle: true,
    platform: "node",
    format: "esm",
    packages: "external",
    write: false,
    metafile: true,
    logLevel: "silent",
  });
  const sources = Object.keys(result.metafile.inputs);
  const packages = Object.values(result.metafile.outputs).flatMap((output) => output.imports.map((imported) => imported.path));
  expect(sources).toContain("src/cli/render-site.ts");
  expect(sources.filter((source) => /render-process|prerender|eleventy\/|markdown\/|model\//.test(source))).toEqual([]);
  expect(packages.filter((name) => /^@11ty|^markdown-it|^katex|^sass/.test(name))).toEqual([]);
});

test("the render process gets the request, the output folder and Eleventy's ESM resolver off, and keeps the rest", () => {
  const request = { content: "issues", folder: "/tmp/staging", configPath: ".eleventy.js", timed: false };
  const environment = renderProcessEnvironment({ PATH: "/usr/bin", SITE_URL: "https://example.com" }, request);
  expect(environment).toEqual({
    PATH: "/usr/bin",
    SITE_URL: "https://example.com",
    NEWSLETTER_OUTPUT: "/tmp/staging",
    NEWSLETTER_RENDER_REQUEST: JSON.stringify(request),
    ELEVENTY_SKIP_ESM_RESOLVER: "1",
  });
});

test.for([
  ["bundled", undefined],
  ["as TypeScript through tsx, where it cannot be bundled", async () => undefined],
] as const)("renders the site %s", async ([, bundle]) => {
  const folder = mkdtempSync(path.join(tmpdir(), "render-site-"));
  onTestFinished(() => rmSync(folder, { recursive: true, force: true }));
  const pages = await renderSiteInChildProcess(content, folder, undefined, undefined, bundle);
  expect(pages).toBeGreaterThan(5);
  expect(readFileSync(path.join(folder, "index.html"), "utf8")).toContain("<h1");
  expect(readdirSync(path.join(folder, path.dirname(issueHref("x").replace(/^\//, ""))))).toHaveLength(5);
});

test("says once that the issue pages are written, with every one of them on disk, before rendering ends", async () => {
  const folder = mkdtempSync(path.join(tmpdir(), "render-site-"));
  const issuePages = readdirSync(path.join(projectRoot, content))
    .filter((file) => file.endsWith(".md"))
    .map((file) => path.join(folder, `.${issueHref(issueSlug(file))}`, "index.html"));
  expect(issuePages).toHaveLength(5);

  let ended = false;
  const told: { onDisk: boolean[]; ended: boolean }[] = [];
  const pages = await renderSiteInChildProcess(content, folder, undefined, () => told.push({ onDisk: issuePages.map((page) => existsSync(page)), ended })).then((written) => {
    ended = true;
    return written;
  });
  expect(pages).toBeGreaterThan(issuePages.length);
  expect(told).toEqual([{ onDisk: issuePages.map(() => true), ended: false }]);
});
