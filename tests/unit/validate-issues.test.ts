import { describe, expect, test } from "vitest";
import type { Issue } from "../../src/model/issue.ts";
import {
  describeValue,
  IssueValidationError,
  tagSpellingProblems,
  validateIssueSources,
  type IssueSource,
} from "../../src/model/validate-issues.ts";

const seriesIds = "gradient-updates, zeta-alpha-trends, neurips-takeaways, lab-notes, link-digest";
const fieldList = "title, date, series, number, summary, tags, authors, draft, source, aliases, imported, image";

const validFields: Record<string, string> = {
  title: '"Gradient Update #20: DeepMind’s fusion control"',
  date: '"2022-03-10"',
  series: "gradient-updates",
  summary: '"One news highlight and one paper highlight."',
};

/** An issue file's text: the valid fields with `fields` merged in (undefined removes a field). */
function issueText(fields: Record<string, string | undefined> = {}, body = "Some words in the body.\n"): string {
  const lines = Object.entries({ ...validFields, ...fields })
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .map(([key, value]) => `${key}: ${value}`);
  return `---\n${lines.join("\n")}\n---\n\n${body}`;
}

function source(file: string, content: string | Uint8Array): IssueSource {
  return {
    file,
    absolutePath: `/site/${file}`,
    bytes: typeof content === "string" ? new TextEncoder().encode(content) : content,
  };
}

function problemsOf(file: string, content: string | Uint8Array): string[] {
  return validateIssueSources([source(file, content)]).problems;
}

const messageForm = /^(\S+\.md)(?::\d+)?: ([^:]+): expected .+, got .+$/;

describe("validateIssueSources: a valid issue", () => {
  const body = [
    "## News",
    "",
    "DeepMind controlled plasma in a tokamak.",
    "",
    "#performance, #Machine-Learning",
    "",
    "```",
    "#not-a-tag",
    "```",
    "",
    "#reinforcement-learning",
    "",
  ].join("\n");
  const text = issueText(
    {
      tags: '["Machine Learning", "fusion", "#fusion"]',
      number: "20",
      authors: '["Ada Lovelace"]',
      source: '"https://thegradient.pub/update-20/"',
    },
    body,
  );
  const result = validateIssueSources([source("issues/2022-03-10-Gradient-Update-20.md", text)]);

  test("has no problems and gives one issue", () => {
    expect(result.problems).toEqual([]);
    expect(result.issues).toHaveLength(1);
  });

  test("gets its URL from the file name without the date", () => {
    expect(result.issues[0]).toMatchObject({
      file: "issues/2022-03-10-Gradient-Update-20.md",
      absolutePath: "/site/issues/2022-03-10-Gradient-Update-20.md",
      slug: "gradient-update-20",
      url: "/issues/gradient-update-20/",
    });
  });

  test("keeps the front matter as written, the date as text", () => {
    expect(result.issues[0]).toMatchObject({
      title: "Gradient Update #20: DeepMind’s fusion control",
      date: "2022-03-10",
      seriesId: "gradient-updates",
      number: 20,
      summary: "One news highlight and one paper highlight.",
      authors: ["Ada Lovelace"],
      draft: false,
      source: "https://thegradient.pub/update-20/",
    });
  });

  test("merges front matter tags and body hashtags, front matter spelling first, code ignored", () => {
    expect(result.issues[0]?.tags).toEqual([
      { slug: "machine-learning", name: "Machine Learning" },
      { slug: "fusion", name: "fusion" },
      { slug: "performance", name: "performance" },
      { slug: "reinforcement-learning", name: "reinforcement-learning" },
    ]);
  });

  test("optional fields default: no tags, authors, number or source, not a draft", () => {
    const minimal = validateIssueSources([source("issues/2022-03-10-minimal.md", issueText())]);
    expect(minimal.problems).toEqual([]);
    expect(minimal.issues[0]).toMatchObject({
      tags: [],
      authors: [],
      draft: false,
      number: undefined,
      source: undefined,
    });
  });

  test.each([
    [1, 1],
    [229, 1],
    [460, 2],
    [1150, 5],
  ])("a body of %i words reads in %i minute(s)", (wordCount, minutes) => {
    const words = Array.from({ length: wordCount }, (_, index) => `word${index}`).join(" ");
    const issue = validateIssueSources([source("issues/2022-03-10-long.md", issueText({}, `${words}\n`))]).issues[0];
    expect(issue?.words).toBe(wordCount);
    expect(issue?.readingMinutes).toBe(minutes);
  });

  test("a byte order mark and CRLF line endings are accepted", () => {
    const crlf = `\uFEFF${issueText().replace(/\n/g, "\r\n")}`;
    const crlfResult = validateIssueSources([source("issues/2022-03-10-windows.md", crlf)]);
    expect(crlfResult.problems).toEqual([]);
    expect(crlfResult.issues[0]?.date).toBe("2022-03-10");
  });
});

