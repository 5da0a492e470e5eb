// Files that cannot be read as issues (an alias bomb, nesting too deep, CR-only line breaks, UTF-16)
// are each named with their cause in one run, beside the other files' problems, and leave the
// previous site as it was; adversarial bodies of a few hundred KB build to valid pages. Their
// build time is not asserted: `npm run bench:hostile` measures it, the suite's timeout bounds it.
import { readFileSync } from "node:fs";
import path from "node:path";
import * as cheerio from "cheerio";
import { beforeAll, describe, expect, test } from "vitest";
import { runSiteChecks } from "../../src/check/check-site.ts";
import { issueHref } from "../../src/model/issue-url.ts";
import { siteManifest } from "../support/manifest.ts";
import { issueText, previousSite, writeContent, type PreviousSite } from "../support/hostile.ts";
import { projectRoot, runBuild, type BuildRun } from "../support/run-build.ts";

/** `text` as UTF-16 LE bytes, with or without a byte order mark. */
function utf16le(text: string, bom: boolean): Uint8Array {
  const bytes = Buffer.from(text, "utf16le");
  return bom ? Buffer.concat([Buffer.from([0xff, 0xfe]), bytes]) : bytes;
}

const aliasBomb = {
  a: 'a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]',
  b: "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]",
  c: "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]",
  d: "d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]",
  e: "e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]",
};

const unreadableFiles: Record<string, string | Uint8Array> = {
  "2022-03-01-alias-bomb.md": issueText(aliasBomb),
  "2022-03-02-deep.md": issueText({ tags: `tags: ${"[".repeat(20_000)}${"]".repeat(20_000)}` }),
  "2022-03-03-old-mac.md": issueText().replaceAll("\n", "\r"),
  "2022-03-04-utf16-bom.md": utf16le(issueText(), true),
  "2022-03-05-utf16.md": utf16le(issueText(), false),
  "2022-03-06-duplicate-key.md": issueText({ again: 'title: "Again"' }),
  "2022-03-07-valid.md": issueText({ title: 'title: "Still checked"' }),
  "2022-03-08-valid-but-dated.md": issueText({ date: "date: 2022-03-08" }),
  // markdown-it follows 100 levels and drops the text below them: named, not lost.
  "2022-03-09-deep-list.md": issueText({}, `Intro.\n\n${"- ".repeat(100_000)}x\n`),
  "2022-03-10-deep-quote.md": issueText({}, `${"> ".repeat(100_000)}x\n`),
  "2022-03-11-indented-lists.md": issueText({}, Array.from({ length: 400 }, (_, depth) => `${"  ".repeat(depth)}- item ${depth}`).join("\n")),
};

describe("files that cannot be read as issues", () => {
  let previous: PreviousSite;
  let build: BuildRun;
  let content: string;
  beforeAll(() => {
    previous = previousSite();
    content = writeContent(unreadableFiles);
    build = previous.buildOver(content);
  });
  const file = (name: string) => path.relative(projectRoot, path.join(content, name));

  test("one run names every file with its cause and line, and the other files are still checked", () => {
    const yaml = "front matter: expected valid YAML, got";
    const nesting = "body: expected lists and quotes nested at most 100 levels deep (a quote is one, a list two), got deeper ones";
    const expected = [
      `${file("2022-03-01-alias-bomb.md")}:7: ${yaml} aliases expanded more than 100 times (Excessive alias count indicates a resource exhaustion attack)`,
      `${file("2022-03-02-deep.md")}:6: ${yaml} lists or mappings nested too deep to read (Maximum call stack size exceeded)`,
      `${file("2022-03-03-old-mac.md")}: file: expected line breaks as LF or CRLF, got CR-only line breaks (old Mac style); save it with LF line breaks`,
      `${file("2022-03-04-utf16-bom.md")}: file: expected UTF-8 text, got UTF-16 LE text with a byte order mark; save it as UTF-8`,
      `${file("2022-03-05-utf16.md")}: file: expected UTF-8 text, got UTF-16 LE text without a byte order mark (a NUL byte after every other byte); save it as UTF-8`,
      `${file("2022-03-06-duplicate-key.md")}:6: ${yaml} Map keys must be unique`,
      `${file("2022-03-08-valid-but-dated.md")}: date: expected a quoted calendar date like "2022-03-10", got "2022-03-08" without quotes`,
      `${file("2022-03-09-deep-list.md")}:9: ${nesting}`,
      `${file("2022-03-10-deep-quote.md")}:7: ${nesting}`,
      `${file("2022-03-11-indented-lists.md")}:56: ${nesting}`,
    ];
    expect(build.status).toBe(1);
    const lines = build.stderr.split("\n").filter((line) => line.startsWith(path.relative(projectRoot, content)));
    expect(lines).toEqual(expected);
    expect(build.stderr).toContain(`Invalid issues (${expected.length} problems)`);
    expect(build.stderr).not.toMatch(/\n\s+at /);
  });

  test("the previous site is byte for byte the same", () => {
    expect(siteManifest(previous.output)).toEqual(previous.manifest);
  });
});

