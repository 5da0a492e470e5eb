// Functions over issue text on the inputs that made them super-linear or overflow the stack: each
// must give the right answer at sizes where a quadratic pass would not finish within the suite's
// timeout. No timing is asserted here; `npm run bench:hostile` measures the times.
import { describe, expect, test } from "vitest";
import { createMarkdown } from "../../src/markdown/create-markdown.ts";
import { tableOfContents } from "../../src/markdown/table-of-contents.ts";
import { hostileInputs } from "../../src/bench/hostile.ts";
import { validateIssueSource } from "../../src/model/validate-issues.ts";
import { countWords } from "../../src/model/reading-time.ts";

const file = "issues/2022-03-10-hostile.md";
const source = (text: string) => ({ file, absolutePath: `/content/${file}`, bytes: new TextEncoder().encode(text) });

describe("text functions on adversarial input", () => {
  test("a heading with 20,000 formulas lists all their TeX, without overflowing the stack", () => {
    const html = createMarkdown().render(`## ${"$x$ ".repeat(20_000)}end\n`, {});
    const [entry] = tableOfContents(html);
    expect(entry?.text).toBe(`${"x ".repeat(20_000)}end`);
  });

  test("a table of contents reads a `<` with no `>` after it as text", () => {
    expect(tableOfContents(`<h2 id="a">a ${"<".repeat(50_000)} <b>b</b></h2>`)[0]?.text).toBe(`a ${"<".repeat(50_000)} b`);
  });

  test("a 1 MB body of `](` validates as an issue of one word", () => {
    const issue = validateIssueSource(source(`---\ntitle: "A"\ndate: "2022-03-10"\nseries: lab-notes\nsummary: "S."\n---\nword ${"](".repeat(500_000)}\n`));
    expect(Array.isArray(issue) ? issue : issue.words).toBe(1);
  });

  test("duplicate keys after 1 MB of spaces in front matter are reported at their lines", () => {
    const text = `---\ntitle: "A"\ndate: "2022-03-10"\n${" ".repeat(1_000_000)}\ntitle: "B"\ndate: "2022-03-11"\n---\nText.\n`;
    expect(validateIssueSource(source(text))).toEqual([
      `${file}:5: front matter: expected valid YAML, got Map keys must be unique`,
      `${file}:6: front matter: expected valid YAML, got Map keys must be unique`,
    ]);
  });

  test("every hostile benchmark input validates and renders at 128 KB, to an issue or to problems", () => {
    for (const input of hostileInputs) {
      const text = input.make(128 * 1024);
      const validated = validateIssueSource(source(text));
      expect(Array.isArray(validated) ? validated.length : validated.title, input.name).toBeTruthy();
      const body = text.slice(text.indexOf("\n---\n", 3) + 5);
      let html: string;
      try {
        html = createMarkdown().render(body, {});
      } catch (error) {
        // Unclosed display maths is TeX KaTeX refuses, and lists nested past markdown-it's 100
        // levels would lose text: validation reports both, and rendering refuses them too.
        expect(["MathsError", "NestingError"], input.name).toContain((error as Error).name);
        continue;
      }
      expect(html.length, input.name).toBeGreaterThan(0);
    }
  }, 120_000);

  test("countWords skips link targets only up to their first `)`", () => {
    expect(countWords(`${"[a](".repeat(100_000)}) b`)).toBe(2);
  });
});