describe("validateIssueSources: one problem per mistake", () => {
  const file = "issues/2022-03-10-update.md";
  test.each([
    ["a missing title", issueText({ title: undefined }), [`${file}: title: expected a non-empty title, got nothing`]],
    [
      "a missing date",
      issueText({ date: undefined }),
      [`${file}: date: expected a quoted calendar date like "2022-03-10", got nothing`],
    ],
    ["a missing series", issueText({ series: undefined }), [`${file}: series: expected the id of one of the series in newsletter.yml (${seriesIds}), or a default_series set there, got nothing`]],
    [
      "a missing summary",
      issueText({ summary: undefined }),
      [`${file}: summary: expected one or two sentences of plain text, at most 400 characters, got nothing`],
    ],
    ["an empty title", issueText({ title: '""' }), [`${file}: title: expected a non-empty title, got ""`]],
    ["a blank title", issueText({ title: '"   "' }), [`${file}: title: expected a non-empty title, got "   "`]],
    ["a title with no value", issueText({ title: "" }), [`${file}: title: expected a non-empty title, got an empty value`]],
    [
      "an unquoted date",
      issueText({ date: "2022-03-10" }),
      [`${file}: date: expected a quoted calendar date like "2022-03-10", got "2022-03-10" without quotes`],
    ],
    [
      "an impossible quoted date",
      issueText({ date: '"2022-02-30"' }),
      [`${file}: date: expected a quoted calendar date like "2022-03-10", got "2022-02-30"`],
    ],
    [
      "a thirteenth month",
      issueText({ date: '"2022-13-01"' }),
      [`${file}: date: expected a quoted calendar date like "2022-03-10", got "2022-13-01"`],
    ],
    [
      "a date written as a month name",
      issueText({ date: '"March"' }),
      [`${file}: date: expected a quoted calendar date like "2022-03-10", got "March"`],
    ],
    [
      "a date that is a number",
      issueText({ date: "20220310" }),
      [`${file}: date: expected a quoted calendar date like "2022-03-10", got 20220310`],
    ],
    ["an unknown series", issueText({ series: "gradient-update" }), [`${file}: series: expected the id of one of the series in newsletter.yml (${seriesIds}), or a default_series set there, got "gradient-update"`]],
    [
      "tags given as a string",
      issueText({ tags: '"machine learning"' }),
      [`${file}: tags: expected a list of non-empty tags, like ["machine learning", "nlp"], got "machine learning"`],
    ],
    [
      "tags with an empty string",
      issueText({ tags: '["nlp", ""]' }),
      [`${file}: tags: expected a list of non-empty tags, like ["machine learning", "nlp"], got ["nlp",""]`],
    ],
    [
      "several empty tags, once",
      issueText({ tags: '["", "nlp", "  "]' }),
      [`${file}: tags: expected a list of non-empty tags, like ["machine learning", "nlp"], got ["","nlp","  "]`],
    ],
    [
      "authors given as a string",
      issueText({ authors: '"Ada Lovelace"' }),
      [`${file}: authors: expected a list of non-empty names, like ["Ada Lovelace"], got "Ada Lovelace"`],
    ],
    [
      "issue number zero",
      issueText({ number: "0" }),
      [`${file}: number: expected a whole number of 1 or more (the issue's number in its series), got 0`],
    ],
    ["draft as text", issueText({ draft: '"yes"' }), [`${file}: draft: expected true or false, got "yes"`]],
    [
      "a non-http source",
      issueText({ source: '"ftp://example.org/a"' }),
      [`${file}: source: expected the http(s) URL of the original publication, got "ftp://example.org/a"`],
    ],
    [
      "an unknown field (a typo of draft)",
      issueText({ draf: "true" }),
      [`${file}: draf: expected one of the fields ${fieldList}, got an unknown field`],
    ],
    ["an empty body", issueText({}, ""), [`${file}: body: expected the issue's text after the front matter, got nothing`]],
    ["a blank body", issueText({}, "  \n\n\t\n"), [`${file}: body: expected the issue's text after the front matter, got nothing`]],
    [
      "an empty file",
      "",
      [`${file}: front matter: expected a \`---\` block of fields at the top of the file, got an empty file`],
    ],
    [
      "a file of only blank lines",
      "\n  \n",
      [`${file}: front matter: expected a \`---\` block of fields at the top of the file, got an empty file`],
    ],
    [
      "a file without front matter",
      "# Update 20\n\nText.\n",
      [`${file}: front matter: expected a \`---\` block of fields at the top of the file, got text with no front matter`],
    ],
    [
      "front matter that is a list",
      "---\n- title\n- date\n---\n\nText.\n",
      [`${file}:2: front matter: expected valid YAML, got expected a mapping of \`field: value\` lines`],
    ],
  ])("reports %s", (_, text, expected) => {
    expect(problemsOf(file, text)).toEqual(expected);
  });

  test("a long summary is reported with its length and the limit", () => {
    expect(problemsOf(file, issueText({ summary: JSON.stringify("x".repeat(401)) }))).toEqual([
      `${file}: summary: expected a summary of at most 400 characters, got 401 characters`,
    ]);
  });

  test("bytes that are not UTF-8 are reported with their offset", () => {
    const bytes = new Uint8Array([...new TextEncoder().encode("---\ntitle: x"), 0xff, 0x0a]);
    expect(problemsOf(file, bytes)).toEqual([`${file}: file: expected UTF-8 text, got a byte that is not UTF-8 at offset 12`]);
  });

  test("a YAML syntax error is reported at its file line", () => {
    const problems = problemsOf(file, "---\ntitle: [\n---\n\nText.\n");
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^issues\/2022-03-10-update\.md:2: front matter: expected valid YAML, got \S.*$/);
  });

  test.each([
    ['---\ntitle: "A"\ntitle: "B"\n---\n\nText.\n', 3, "Map keys must be unique"],
    ['---\ntitle: "A"\ndate: "2022-03-10"\nsummary: : x\n---\n\nText.\n', 4, "Nested mappings are not allowed in compact mappings"],
    ['\uFEFF---\r\ntitle: "A"\r\nseries: [x\r\n---\r\n\r\nText.\r\n', 3, "Flow sequence in block collection must be sufficiently indented and end with a ]"],
  ])("a YAML error further down (%j) is reported at file line %i", (text, line, message) => {
    expect(problemsOf(file, text)).toEqual([`${file}:${line}: front matter: expected valid YAML, got ${message}`]);
  });

  test("a file name with nothing after the date has no URL", () => {
    expect(problemsOf("issues/2022-03-10.md", issueText())).toEqual([
      'issues/2022-03-10.md: file name: expected letters or digits after the date, like 2022-03-10-update-20.md, got "2022-03-10.md"',
    ]);
  });
});