/** Bodies made to be slow, about 200 KB each, and what their page must show. */
const adversarialBodies: Record<string, { body: string; shows: (page: cheerio.CheerioAPI) => void }> = {
  "link-ends": { body: `Words ${"](".repeat(100_000)}\n`, shows: ($) => expect($("[data-pagefind-body]").text()).toContain("](".repeat(1000)) },
  brackets: { body: `${"[".repeat(200_000)}\n`, shows: ($) => expect($("[data-pagefind-body]").text()).toContain("[".repeat(1000)) },
  stars: { body: `a ${"*".repeat(200_000)} b\n`, shows: ($) => expect($("[data-pagefind-body]").text()).toContain("*".repeat(1000)) },
  // As deep as markdown-it follows, with every item shown; deeper is an error (above).
  "deep-lists": { body: `${"- ".repeat(49)}x\n\nWords ${"- ".repeat(50_000)}\n`, shows: ($) => expect($("[data-pagefind-body] ul").length).toBe(49) },
  "indented-lists": {
    body: Array.from({ length: 49 }, (_, depth) => `${"  ".repeat(depth)}- item ${depth}`).join("\n"),
    shows: ($) => expect($("[data-pagefind-body] li").text()).toContain("item 48"),
  },
  "deep-quotes": { body: `${"> ".repeat(99)}x\n\nWords ${"> ".repeat(50_000)}\n`, shows: ($) => expect($("[data-pagefind-body] blockquote").length).toBe(99) },
  "same-heading": {
    body: "## Again\n\nText.\n\n".repeat(5_000),
    shows: ($) => {
      // The page's own "Contents" heading is an h2 too.
      const ids = $("[data-pagefind-body] h2").map((_, heading) => $(heading).attr("id")).get().filter((id: string) => id.startsWith("again"));
      expect(ids).toHaveLength(5_000);
      expect(new Set(ids).size).toBe(5_000);
      expect(ids.at(-1)).toBe("again-4999");
    },
  },
};

describe("adversarial bodies of about 200 KB", () => {
  let build: BuildRun;
  beforeAll(() => {
    const files = Object.fromEntries(
      Object.entries(adversarialBodies).map(([name, { body }], index) => [
        `2022-04-${String(index + 1).padStart(2, "0")}-${name}.md`,
        issueText({ title: `title: "Hostile ${name}"` }, body),
      ]),
    );
    build = runBuild({ content: writeContent(files) });
  });

  test("build, each to its page showing its text", () => {
    expect(build.status, build.stderr).toBe(0);
    for (const name of Object.keys(adversarialBodies)) {
      const page = cheerio.load(readFileSync(path.join(build.output, issueHref(name), "index.html"), "utf8"));
      expect(page("h1").text(), name).toBe(`Hostile ${name}`);
      adversarialBodies[name]?.shows(page);
    }
  });

  test("every page is valid HTML with working links", async () => {
    const report = await runSiteChecks(build.output);
    expect(report.problems).toEqual([]);
    expect(report.pagesChecked).toBeGreaterThan(Object.keys(adversarialBodies).length);
  });
});
