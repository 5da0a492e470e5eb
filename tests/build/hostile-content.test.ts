// The content folder is content: templates, data and code files there, links out of it, pipes and
// names too long for a page folder stop the build, all named in one run with the other files'
// problems, before any of that code can run; the previous site stays byte for byte the same. An
// issue spelt `.MD` builds as `.md` does; a folder without issues is an error, not an empty site.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, test } from "vitest";
import { errorMessage } from "../../src/cli/error-message.ts";
import type { EleventyConfig } from "../../src/eleventy/eleventy-config.ts";
import { keepContentInert } from "../../src/eleventy/issues-plugin.ts";
import { siteManifest } from "../support/manifest.ts";
import { issueText, previousSite, writeContent, type PreviousSite } from "../support/hostile.ts";
import { projectRoot, runBuild, tempFolder, type BuildRun } from "../support/run-build.ts";

/** Lines of the build's message that name a file of `content`. */
const fileLines = (build: BuildRun, content: string) => build.stderr.split("\n").filter((line) => line.startsWith(path.relative(projectRoot, content)));

describe("a content folder holding templates, data, code, links and a pipe beside a valid issue", () => {
  let previous: PreviousSite;
  let build: BuildRun;
  let content: string;
  let markers: string;
  let outside: string;
  const longName = `2022-03-14-${"\uFDFA".repeat(80)}.md`;

  beforeAll(() => {
    previous = previousSite();
    markers = tempFolder("markers-");
    outside = tempFolder("outside-");
    // Each would-be code file writes a marker file if it ever runs.
    const marker = (name: string) => JSON.stringify(path.join(markers, name));
    const njkRuns = (name: string) => `{{ range.constructor("return process.getBuiltinModule('fs').writeFileSync(${marker(name).replaceAll('"', "'")}, 'ran')")() }}`;
    const cjsRuns = (name: string) => `require("node:fs").writeFileSync(${marker(name)}, "ran");\nmodule.exports = {};\n`;
    const esmRuns = (name: string) => `import fs from "node:fs";\nfs.writeFileSync(${marker(name)}, "ran");\nexport default {};\n`;
    content = writeContent({
      "2022-03-10-valid.md": issueText(),
      "cover.png": "an image an issue may show",
      "page.njk": `${njkRuns("page.njk")}\n`,
      "published.njk": "---\nlayout: false\npermalink: /published.html\n---\n<script>alert(1)</script>\n",
      "LOUD.NJK": `${njkRuns("LOUD.NJK")}\n`,
      "page.liquid": "{{ 'liquid' }}\n",
      "page.html": "<script>alert(1)</script>\n",
      "script.js": cjsRuns("script.js"),
      "script.mjs": esmRuns("script.mjs"),
      "page.11ty.js": esmRuns("page.11ty.js"),
      "2022-03-10-valid.11tydata.cjs": cjsRuns("2022-03-10-valid.11tydata.cjs"),
      "issues.11tydata.mjs": esmRuns("issues.11tydata.mjs"),
      "_data/site.js": cjsRuns("_data/site.js"),
      "_includes/base.njk": `${njkRuns("_includes/base.njk")}\n`,
      "2022-03-12-front-matter.md": `---js\nrequire("node:fs").writeFileSync(${marker("front-matter")}, "ran")\n---\nText.\n`,
      [longName]: issueText(),
    });
    writeFileSync(path.join(outside, "elsewhere.md"), issueText());
    writeFileSync(path.join(outside, "page.njk"), `${njkRuns("linked-folder")}\n`);
    symlinkSync(path.join(outside, "elsewhere.md"), path.join(content, "2022-03-15-linked-out.md"));
    symlinkSync(outside, path.join(content, "linked-folder"));
    symlinkSync("2022-03-10-valid.md", path.join(content, "2022-03-16-linked-in.md"));
    execFileSync("mkfifo", [path.join(content, "2022-03-13-pipe.md")]);
    build = previous.buildOver(content);
  });

  test("one run names every file with what is expected, and nothing else", () => {
    const file = (name: string) => path.relative(projectRoot, path.join(content, name));
    const only = "file: expected only issue files (*.md) and the files they reference, got";
    const move = "which could run code; move it out of the content folder";
    const stored = "file: expected a file stored in the content folder, got a symbolic link to";
    const expected = [
      `${file("2022-03-10-valid.11tydata.cjs")}: ${only} an Eleventy data file, ${move}`,
      `${file("2022-03-13-pipe.md")}: file: expected a readable file, got a named pipe (FIFO)`,
      `${file(longName)}: file name: expected a name whose page folder takes at most 255 bytes, got one that takes 2640; shorten the name`,
      `${file("2022-03-15-linked-out.md")}: ${stored} ${path.join(outside, "elsewhere.md")}, outside the content folder; copy what it links to into the content folder instead`,
      `${file("2022-03-16-linked-in.md")}: ${stored} ${file("2022-03-10-valid.md")}; links are not followed: remove the link, or put a copy of what it links to in its place`,
      `${file("LOUD.NJK")}: ${only} a Nunjucks template, ${move}`,
      `${file("_data/site.js")}: ${only} site data in a _data folder, ${move}`,
      `${file("_includes/base.njk")}: ${only} a layout in an _includes folder, ${move}`,
      `${file("issues.11tydata.mjs")}: ${only} an Eleventy data file, ${move}`,
      `${file("linked-folder")}: ${stored} ${outside} (a folder), outside the content folder; copy what it links to into the content folder instead`,
      `${file("page.11ty.js")}: ${only} an Eleventy JavaScript template, ${move}`,
      `${file("page.html")}: ${only} an HTML template (Eleventy renders HTML with Nunjucks), ${move}`,
      `${file("page.liquid")}: ${only} a Liquid template, ${move}`,
      `${file("page.njk")}: ${only} a Nunjucks template, ${move}`,
      `${file("published.njk")}: ${only} a Nunjucks template, ${move}`,
      `${file("script.js")}: ${only} a JavaScript file, ${move}`,
      `${file("script.mjs")}: ${only} a JavaScript file, ${move}`,
      // The issue with JavaScript front matter is found by the validation of issues, in the same run.
      `${file("2022-03-12-front-matter.md")}: front matter: expected a \`---\` block of fields at the top of the file, got text with no front matter`,
    ];
    expect(build.status).toBe(1);
    expect(fileLines(build, content)).toEqual(expected);
    expect(build.stderr).toContain(`Invalid issues (${expected.length} problems)`);
    expect(build.stderr).not.toMatch(/\n\s+at |ERR_IPC_CHANNEL_CLOSED|Error in Nunjucks/);
  });

  test("none of the would-be code ran, and the previous site is byte for byte the same", () => {
    expect(readdirSync(markers)).toEqual([]);
    expect(siteManifest(previous.output)).toEqual(previous.manifest);
    expect(existsSync(path.join(previous.output, "published.html"))).toBe(false);
  });
});