describe("validateIssueSources: several problems", () => {
  test("all four required fields missing are each reported", () => {
    const problems = problemsOf("issues/2022-03-10-bare.md", "---\nnumber: 3\n---\n\nText.\n");
    expect(problems.map((problem) => problem.split(":")[1]?.trim())).toEqual(["title", "date", "series", "summary"]);
  });

  test("a missing date never falls back to the date in the file name", () => {
    const result = validateIssueSources([source("issues/2022-03-10-dateless.md", issueText({ date: undefined }))]);
    expect(result.issues).toEqual([]);
    expect(result.problems).toEqual([
      'issues/2022-03-10-dateless.md: date: expected a quoted calendar date like "2022-03-10", got nothing',
    ]);
  });

  test("front matter problems and an empty body are reported together", () => {
    expect(problemsOf("issues/2022-03-10-x.md", issueText({ series: "nope", draf: "true" }, ""))).toEqual([
      `issues/2022-03-10-x.md: series: expected the id of one of the series in newsletter.yml (${seriesIds}), or a default_series set there, got "nope"`,
      `issues/2022-03-10-x.md: draf: expected one of the fields ${fieldList}, got an unknown field`,
      "issues/2022-03-10-x.md: body: expected the issue's text after the front matter, got nothing",
    ]);
  });

  test("every problem of every file comes back in one result, valid files still validated", () => {
    const result = validateIssueSources([
      source("issues/2022-01-01-a.md", issueText({ title: undefined })),
      source("issues/2022-01-02-b.md", issueText()),
      source("issues/2022-01-03-c.md", ""),
      source("issues/2022-01-04-d.md", issueText({ date: "2022-01-04", tags: '"nlp"' })),
    ]);
    expect(result.issues.map((issue) => issue.file)).toEqual(["issues/2022-01-02-b.md"]);
    expect(result.problems).toEqual([
      "issues/2022-01-01-a.md: title: expected a non-empty title, got nothing",
      "issues/2022-01-03-c.md: front matter: expected a `---` block of fields at the top of the file, got an empty file",
      'issues/2022-01-04-d.md: tags: expected a list of non-empty tags, like ["machine learning", "nlp"], got "nlp"',
      'issues/2022-01-04-d.md: date: expected a quoted calendar date like "2022-03-10", got "2022-01-04" without quotes',
    ]);
  });

  test("two files with the same URL each name the other", () => {
    const result = validateIssueSources([
      source("issues/2022-03-10-update.md", issueText()),
      source("issues/2021-01-01-Update.md", issueText()),
      source("issues/2022-03-11-other.md", issueText()),
    ]);
    expect(result.problems).toEqual([
      "issues/2022-03-10-update.md: url: expected a URL no other issue has, got /issues/update/, also the URL of issues/2021-01-01-Update.md; rename one of the files",
      "issues/2021-01-01-Update.md: url: expected a URL no other issue has, got /issues/update/, also the URL of issues/2022-03-10-update.md; rename one of the files",
    ]);
  });

  test("every message names its file and field: `<file>: <field>: expected <what>, got <value>`", () => {
    const result = validateIssueSources([
      source("issues/2022-01-01-a.md", "---\nnumber: 0\ndraf: true\ntags: [\"\"]\nsource: x\n---\n"),
      source("issues/2022-01-02-b.md", new Uint8Array([0x2d, 0xc0])),
      source("issues/2022-01-03-c.md", "---\ntitle: [\n---\nx"),
      source("issues/2022-01-04-d.md", "no front matter"),
      source("issues/2022-01-05-same.md", issueText()),
      source("issues/2022-01-06-same.md", issueText()),
      source("issues/2022-01-07.md", issueText({ date: "2022-01-07" }, "")),
    ]);
    expect(result.problems.length).toBeGreaterThanOrEqual(14);
    for (const problem of result.problems) {
      expect(problem).toMatch(messageForm);
    }
    const files = new Set(result.problems.map((problem) => messageForm.exec(problem)?.[1]));
    expect(files.size).toBe(7);
  });
});

