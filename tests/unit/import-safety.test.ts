import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { ImportError } from "../../src/import/import-error.ts";
import { parseImportArgs } from "../../src/import/import-args.ts";
import { runImport, type ImportOptions } from "../../src/import/run-import.ts";
import type { ImportKind } from "../../src/import/source-post.ts";
import { readZip } from "../../src/import/zip.ts";
import { projectRoot, tempFolder } from "../support/run-build.ts";

const tsxCli = path.join(projectRoot, "node_modules/tsx/dist/cli.mjs");
import { ghostExport, rssFeed, substackPostsCsv, substackZip, writeFiles } from "../fixtures/import/exports.ts";

const now = new Date("2026-01-01T00:00:00Z");
const text = (value: string) => new TextEncoder().encode(value);

function setUp(files: Record<string, string | Uint8Array>) {
  const folder = tempFolder("import-safety-");
  writeFiles(folder, files);
  const content = path.join(folder, "issues");
  const run = (kind: ImportKind, source: string, extra: Partial<ImportOptions> = {}) =>
    runImport({ kind, source: path.join(folder, source), content, series: "lab-notes", seriesFromTag: new Map(), dryRun: false, force: false, now, ...extra });
  return { folder, content, run };
}

async function refusal(kind: ImportKind, files: Record<string, string | Uint8Array>, source: string, extra: Partial<ImportOptions> = {}): Promise<string> {
  const { content, run } = setUp(files);
  const error = await run(kind, source, extra).catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(ImportError);
  // Nothing written: not even the content folder.
  expect(existsSync(content)).toBe(false);
  return (error as Error).message;
}

