// The build's validation and Markdown rendering on worker threads: the same issues, problems and
// HTML as Eleventy's own thread would give, whichever thread does the work, and Eleventy's thread
// doing it itself whenever what the workers read is not what it was given.
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, expect, test } from "vitest";
import { listIssueFiles } from "../../src/eleventy/issue-files.ts";
import { createMarkdown } from "../../src/markdown/create-markdown.ts";
import { styleClassesCss } from "../../src/markdown/inline-styles.ts";
import { IssuePrerenderer } from "../../src/markdown/prerender.ts";
import { splitFrontMatter } from "../../src/model/front-matter.ts";
import { validateIssueSources } from "../../src/model/validate-issues.ts";

// Enough issues that the workers render some while this thread renders others.
const copies = 30;
const seeds = path.resolve("issues");
let content: string;
let prerenderer: IssuePrerenderer | undefined;

beforeEach(async () => {
  content = await mkdtemp(path.join(tmpdir(), "newsletter-prerender-"));
  for (const name of (await readdir(seeds)).filter((file) => file.endsWith(".md"))) {
    const text = await readFile(path.join(seeds, name), "utf8");
    for (let copy = 0; copy < copies; copy++) await writeFile(path.join(content, name.replace(/\.md$/, `-copy-${copy}.md`)), text);
  }
});

afterEach(async () => {
  await prerenderer?.close();
  prerenderer = undefined;
  await rm(content, { recursive: true, force: true });
});

/**
 * A prerenderer started on the content folder, and the files as the issues plugin lists them.
 * With `workerFirst`, this thread waits until the worker has validated every file and rendered
 * every body, as it may while Eleventy loads, before the test asks for anything. It waits for the
 * worker to end rather than for a fixed time: the worker runs at the lowest priority, and on a
 * machine busy with other tests a fixed 8 s was once not enough.
 */
async function startPrerenderer(workerFirst: boolean) {
  prerenderer = new IssuePrerenderer();
  prerenderer.start(content, listIssueFiles);
  const files = await listIssueFiles(content);
  if (workerFirst) await prerenderer.finished();
  return { started: prerenderer, files };
}

/** What `validateIssueSources` makes of the files, read here. */
async function validatedHere(files: Awaited<ReturnType<typeof listIssueFiles>>) {
  const sources = await Promise.all(files.map(async (file) => ({ file: file.file, absolutePath: file.absolutePath, bytes: await readFile(file.absolutePath) })));
  return validateIssueSources(sources);
}

async function issueBodies(files: Awaited<ReturnType<typeof listIssueFiles>>) {
  return Promise.all(files.map(async (file) => ({ key: file.absolutePath, source: splitFrontMatter(await readFile(file.absolutePath, "utf8")).body })));
}

test("the workers' validation is the one Eleventy's thread would make: the same issues, every problem", async () => {
  await writeFile(path.join(content, "2022-01-01-broken.md"), "---\ntitle: [unclosed\n---\nText.\n");
  await writeFile(path.join(content, "2022-01-02-no-series.md"), "---\ntitle: A title\ndate: 2022-01-02\n---\nText.\n");
  const { started, files } = await startPrerenderer(true);
  const validated = await started.validated(files);

  const expected = await validatedHere(files);
  expect(validated?.issues).toEqual(expected.issues);
  expect(validated?.problems).toEqual(expected.problems);
  expect(validated?.problems.some((problem) => problem.includes("2022-01-01-broken.md"))).toBe(true);
  expect(validated?.problems.some((problem) => problem.includes("2022-01-02-no-series.md"))).toBe(true);
  expect(validated?.changed).toEqual(files.map((file) => file.absolutePath));
  // Handed over once: asked again, as by a second build in the same process, it is not used.
  expect(await started.validated(files)).toBeUndefined();
});

