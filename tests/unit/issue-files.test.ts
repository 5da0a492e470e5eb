import { spawnSync } from "node:child_process";
import { chmodSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "vitest";
import type { IssueFileStat } from "../../src/eleventy/content-folder.ts";
import { IssueValidationCache } from "../../src/eleventy/issue-validation-cache.ts";
import { issueText } from "../support/hostile.ts";
import { projectRoot, tempFolder } from "../support/run-build.ts";

// Regression: reading every issue at once failed with EMFILE (too many open files) on a
// 20,000-issue corpus. Here a low open-file limit stands in for the large corpus.
test("reads more issue files than the process may open at once", () => {
  const content = path.join(tempFolder("many-files-"), "issues");
  mkdirSync(path.join(content, "nested"), { recursive: true });
  for (let index = 0; index < 600; index++) {
    writeFileSync(path.join(content, index % 2 ? "nested" : "", `2022-01-01-issue-${index}.md`), `issue ${index}\n`);
  }
  writeFileSync(path.join(content, "notes.txt"), "not an issue\n");
  // Lists (with a stat of each file) and reads every issue the way a build does.
  const script = `import { listIssueFiles, readIssueBytes } from ${JSON.stringify(path.join(projectRoot, "src/eleventy/issue-files.ts"))};
import { IssueValidationCache } from ${JSON.stringify(path.join(projectRoot, "src/eleventy/issue-validation-cache.ts"))};
const files = await listIssueFiles(${JSON.stringify(content)});
const read = new Set();
await new IssueValidationCache().update(files, async (file) => { const bytes = await readIssueBytes(file); if (bytes.length > 0) read.add(file); return bytes; });
console.log(files.length, read.size);`;
  const result = spawnSync("bash", ["-c", `ulimit -n 256 && "${process.execPath}" --import tsx --input-type=module -e '${script}'`], {
    cwd: projectRoot,
    encoding: "utf8",
  });
  expect(result.stderr).not.toContain("EMFILE");
  expect(result.stdout.trim()).toBe("600 600");
});

// An unreadable issue is one problem among the others, in plain words, on both paths that read
// issues: the build's worker threads (prerender.ts) and the issues plugin's cache (npm start).
// Root reads any file: as root, the check runs as `nobody`.
test("a file that cannot be read is named with the cause, and the other files are still validated", () => {
  const root = tempFolder("unreadable-");
  chmodSync(root, 0o755);
  const content = path.join(root, "issues");
  mkdirSync(content);
  writeFileSync(path.join(content, "2022-03-10-fine.md"), issueText());
  writeFileSync(path.join(content, "2022-03-11-locked.md"), issueText());
  writeFileSync(path.join(content, "2022-03-12-invalid.md"), issueText({ title: null }));
  chmodSync(path.join(content, "2022-03-11-locked.md"), 0o000);
  const module = (file: string) => JSON.stringify(path.join(projectRoot, file));
  const script = `import { scanContentFolder } from ${module("src/eleventy/content-folder.ts")};
import { readIssueBytes } from ${module("src/eleventy/issue-files.ts")};
import { IssueValidationCache } from ${module("src/eleventy/issue-validation-cache.ts")};
import { IssuePrerenderer } from ${module("src/markdown/prerender.ts")};
const { issues: files } = await scanContentFolder(${JSON.stringify(content)});
const shape = ({ issues, problems }) => ({ issues: issues.map((issue) => issue.slug), problems });
const cached = await new IssueValidationCache().update(files, readIssueBytes);
const prerenderer = new IssuePrerenderer();
prerenderer.start(${JSON.stringify(content)}, async () => files);
const prerendered = await prerenderer.validated(files);
await prerenderer.close();
console.log(JSON.stringify({ cached: shape(cached), prerendered: prerendered && shape(prerendered) }));`;
  const node = [process.execPath, "--import", "tsx", "--input-type=module", "-e", script];
  const [command = "", ...args] = process.getuid?.() === 0 ? ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", ...node] : node;
  const result = spawnSync(command, args, { cwd: projectRoot, encoding: "utf8" });
  expect(result.stderr).toBe("");
  const file = (name: string) => path.relative(projectRoot, path.join(content, name));
  const expected = {
    issues: ["fine"],
    problems: [
      `${file("2022-03-11-locked.md")}: file: expected a readable file, got permission denied (EACCES)`,
      `${file("2022-03-12-invalid.md")}: title: expected a non-empty title, got nothing`,
    ],
  };
  expect(JSON.parse(result.stdout)).toEqual({ cached: expected, prerendered: expected });
});

test("the cache reads an unreadable file again on the next update, though its stat is unchanged", async () => {
  const files: IssueFileStat[] = [{ file: "issues/2022-03-10-a.md", absolutePath: "/site/issues/2022-03-10-a.md", mtimeMs: 1, size: 10 }];
  const cache = new IssueValidationCache();
  const denied = Object.assign(new Error("EACCES: permission denied, open '/site/issues/2022-03-10-a.md'"), { code: "EACCES" });
  const first = await cache.update(files, () => Promise.reject(denied));
  expect(first.problems).toEqual(["issues/2022-03-10-a.md: file: expected a readable file, got permission denied (EACCES)"]);
  const second = await cache.update(files, async () => new TextEncoder().encode(issueText()));
  expect(second.problems).toEqual([]);
  expect(second.issues.map((issue) => issue.slug)).toEqual(["a"]);
  expect(second.changed).toEqual(["/site/issues/2022-03-10-a.md"]);
});