describe("bad input is refused with the file and the reason, and nothing is written", () => {
  it.each([
    ["not a zip", "substack", { "x.zip": rssFeed }, "x.zip", /x\.zip: expected a zip archive \(the platform's export\), got a file that is not one/],
    ["a ../ entry", "substack", { "x.zip": substackZip({ "../evil.md": text("x") }) }, "x.zip", /x\.zip: "\.\.\/evil\.md": expected an entry name inside the archive, got a name with a \.\. segment/],
    ["an absolute entry", "substack", { "x.zip": substackZip({ "/etc/evil": text("x") }) }, "x.zip", /x\.zip: "\/etc\/evil": expected an entry name inside the archive, got an absolute name/],
    ["a zip bomb", "substack", { "x.zip": substackZip({ "posts/bomb.html": new Uint8Array(8 * 1024 * 1024) }) }, "x.zip", /"posts\/bomb\.html": expected an entry that expands at most 200 times, got \d+ bytes that expand to 8388608 \(a zip bomb\?\)/],
    ["a zip without posts.csv", "substack", { "x.zip": zipSync({ "a.txt": text("a") }) }, "x.zip", /x\.zip: expected posts\.csv in the zip \(Substack's export\), got none/],
    ["a CSV without a column", "substack", { "x.zip": substackZip({ "posts.csv": text(substackPostsCsv.replace("is_published,", "").replace(/,true,|,false,/g, ",")) }) }, "x.zip", /x\.zip: posts\.csv:1: expected the columns post_id, post_date, is_published, title, got no "is_published" column/],
    ["a body missing from the zip", "substack", { "x.zip": zipSync({ "posts.csv": text(substackPostsCsv) }) }, "x.zip", /x\.zip: posts\/101\.field-notes-one\.html: expected the body of posts\.csv:2, got no such entry\n.*x\.zip: posts\/102\.members-corner\.html: expected the body of posts\.csv:3/],
    ["broken JSON", "ghost", { "g.json": JSON.stringify(ghostExport).slice(0, 200) }, "g.json", /g\.json: expected Ghost's JSON export, got broken JSON \(/],
    ["JSON that is no Ghost export", "ghost", { "g.json": "{}" }, "g.json", /g\.json: expected Ghost's export, with db\[0\]\.data\.posts, got no such list/],
    [
      "an entity bomb",
      "wordpress",
      { "w.xml": '<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>\n<rss><channel><item><title>&lol2;</title></item></channel></rss>' },
      "w.xml",
      /w\.xml:2: expected XML without a <!DOCTYPE> declaration \(entities could expand without bound or read other files\), got one/,
    ],
    ["an external entity", "feed", { "f.xml": '<?xml version="1.0"?>\n\n<!doctype rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><rss><channel><title>&xxe;</title></channel></rss>' }, "f.xml", /f\.xml:3: expected XML without a <!DOCTYPE> declaration/],
    ["an undeclared entity", "wordpress", { "w.xml": "<rss><channel><item><title>&nope;</title></item></channel></rss>" }, "w.xml", /w\.xml: expected well-formed XML, got entity not found:&nope;/],
    ["broken XML", "feed", { "f.xml": "<rss><channel><item></channel>" }, "f.xml", /f\.xml: expected well-formed XML, got/],
    ["a missing file", "feed", {}, "nope.xml", /nope\.xml: expected the export file, got no such file/],
  ] as const)("%s", async (_name, kind, files, source, message) => {
    expect(await refusal(kind, files, source)).toMatch(message);
  });

  it("an unknown series in --series or --series-from-tag, naming newsletter.yml's", async () => {
    const message = await refusal("feed", { "f.xml": rssFeed }, "f.xml", { series: "nope", seriesFromTag: new Map([["biology", "also-nope"]]) });
    expect(message).toContain('--series: expected the id of one of the series in newsletter.yml (gradient-updates, zeta-alpha-trends, neurips-takeaways, lab-notes, link-digest), got "nope"');
    expect(message).toContain('--series-from-tag biology=also-nope: expected the id of one of the series in newsletter.yml');
  });

  it("no --series when newsletter.yml sets no default_series", async () => {
    expect(await refusal("feed", { "f.xml": rssFeed }, "f.xml", { series: undefined })).toContain("--series: expected the id of one of the series in newsletter.yml (gradient-updates, zeta-alpha-trends, neurips-takeaways, lab-notes, link-digest), as it sets no default_series, got nothing");
  });

  it("npm run import exits 1 on bad input with the file and reason; --dry-run prints what it would write", () => {
    const folder = tempFolder("import-cli-");
    writeFiles(folder, { "rss.xml": rssFeed });
    const cli = (...args: string[]) => spawnSync(process.execPath, [tsxCli, "src/cli/import.ts", ...args], { cwd: projectRoot, encoding: "utf8" });
    const bad = cli("--from", "feed", path.join(folder, "nope.xml"), "--series", "lab-notes", "--content", path.join(folder, "issues"));
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/import: .*nope\.xml: expected the export file, got no such file/);
    const dry = cli("--from", "feed", path.join(folder, "rss.xml"), "--series", "lab-notes", "--content", path.join(folder, "issues"), "--dry-run");
    expect(dry.status, dry.stderr).toBe(0);
    expect(dry.stdout).toMatch(/^would write .*2022-01-05-full-text-item\.md$/m);
    expect(dry.stdout.trim().split("\n").at(-1)).toMatch(/^Would import 2 posts from .*rss\.xml \(0 drafts\), 0 images to copy, 2 redirects$/);
    expect(existsSync(path.join(folder, "issues"))).toBe(false);
  });

  it("zip limits on the total size, before anything is inflated", () => {
    expect(() => readZip(substackZip(), "x.zip", { totalBytes: 100, maxRatio: 200, ratioFloor: 1024 ** 2, entries: 100 })).toThrow(/x\.zip: expected entries of at most 100 bytes in all, got \d+ \(a zip bomb\?\)/);
  });
});

describe("safe and repeatable", () => {
  it("--dry-run writes nothing and says what it would do", async () => {
    const { content, run } = setUp({ "x.zip": substackZip() });
    const outcome = await run("substack", "x.zip", { dryRun: true });
    expect(existsSync(content)).toBe(false);
    expect(outcome.issues.filter((issue) => issue.action === "new")).toHaveLength(3);
  });

  it("a second identical run changes no byte; an edited issue is kept unless --force; a file not written by an import is kept", async () => {
    const { content, run } = setUp({ "x.zip": substackZip() });
    await run("substack", "x.zip");
    const files = readdirSync(content).filter((name) => name.endsWith(".md")).sort();
    const before = new Map(files.map((name) => [name, { text: readFileSync(path.join(content, name), "utf8"), mtime: statSync(path.join(content, name)).mtimeMs }]));
    const fetchList = readFileSync(path.join(content, "images-to-fetch.txt"), "utf8");
    const again = await run("substack", "x.zip");
    expect(again.issues.map((issue) => issue.action)).toEqual(["unchanged", "unchanged", "unchanged"]);
    for (const [name, { text: was, mtime }] of before) {
      expect(readFileSync(path.join(content, name), "utf8")).toBe(was);
      expect(statSync(path.join(content, name)).mtimeMs).toBe(mtime);
    }
    expect(readFileSync(path.join(content, "images-to-fetch.txt"), "utf8")).toBe(fetchList);

    const edited = path.join(content, "2021-03-04-field-notes-one.md");
    writeFileSync(edited, `${before.get("2021-03-04-field-notes-one.md")?.text}\nMy own addition.\n`);
    const foreign = path.join(content, "2021-04-01-members-corner.md");
    writeFileSync(foreign, "---\ntitle: Mine\ndate: \"2021-04-01\"\nseries: lab-notes\nsummary: Mine.\n---\n\nMine.\n");
    const kept = await run("substack", "x.zip");
    expect(kept.issues.map((issue) => issue.action)).toEqual(["kept-edited", "kept-foreign", "unchanged"]);
    expect(readFileSync(edited, "utf8")).toContain("My own addition.");
    expect(readFileSync(foreign, "utf8")).toContain("title: Mine");

    const forced = await run("substack", "x.zip", { force: true });
    expect(forced.issues.map((issue) => issue.action)).toEqual(["replaced", "replaced", "unchanged"]);
    expect(readFileSync(edited, "utf8")).toBe(before.get("2021-03-04-field-notes-one.md")?.text);
  });

  it("a post whose address another issue of the folder has is a reported failure, not a file", async () => {
    const { content, run } = setUp({
      "x.zip": substackZip(),
      "issues/2020-01-01-field-notes-one.md": '---\ntitle: Older\ndate: "2020-01-01"\nseries: lab-notes\nsummary: Older.\n---\n\nOlder.\n',
    });
    const outcome = await run("substack", "x.zip");
    expect(outcome.failures.join("\n")).toMatch(/posts\.csv:2 \(101\.field-notes-one\): would not build, so .*2021-03-04-field-notes-one\.md was not written:\n {2}.*url: expected a URL no other issue has, got \/issues\/field-notes-one\//);
    expect(existsSync(path.join(content, "2021-03-04-field-notes-one.md"))).toBe(false);
    expect(existsSync(path.join(content, "2021-04-01-members-corner.md"))).toBe(true);
  });
});

describe("parseImportArgs", () => {
  it("reads every flag, in both spellings", () => {
    const options = parseImportArgs(["--from", "ghost", "g.json", "--series=lab-notes", "--series-from-tag", "Machine Learning=link-digest", "--content", "x", "--old-site", "https://old.example", "--dry-run", "--force"]);
    expect(options).toEqual({ kind: "ghost", source: "g.json", series: "lab-notes", seriesFromTag: new Map([["machine-learning", "link-digest"]]), content: "x", oldSite: "https://old.example", dryRun: true, force: true });
  });

  it("names every mistake at once, with the usage", () => {
    expect(() => parseImportArgs(["--from", "medium", "--series-from-tag", "x", "--old-site", "old.example", "--nope"])).toThrow(
      /--from: expected one of substack, ghost, buttondown, wordpress, feed, got "medium"\n--series-from-tag: expected tag=series, got "x"\n--old-site: expected the old site's address, like https:\/\/example\.substack\.com, got "old\.example"\nexpected --from, .* got "--nope"\nexpected one export file, got none\nusage: npm run import/,
    );
  });
});
