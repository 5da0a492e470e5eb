import { readFileSync } from "node:fs";
import path from "node:path";
import * as cheerio from "cheerio";
import { describe, expect, test } from "vitest";
import { generateCorpus } from "../../src/bench/corpus.ts";
import { DevServerState, parseDevServerLine, type DevServerEvent } from "../../src/bench/dev-server-log.ts";
import { startScriptArguments } from "../../src/bench/dev-server.ts";
import { projectRoot } from "../../src/bench/project-root.ts";
import {
  editLine,
  editMarker,
  editParagraph,
  editResultFileName,
  editSummaryLine,
  pickEditFiles,
  summariseEdits,
  type EditFigures,
} from "../../src/bench/edit-bench.ts";
import { createMarkdown } from "../../src/markdown/create-markdown.ts";
import { splitFrontMatter } from "../../src/model/front-matter.ts";

describe("pickEditFiles", () => {
  const files = Array.from({ length: 10 }, (_, index) => `2020-01-${String(index + 1).padStart(2, "0")}-issue.md`);

  test.each([
    [1, ["2020-01-06-issue.md"]],
    [2, ["2020-01-03-issue.md", "2020-01-08-issue.md"]],
    [5, ["2020-01-02-issue.md", "2020-01-04-issue.md", "2020-01-06-issue.md", "2020-01-08-issue.md", "2020-01-10-issue.md"]],
  ])("%i edits take the middle of equal shares of the files in name order", (edits, expected) => {
    expect(pickEditFiles([...files].reverse(), edits)).toEqual(expected);
  });

  test("every file once when there are as many edits as files, then around again", () => {
    expect(pickEditFiles(files, 10)).toEqual(files);
    expect(pickEditFiles(files.slice(0, 3), 5)).toEqual([files[0], files[1], files[2], files[0], files[1]]);
  });

  test("4,000 files and 5 edits: five files spread over the corpus, the same every time", () => {
    const many = Array.from({ length: 4000 }, (_, index) => `file-${String(index).padStart(4, "0")}.md`);
    expect(pickEditFiles(many, 5)).toEqual(["file-0400.md", "file-1200.md", "file-2000.md", "file-2800.md", "file-3600.md"]);
  });

  test("no files is an error", () => {
    expect(() => pickEditFiles([], 3)).toThrow("bench:edit: expected at least one issue file, got none");
  });
});

describe("the edit", () => {
  test("markers differ between edits and runs, and are one plain word", () => {
    expect(editMarker("lq3x9k", 0)).toBe("bencheditlq3x9kn1");
    expect(new Set([editMarker("a1", 0), editMarker("a1", 1), editMarker("a2", 0)]).size).toBe(3);
    expect(() => editMarker("A-1", 0)).toThrow('expected a run id of lower case letters and digits, got "A-1"');
  });

  test("the appended paragraph renders as a paragraph of its own at the end of every series' issues", () => {
    const md = createMarkdown();
    const marker = editMarker("test", 0);
    // Ten issues cover the five series, each ending its own way (footnotes, lists, hashtags, tables).
    for (const issue of generateCorpus({ issues: 10, seed: 3 })) {
      const $ = cheerio.load(md.render(`${splitFrontMatter(issue.text).body}${editParagraph(marker)}`), null, false);
      const paragraphs = $.root().children("p").filter((_, element) => $(element).text().includes(marker));
      expect(paragraphs.length, issue.fileName).toBe(1);
      expect(paragraphs.text(), issue.fileName).toBe(`A sentence appended to measure how fast an edit is served, marked ${marker}.`);
    }
  });
});

describe("the figures", () => {
  const edit = (servedMs: number, builds: [number, number, number][], indexedMs: number): EditFigures => ({
    file: `2020-01-0${servedMs % 10}-x.md`,
    url: "/issues/x/",
    servedMs,
    builds: builds.map(([loggedMs, eleventyMs, files]) => ({ loggedMs, eleventyMs, files, skipped: 3 })),
    indexedMs,
  });
  const edits = [
    edit(6201, [[6150, 6000, 319]], 21_000),
    edit(5902, [[5850, 5700, 319]], 20_500),
    edit(7703, [[7600, 7400, 319], [9000, 1000, 12]], 25_000),
  ];

  test("summariseEdits: medians of the served time, the first build after each edit and the indexing", () => {
    expect(summariseEdits(4000, edits)).toEqual({
      issues: 4000,
      edits: 3,
      medianServedMs: 6201,
      minServedMs: 5902,
      maxServedMs: 7703,
      medianRebuildMs: 6000,
      medianRebuildLoggedMs: 6150,
      files: 319,
      filesVaried: false,
      editsWithMoreBuilds: 1,
      medianIndexedMs: 21_000,
    });
    expect(summariseEdits(10, [edit(100, [[90, 80, 7]], 200), edit(300, [[290, 280, 9]], 400)])).toMatchObject({ medianServedMs: 200, files: 9, filesVaried: true });
  });

  test("an edit without a build, or no edits, is an error", () => {
    expect(() => summariseEdits(10, [])).toThrow("bench:edit: expected at least one edit, got none");
    expect(() => summariseEdits(10, [edit(100, [], 200)])).toThrow("bench:edit: 2020-01-00-x.md: expected a build after the edit, got none");
  });

  test("each edit's line and the summary line", () => {
    expect(editLine(1, 3, edits[0] as EditFigures)).toBe(
      "bench:edit: edit 1/3: 2020-01-01-x.md: served after 6.20 s; Eleventy wrote 319 files in 6.00 s (logged 6.15 s after the write); search indexed after 21.0 s",
    );
    expect(editLine(3, 3, edits[2] as EditFigures)).toContain("(logged 7.60 s after the write), then 1 more build; search indexed after 25.0 s");
    expect(editSummaryLine(summariseEdits(4000, edits))).toBe(
      "bench:edit: 4000 issues, 3 edits: served after median 6.2 s (min 5.9, max 7.7); Eleventy rebuild median 6.0 s, 319 files, " +
        "1 of 3 edits followed by more builds; search indexed after median 21.0 s",
    );
    expect(editSummaryLine(summariseEdits(4000, edits.slice(0, 1)))).toBe(
      "bench:edit: 4000 issues, 1 edit: served after median 6.2 s (min 6.2, max 6.2); Eleventy rebuild median 6.0 s, 319 files; search indexed after median 21.0 s",
    );
  });

  test("result file names", () => {
    expect(editResultFileName({ issues: 4000, seed: 1 })).toBe("edit-issues-4000.json");
    expect(editResultFileName({ issues: 4000, seed: 7 })).toBe("edit-issues-4000-seed-7.json");
  });
});

