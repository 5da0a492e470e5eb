import { spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "vitest";
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