describe("content folders built on their own", () => {
  test("an issue spelt .MD or .Md builds as .md does, at the URL its name gives", () => {
    const content = writeContent({ "2022-03-10-upper-case.MD": issueText({ title: 'title: "Upper"' }), "2022-03-11-mixed.Md": issueText({ title: 'title: "Mixed"' }) });
    const output = path.join(tempFolder("upper-"), "_site");
    const build = runBuild({ content, output });
    expect(build.stderr).toBe("");
    expect(build.status).toBe(0);
    expect(readFileSync(path.join(output, "issues/upper-case/index.html"), "utf8")).toContain("<title>Upper ·");
    expect(readFileSync(path.join(output, "issues/mixed/index.html"), "utf8")).toContain("<title>Mixed ·");
    expect(readdirSync(output).filter((name) => /\.md$/i.test(name))).toEqual([]);
    const sitemap = readFileSync(path.join(output, "sitemap.xml"), "utf8");
    expect(sitemap).toContain("/issues/upper-case/</loc>");
    expect(sitemap).toContain("/issues/mixed/</loc>");
  });

  describe("over a previous site", () => {
    let previous: PreviousSite;
    beforeAll(() => {
      previous = previousSite();
    });

    test("an empty folder, one without issues and a missing one are each 'no issues in DIR'", () => {
      const root = tempFolder("no-issues-");
      const empty = path.join(root, "empty");
      mkdirSync(empty);
      const images = writeContent({ "cover.png": "png", "notes.txt": "notes" }, path.join(root, "images"));
      const missing = path.join(root, "missing");
      const shown = (folder: string) => path.relative(projectRoot, folder);
      const cases = [
        [empty, `no issues in ${shown(empty)}: it is empty; add an issue, or pass --content with the folder that holds the issues`],
        [images, `no issues in ${shown(images)}: it holds 2 files, none of them an issue (*.md); add an issue, or pass --content with the folder that holds the issues`],
        [missing, `no issues in ${shown(missing)}: the folder does not exist; pass --content with the folder that holds the issues`],
      ];
      for (const [folder, message] of cases) {
        const build = previous.buildOver(folder as string);
        expect(build.status).toBe(1);
        expect(build.stderr).toBe(`Build failed; the previous site at ${previous.output} is unchanged.\n${message}\n`);
        expect(siteManifest(previous.output)).toEqual(previous.manifest);
      }
    });

    test("a link to an issue outside the content folder is refused by name", () => {
      const outside = tempFolder("outside-");
      writeFileSync(path.join(outside, "2022-03-11-elsewhere.md"), issueText());
      const content = writeContent({ "2022-03-10-here.md": issueText() });
      symlinkSync(path.join(outside, "2022-03-11-elsewhere.md"), path.join(content, "2022-03-11-elsewhere.md"));
      const build = previous.buildOver(content);
      expect(build.status).toBe(1);
      expect(fileLines(build, content)).toEqual([
        `${path.relative(projectRoot, path.join(content, "2022-03-11-elsewhere.md"))}: file: expected a file stored in the content folder, got a symbolic link to ${path.join(outside, "2022-03-11-elsewhere.md")}, outside the content folder; copy what it links to into the content folder instead`,
      ]);
      expect(siteManifest(previous.output)).toEqual(previous.manifest);
    });
  });
});