describe("the dev server's log", () => {
  test.each<[string, DevServerEvent | undefined]>([
    ["[11ty] File changed: ./bench/corpus/edit-4000-seed-1/2016-01-02-lab-notes-3-x.md", { kind: "change" }],
    ["[11ty] File added: ./.site-dev-x/2019-01-01-a.md", { kind: "change" }],
    ["[11ty] Copied 61 Wrote 46 files in 1.84 seconds (40.0ms each, v3.1.8)", { kind: "built", files: 46, skipped: 0, eleventyMs: 1840 }],
    ["[11ty] Wrote 19 files (skipped 13) in 0.16 seconds (v3.1.8)", { kind: "built", files: 19, skipped: 13, eleventyMs: 160 }],
    ["\u001b[32m[11ty] Wrote \u001b[1m1\u001b[22m file in \u001b[1m0.05\u001b[22m seconds (v3.1.8)\u001b[39m", { kind: "built", files: 1, skipped: 0, eleventyMs: 50 }],
    ["[11ty] Watching…", { kind: "watching" }],
    ["[search] Indexed 5 issues into /tmp/out/pagefind in 87 ms", { kind: "indexed", ok: true }],
    ["[search] Indexing failed: boom", { kind: "indexed", ok: false }],
    ["[11ty] Server at http://localhost:41639/", { kind: "server", url: "http://localhost:41639/" }],
    ["[11ty] Writing /tmp/out/feed.xml from ./x/_pages/feed-atom.njk (virtual)", undefined],
    ["[11ty] You saved while Eleventy was running, let’s run again. (1 change)", undefined],
  ])("%j", (line, event) => {
    expect(parseDevServerLine(line)).toEqual(event);
  });

  const settledAfter = (lines: string[]) => {
    const state = new DevServerState();
    for (const line of lines) state.apply(parseDevServerLine(line));
    return state.settled;
  };
  const start = ["[11ty] Wrote 46 files in 1.84 seconds", "[11ty] Watching…", "[search] Indexed 5 issues", "[11ty] Server at http://localhost:1/"];

  test("settled once it serves, Eleventy watches and the index is up to date", () => {
    expect(settledAfter(start)).toBe(true);
    for (let count = 0; count < start.length; count++) expect(settledAfter(start.slice(0, count))).toBe(false);
  });

  test("an edit: busy from the change until the build has ended and been indexed", () => {
    const edit = ["[11ty] File changed: a.md", "[11ty] Wrote 19 files in 0.16 seconds", "[11ty] Watching…", "[search] Indexed 5 issues"];
    for (let count = 1; count < edit.length; count++) expect(settledAfter([...start, ...edit.slice(0, count)])).toBe(false);
    expect(settledAfter([...start, ...edit])).toBe(true);
  });

  test("a build that ends while an indexing runs waits for the indexing it asked for", () => {
    const lines = [
      ...start,
      "[11ty] File changed: a.md",
      "[11ty] File changed: /tmp/newsletter-archive-1/full-build-request.txt",
      "[11ty] Wrote 19 files (skipped 13) in 0.16 seconds",
      "[11ty] You saved while Eleventy was running, let’s run again. (1 change)",
      "[11ty] Wrote 46 files in 0.45 seconds",
      "[11ty] Watching…",
      "[search] Indexed 5 issues",
    ];
    expect(settledAfter(lines)).toBe(false);
    expect(settledAfter([...lines, "[search] Indexed 5 issues"])).toBe(true);
  });
});

describe("startScriptArguments", () => {
  test("package.json's start script runs through tsx with plain arguments", () => {
    const script = (JSON.parse(readFileSync(path.join(projectRoot, "package.json"), "utf8")) as { scripts: { start: string } }).scripts.start;
    expect(startScriptArguments(script)).toEqual(["src/cli/start.ts"]);
    expect(startScriptArguments("tsx a.cjs --serve")).toEqual(["a.cjs", "--serve"]);
  });

  test.each(["node a.cjs", "tsx", "tsx a.cjs && rm -rf x", 'tsx a.cjs --x="y z"'])("%j is refused", (script) => {
    expect(() => startScriptArguments(script)).toThrow(`dev server: expected package.json's start script to be "tsx" and plain arguments, got ${JSON.stringify(script)}`);
  });
});
