import { describe, expect, test } from "vitest";
import { parseNewsletterConfig } from "../../src/config/newsletter-config.ts";
import {
  chooseSeries,
  issueFileName,
  newIssueText,
  nextIssueNumber,
  numberedIssue,
  parseNewIssueArgs,
  todayIn,
} from "../../src/cli/new-issue.ts";
import { parseFrontMatter, splitFrontMatter } from "../../src/model/front-matter.ts";
import { issueSlug } from "../../src/model/issue-url.ts";

function config(series: string[], defaultSeries?: string) {
  const yaml = [
    "site: { title: T, description: D, url: 'https://example.org/', publisher: { name: P } }",
    "series:",
    ...series.map((id) => `  - { id: ${id}, title: ${id}, description: d }`),
    ...(defaultSeries ? [`default_series: ${defaultSeries}`] : []),
  ].join("\n");
  return parseNewsletterConfig(yaml, "newsletter.yml", "/");
}

describe("parseNewIssueArgs", () => {
  test.each([
    [["Hello"], { title: "Hello", content: "issues", dryRun: false }],
    [["--series", "lab-notes", "Hello"], { title: "Hello", series: "lab-notes", content: "issues", dryRun: false }],
    [["Hello", "--series=lab-notes", "--content=drafts"], { title: "Hello", series: "lab-notes", content: "drafts", dryRun: false }],
    [["--dry-run", "  Padded title  "], { title: "Padded title", content: "issues", dryRun: true }],
    [["--", "--not a flag"], { title: "--not a flag", content: "issues", dryRun: false }],
  ])("%j gives %j", (argv, options) => {
    expect(parseNewIssueArgs(argv)).toEqual(options);
  });

  test.each([
    [[], "new: expected the title as one argument, in quotes, got nothing"],
    [["Two", "words"], 'new: expected the title as one argument, in quotes, got 2 arguments ("Two" "words")'],
    [["--bogus", "Hello"], 'new: expected --series ID, --content DIR, --config FILE, --dry-run or the title, got "--bogus"'],
    [["-s", "x", "Hello"], 'got "-s"'],
    [["--series"], "new: --series: expected a series id, got nothing"],
    [["--content", "--dry-run", "Hello"], "new: --content: expected a folder, got nothing"],
    [["   "], 'new: title: expected a non-empty title, got "   "'],
    [["x".repeat(201)], "new: title: expected a title of at most 200 characters, got 201 characters"],
    [["?!…"], 'new: title: expected a title with a letter or digit, for its address, got "?!…"'],
  ])("%j is refused: %s", (argv, message) => {
    expect(() => parseNewIssueArgs(argv)).toThrow(message);
  });

  test("a title of exactly 200 characters, counted as characters, is taken", () => {
    const title = `a${"😀".repeat(199)}`;
    expect(title.length).toBe(399);
    expect(parseNewIssueArgs([title]).title).toBe(title);
  });
});

describe("chooseSeries", () => {
  test("--series names a series of the configuration, written into the front matter", () => {
    expect(chooseSeries(config(["a", "b"]), "b")).toEqual({ id: "b", written: true });
  });

  test("without --series, the default series, left out of the front matter", () => {
    expect(chooseSeries(config(["a", "b"], "b"), undefined)).toEqual({ id: "b", written: false });
    expect(chooseSeries(config(["only"]), undefined)).toEqual({ id: "only", written: false });
  });

  test("with several series and no default, --series is required and the message lists the ids", () => {
    expect(() => chooseSeries(config(["a", "b"]), undefined)).toThrow(
      "new: --series: expected one of the series in newsletter.yml (a, b), got nothing; newsletter.yml names no default_series",
    );
  });

  test("an unknown series is refused, listing the ids", () => {
    expect(() => chooseSeries(config(["a", "b"], "a"), "c")).toThrow('new: --series: expected one of the series in newsletter.yml (a, b), got "c"');
  });
});

