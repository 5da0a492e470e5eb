import { execFileSync } from "node:child_process";
import { mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { classifyContentPath, fileErrorWords, noIssuesMessage, scanContentFolder } from "../../src/eleventy/content-folder.ts";
import { tempFolder } from "../support/run-build.ts";

describe("classifyContentPath", () => {
  test.each(["2022-03-10-a.md", "2022-03-10-a.MD", "2022-03-10-a.Md", "2022/2022-03-10-a.md", ".hidden.md"])("%s is an issue", (file) => {
    expect(classifyContentPath(file)).toEqual({ role: "issue" });
  });

  test.each(["cover.png", "photo.JPG", "paper.pdf", "notes.txt", "data.json", "list.yaml", "README", ".DS_Store", "md", "images/a.svg"])(
    "%s is left alone",
    (file) => {
      expect(classifyContentPath(file)).toEqual({ role: "inert" });
    },
  );

  const code = ", which could run code";
  test.each([
    ["page.njk", `a Nunjucks template${code}`],
    ["page.NJK", `a Nunjucks template${code}`],
    ["page.liquid", `a Liquid template${code}`],
    ["page.html", `an HTML template (Eleventy renders HTML with Nunjucks)${code}`],
    ["page.htm", `an HTML template (Eleventy renders HTML with Nunjucks)${code}`],
    ["script.js", `a JavaScript file${code}`],
    ["script.cjs", `a JavaScript file${code}`],
    ["script.mjs", `a JavaScript file${code}`],
    ["script.ts", `a TypeScript file${code}`],
    ["page.jsx", `a JSX file${code}`],
    ["page.tsx", `a JSX file${code}`],
    ["page.webc", `a WebC template${code}`],
    ["page.hbs", `a Handlebars template${code}`],
    ["page.mustache", `a Mustache template${code}`],
    ["page.ejs", `an EJS template${code}`],
    ["page.haml", `a Haml template${code}`],
    ["page.pug", `a Pug template${code}`],
    ["page.11ty.js", `an Eleventy JavaScript template${code}`],
    ["page.11ty.cjs", `an Eleventy JavaScript template${code}`],
    ["issues.11tydata.js", `an Eleventy data file${code}`],
    ["2022-03-10-a.11tydata.json", `an Eleventy data file${code}`],
    ["2022-03-10-a.11tydata.md", `an Eleventy data file${code}`],
    ["_data/site.js", `site data in a _data folder${code}`],
    ["_data/site.json", `site data in a _data folder${code}`],
    ["2022/_data/notes.md", `site data in a _data folder${code}`],
    ["_includes/base.md", `a layout in an _includes folder${code}`],
    ["_includes/logo.png", `a layout in an _includes folder${code}`],
  ])("%s is refused: %s", (file, got) => {
    expect(classifyContentPath(file)).toEqual({ role: "refused", got });
  });
});

test.each([
  [Object.assign(new Error("EACCES: permission denied, open 'x.md'"), { code: "EACCES" }), "permission denied (EACCES)"],
  [Object.assign(new Error("ENAMETOOLONG: name too long"), { code: "ENAMETOOLONG" }), "a path too long for the file system (ENAMETOOLONG)"],
  [Object.assign(new Error("EISDIR: illegal operation on a directory"), { code: "EISDIR" }), "a folder (EISDIR)"],
  [Object.assign(new Error("EXDEV: something odd"), { code: "EXDEV" }), "an error reading it (EXDEV)"],
  [new Error("no code at all"), "no code at all"],
])("fileErrorWords: %s", (error, words) => {
  expect(fileErrorWords(error)).toBe(words);
});

describe("scanContentFolder", () => {
  const shown = (absolutePath: string) => path.relative(process.cwd(), absolutePath);

  test("lists the issue files of any case, sorted, and names every file it refuses with the reason", async () => {
    const root = tempFolder("scan-");
    const content = path.join(root, "issues");
    const files: Record<string, string> = {
      "2022-03-10-b.md": "b",
      "2022-03-11-a.MD": "aa",
      "2022/2022-01-01-c.Md": "ccc",
      "cover.png": "png",
      "page.njk": "{{ 1 }}",
      "_data/site.json": "{}",
      "node_modules/pkg/readme.md": "skipped, as Eleventy skips it",
      "node_modules/pkg/index.js": "skipped too",
    };
    for (const [file, text] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(content, file)), { recursive: true });
      writeFileSync(path.join(content, file), text);
    }
    writeFileSync(path.join(root, "outside.md"), "outside");
    mkdirSync(path.join(root, "elsewhere"));
    symlinkSync(path.join(root, "outside.md"), path.join(content, "link-out.md"));
    symlinkSync(path.join(root, "elsewhere"), path.join(content, "folder-out"));
    symlinkSync("2022-03-10-b.md", path.join(content, "link-in.md"));
    symlinkSync("gone.md", path.join(content, "dangling.md"));
    execFileSync("mkfifo", [path.join(content, "2022-03-12-pipe.md")]);
    // 80 characters of 3 bytes make a 254-byte name, whose slug (NFKC) takes 2,640 bytes.
    const longSlug = `2022-03-13-${"\uFDFA".repeat(80)}.md`;
    writeFileSync(path.join(content, longSlug), "long");

    const scan = await scanContentFolder(content);

    const file = (name: string) => shown(path.join(content, name));
    expect(scan.issues.map((issue) => [issue.file, issue.size])).toEqual([
      [file("2022-03-10-b.md"), 1],
      [file("2022-03-11-a.MD"), 2],
      [file(longSlug), 4],
      [file("2022/2022-01-01-c.Md"), 3],
    ]);
    const only = "expected only issue files (*.md) and the files they reference";
    const stored = "expected a file stored in the content folder";
    expect(scan.problems).toEqual([
      `${file("2022-03-12-pipe.md")}: file: expected a readable file, got a named pipe (FIFO)`,
      `${file(longSlug)}: file name: expected a name whose page folder takes at most 255 bytes, got one that takes 2640; shorten the name`,
      `${file("_data/site.json")}: file: ${only}, got site data in a _data folder, which could run code; move it out of the content folder`,
      `${file("dangling.md")}: file: ${stored}, got a symbolic link to ${file("gone.md")}, which does not exist; remove the link`,
      `${file("folder-out")}: file: ${stored}, got a symbolic link to ${path.join(root, "elsewhere")} (a folder), outside the content folder; copy what it links to into the content folder instead`,
      `${file("link-in.md")}: file: ${stored}, got a symbolic link to ${file("2022-03-10-b.md")}; links are not followed: remove the link, or put a copy of what it links to in its place`,
      `${file("link-out.md")}: file: ${stored}, got a symbolic link to ${path.join(root, "outside.md")}, outside the content folder; copy what it links to into the content folder instead`,
      `${file("page.njk")}: file: ${only}, got a Nunjucks template, which could run code; move it out of the content folder`,
    ]);
  });

  test("a path too long for the system is named, and the other files are still listed", async () => {
    const content = path.join(tempFolder("scan-long-"), "issues");
    mkdirSync(content);
    writeFileSync(path.join(content, "2022-03-10-fine.md"), "fine");
    // Folders of 200 characters, nested to just under Linux's 4,096-byte path limit, and a file in the
    // deepest whose path passes it: Node lists the folder but cannot stat the file. The shell makes
    // it from inside the folder.
    const depth = Math.floor((4050 - content.length) / 201);
    const folders = Array.from({ length: depth }, (_, index) => `${index}`.padEnd(200, "f"));
    const deepest = path.join(content, ...folders);
    const name = `2022-03-11-${"d".repeat(4100 - deepest.length - 14)}.md`;
    mkdirSync(deepest, { recursive: true });
    execFileSync("sh", ["-c", `cd "${deepest}" && : > ${name}`]);

    const scan = await scanContentFolder(content);

    expect(scan.issues.map((issue) => issue.file)).toEqual([shown(path.join(content, "2022-03-10-fine.md"))]);
    expect(scan.problems).toEqual([`${shown(path.join(deepest, name))}: file: expected a readable file, got a path too long for the file system (ENAMETOOLONG)`]);
  });

  test("a missing folder, a file given as the folder, an empty folder and one without issues", async () => {
    const root = tempFolder("scan-none-");
    expect(await scanContentFolder(path.join(root, "missing"))).toEqual({ issues: [], problems: [], otherFiles: 0, missing: true });
    writeFileSync(path.join(root, "file.md"), "not a folder");
    expect((await scanContentFolder(path.join(root, "file.md"))).problems).toEqual([
      `${shown(path.join(root, "file.md"))}: folder: expected the folder that holds the issues, got a file; pass --content with its folder`,
    ]);
    mkdirSync(path.join(root, "empty"));
    const empty = await scanContentFolder(path.join(root, "empty"));
    expect(noIssuesMessage(path.join(root, "empty"), empty)).toBe(
      `no issues in ${shown(path.join(root, "empty"))}: it is empty; add an issue, or pass --content with the folder that holds the issues`,
    );
    mkdirSync(path.join(root, "images"));
    writeFileSync(path.join(root, "images", "a.png"), "png");
    const images = await scanContentFolder(path.join(root, "images"));
    expect(noIssuesMessage(path.join(root, "images"), images)).toBe(
      `no issues in ${shown(path.join(root, "images"))}: it holds 1 file, none of them an issue (*.md); add an issue, or pass --content with the folder that holds the issues`,
    );
    expect(noIssuesMessage(path.join(root, "missing"), { missing: true, otherFiles: 0 })).toBe(
      `no issues in ${shown(path.join(root, "missing"))}: the folder does not exist; pass --content with the folder that holds the issues`,
    );
  });
});
