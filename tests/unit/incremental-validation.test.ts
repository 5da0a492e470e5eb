// `npm start` rebuilds after every edit: the issues plugin then validates only the files that
// changed (IssueValidationCache) and keeps the site index when an edit changes only what the
// issue's own page shows (ContentState.update).
import { mkdirSync, utimesSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { ContentState } from "../../src/eleventy/content-state.ts";
import { listIssueFiles, readIssueBytes, type IssueFileStat } from "../../src/eleventy/issue-files.ts";
import { IssueValidationCache } from "../../src/eleventy/issue-validation-cache.ts";
import { SerialJobs } from "../../src/eleventy/serial-jobs.ts";
import type { Issue } from "../../src/model/issue.ts";
import { validateIssueSources } from "../../src/model/validate-issues.ts";
import { tempFolder } from "../support/run-build.ts";

function issueText(title: string, body: string, extra = ""): string {
  return `---\ntitle: "${title}"\ndate: "2022-03-10"\nseries: lab-notes\nsummary: "A summary."\ntags: ["bias"]\n${extra}---\n\n${body}\n`;
}

/** An in-memory content folder: files by name, each with a modification time bumped on write. */
class Files {
  #texts = new Map<string, string>();
  #times = new Map<string, number>();
  reads: string[] = [];
  #clock = 1;

  write(name: string, text: string): void {
    this.#texts.set(`/site/issues/${name}`, text);
    this.#times.set(`/site/issues/${name}`, this.#clock++);
  }
  touch(name: string): void {
    this.#times.set(`/site/issues/${name}`, this.#clock++);
  }
  remove(name: string): void {
    this.#texts.delete(`/site/issues/${name}`);
  }
  stats(): IssueFileStat[] {
    return [...this.#texts.keys()].sort().map((absolutePath) => ({
      file: `issues/${path.basename(absolutePath)}`,
      absolutePath,
      mtimeMs: this.#times.get(absolutePath) ?? 0,
      size: Buffer.byteLength(this.#texts.get(absolutePath) ?? ""),
    }));
  }
  read = async (absolutePath: string): Promise<Uint8Array> => {
    this.reads.push(path.basename(absolutePath));
    return new TextEncoder().encode(this.#texts.get(absolutePath) ?? "");
  };
  sources() {
    return this.stats().map((stat) => ({ file: stat.file, absolutePath: stat.absolutePath, bytes: new TextEncoder().encode(this.#texts.get(stat.absolutePath) ?? "") }));
  }
}

function corpus(count: number): Files {
  const files = new Files();
  for (let index = 0; index < count; index++) files.write(`2022-03-10-issue-${index}.md`, issueText(`Issue ${index}`, `Body of issue ${index}.`));
  return files;
}

describe("IssueValidationCache", () => {
  test("the first update validates every file, exactly as validateIssueSources does", async () => {
    const files = corpus(3);
    files.write("2022-03-10-broken.md", issueText("Broken", "Text.", "draf: true\n"));
    const cache = new IssueValidationCache();
    const result = await cache.update(files.stats(), files.read);
    expect(result).toEqual({ ...validateIssueSources(files.sources()), changed: files.stats().map((stat) => stat.absolutePath) });
    expect(result.problems).toEqual([expect.stringContaining("issues/2022-03-10-broken.md: draf: expected one of the fields")]);
  });

  test("a later update reads and validates only the files whose stat changed, and keeps every other model", async () => {
    const files = corpus(50);
    const cache = new IssueValidationCache();
    const first = await cache.update(files.stats(), files.read);
    files.reads = [];
    files.write("2022-03-10-issue-7.md", issueText("Issue 7", "Body of issue 7, with one more sentence."));
    const second = await cache.update(files.stats(), files.read);
    expect(files.reads).toEqual(["2022-03-10-issue-7.md"]);
    expect(second.changed).toEqual(["/site/issues/2022-03-10-issue-7.md"]);
    expect(second.problems).toEqual([]);
    // Unchanged files keep their very models; the changed one is new.
    const changedIndex = second.issues.findIndex((issue) => issue.slug === "issue-7");
    second.issues.forEach((issue, index) => (index === changedIndex ? expect(issue).not.toBe(first.issues[index]) : expect(issue).toBe(first.issues[index])));
    expect(second.issues[changedIndex]?.words).toBeGreaterThan(first.issues[changedIndex]?.words ?? Infinity);
    expect(second).toEqual({ ...validateIssueSources(files.sources()), changed: second.changed });
  });

  test("a file touched without a change is read again but not reported as changed", async () => {
    const files = corpus(3);
    const cache = new IssueValidationCache();
    await cache.update(files.stats(), files.read);
    files.reads = [];
    files.touch("2022-03-10-issue-1.md");
    const result = await cache.update(files.stats(), files.read);
    expect(files.reads).toEqual(["2022-03-10-issue-1.md"]);
    expect(result.changed).toEqual([]);
  });

  test("problems stay reported until fixed; added and removed files count as changed; URL clashes are checked every time", async () => {
    const files = corpus(3);
    const cache = new IssueValidationCache();
    await cache.update(files.stats(), files.read);
    files.write("2022-03-10-issue-2.md", issueText("Issue 2", "Text.", 'date: "2022-02-30"\n').replace('date: "2022-03-10"\n', ""));
    const broken = await cache.update(files.stats(), files.read);
    expect(broken.problems).toEqual([expect.stringMatching(/^issues\/2022-03-10-issue-2\.md: date: expected .+, got "2022-02-30"$/)]);
    // Another file changes; the broken one is not read again, and its problem is still reported.
    files.reads = [];
    files.write("2022-03-10-issue-0.md", issueText("Issue 0", "New text."));
    expect((await cache.update(files.stats(), files.read)).problems).toEqual(broken.problems);
    expect(files.reads).toEqual(["2022-03-10-issue-0.md"]);
    files.write("2022-03-10-issue-2.md", issueText("Issue 2", "Fixed."));
    expect((await cache.update(files.stats(), files.read)).problems).toEqual([]);

    files.write("2021-01-01-issue-1.md", issueText("Clash", "Same URL as issue-1."));
    files.remove("2022-03-10-issue-0.md");
    const clash = await cache.update(files.stats(), files.read);
    expect(clash.changed.sort()).toEqual(["/site/issues/2021-01-01-issue-1.md", "/site/issues/2022-03-10-issue-0.md"]);
    expect(clash.problems).toHaveLength(2);
    expect(clash.problems[0]).toMatch(/url: expected a URL no other issue has, got \/issues\/issue-1\//);
  });

  test("clear() makes the next update validate every file again", async () => {
    const files = corpus(4);
    const cache = new IssueValidationCache();
    await cache.update(files.stats(), files.read);
    cache.clear();
    files.reads = [];
    expect((await cache.update(files.stats(), files.read)).changed).toHaveLength(4);
    expect(files.reads).toHaveLength(4);
  });

  test("listIssueFiles lists the Markdown files under a folder, sorted, with their stats", async () => {
    const folder = path.join(tempFolder("list-issues-"), "issues");
    mkdirSync(path.join(folder, "nested"), { recursive: true });
    writeFileSync(path.join(folder, "b.md"), "b");
    writeFileSync(path.join(folder, "nested", "a.md"), "aa");
    writeFileSync(path.join(folder, "notes.txt"), "not an issue");
    utimesSync(path.join(folder, "b.md"), 1000, 1000);
    const listed = await listIssueFiles(folder);
    expect(listed.map((file) => [path.relative(folder, file.absolutePath), file.size])).toEqual([["b.md", 1], [path.join("nested", "a.md"), 2]]);
    expect(listed[0]?.mtimeMs).toBe(1_000_000);
    expect(new TextDecoder().decode(await readIssueBytes(listed[1]?.absolutePath ?? ""))).toBe("aa");
  });
});

describe("ContentState.update", () => {
  const policy = { showUnpublished: true, today: "2030-01-01" };

  async function states() {
    const files = corpus(5);
    const cache = new IssueValidationCache();
    const state = new ContentState();
    const first = await cache.update(files.stats(), files.read);
    state.replace(first.issues, policy);
    return { files, cache, state, index: state.index() };
  }

  test("an edit to the body alone keeps the index, and the issue's page reads its new word count", async () => {
    const { files, cache, state, index } = await states();
    files.write("2022-03-10-issue-3.md", issueText("Issue 3", "Body of issue 3, now a good deal longer than it was."));
    const next = await cache.update(files.stats(), files.read);
    expect(state.update(next.issues, policy, next.changed)).toBe(false);
    expect(state.index()).toBe(index);
    const issue = state.issueAt("/site/issues/2022-03-10-issue-3.md") as Issue;
    expect(issue.words).toBe(next.issues.find((each) => each.slug === "issue-3")?.words);
    // The index lists that same model.
    expect(index.issues).toContain(issue);
    // Only listings showing that issue's text are due again (the feeds listing it).
    expect(state.listingsDue()).toEqual(new Set(["/site/issues/2022-03-10-issue-3.md"]));
  });

  test("after a replacement, or an edit that rebuilds the index, every listing is due", async () => {
    const { files, cache, state } = await states();
    expect(state.listingsDue()).toBeUndefined();
    files.write("2022-03-10-issue-3.md", issueText("Issue 3", "A longer body of issue 3."));
    let next = await cache.update(files.stats(), files.read);
    state.update(next.issues, policy, next.changed);
    expect(state.listingsDue()?.size).toBe(1);
    files.write("2022-03-10-issue-3.md", issueText("A new title", "A longer body of issue 3."));
    next = await cache.update(files.stats(), files.read);
    expect(state.update(next.issues, policy, next.changed)).toBe(true);
    expect(state.listingsDue()).toBeUndefined();
  });

  test.each([
    ["the title", issueText("A new title", "Body of issue 3.")],
    ["the tags", issueText("Issue 3", "Body of issue 3.").replace('["bias"]', '["bias", "vision"]')],
    ["a hashtag in the body", issueText("Issue 3", "Body of issue 3.\n\n#vision")],
    ["the draft flag", issueText("Issue 3", "Body of issue 3.", "draft: true\n")],
  ])("an edit to %s rebuilds the index", async (_what, text) => {
    const { files, cache, state, index } = await states();
    files.write("2022-03-10-issue-3.md", text);
    const next = await cache.update(files.stats(), files.read);
    expect(state.update(next.issues, policy, next.changed)).toBe(true);
    expect(state.index()).not.toBe(index);
    expect(state.index().issues).toContain(state.issueAt("/site/issues/2022-03-10-issue-3.md"));
  });

  test("an added or removed issue, or another day, rebuilds the index", async () => {
    const { files, cache, state } = await states();
    files.write("2022-03-11-issue-new.md", issueText("New", "New issue."));
    let next = await cache.update(files.stats(), files.read);
    expect(state.update(next.issues, policy, next.changed)).toBe(true);
    expect(state.index().issues).toHaveLength(6);
    files.remove("2022-03-10-issue-0.md");
    next = await cache.update(files.stats(), files.read);
    expect(state.update(next.issues, policy, next.changed)).toBe(true);
    expect(state.index().issues).toHaveLength(5);
    next = await cache.update(files.stats(), files.read);
    expect(state.update(next.issues, policy, next.changed)).toBe(false);
    expect(state.update(next.issues, { ...policy, today: "2030-01-02" }, next.changed)).toBe(true);
  });
});

describe("SerialJobs", () => {
  test("runs one job at a time; jobs asked for meanwhile collapse into the latest; errors are reported, not thrown", async () => {
    const errors: unknown[] = [];
    const jobs = new SerialJobs((error) => errors.push(error));
    const log: string[] = [];
    let running = 0;
    const job = (name: string, fail = false) => async () => {
      running++;
      expect(running).toBe(1);
      log.push(`start ${name}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
      log.push(`end ${name}`);
      running--;
      if (fail) throw new Error(`${name} failed`);
    };
    jobs.run(job("a", true));
    jobs.run(job("b"));
    jobs.run(job("c"));
    await jobs.idle();
    expect(log).toEqual(["start a", "end a", "start c", "end c"]);
    expect(errors).toEqual([new Error("a failed")]);
    jobs.run(job("d"));
    await jobs.idle();
    expect(log.at(-1)).toBe("end d");
  });
});
