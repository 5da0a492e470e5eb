import { describe, expect, test } from "vitest";
import { readBuiltSite } from "../../src/check/built-site.ts";
import { checkHtmlValidity } from "../../src/check/html-validity.ts";
import { createMarkdown } from "../../src/markdown/create-markdown.ts";
import { tinyPage, writeTinySite } from "../support/tiny-site.ts";

async function validate(files: Record<string, string>) {
  return checkHtmlValidity((await readBuiltSite(writeTinySite(files))).pages);
}

describe("checkHtmlValidity", () => {
  test("passes a valid page", async () => {
    expect(await validate({ "index.html": tinyPage('<h1>Hello</h1>\n<p><a href="/">Home</a></p>') })).toEqual([]);
  });

  test("reports invalid HTML with the page, line and html-validate rule", async () => {
    const problems = await validate({
      "index.html": tinyPage("<p>fine</p>"),
      "issues/x/index.html": tinyPage('<p id="twice">a</p>\n<p id="twice">b</p>\n<p><div>block in a paragraph</div></p>'),
    });
    expect(problems.map(({ page, rule }) => ({ page, rule }))).toEqual(
      expect.arrayContaining([
        { page: "issues/x/index.html", rule: "valid-html/no-dup-id" },
        { page: "issues/x/index.html", rule: "valid-html/close-order" },
      ]),
    );
    expect(problems.every((problem) => problem.page === "issues/x/index.html" && (problem.line ?? 0) >= 10)).toBe(true);
  });

  test("applies the recommended preset, e.g. the uppercase doctype", async () => {
    const problems = await validate({ "index.html": tinyPage("<p>x</p>").replace("<!DOCTYPE html>", "<!doctype html>") });
    expect(problems.map((problem) => problem.rule)).toEqual(["valid-html/doctype-style"]);
  });

  test("accepts what the project configuration allows, for the reasons it gives", async () => {
    const title = "A newsletter issue whose own headline is far longer than seventy characters · Site";
    const body = [
      '<h2 id="1-numbered-heading">1. Numbered heading</h2>',
      '<p>Note<sup><a href="#fn1" id="fnref1">[1]</a></sup> again<sup><a href="#fn1" id="fnref1:1">[1:1]</a></sup></p>',
      '<ul aria-label="Tags"><li><a href="/tags/x/" rel="tag">x</a></li></ul>',
      '<ol><li id="fn1"><p>The note. <a href="#fnref1">↩︎</a></p></li></ol>',
    ].join("\n");
    expect(await validate({ "index.html": tinyPage(body, { title }) })).toEqual([]);
  });

  test("still rejects ids with whitespace", async () => {
    const problems = await validate({ "index.html": tinyPage('<p id="two words">x</p>') });
    expect(problems.map((problem) => problem.rule)).toContain("valid-html/valid-id");
  });

  test("passes the Markdown renderer's output: KaTeX, footnotes, anchors, callouts, aligned tables", async () => {
    const markdown = [
      "## 1. First section",
      "",
      "A note[^1], the same note again[^1], and $\\Delta w_{i,j} = \\eta \\sqrt[3]{\\frac{a}{b}} \\hspace{1em} \\text{ok}$.",
      "",
      "$$",
      "\\begin{aligned} a &= \\underbrace{b}_{c} \\\\ \\vec{v} &\\ne \\boxed{x} \\end{aligned}",
      "$$",
      "",
      "### Café & crème",
      "",
      "| left | right |",
      "|:-----|------:|",
      "| 1    | 2     |",
      "",
      "::: takeaway",
      "Remember this.",
      ":::",
      "",
      "[^1]: The note, with a [link](https://example.org/).",
    ].join("\n");
    const body = createMarkdown().render(markdown);
    expect(body).toContain('class="katex"');
    expect(body).toContain('id="fnref1:1"');
    expect(await validate({ "index.html": tinyPage(body) })).toEqual([]);
  });
});