describe("validateIssueSources: control characters", () => {
  const file = "issues/2022-03-10-update.md";
  const invisible = "expected text without invisible control characters";
  const control = "expected text without control characters";
  test.each([
    ["a bidi override in the title", { title: '"Pay \u202Eyad"' }, [`${file}: title: ${invisible}, got U+202E (RIGHT-TO-LEFT OVERRIDE) at character 5`]],
    ["a zero-width space in the title", { title: '"Ma\u200Bchine"' }, [`${file}: title: ${invisible}, got U+200B (ZERO WIDTH SPACE) at character 3`]],
    ["a left-to-right isolate in the summary", { summary: '"\u2066Fine"' }, [`${file}: summary: ${invisible}, got U+2066 (LEFT-TO-RIGHT ISOLATE) at character 1`]],
    ["a right-to-left mark in an author", { authors: '["Ada", "Eve\u200F"]' }, [`${file}: authors: ${invisible}, got U+200F (RIGHT-TO-LEFT MARK) at character 4 of item 2`]],
    ["NUL in the title", { title: '"A\0B"' }, [`${file}: title: ${control}, got U+0000 (NULL) at character 2`]],
    ["ESC in an author", { authors: '["\\e[31mEve"]' }, [`${file}: authors: ${control}, got U+001B (ESCAPE) at character 1 of item 1`]],
    ["NUL in a tag", { tags: '["a\0"]' }, [`${file}: tags: ${control}, got U+0000 (NULL) at character 2 of item 1`]],
    ["BELL in the source", { source: '"https://example.org/\\a"' }, [`${file}: source: ${control}, got U+0007 (BELL) at character 21`]],
    ["NUL in the date, reported for itself alone", { date: '"2022-03-10\0"' }, [`${file}: date: ${control}, got U+0000 (NULL) at character 11`]],
  ])("%s is refused, naming the field and the character", (_, fields, expected) => {
    expect(problemsOf(file, issueText(fields))).toEqual(expected);
  });

  test("tab and line breaks in a summary are text", () => {
    expect(problemsOf(file, issueText({ summary: '"One\\tand\\ntwo."' }))).toEqual([]);
  });

  test("invisible characters are stripped from tags: a look-alike is the same tag", () => {
    const result = validateIssueSources([source(file, issueText({ tags: '["machine", "ma\u200Bchine", "\u202Ebias"]' }))]);
    expect(result.problems).toEqual([]);
    expect(result.issues[0]?.tags).toEqual([
      { slug: "machine", name: "machine" },
      { slug: "bias", name: "bias" },
    ]);
  });

  test("NUL in the body is reported at its line, with the count of other lines holding one", () => {
    const text = issueText({}, "First line.\n\nSecond \0 line.\n\0\0\nok\n\0\n");
    // The front matter's 4 fields and fences take lines 1-6, a blank line 7, the body starts at 8.
    expect(problemsOf(file, text)).toEqual([
      `${file}:10: body: expected text without NUL characters, got U+0000 (NULL) at character 8 (and 2 more lines with NUL)`,
    ]);
  });
});

