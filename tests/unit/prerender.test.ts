// The build's second-core Markdown rendering: the same HTML as the main thread's, whichever thread
// renders a body, and the main thread's own rendering whenever a body is not the one submitted.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterEach, expect, test } from "vitest";
import { createMarkdown } from "../../src/markdown/create-markdown.ts";
import { styleClassesCss } from "../../src/markdown/inline-styles.ts";
import { MarkdownPrerenderer } from "../../src/markdown/prerender.ts";
import { splitFrontMatter } from "../../src/model/front-matter.ts";

const issuesFolder = path.resolve("issues");
const bodies = readdirSync(issuesFolder)
  .filter((file) => file.endsWith(".md"))
  .map((file) => ({ key: path.join(issuesFolder, file), source: splitFrontMatter(readFileSync(path.join(issuesFolder, file), "utf8")).body }));
// Enough bodies that the worker renders some while the main thread renders others.
const jobs = Array.from({ length: 40 }, (_, copy) => bodies.map((body) => ({ key: `${body.key}#${copy}`, source: body.source }))).flat();

let prerenderer: MarkdownPrerenderer | undefined;
afterEach(async () => {
  await prerenderer?.close();
  prerenderer = undefined;
});

function waitFor(milliseconds: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, milliseconds);
}

test("a body the worker rendered comes out as the main thread renders it, its KaTeX style classes known", () => {
  prerenderer = new MarkdownPrerenderer();
  prerenderer.submit(jobs);
  waitFor(5000); // ample time for the worker to start and render every body
  let renderedHere = 0;
  const html = jobs.map((job) => prerenderer?.take(job.key, job.source, () => (renderedHere++, "")));
  expect(renderedHere).toBe(0);
  // The maths issue's classes were recorded by the worker; nothing has rendered it on this thread.
  const maths = html.find((page) => page?.includes("ks-"));
  expect(styleClassesCss(maths ?? "")).toMatch(/^\.ks-[0-9a-f]{10}\{/);
  expect(html).toEqual(jobs.map((job) => createMarkdown().render(job.source, {})));
});

test("while the worker catches up, the main thread renders what it reaches first; each body comes out once, the same", () => {
  const md = createMarkdown();
  prerenderer = new MarkdownPrerenderer();
  prerenderer.submit(jobs);
  let renderedHere = 0;
  const html = jobs.map((job) => prerenderer?.take(job.key, job.source, () => (renderedHere++, md.render(job.source, {}))));
  expect(renderedHere).toBeGreaterThan(0);
  expect(html).toEqual(jobs.map((job) => createMarkdown().render(job.source, {})));
});

test("a body that differs from the one submitted, or was never submitted, is rendered on the main thread", () => {
  prerenderer = new MarkdownPrerenderer();
  prerenderer.submit(jobs.slice(0, 2));
  waitFor(1500);
  const [first, second] = jobs;
  const renderHere = (source: string) => () => `here: ${source.length}`;
  expect(prerenderer.take(first?.key, "changed since validation", renderHere("changed since validation"))).toBe("here: 24");
  expect(prerenderer.take("/not/submitted.md", "text", renderHere("text"))).toBe("here: 4");
  expect(prerenderer.take(undefined, "text", renderHere("text"))).toBe("here: 4");
  expect(prerenderer.take(second?.key, second?.source ?? "", renderHere(""))).toBe(createMarkdown().render(second?.source ?? "", {}));
});
