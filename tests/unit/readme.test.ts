import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");
const readme = readFileSync(path.join(root, "README.md"), "utf8");
const scripts = Object.keys((JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")) as { scripts: Record<string, string> }).scripts);

/** The npm scripts a text tells its reader to run: `npm run X`, `npm start`, `npm test`. */
function npmCommands(text: string): string[] {
  const named = [...text.matchAll(/\bnpm (?:run )?([\w:-]+)/g)].map((match) => match[1] ?? "");
  // `npm ci` and `npm install` are npm's own commands, not scripts.
  return [...new Set(named.filter((name) => name !== "ci" && name !== "install"))];
}

/** The files a text links or shows: `[text](path)` and `![alt](path)`, not web addresses or anchors,
 *  nor the Markdown it quotes as code (`![A chart](chart.png)` shows the syntax). */
function localLinks(text: string): string[] {
  return [...text.replace(/`[^`\n]+`/g, "").matchAll(/\]\(([^)#\s]+)(?:#[^)]*)?\)/g)].map((match) => match[1] ?? "").filter((target) => !/^[a-z]+:/.test(target));
}

describe("README.md", () => {
  test("is short enough to read in a few minutes: at most 200 lines", () => {
    expect(readme.trimEnd().split("\n").length).toBeLessThanOrEqual(200);
  });

  test("every npm command it gives is a script of package.json", () => {
    const commands = npmCommands(readme);
    expect(commands).toEqual(expect.arrayContaining(["build", "start", "preview", "test", "check"]));
    expect(commands.filter((name) => !scripts.includes(name))).toEqual([]);
  });

  test("every file it links or shows is in the project", () => {
    const links = localLinks(readme);
    expect(links).toContain("docs/screenshot-issue.png");
    expect(links.filter((target) => !existsSync(path.join(root, target)))).toEqual([]);
  });

  test("quotes no commit hashes: figures are today's, the history is in git", () => {
    expect(readme.match(/\b(?:at|commit) [0-9a-f]{7,40}\b/g) ?? []).toEqual([]);
  });
});

describe("docs/performance.md", () => {
  test("holds today's figures in at most 150 lines", () => {
    const text = readFileSync(path.join(root, "docs/performance.md"), "utf8");
    expect(text.trimEnd().split("\n").length).toBeLessThanOrEqual(150);
    expect(text).toMatch(/^\| 1,000 \|/m);
  });
});

describe("localLinks", () => {
  test.each([
    ["![A screenshot](docs/shot.png) and [the guide](docs/guide.md#top)", ["docs/shot.png", "docs/guide.md"]],
    ["[a site](https://example.org/) and [a section](#search)", []],
    ['write `![A chart](chart.png "Readers")` beside the issue', []],
  ])("%s", (text, expected) => {
    expect(localLinks(text)).toEqual(expected);
  });
});

describe("npmCommands", () => {
  test.each([
    ["`npm ci && npm run build`", ["build"]],
    ["npm start, then npm test", ["start", "test"]],
    ["npm run bench:edit -- --issues 4000", ["bench:edit"]],
    ["npm install", []],
  ])("%s", (text, expected) => {
    expect(npmCommands(text)).toEqual(expected);
  });
});
