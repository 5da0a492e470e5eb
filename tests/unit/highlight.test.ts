import * as cheerio from "cheerio";
import { describe, expect, test } from "vitest";
import { createMarkdown } from "../../src/markdown/create-markdown.ts";
import { highlightCode, maxHighlightedLength, maxHighlightedLineLength } from "../../src/markdown/highlight.ts";

const md = createMarkdown();
const load = (markdown: string) => cheerio.load(md.render(markdown), null, false);
const fence = (language: string, code: string) => `\`\`\`${language}\n${code}\n\`\`\`\n`;

describe("fenced code is highlighted at build time", () => {
  test("a python block gets a class per kind of token", () => {
    const $ = load(fence("python", 'def greet(name):\n    return "hi " + name  # say hi'));
    expect($("pre > code.language-python").length).toBe(1);
    const tokens = (kind: string) => $(`code .token.${kind}`).map((_, el) => $(el).text()).get();
    expect(tokens("keyword")).toEqual(["def", "return"]);
    expect(tokens("function")).toEqual(["greet"]);
    expect(tokens("string")).toEqual(['"hi "']);
    expect(tokens("comment")).toEqual(["# say hi"]);
    expect($("code").text()).toBe('def greet(name):\n    return "hi " + name  # say hi\n');
  });

  test.each([
    ["sh", "echo $HOME", "builtin"],
    ["json", '{"a": 1}', "property"],
    ["js", "const a = 1;", "keyword"],
    ["Python", "import os", "keyword"],
  ])("a %s block is highlighted", (language, code, kind) => {
    expect(load(fence(language, code))(`code .token.${kind}`).length).toBeGreaterThan(0);
  });

  test.each([["klingon"], ["extend"], ["insertBefore"], ["__proto__"], ["constructor"], [""]])(
    "a block in language %j renders as plain code, without an error",
    (language) => {
      const $ = load(fence(language, "x = <b>1</b> & 2"));
      expect($("code span").length).toBe(0);
      expect($("code").text()).toBe("x = <b>1</b> & 2\n");
    },
  );

  test("code that looks like HTML is shown, never parsed", () => {
    const html = md.render(fence("python", 'print("<script>alert(1)</script>") & x'));
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html).toContain("&amp;");
    expect(html).not.toMatch(/&(?!amp;|lt;|gt;)/);
    expect(cheerio.load(html, null, false)("script").length).toBe(0);
  });

  test("a shell redirect's > is escaped, as npm run check's no-raw-characters requires", () => {
    const html = highlightCode("sort a.txt > b.txt && echo 'x>y'", "sh");
    expect(html).toContain('<span class="token operator">&gt;</span> b.txt');
    expect(html).toContain("x&gt;y");
    expect(html.replace(/<[^>]*>/g, "")).not.toContain(">");
  });

  test("no highlighted block carries a style attribute (the CSP forbids inline styles)", () => {
    const all = ["python", "sh", "json", "js", "ts", "yaml", "diff", "sql", "cpp", "rust", "go", "r", "julia", "latex", "html", "css"];
    const $ = load(all.map((language) => fence(language, 'a = "1" # 2\n<b style="x">{}</b>')).join("\n"));
    expect($("code .token").length).toBeGreaterThan(all.length);
    expect($("[style]").length).toBe(0);
  });

  test("a block longer than the cap renders plain, so hostile code costs linear time", () => {
    const long = "x = 1\n".repeat(Math.ceil(maxHighlightedLength / 6) + 1);
    expect(highlightCode(long, "python")).toBe("");
    expect(load(fence("python", long))("code span").length).toBe(0);
  });

  test("a block with a line longer than its cap renders plain: Prism's cost grows with a long line's square", () => {
    const line = `${"a".repeat(maxHighlightedLineLength)}(`;
    expect(highlightCode(`x = 1\n${line}\n`, "typescript")).toBe("");
    expect(highlightCode(`x = 1\n${line.slice(1)}\n`, "typescript")).toContain("token");
  });
});
