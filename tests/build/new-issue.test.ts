// `npm run new` in a temporary project with a newsletter.yml of its own: the file it writes
// validates and builds, it numbers issues after the series' last, and it never overwrites.
import { spawnSync } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { packageScript, scriptArguments } from "../../src/bench/package-scripts.ts";
import { todayIn } from "../../src/cli/new-issue.ts";
import { validateIssueSources } from "../../src/model/validate-issues.ts";
import { projectRoot, runBuild, runServeModeBuild, tempFolder, type BuildRun } from "../support/run-build.ts";
import { loadPage, pageExists } from "../support/site.ts";

const tsxCli = path.join(projectRoot, "node_modules/tsx/dist/cli.mjs");
// Fourteen hours ahead of UTC: for half of each UTC day its date is the next day's.
const timeZone = "Pacific/Kiritimati";

const project = tempFolder("new-issue-");
const configFile = path.join(project, "settings", "letters.yml");
const issues = path.join(project, "issues");

function write(file: string, text: string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
}

function issueText(fields: string): string {
  return `---\n${fields}\nsummary: "An existing issue."\n---\nSome text.\n`;
}

write(
  configFile,
  `site:
  title: Field Notes
  description: Notes from the field.
  url: https://letters.example.net/
  time_zone: ${timeZone}
  publisher:
    name: Field Notes Press
series:
  - id: essays
    title: Essays
    description: Long pieces.
  - id: dispatches
    title: Dispatches
    description: Short unnumbered notes.
`,
);
write(path.join(issues, "2023-01-05-first-essay.md"), issueText('title: "First essay"\ndate: "2023-01-05"\nseries: essays\nnumber: 3'));
write(path.join(issues, "2023-02-05-second-essay.md"), issueText('title: "Second essay"\ndate: "2023-02-05"\nseries: essays\nnumber: 7'));
write(path.join(issues, "older/2022-12-01-dispatch.md"), issueText('title: "A dispatch"\ndate: "2022-12-01"\nseries: dispatches'));

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
  /** The days it may have written, today in the configuration's zone when it started and ended. */
  days: string[];
}

