import { describe, expect, test } from "vitest";
import { lineFinder, ownCopy, parseFrontMatter, parseYamlData, splitFrontMatter } from "../../src/model/front-matter.ts";

describe("splitFrontMatter", () => {
  test.each([
    ["LF", "---\ntitle: A\n---\nBody text.\n", "title: A", "Body text.\n"],
    ["CRLF", "---\r\ntitle: A\r\ndate: \"2022-03-10\"\r\n---\r\nBody text.\r\n", 'title: A\r\ndate: "2022-03-10"', "Body text.\r\n"],
    ["a byte order mark", "\uFEFF---\ntitle: A\n---\nBody text.", "title: A", "Body text."],
    ["a byte order mark and CRLF", "\uFEFF---\r\ntitle: A\r\n---\r\nBody text.", "title: A", "Body text."],
    ["trailing spaces on the fences", "---  \ntitle: A\n--- \t\nBody text.", "title: A", "Body text."],
    ["no body", "---\ntitle: A\n---", "title: A", ""],
    ["empty front matter", "---\n---\nBody text.", "", "Body text."],
    ["a later --- in the body", "---\ntitle: A\n---\nBody.\n\n---\n\nMore.", "title: A", "Body.\n\n---\n\nMore."],
    ["an indented --- inside a YAML block", "---\ntitle: |\n  a\n  ---\n---\nBody.", "title: |\n  a\n  ---", "Body."],
  ])("splits a file with %s", (_, source, yaml, body) => {
    expect(splitFrontMatter(source)).toEqual({ yaml, yamlFirstLine: 2, body });
  });

  test.each([
    ["no fence at all", "Just a body.\n"],
    ["an empty file", ""],
    ["an unclosed fence", "---\ntitle: A\nBody text.\n"],
    ["a fence not at the very top", "\n---\ntitle: A\n---\nBody."],
    ["an indented opening fence", " ---\ntitle: A\n---\nBody."],
    ["four dashes", "----\ntitle: A\n----\nBody."],
    ["text right after the closing fence", "---\ntitle: A\n---Body."],
  ])("reports no front matter for %s, keeping the whole text as body", (_, source) => {
    expect(splitFrontMatter(source)).toEqual({ yaml: undefined, yamlFirstLine: 1, body: source });
  });

  test("a byte order mark is dropped from a file without front matter", () => {
    expect(splitFrontMatter("\uFEFFJust a body.").body).toBe("Just a body.");
  });
});

describe("parseFrontMatter", () => {
  test("reads fields, records which were written unquoted, and keeps dates as text", () => {
    const parsed = parseFrontMatter(
      [
        "title: Plain title",
        'summary: "Quoted summary."',
        "series: 'lab-notes'",
        "date: 2022-03-10",
        "number: 20",
        "draft: false",
        "tags: [a, b]",
      ].join("\n"),
      2,
    );
    expect(parsed.problems).toEqual([]);
    expect(parsed.data).toEqual({
      title: "Plain title",
      summary: "Quoted summary.",
      series: "lab-notes",
      date: "2022-03-10",
      number: 20,
      draft: false,
      tags: ["a", "b"],
    });
    expect([...parsed.unquoted].sort()).toEqual(["date", "draft", "number", "title"]);
  });

  test.each([
    ["2022-02-30", "2022-02-30"],
    ['"2022-02-30"', "2022-02-30"],
    ["2022-03-10", "2022-03-10"],
    ["2022-03-10T10:00:00Z", "2022-03-10T10:00:00Z"],
  ])("date: %s stays the string %j, never a rolled-over timestamp", (written, value) => {
    const parsed = parseFrontMatter(`date: ${written}`);
    expect(parsed.data.date).toBe(value);
    expect(typeof parsed.data.date).toBe("string");
  });

  test("CRLF front matter parses without stray carriage returns", () => {
    expect(parseFrontMatter('title: A\r\ndate: "2022-03-10"\r\n', 2).data).toEqual({ title: "A", date: "2022-03-10" });
  });

  test.each([
    ["title: [", 2, 2],
    ['title: "unterminated', 2, 2],
    ["title: [", 1, 1],
    ["title: [", 10, 10],
  ])("a YAML error on the first YAML line %j, starting at file line %i, is reported at line %i", (yaml, firstLine, line) => {
    const parsed = parseFrontMatter(yaml, firstLine);
    expect(parsed.problems.length).toBeGreaterThan(0);
    expect(parsed.problems[0]?.line).toBe(line);
    expect(parsed.data).toEqual({});
  });

  test.each([
    ["a bad value on the third YAML line", "title: A\nsummary: B\ndate: : x", 4, "Nested mappings are not allowed in compact mappings"],
    ["an unclosed list after blank lines", "a: 1\n\n\nb: [1,\n", 5, "Flow sequence in block collection must be sufficiently indented and end with a ]"],
    ["a duplicate key on the second YAML line", "title: First\ntitle: Second", 3, "Map keys must be unique"],
    ["a duplicate key further down", "title: A\ndate: B\nseries: C\ntitle: D", 5, "Map keys must be unique"],
    ["CRLF line endings", "title: A\r\nsummary: B\r\ndate: : x\r\n", 4, "Nested mappings are not allowed in compact mappings"],
  ])("%s is reported at file line %i (first YAML line is line 2)", (_, yaml, line, message) => {
    expect(parseFrontMatter(yaml, 2).problems[0]).toEqual({ line, message });
  });

  test("a YAML error message is a single line", () => {
    const parsed = parseFrontMatter("title: [", 2);
    for (const problem of parsed.problems) expect(problem.message).not.toContain("\n");
    expect(parsed.problems[0]?.message).toMatch(/Flow sequence/);
  });

  test("a duplicate key is a YAML problem, not a silent overwrite", () => {
    expect(parseFrontMatter("title: First\ntitle: Second", 2)).toEqual({
      data: {},
      unquoted: new Set(),
      problems: [{ line: 3, message: "Map keys must be unique" }],
    });
  });

  test.each([
    ["a list", "- title\n- date"],
    ["a plain string", "just some text"],
    ["a number", "42"],
  ])("front matter that is %s, not a mapping, is a problem at the first YAML line", (_, yaml) => {
    expect(parseFrontMatter(yaml, 2)).toEqual({
      data: {},
      unquoted: new Set(),
      problems: [{ line: 2, message: "expected a mapping of `field: value` lines" }],
    });
  });

  test.each([
    ["empty", ""],
    ["comments only", "# nothing here yet"],
  ])("%s front matter has no data and no problems", (_, yaml) => {
    expect(parseFrontMatter(yaml, 2)).toEqual({ data: {}, unquoted: new Set(), problems: [] });
  });

  test("quoted, block and flow values are not counted as unquoted", () => {
    const parsed = parseFrontMatter("a: 'x'\nb: \"y\"\nc: |\n  z\nd: [1]\ne: {k: v}\nf: plain");
    expect([...parsed.unquoted]).toEqual(["f"]);
  });
});

