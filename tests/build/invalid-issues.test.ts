// Each way an issue can be wrong stops the build with a message naming the file, the field and
// what was expected, and leaves the previous site untouched.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, test } from "vitest";
import { runBuild, tempFolder } from "../support/run-build.ts";

const valid = (fields: string, body = "Some text.\n") =>
  `---\n${fields}\n---\n${body}`;
const fields = {
  title: 'title: "An issue"',
  date: 'date: "2022-03-10"',
  series: "series: lab-notes",
  summary: 'summary: "What it is about."',
};
const allFields = (overrides: Partial<Record<keyof typeof fields | "tags", string>> = {}) =>
  Object.values({ ...fields, ...overrides }).join("\n");

interface InvalidCase {
  name: string;
  files: Record<string, string | Uint8Array>;
  /** Every line the build must print. */
  expected: string[];
}

const cases: InvalidCase[] = [
  {
    name: "YAML syntax error, with its line",
    files: { "2022-03-10-a.md": "---\ntitle: \"An issue\"\ntags: [unclosed\n---\nText\n" },
    expected: ["2022-03-10-a.md:3: front matter: expected valid YAML, got"],
  },
  {
    name: "missing title, date, series and summary",
    files: { "2022-03-10-a.md": valid("tags: []") },
    expected: ["title: expected a non-empty title, got nothing", "date: expected a quoted calendar date", "series: expected the id of one of the series in newsletter.yml", "summary: expected one or two sentences"],
  },
  {
    name: "an unquoted date",
    files: { "2022-03-10-a.md": valid(allFields({ date: "date: 2022-03-10" })) },
    expected: ['2022-03-10-a.md: date: expected a quoted calendar date like "2022-03-10", got "2022-03-10" without quotes'],
  },
  {
    name: "an impossible day, 2022-02-30",
    files: { "2022-03-10-a.md": valid(allFields({ date: 'date: "2022-02-30"' })) },
    expected: ['2022-03-10-a.md: date: expected a quoted calendar date like "2022-03-10", got "2022-02-30"'],
  },
  {
    name: "an impossible month, unquoted 2022-13-01",
    files: { "2022-03-10-a.md": valid(allFields({ date: "date: 2022-13-01" })) },
    expected: ['2022-03-10-a.md: date: expected a quoted calendar date like "2022-03-10", got "2022-13-01"'],
  },
  {
    name: "an unknown series",
    files: { "2022-03-10-a.md": valid(allFields({ series: "series: weekly-gossip" })) },
    expected: ['2022-03-10-a.md: series: expected the id of one of the series in newsletter.yml (gradient-updates, zeta-alpha-trends, neurips-takeaways, lab-notes, link-digest), or a default_series set there, got "weekly-gossip"'],
  },
  {
    name: "tags written as one string",
    files: { "2022-03-10-a.md": valid(`${allFields()}\ntags: "a, b"`) },
    expected: ['2022-03-10-a.md: tags: expected a list of non-empty tags, like ["machine learning", "nlp"], got "a, b"'],
  },
  {
    name: "an empty tag",
    files: { "2022-03-10-a.md": valid(`${allFields()}\ntags: ["ok", ""]`) },
    expected: ['2022-03-10-a.md: tags: expected a list of non-empty tags, like ["machine learning", "nlp"], got ["ok",""]'],
  },
  {
    name: "an empty body",
    files: { "2022-03-10-a.md": valid(allFields(), "\n  \n") },
    expected: ["2022-03-10-a.md: body: expected the issue's text after the front matter, got nothing"],
  },
  {
    name: "two issues with the same URL",
    files: { "2022-03-10-same.md": valid(allFields()), "2023-01-01-same.md": valid(allFields()) },
    expected: [
      "2022-03-10-same.md: url: expected a URL no other issue has, got /issues/same/, also the URL of",
      "2023-01-01-same.md: url: expected a URL no other issue has, got /issues/same/, also the URL of",
    ],
  },
  {
    name: "an empty file",
    files: { "2022-03-10-a.md": "" },
    expected: ["2022-03-10-a.md: front matter: expected a `---` block of fields at the top of the file, got an empty file"],
  },
  {
    name: "a file that is not UTF-8",
    files: { "2022-03-10-a.md": new Uint8Array([...Buffer.from(valid(allFields(), "caf")), 0xe9, 0x0a]) },
    expected: ["2022-03-10-a.md: file: expected UTF-8 text, got a byte that is not UTF-8 at offset"],
  },
  {
    name: "a misspelt field",
    files: { "2022-03-10-a.md": valid(`${allFields()}\ndraf: true`) },
    expected: ["2022-03-10-a.md: draf: expected one of the fields title, date, series"],
  },
  {
    name: "problems in several files, all in one run",
    files: {
      "2022-03-10-a.md": valid(allFields({ series: "series: nope" })),
      "2022-03-11-b.md": valid(allFields({ title: 'title: ""' })),
      "2022-03-12-c.md": valid(allFields()),
    },
    expected: ["2022-03-10-a.md: series:", "2022-03-11-b.md: title: expected a non-empty title, got \"\""],
  },
];

// Every case's files in one content folder, each under names of its own: the build reports every
// problem of every file in one run, so one build checks them all (fourteen builds took 22 s).
const named = cases.map((invalid, index) => {
  const tag = `c${String(index).padStart(2, "0")}`;
  const renames = Object.keys(invalid.files).map((name) => {
    const [, day, slug] = /^(\d{4}-\d{2}-\d{2})-(.+)\.md$/.exec(name) ?? [];
    return { from: name, to: `${day}-${tag}-${slug}.md`, slug, newSlug: `${tag}-${slug}` };
  });
  const rename = (line: string) =>
    renames.reduce((text, { from, to, slug, newSlug }) => text.replaceAll(from, to).replaceAll(`/issues/${slug}/`, `/issues/${newSlug}/`), line);
  return {
    name: invalid.name,
    files: Object.fromEntries(renames.map(({ from, to }) => [to, invalid.files[from] as string | Uint8Array])),
    expected: invalid.expected.map(rename),
  };
});

let build: ReturnType<typeof runBuild>;
let output: string;

beforeAll(() => {
  const root = tempFolder("invalid-");
  const content = path.join(root, "issues");
  mkdirSync(content);
  for (const invalid of named) for (const [name, text] of Object.entries(invalid.files)) writeFileSync(path.join(content, name), text);
  output = path.join(root, "_site");
  mkdirSync(output);
  writeFileSync(path.join(output, "index.html"), "the previous site\n");
  build = runBuild({ content, output });
});

describe("invalid issues stop the build", () => {
  test("the build fails without a stack trace and leaves the previous site untouched", () => {
    expect(build.status).not.toBe(0);
    expect(build.stderr).not.toMatch(/\n\s+at /);
    expect(readFileSync(path.join(output, "index.html"), "utf8")).toBe("the previous site\n");
  });

  test.each(named)("$name", ({ expected }) => {
    for (const line of expected) expect(build.stderr).toContain(line);
  });
});
