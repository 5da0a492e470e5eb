// Tags that would merge or vanish, invisible and control characters, and content over the limits
// stop the build with one line per problem of every file, and leave the previous site as it was;
// C, C++ and C# build as three tags.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import * as cheerio from "cheerio";
import { beforeAll, describe, expect, test } from "vitest";
import { siteManifest } from "../support/manifest.ts";
import { issueText, previousSite, writeContent, type PreviousSite } from "../support/hostile.ts";
import { projectRoot, runBuild, type BuildRun } from "../support/run-build.ts";

const tags = (list: readonly string[]) => `tags: ${JSON.stringify(list)}`;
const names = (count: number) => Array.from({ length: count }, (_, index) => `tag ${index + 1}`);

const hostileFiles: Record<string, string> = {
  "2022-03-01-first.md": issueText({ tags: tags(["C#", "Machine Learning"]) }),
  "2022-03-02-respelt.md": issueText({ tags: tags(["c-sharp", "machine-learning"]) }),
  "2022-03-03-empty-tags.md": issueText({ tags: tags(["#", "---", "🚀", "\u200B", "fine"]) }),
  "2022-03-04-clash-inside.md": issueText({ tags: tags(["C++"]) }, "## Item\n\n#C_plus_plus\n"),
  "2022-03-05-bidi-title.md": issueText({ title: 'title: "Invoice \\u202Efdp.exe"' }),
  "2022-03-06-zero-width-author.md": issueText({ authors: 'authors: ["Ada", "Ev\\u200Be"]' }),
  "2022-03-07-nul.md": issueText({ summary: 'summary: "What\\0 it is about."' }, "Line one.\n\nTwo \0 here.\n"),
  "2022-03-08-escape-tag.md": issueText({ tags: 'tags: ["\\e[2Jclear"]' }),
  "2022-03-09-many-tags.md": issueText({ tags: tags(names(31)) }),
  "2022-03-10-too-long.md": issueText({
    title: `title: "${"t".repeat(201)}"`,
    summary: `summary: "${"s".repeat(401)}"`,
    authors: `authors: ${JSON.stringify(names(21))}`,
    tags: tags(["g".repeat(51)]),
  }),
};