/** Runs package.json's `new` script as a publisher would, from the project's folder. */
function runNew(...args: string[]): Run {
  const [script, ...scriptArgs] = scriptArguments("new-issue test", "new", "tsx", packageScript("new"));
  const before = todayIn(timeZone);
  const result = spawnSync(process.execPath, [tsxCli, path.join(projectRoot, script ?? ""), ...scriptArgs, "--config", configFile, ...args], {
    cwd: project,
    encoding: "utf8",
    env: { ...process.env, NEWSLETTER_CONFIG: "" },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr, days: [...new Set([before, todayIn(timeZone)])] };
}

/** The issue file a run wrote, by the path it printed, which must be one of the days it ran on. */
function writtenFile(run: Run, slug: string): string {
  const match = /^Wrote (\S+\.md) /m.exec(run.stdout);
  expect(match, run.stdout + run.stderr).not.toBeNull();
  const file = match?.[1] ?? "";
  expect(run.days.map((day) => path.join("issues", `${day}-${slug}.md`))).toContain(file);
  return path.join(project, file);
}

function withConfig<T>(callback: () => T): T {
  const previous = process.env.NEWSLETTER_CONFIG;
  process.env.NEWSLETTER_CONFIG = configFile;
  try {
    return callback();
  } finally {
    if (previous === undefined) delete process.env.NEWSLETTER_CONFIG;
    else process.env.NEWSLETTER_CONFIG = previous;
  }
}

function validate(files: string[]) {
  return withConfig(() =>
    validateIssueSources(files.map((absolutePath) => ({ file: path.relative(project, absolutePath), absolutePath, bytes: readFileSync(absolutePath) }))),
  );
}

function allIssueFiles(): string[] {
  return readdirSync(issues, { recursive: true, encoding: "utf8" })
    .filter((name) => name.endsWith(".md"))
    .map((name) => path.join(issues, name));
}

describe("npm run new -- --series essays", () => {
  const title = `Notes on "Attention": Q&A #1 — {{ not a template }}`;
  const slug = "notes-on-attention-q-a-1-not-a-template";
  let run: Run;
  let file: string;
  beforeAll(() => {
    run = runNew("--series", "essays", title);
    file = writtenFile(run, slug);
  });

  test("prints the path it wrote and the address the issue will have under the configured site", () => {
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(`published, it will be at https://letters.example.net/issues/${slug}/`);
  });

  test("writes a draft dated today in the configured time zone, numbered after the series' highest", () => {
    const result = validate([file]);
    expect(result.problems).toEqual([]);
    expect(result.issues).toHaveLength(1);
    const [issue] = result.issues;
    expect(issue).toMatchObject({ title, seriesId: "essays", number: 8, draft: true, url: `/issues/${slug}/` });
    expect(run.days).toContain(issue?.date);
  });

  test("its file validates with every other issue of the folder", () => {
    const result = validate(allIssueFiles());
    expect(result.problems).toEqual([]);
    expect(result.issues).toHaveLength(4);
  });

  describe("built", () => {
    let production: BuildRun;
    let development: BuildRun;
    beforeAll(() => {
      const env = { NEWSLETTER_CONFIG: configFile };
      production = runBuild({ content: issues, env });
      development = runServeModeBuild({ content: issues, env });
    });

    test("npm run build succeeds and leaves the draft out", () => {
      expect(production.stderr).toBe("");
      expect(production.status).toBe(0);
      expect(pageExists(production.output, "/issues/second-essay/")).toBe(true);
      expect(pageExists(production.output, `/issues/${slug}/`)).toBe(false);
    });

    test("npm start's build shows it at the address it printed, titled as given, marked Draft", () => {
      expect(development.stderr).toBe("");
      expect(development.status).toBe(0);
      const page = loadPage(development.output, `/issues/${slug}/`);
      expect(page("h1").first().text().trim()).toBe(title);
      expect(page(".draft-mark").first().text()).toBe("Draft");
      expect(page("main").text()).toContain("Write the issue here");
    });
  });

  test("a second call with the same title is refused, naming the file, which is left as it was", () => {
    const before = readFileSync(file);
    const modified = statSync(file).mtimeMs;
    const again = runNew("--series", "essays", title);
    expect(again.status).toBe(1);
    expect(again.stdout).toBe("");
    expect(again.stderr).toContain(path.relative(project, file));
    expect(again.stderr).toContain("existing file");
    expect(readFileSync(file)).toEqual(before);
    expect(statSync(file).mtimeMs).toBe(modified);
  });
});

describe("npm run new, refusing", () => {
  let filesBefore: string[];
  beforeAll(() => {
    filesBefore = allIssueFiles();
  });
  afterAll(() => {
    expect(allIssueFiles()).toEqual(filesBefore);
  });

  test("without --series when the newsletter has several series and no default: the message lists them", () => {
    const run = runNew("A title");
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("--series: expected one of the series in settings/letters.yml (essays, dispatches), got nothing");
  });

  test("a series the configuration does not have", () => {
    const run = runNew("--series", "lab-notes", "A title");
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('(essays, dispatches), got "lab-notes"');
  });

  test("a title whose address an older issue already has", () => {
    const run = runNew("--series", "essays", "First Essay!");
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("/issues/first-essay/, the address of issues/2023-01-05-first-essay.md");
  });

  test.each([
    ["an empty title", ["--series", "essays", ""], "title: expected a non-empty title"],
    ["a title over 200 characters", ["--series", "essays", "x".repeat(201)], "title: expected a title of at most 200 characters, got 201 characters"],
    ["an unknown flag", ["--series", "essays", "--draft", "A title"], 'got "--draft"'],
  ])("%s", (_, args, message) => {
    const run = runNew(...args);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(message);
  });
});

describe("npm run new -- --content DIR, for a series without numbers", () => {
  test("writes into that folder, with no number", () => {
    const run = runNew("--content", "issues/older", "--series", "dispatches", "Another dispatch");
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    const match = /^Wrote (\S+\.md) /m.exec(run.stdout);
    const file = path.join(project, match?.[1] ?? "");
    expect(run.days.map((day) => path.join("issues/older", `${day}-another-dispatch.md`))).toContain(match?.[1]);
    const [issue] = validate([file]).issues;
    expect(issue).toMatchObject({ seriesId: "dispatches", number: undefined, draft: true });
  });
});