describe("parseFrontMatter on YAML that exhausts resources", () => {
  const aliasBomb = [
    'title: "Laughs"',
    'a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]',
    "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]",
    "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]",
    "d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]",
  ].join("\n");

  test("an alias bomb is a problem at the line of its first alias, not a throw", () => {
    expect(parseFrontMatter(aliasBomb, 2)).toEqual({
      data: {},
      unquoted: new Set(),
      problems: [{ line: 4, message: "aliases expanded more than 100 times (Excessive alias count indicates a resource exhaustion attack)" }],
    });
  });

  test("a few aliases are fine", () => {
    expect(parseFrontMatter("a: &x [1, 2]\nb: *x", 2)).toMatchObject({ data: { a: [1, 2], b: [1, 2] }, problems: [] });
  });

  test("lists nested 20,000 deep are a problem at their line, not a stack overflow", () => {
    const yaml = `title: "Deep"\ntags: ${"[".repeat(20_000)}${"]".repeat(20_000)}`;
    const parsed = parseFrontMatter(yaml, 2);
    expect(parsed.data).toEqual({});
    expect(parsed.problems[0]?.line).toBe(3);
    expect(parsed.problems[0]?.message).toMatch(/^lists or mappings nested too deep to read \(/);
  });

  test("past 20 YAML errors, one more line counts the rest, from the line of the 21st", () => {
    const yaml = Array.from({ length: 50 }, () => "title: again").join("\n");
    const { problems } = parseFrontMatter(yaml, 2);
    expect(problems).toHaveLength(21);
    expect(problems[19]).toEqual({ line: 22, message: "Map keys must be unique" });
    expect(problems[20]).toEqual({ line: 23, message: "29 more YAML errors from this line on" });
  });

  test("a duplicate key after 100 KB of spaces and blank lines is found at its line", () => {
    const yaml = `title: A\n${" ".repeat(100_000)}\n${" \n".repeat(50_000)}title: B\n${" ".repeat(100_000)}`;
    expect(parseFrontMatter(yaml, 2).problems).toEqual([{ line: 50_004, message: "Map keys must be unique" }]);
  });
});

describe("lineFinder", () => {
  test.each([
    ["a\nb\nc", 0, 1],
    ["a\nb\nc", 1, 1],
    ["a\nb\nc", 2, 2],
    ["a\nb\nc", 4, 3],
    ["a\nb\n\n\n  ", 9, 2],
    ["", 0, 1],
    ["\n\n\nx", 3, 4],
  ])("in %j, offset %i is on line %i; past the text, the last line with text", (text, offset, line) => {
    expect(lineFinder(text)(offset)).toBe(line);
  });

  test("counts from the first line given", () => {
    expect(lineFinder("a\nb", 10)(2)).toBe(11);
  });
});

describe("parseYamlData", () => {
  test("gives Eleventy the same data validation saw, with tags renamed so Eleventy builds no per-tag collections", () => {
    const yaml = 'title: A\ndate: 2022-03-10\ntags: ["x"]';
    const { tags, ...rest } = parseFrontMatter(yaml).data;
    expect(parseYamlData(`\n${yaml}`)).toEqual({ ...rest, issueTags: tags });
    expect(parseYamlData(yaml)).toEqual({ ...rest, issueTags: tags });
    expect(parseYamlData(yaml).date).toBe("2022-03-10");
    expect(parseYamlData(yaml)).not.toHaveProperty("tags");
  });

  test("empty YAML gives no data", () => {
    expect(parseYamlData("")).toEqual({});
  });
});

describe("ownCopy", () => {
  test("is equal to the text it copies, whatever its length or characters", () => {
    const file = `---\ntitle: "${"Long title — with a dash ".repeat(20)}"\n---\nBody`;
    const yaml = splitFrontMatter(file).yaml ?? "";
    expect(ownCopy(yaml)).toBe(yaml);
    expect(ownCopy("")).toBe("");
    expect(ownCopy("😀 é")).toBe("😀 é");
  });
});