// Eleventy's own settings, under the check above: were a file to get past it, Eleventy would still
// read no data file and no Nunjucks file of the content folder, and refuse JavaScript front matter.
describe("Eleventy with the content folder kept inert, and no check before it", () => {
  const inert = async (content: string) => {
    const { Eleventy } = (await import("@11ty/eleventy")) as unknown as {
      Eleventy: new (input: string, output: string, options: object) => { toJSON(): Promise<{ url: string | false; content: string }[]>; disableLogger(): void };
    };
    const site = tempFolder("inert-site-");
    // A config of its own, not the project's .eleventy.js: only the settings under test.
    writeFileSync(path.join(site, "eleventy.config.mjs"), "export default function () {}\n");
    const eleventy = new Eleventy(content, path.join(site, "_site"), {
      quietMode: true,
      configPath: path.join(site, "eleventy.config.mjs"),
      config: (config: EleventyConfig) => {
        keepContentInert(config);
        config.addTemplate("virtual.njk", "---\npermalink: /virtual/\n---\nvirtual {{ 6 * 7 }}");
      },
    });
    eleventy.disableLogger();
    return eleventy.toJSON();
  };
  const markers = tempFolder("inert-markers-");
  const marker = (name: string) => JSON.stringify(path.join(markers, name));

  test("data files and Nunjucks files of the content folder are never read; the site's virtual pages still build", async () => {
    const content = writeContent({
      "2022-03-10-a.md": "---\ntitle: A\n---\nText.\n",
      "2022-03-10-a.11tydata.cjs": `require("node:fs").writeFileSync(${marker("template-data")}, "ran");\nmodule.exports = { permalink: "/taken/" };\n`,
      "issues.11tydata.mjs": `import fs from "node:fs";\nfs.writeFileSync(${marker("folder-data")}, "ran");\nexport default {};\n`,
      "issues.json": '{ "permalink": "/taken/" }',
      "page.njk": `{{ range.constructor("return process.getBuiltinModule('fs').writeFileSync(${marker("page.njk").replaceAll('"', "'")}, 'ran')")() }}`,
    });
    const pages = await inert(content);
    expect(pages.map((page) => [page.url, page.content.trim()]).sort()).toEqual([
      ["/2022-03-10-a/", "<p>Text.</p>"],
      ["/virtual/", "virtual 42"],
    ]);
    expect(readdirSync(markers)).toEqual([]);
  });

  test("JavaScript front matter is refused, not run", async () => {
    const content = writeContent({ "2022-03-11-js.md": `---js\nrequire("node:fs").writeFileSync(${marker("front-matter")}, "ran")\n---\nText.\n` });
    const failure = await inert(content).catch((error: unknown) => error);
    expect(errorMessage(failure)).toContain("front matter: expected YAML front matter, got JavaScript, which could run code");
    expect(readdirSync(markers)).toEqual([]);
  });
});
