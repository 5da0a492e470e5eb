import { describe, expect, test } from "vitest";
import { characterCount, fieldLimitProblems, issueLimits } from "../../src/model/issue-limits.ts";
import { validateIssueSources } from "../../src/model/validate-issues.ts";

const file = "issues/2022-03-10-limits.md";

/** An issue whose front matter holds `fields` (YAML lines) besides the required ones. */
function issueText(fields: Record<string, string>, body = "Some words.\n"): string {
  const all = { title: '"A title"', date: '"2022-03-10"', series: "lab-notes", summary: '"A summary."', ...fields };
  return `---\n${Object.entries(all).map(([key, value]) => `${key}: ${value}`).join("\n")}\n---\n\n${body}`;
}

function validate(text: string) {
  return validateIssueSources([{ file, absolutePath: `/site/${file}`, bytes: new TextEncoder().encode(text) }]);
}

const list = (items: readonly string[]) => JSON.stringify(items);
const names = (count: number, length = 5) => Array.from({ length: count }, (_, index) => `${index}`.padStart(length, "n"));

describe("issueLimits", () => {
  test("the limits pages are built within", () => {
    expect(issueLimits).toEqual({ titleLength: 200, summaryLength: 400, authors: 20, authorLength: 100, tags: 30, tagLength: 50 });
  });
});

describe("characterCount", () => {
  test.each([
    ["", 0],
    ["abc", 3],
    ["Ünïcode", 7],
    ["🚀🚀", 2],
    ["a\uD800b", 3],
  ])("%j has %i characters", (text, count) => {
    expect(characterCount(text)).toBe(count);
  });
});

describe("every limit, at and over it", () => {
  const { titleLength, summaryLength, authors, authorLength, tags, tagLength } = issueLimits;
  test.each([
    ["title", { title: JSON.stringify("t".repeat(titleLength)) }, { title: JSON.stringify("t".repeat(titleLength + 1)) },
      `${file}: title: expected a title of at most 200 characters, got 201 characters`],
    ["title in emoji", { title: JSON.stringify("🚀".repeat(titleLength)) }, { title: JSON.stringify("🚀".repeat(titleLength + 1)) },
      `${file}: title: expected a title of at most 200 characters, got 201 characters`],
    ["summary", { summary: JSON.stringify("s".repeat(summaryLength)) }, { summary: JSON.stringify("s".repeat(summaryLength + 1)) },
      `${file}: summary: expected a summary of at most 400 characters, got 401 characters`],
    ["authors", { authors: list(names(authors)) }, { authors: list(names(authors + 1)) },
      `${file}: authors: expected at most 20 authors, got 21`],
    ["author", { authors: list(["Ada", "a".repeat(authorLength)]) }, { authors: list(["Ada", "a".repeat(authorLength + 1)]) },
      `${file}: authors: expected names of at most 100 characters, got 101 characters in author 2`],
    ["tags", { tags: list(names(tags)) }, { tags: list(names(tags + 1)) },
      `${file}: tags: expected at most 30 tags (front matter tags and hashtags together), got 31`],
    ["tag", { tags: list(["g".repeat(tagLength)]) }, { tags: list(["g".repeat(tagLength + 1)]) },
      `${file}: tags: expected tags of at most 50 characters, got 51 characters in "${"g".repeat(51)}"`],
  ])("%s", (_, atLimit, overLimit, message) => {
    expect(validate(issueText(atLimit)).problems).toEqual([]);
    expect(validate(issueText(overLimit)).problems).toEqual([message]);
  });

  test("hashtags count towards the tags, after merging with the front matter's spellings", () => {
    const hashtags = names(20).map((name) => `#${name}`).join(" ");
    const frontMatter = list([...names(10, 6), "NNNN1", "#nnnn2"]);
    expect(validate(issueText({ tags: frontMatter }, `## Item\n\n${hashtags}\n`)).problems).toEqual([]);
    expect(validate(issueText({ tags: list(names(11, 6)) }, `## Item\n\n${hashtags}\n`)).problems).toEqual([
      `${file}: tags: expected at most 30 tags (front matter tags and hashtags together), got 31`,
    ]);
  });

  test("a hashtag over the length limit is named", () => {
    expect(validate(issueText({}, `## Item\n\n#${"h".repeat(51)}\n`)).problems).toEqual([
      `${file}: tags: expected tags of at most 50 characters, got 51 characters in "${"h".repeat(51)}"`,
    ]);
  });

  test("lengths are counted after trimming", () => {
    expect(validate(issueText({ title: JSON.stringify(`  ${"t".repeat(titleLength)}  `) })).problems).toEqual([]);
  });

  test("limit problems come with the file's other problems", () => {
    expect(validate(issueText({ title: JSON.stringify("t".repeat(300)), series: "nope" })).problems).toEqual([
      `${file}: series: expected the id of one of the series in newsletter.yml (gradient-updates, zeta-alpha-trends, neurips-takeaways, lab-notes, link-digest), or a default_series set there, got "nope"`,
      `${file}: title: expected a title of at most 200 characters, got 300 characters`,
    ]);
  });
});

describe("fieldLimitProblems", () => {
  test("fields that are not text are left to the schema", () => {
    expect(fieldLimitProblems({ title: 3, summary: ["x".repeat(500)], authors: "a".repeat(500) })).toEqual([]);
  });

  test("an over-long list of authors and an over-long name are both reported", () => {
    expect(fieldLimitProblems({ authors: [...names(20), "a".repeat(101)] })).toEqual([
      { field: "authors", expected: "at most 20 authors", got: "21" },
      { field: "authors", expected: "names of at most 100 characters", got: "101 characters in author 21" },
    ]);
  });
});