describe("validateIssueSources: tags never merge or vanish silently", () => {
  const rule = "spellings of one tag may differ only in case, spaces, hyphens, underscores and a leading #";
  const validate = (files: Record<string, string>) =>
    validateIssueSources(Object.entries(files).map(([file, text]) => source(file, text)));

  test("C, C++ and C# are three tags", () => {
    const result = validate({ "issues/2022-03-10-a.md": issueText({ tags: '["C", "C++", "C#"]' }) });
    expect(result.problems).toEqual([]);
    expect(result.issues[0]?.tags.map((tag) => tag.slug)).toEqual(["c", "c-plus-plus", "c-sharp"]);
  });

  test("spellings differing in case, spaces, hyphens or a leading # merge across issues, the first spelling kept", () => {
    const result = validate({
      "issues/2022-03-10-a.md": issueText({ tags: '["Machine Learning"]' }),
      "issues/2022-03-11-b.md": issueText({ tags: '["machine-learning"]' }),
      "issues/2022-03-12-c.md": issueText({}, "## Item\n\n#Machine_Learning\n"),
    });
    expect(result.problems).toEqual([]);
  });

  test("two spellings of one slug in two files: each later file names the first file and both spellings", () => {
    const result = validate({
      "issues/2022-03-10-a.md": issueText({ tags: '["C#", "nlp"]' }),
      "issues/2022-03-11-b.md": issueText({ tags: '["c-sharp"]' }),
      "issues/2022-03-12-c.md": issueText({ tags: '["c#"]' }),
      "issues/2022-03-13-d.md": issueText({}, "## Item\n\n#C_Sharp #NLP\n"),
    });
    expect(result.problems).toEqual([
      `issues/2022-03-11-b.md: tags: expected "C#" as issues/2022-03-10-a.md spells the tag /tags/c-sharp/ (${rule}), or a tag with an address of its own, got "c-sharp"`,
      `issues/2022-03-13-d.md: tags: expected "C#" as issues/2022-03-10-a.md spells the tag /tags/c-sharp/ (${rule}), or a tag with an address of its own, got "C_Sharp"`,
    ]);
  });

  test("two spellings of one slug in one file, front matter and hashtag", () => {
    expect(problemsOf("issues/2022-03-10-a.md", issueText({ tags: '["C#"]' }, "## Item\n\n#c-sharp\n"))).toEqual([
      `issues/2022-03-10-a.md: tags: expected one spelling of the tag /tags/c-sharp/ (${rule}), or tags with addresses of their own, got "C#" and "c-sharp"`,
    ]);
  });

  test.each([
    ["#", '"#"'],
    ["---", '"---"'],
    ["\u200B", '"\\u200B"'],
    ["🚀", '"🚀"'],
  ])("the tag %j, which normalises to nothing, is named as %s", (tag, shown) => {
    expect(problemsOf("issues/2022-03-10-a.md", issueText({ tags: JSON.stringify(["bias", tag]) }))).toEqual([
      `issues/2022-03-10-a.md: tags: expected tags with a letter or digit, which a tag's address is made of, got ${shown}`,
    ]);
  });

  test("20,000 issues spelling 200 tags in two cases are checked together without a clash", () => {
    const issues = Array.from({ length: 20_000 }, (_, index) => ({
      file: `issues/${index}.md`,
      tags: [{ slug: `t${index % 200}`, name: index % 2 ? `T${index % 200}` : `t${index % 200}` }],
    }));
    expect(tagSpellingProblems(issues as unknown as Issue[])).toEqual([]);
  });
});

describe("IssueValidationError", () => {
  test.each([
    [["a: x: expected y, got z"], "Invalid issues (1 problem); fix them to build the site:\na: x: expected y, got z"],
    [["p1", "p2"], "Invalid issues (2 problems); fix them to build the site:\np1\np2"],
  ])("lists every problem: %j", (problems, message) => {
    const error = new IssueValidationError(problems);
    expect(error.message).toBe(message);
    expect(error.name).toBe("IssueValidationError");
    expect(error.problems).toEqual(problems);
    expect(error).toBeInstanceOf(Error);
  });
});

describe("describeValue", () => {
  test.each([
    [undefined, "nothing"],
    [null, "an empty value"],
    ["text", '"text"'],
    [3, "3"],
    [true, "true"],
    [["a", ""], '["a",""]'],
    [{ a: 1 }, '{"a":1}'],
    ["z".repeat(78), `"${"z".repeat(78)}"`],
    ["z".repeat(79), `"${"z".repeat(76)}...`],
    ["y".repeat(100), `"${"y".repeat(76)}...`],
  ])("%j is shown as %s", (value, shown) => {
    expect(describeValue(value)).toBe(shown);
  });
});