describe("nextIssueNumber", () => {
  test("is one more than the series' highest number, in any order", () => {
    const issues = [
      { series: "a", number: 3 },
      { series: "a", number: 12 },
      { series: "b", number: 40 },
      { series: "a", number: undefined },
    ];
    expect(nextIssueNumber(issues, "a")).toBe(13);
    expect(nextIssueNumber(issues, "b")).toBe(41);
  });

  test("counts issues without series: in the default series", () => {
    const issues = [{ series: undefined, number: 7 }, { series: "b", number: 2 }];
    expect(nextIssueNumber(issues, "a", "a")).toBe(8);
    expect(nextIssueNumber(issues, "b", "a")).toBe(3);
  });

  test("is undefined for a series whose issues have no number, or that has none yet", () => {
    expect(nextIssueNumber([{ series: "a", number: undefined }], "a")).toBeUndefined();
    expect(nextIssueNumber([{ series: "b", number: 2 }], "a")).toBeUndefined();
  });

  test("ignores numbers the schema would refuse", () => {
    const issues = [{ series: "a", number: "99" }, { series: "a", number: 2.5 }, { series: "a", number: -4 }, { series: "a", number: 1 }];
    expect(nextIssueNumber(issues, "a")).toBe(2);
  });
});

describe("numberedIssue", () => {
  test("reads series and number from front matter", () => {
    expect(numberedIssue('---\ntitle: "x"\nseries: lab-notes\nnumber: 4\n---\nBody\n')).toEqual({ series: "lab-notes", number: 4 });
  });

  test("is undefined without readable front matter", () => {
    expect(numberedIssue("No front matter")).toBeUndefined();
    expect(numberedIssue("---\ntitle: [unclosed\n---\nBody\n")).toBeUndefined();
  });
});

describe("todayIn", () => {
  test("is the day in the configured time zone, not the machine's", () => {
    const now = new Date("2024-03-10T23:30:00Z");
    expect(todayIn("UTC", now)).toBe("2024-03-10");
    expect(todayIn("Europe/Berlin", now)).toBe("2024-03-11");
    expect(todayIn("America/Los_Angeles", new Date("2024-03-11T05:00:00Z"))).toBe("2024-03-10");
  });
});

describe("issueFileName", () => {
  test.each([
    ["Gradient Update #20: New Chinese Regulations", "2022-03-10-gradient-update-20-new-chinese-regulations.md"],
    ["C++ & Rust", "2022-03-10-c-rust.md"],
    ["Ünïcode Ωmega", "2022-03-10-ünïcode-ωmega.md"],
  ])("%j is %s, whose address is the title's slug", (title, name) => {
    expect(issueFileName("2022-03-10", title)).toBe(name);
  });

  test("a name over 255 bytes is cut at a hyphen, so the build's file-name limit holds", () => {
    const name = issueFileName("2022-03-10", Array.from({ length: 60 }, () => "日本語").join(" "));
    expect(Buffer.byteLength(name)).toBeLessThanOrEqual(255);
    expect(name).toMatch(/^2022-03-10-日本語(-日本語)+\.md$/);
    expect(Buffer.byteLength(issueSlug(name))).toBeGreaterThan(200);
  });
});

describe("newIssueText", () => {
  const read = (text: string) => {
    const split = splitFrontMatter(text);
    return { ...parseFrontMatter(split.yaml ?? ""), body: split.body };
  };

  test("front matter reads back as written: the title whatever its quotes, the date quoted, a draft", () => {
    const title = `He said "yes": #1 — 'no' \\ {{ x }} [a, b] & *star* ---`;
    const parsed = read(newIssueText({ title, date: "2024-03-10", series: "lab-notes", number: 4 }));
    expect(parsed.problems).toEqual([]);
    expect(parsed.data).toEqual({
      title,
      date: "2024-03-10",
      series: "lab-notes",
      number: 4,
      summary: "TODO: one or two sentences on what this issue holds.",
      tags: [],
      draft: true,
    });
    expect(parsed.unquoted.has("date")).toBe(false);
    expect(parsed.body.trim()).not.toBe("");
  });

  test("a series id YAML would read as another type stays text", () => {
    expect(read(newIssueText({ title: "x", date: "2024-03-10", series: "2024" })).data.series).toBe("2024");
    expect(read(newIssueText({ title: "x", date: "2024-03-10", series: "null" })).data.series).toBe("null");
  });

  test("leaves series and number out when not given", () => {
    const data = read(newIssueText({ title: "x", date: "2024-03-10" })).data;
    expect("series" in data).toBe(false);
    expect("number" in data).toBe(false);
  });
});