describe("hostile tags, titles and authors", () => {
  let previous: PreviousSite;
  let build: BuildRun;
  let content: string;
  beforeAll(() => {
    previous = previousSite();
    content = writeContent(hostileFiles);
    build = previous.buildOver(content);
  });
  const file = (name: string) => path.relative(projectRoot, path.join(content, name));
  const rule = "spellings of one tag may differ only in case, spaces, hyphens, underscores and a leading #";

  test("one run reports every problem of every file, each on its own line, and nothing else", () => {
    const nothing = "tags with a letter or digit, which a tag's address is made of";
    const expected = [
      `${file("2022-03-03-empty-tags.md")}: tags: expected ${nothing}, got "#"`,
      `${file("2022-03-03-empty-tags.md")}: tags: expected ${nothing}, got "---"`,
      `${file("2022-03-03-empty-tags.md")}: tags: expected ${nothing}, got "🚀"`,
      `${file("2022-03-03-empty-tags.md")}: tags: expected ${nothing}, got "\\u200B"`,
      `${file("2022-03-04-clash-inside.md")}: tags: expected one spelling of the tag /tags/c-plus-plus/ (${rule}), or tags with addresses of their own, got "C++" and "C_plus_plus"`,
      `${file("2022-03-05-bidi-title.md")}: title: expected text without invisible control characters, got U+202E (RIGHT-TO-LEFT OVERRIDE) at character 9`,
      `${file("2022-03-06-zero-width-author.md")}: authors: expected text without invisible control characters, got U+200B (ZERO WIDTH SPACE) at character 3 of item 2`,
      `${file("2022-03-07-nul.md")}: summary: expected text without control characters, got U+0000 (NULL) at character 5`,
      `${file("2022-03-07-nul.md")}:9: body: expected text without NUL characters, got U+0000 (NULL) at character 5`,
      `${file("2022-03-08-escape-tag.md")}: tags: expected text without control characters, got U+001B (ESCAPE) at character 1 of item 1`,
      `${file("2022-03-09-many-tags.md")}: tags: expected at most 30 tags (front matter tags and hashtags together), got 31`,
      `${file("2022-03-10-too-long.md")}: title: expected a title of at most 200 characters, got 201 characters`,
      `${file("2022-03-10-too-long.md")}: summary: expected a summary of at most 400 characters, got 401 characters`,
      `${file("2022-03-10-too-long.md")}: authors: expected at most 20 authors, got 21`,
      `${file("2022-03-10-too-long.md")}: tags: expected tags of at most 50 characters, got 51 characters in "${"g".repeat(51)}"`,
      `${file("2022-03-02-respelt.md")}: tags: expected "C#" as ${file("2022-03-01-first.md")} spells the tag /tags/c-sharp/ (${rule}), or a tag with an address of its own, got "c-sharp"`,
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

describe("C, C++ and C#, and an issue with 30 tags", () => {
  let build: BuildRun;
  beforeAll(() => {
    build = runBuild({
      content: writeContent({
        "2022-03-01-languages.md": issueText({ tags: tags(["C", "C++", "C#", "Ünïcode", "ma\u200Bchine"]) }),
        "2022-03-02-more.md": issueText({ title: 'title: "More"', tags: tags(["C++", "machine", "A-Z"]) }, "## Item\n\n#C #Machine\n"),
        "2022-03-03-thirty.md": issueText({ title: 'title: "Thirty"', tags: tags(names(30)) }),
      }),
    });
  });
  const load = (url: string) => cheerio.load(readFileSync(path.join(build.output, url, "index.html"), "utf8"));
  const cardTags = ($: cheerio.CheerioAPI, title: string) =>
    $(".issue-card").filter((_, card) => $(card).find(".issue-card__title a").text() === title).find(".tag-list li");

  test("builds", () => {
    expect(build.stderr).toBe("");
    expect(build.status).toBe(0);
  });

  test.each([
    ["/tags/c/", "Tagged “C”", ["An issue", "More"]],
    ["/tags/c-plus-plus/", "Tagged “C++”", ["An issue", "More"]],
    ["/tags/c-sharp/", "Tagged “C#”", ["An issue"]],
    ["/tags/ünïcode/", "Tagged “Ünïcode”", ["An issue"]],
    ["/tags/machine/", "Tagged “machine”", ["An issue", "More"]],
    ["/tags/a-z/", "Tagged “A-Z”", ["More"]],
  ])("%s is its own archive, %s", (url, heading, titles) => {
    const $ = load(url);
    expect($("h1").text()).toBe(heading);
    expect($(".issue-card__title a").map((_, a) => $(a).text()).get().sort()).toEqual(titles.sort());
  });

  test("a tag named A-Z leaves the tag index's A to Z page its own", () => {
    const $ = load("/tags/_a-z/");
    expect($("main .tag-index a").map((_, a) => $(a).attr("href")).get()).toContain("/tags/a-z/");
  });

  test("the issue page links each of its tags, the zero-width look-alike merged", () => {
    const $ = load("/issues/languages/");
    expect($(".issue-header .tag-list a").map((_, a) => [[$(a).attr("href"), $(a).text()]]).get()).toEqual([
      ["/tags/c/", "C"],
      ["/tags/c-plus-plus/", "C++"],
      ["/tags/c-sharp/", "C#"],
      ["/tags/ünïcode/", "Ünïcode"],
      ["/tags/machine/", "machine"],
    ]);
    expect(existsSync(path.join(build.output, "tags/ma\u200Bchine"))).toBe(false);
  });

  test("archives list an issue's first 5 tags and count the rest, on every page that lists it", () => {
    for (const url of ["/", "/tags/tag-1/", "/tags/tag-30/", "/series/lab-notes/"]) {
      const $ = load(url);
      expect(cardTags($, "Thirty").map((_, li) => $(li).text()).get(), url).toEqual(["tag 1", "tag 2", "tag 3", "tag 4", "tag 5", "and 25 more"]);
    }
  });
});