test("a body a worker rendered comes out as Eleventy's thread renders it, its KaTeX style classes known", async () => {
  const { started, files } = await startPrerenderer(true);
  expect(await started.validated(files)).toBeDefined();
  const bodies = await issueBodies(files);
  let renderedHere = 0;
  const html = bodies.map((body) => started.take(body.key, body.source, () => (renderedHere++, "")));
  expect(renderedHere).toBe(0);
  // The maths issue's classes were recorded by a worker; nothing has rendered it on this thread.
  const maths = html.find((page) => page?.includes("ks-"));
  expect(styleClassesCss(maths ?? "")).toMatch(/^\.katex \.ks-[0-9a-f]{10}\{/);
  expect(html).toEqual(bodies.map((body) => createMarkdown().render(body.source, {})));
});

test("Eleventy's thread validates and renders what the workers have not reached; each body comes out once, the same", async () => {
  const md = createMarkdown();
  const { started, files } = await startPrerenderer(false);
  // Asked at once, before the workers have started: this thread validates the files itself.
  const validated = await started.validated(files);
  expect(validated?.issues).toEqual((await validatedHere(files)).issues);
  const bodies = await issueBodies(files);
  let renderedHere = 0;
  const html = bodies.map((body) => started.take(body.key, body.source, () => (renderedHere++, md.render(body.source, {}))));
  expect(renderedHere).toBeGreaterThan(0);
  expect(html).toEqual(bodies.map((body) => createMarkdown().render(body.source, {})));
});

test("a worker also renders the bodies of the files Eleventy's thread validated, unless the file changed since", async () => {
  const md = createMarkdown();
  const { started, files } = await startPrerenderer(false);
  // Asked at once: this thread validates every file, before the worker has even loaded.
  expect(await started.validated(files)).toBeDefined();
  const bodies = await issueBodies(files);
  // Changed after this thread read it, before the worker (which takes a second to load) reads it
  // again: the worker's HTML is of the new text, not of the body Eleventy was given.
  const changed = bodies[bodies.length - 1];
  await writeFile(changed?.key ?? "", "---\ntitle: Changed\n---\nChanged during the build.\n");
  await started.finished();
  const renderedHere: string[] = [];
  const html = bodies.map((body) => started.take(body.key, body.source, () => (renderedHere.push(body.key), md.render(body.source, {}))));
  expect(renderedHere).toEqual([changed?.key]);
  expect(html).toEqual(bodies.map((body) => createMarkdown().render(body.source, {})));
});

test("a body that differs from the one the workers read, or that they never read, is rendered on Eleventy's thread", async () => {
  const { started, files } = await startPrerenderer(true);
  expect(await started.validated(files)).toBeDefined();
  const [first, second] = await issueBodies(files);
  const renderHere = (source: string) => () => `here: ${source.length}`;
  expect(started.take(first?.key, "changed since validation", renderHere("changed since validation"))).toBe("here: 24");
  expect(started.take("/not/listed.md", "text", renderHere("text"))).toBe("here: 4");
  expect(started.take(undefined, "text", renderHere("text"))).toBe("here: 4");
  expect(started.take(second?.key, second?.source ?? "", renderHere(""))).toBe(createMarkdown().render(second?.source ?? "", {}));
});

test("when the files changed after the workers listed them, their validation is not used", async () => {
  prerenderer = new IssuePrerenderer();
  // A file is added once the workers' list is made, before the issues plugin makes its own.
  let added: () => void = () => undefined;
  const fileAdded = new Promise<void>((resolve) => (added = resolve));
  prerenderer.start(content, async (folder) => {
    const files = await listIssueFiles(folder);
    await writeFile(path.join(folder, "2023-05-05-added-later.md"), "---\ntitle: Later\n---\nText.\n");
    added();
    return files;
  });
  await fileAdded;
  expect(await prerenderer.validated(await listIssueFiles(content))).toBeUndefined();
});

test("a folder with no issues is validated at once, with no workers", async () => {
  const empty = await mkdtemp(path.join(tmpdir(), "newsletter-prerender-empty-"));
  try {
    prerenderer = new IssuePrerenderer();
    prerenderer.start(empty, listIssueFiles);
    expect(await prerenderer.validated([])).toEqual({ issues: [], problems: [], changed: [] });
  } finally {
    await rm(empty, { recursive: true, force: true });
  }
});
