// Bad TeX in several files stops the build with every formula named at its line, and leaves the
// previous site as it was; TeX asking for sizes beyond the cap builds, its maths no larger than it.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { Element } from "@xmldom/xmldom";
import * as cheerio from "cheerio";
import { beforeAll, describe, expect, test } from "vitest";
import { maxFormulaSize } from "../../src/markdown/maths.ts";
import { siteManifest } from "../support/manifest.ts";
import { issueText, previousSite, writeContent, type PreviousSite } from "../support/hostile.ts";
import { projectRoot, runBuild, type BuildRun } from "../support/run-build.ts";
import { parseXmlStrictly } from "../support/xml.ts";

// issueText's front matter takes lines 1 to 6: a body's first line is the file's line 7.
const body = (...lines: string[]) => `${lines.join("\n")}\n`;
const hostileFiles: Record<string, string> = {
  "2022-03-01-valid.md": issueText({}, body("Fine $\\frac{a}{b}$ maths.")),
  "2022-03-02-parse-errors.md": issueText(
    {},
    body("Bad $\\frac{1$ here.", "", "Code `$\\frac{2$` is code.", "", "$$", "\\left( x", "$$", "", "And $\\undefinedmacro$."),
  ),
  "2022-03-03-untrusted.md": issueText(
    {},
    body("A link $\\href{javascript:alert(1)}{click}$ and", "a $\\url{https://example.org}$, then", "", "- an $\\htmlId{x}{y}$ item"),
  ),
  "2022-03-04-embeds.md": issueText(
    {},
    body("| a |", "|---|", "| $\\includegraphics{cat.png}$ |", "", "Shifted $\\kern{-100000em}x$ and $\\href{javascript&colon;x}{y}$."),
  ),
};

describe("bad TeX in three files", () => {
  let previous: PreviousSite;
  let build: BuildRun;
  let content: string;
  beforeAll(() => {
    previous = previousSite();
    content = writeContent(hostileFiles);
    build = previous.buildOver(content);
  });
  const file = (name: string) => path.relative(projectRoot, path.join(content, name));
  const untrusted = (command: string, tex: string) => `maths: expected TeX without ${command}, which KaTeX does not allow in issues, got $${tex}$`;

  test("one run names every bad formula of every file at its line, with KaTeX's reason", () => {
    expect(build.status).toBe(1);
    const lines = build.stderr.split("\n").filter((line) => line.startsWith(path.relative(projectRoot, content)));
    expect(lines).toEqual([
      expect.stringMatching(/^.*2022-03-02-parse-errors\.md:7: maths: expected valid TeX, got \$\\frac\{1\$ \(KaTeX parse error: Unexpected end of input/),
      expect.stringMatching(/^.*2022-03-02-parse-errors\.md:11: maths: expected valid TeX, got \$\$\\left\( x \$\$ \(KaTeX parse error: Expected '\\right'/),
      expect.stringMatching(/^.*2022-03-02-parse-errors\.md:15: maths: expected valid TeX, got \$\\undefinedmacro\$ \(KaTeX parse error: Undefined control sequence: \\undefinedmacro/),
      `${file("2022-03-03-untrusted.md")}:7: ${untrusted("\\href", "\\href{javascript:alert(1)}{click}")}`,
      `${file("2022-03-03-untrusted.md")}:8: ${untrusted("\\url", "\\url{https://example.org}")}`,
      `${file("2022-03-03-untrusted.md")}:10: ${untrusted("\\htmlId", "\\htmlId{x}{y}")}`,
      `${file("2022-03-04-embeds.md")}:9: ${untrusted("\\includegraphics", "\\includegraphics{cat.png}")}`,
      `${file("2022-03-04-embeds.md")}:11: maths: expected sizes between -10em and 10em, got $\\kern{-100000em}x$ (a size of -100000em)`,
      `${file("2022-03-04-embeds.md")}:11: ${untrusted("\\href", "\\href{javascript&colon;x}{y}")}`,
    ]);
    expect(lines.every((line) => line.startsWith(file(""))), lines.join("\n")).toBe(true);
    expect(build.stderr).toContain("Invalid issues (9 problems)");
    expect(build.stderr).not.toMatch(/\n\s+at |MathsError|katex-error/);
  });

  test("the previous site is byte for byte the same", () => {
    expect(siteManifest(previous.output)).toEqual(previous.manifest);
  });
});

describe("sizes beyond the cap, and a summary that looks like markup", () => {
  const summary = "</script><script>alert(1)</script> & <b>";
  let build: BuildRun;
  beforeAll(() => {
    const content = writeContent({
      "2022-03-10-huge.md": issueText(
        { summary: `summary: ${JSON.stringify(summary)}` },
        body("A rule $\\rule{100000em}{100000em}$ and a kern $a\\kern{100000em}b$.", "", "$$", "x\\hspace{100000em}y\\rule{1em}{100000em}", "$$"),
      ),
    });
    build = runBuild({ content });
  });

  test("builds, each size at most the cap (10em) and a line, the page's maths in classes without style attributes", () => {
    expect(build.stderr).toBe("");
    expect(build.status).toBe(0);
    const html = readFileSync(path.join(build.output, "issues/huge/index.html"), "utf8");
    const $ = cheerio.load(html);
    expect($(".katex")).toHaveLength(3);
    expect($("[style], .katex-error")).toHaveLength(0);
    const sheet = $('link[rel="stylesheet"][href^="/assets/maths."]').attr("href") ?? "";
    const css = readFileSync(path.join(build.output, sheet), "utf8");
    const lengths = [...css.matchAll(/(-?[\d.]+)em/g)].map(([, number]) => Math.abs(Number(number)));
    expect(lengths.length).toBeGreaterThan(5);
    // A line's box holds the capped rule and the glyphs' depth beside it.
    expect(Math.max(...lengths)).toBeGreaterThanOrEqual(maxFormulaSize);
    expect(Math.max(...lengths)).toBeLessThan(maxFormulaSize + 1);
    const mathmlLengths = [...html.matchAll(/(?:width|height|depth|voffset)="(-?[\d.]+)em"/g)].map(([, number]) => Math.abs(Number(number)));
    expect(Math.max(...mathmlLengths)).toBe(maxFormulaSize);
    expect(readdirSync(path.join(build.output, "assets")).filter((name) => name.startsWith("maths."))).toHaveLength(1);
  });

  test("RSS readers, which parse <description> as HTML, show the summary as text; Atom and JSON Feed carry it as text", () => {
    const rss = parseXmlStrictly(readFileSync(path.join(build.output, "rss.xml"), "utf8"), "rss.xml");
    const item = rss.getElementsByTagName("item")[0] as Element;
    const description = item.getElementsByTagName("description")[0]?.textContent ?? "";
    expect(description).not.toContain("<");
    const shown = cheerio.load(description);
    expect(shown("script, b")).toHaveLength(0);
    expect(shown.root().text()).toBe(summary);
    const atom = parseXmlStrictly(readFileSync(path.join(build.output, "feed.xml"), "utf8"), "feed.xml");
    const atomSummary = atom.getElementsByTagNameNS("http://www.w3.org/2005/Atom", "summary")[0];
    expect([atomSummary?.getAttribute("type"), atomSummary?.textContent]).toEqual(["text", summary]);
    const json = JSON.parse(readFileSync(path.join(build.output, "feed.json"), "utf8")) as { items: { summary: string }[] };
    expect(json.items[0]?.summary).toBe(summary);
  });
});
