import { describe, expect, test } from "vitest";
import { readBuiltSite } from "../../src/check/built-site.ts";
import { checkInlineCode } from "../../src/check/inline-code.ts";
import { tinyPage, writeTinySite } from "../support/tiny-site.ts";

async function inlineCode(body: string, head = "") {
  const { pages } = await readBuiltSite(writeTinySite({ "index.html": tinyPage(body, { head }) }));
  return pages.flatMap(checkInlineCode).map(({ rule, message }) => ({ rule, message }));
}

describe("checkInlineCode", () => {
  test("passes a page whose code and styles all come from files", async () => {
    const head = '<link rel="stylesheet" href="/site.css">\n<script src="/app.js" type="module"></script>';
    expect(await inlineCode('<p class="note"><a href="/x/">x</a> <a href="https://example.org/">y</a></p>', head)).toEqual([]);
  });

  test("allows a JSON-LD data block, which is data, not code", async () => {
    expect(await inlineCode("<p>x</p>", '<script type="application/ld+json">{"@type":"Article"}</script>')).toEqual([]);
  });

  test("allows a template data block (Pagefind's result templates), which HTML never runs", async () => {
    expect(await inlineCode('<script type="text/pagefind-template"><li></li></script>')).toEqual([]);
  });

  test("reports an inline script of every type that runs, or none", async () => {
    const scripts = ["", ' type="module"', ' type="text/javascript"', ' type="Application/ECMAScript; charset=utf-8"', ' type="importmap"', ' type=" "'];
    const message = "expected <script src> or a data block (JSON-LD, a template), found an inline script";
    expect(await inlineCode(scripts.map((type) => `<script${type}>x</script>`).join("\n"))).toEqual(scripts.map(() => ({ rule: "no-inline-code/inline-script", message })));
  });

  test("reports event handler attributes", async () => {
    expect(await inlineCode('<button type="button" onclick="go()">Go</button>')).toEqual([
      { rule: "no-inline-code/event-handler", message: "expected no event handler attributes, found <button onclick>" },
    ]);
  });

  test("reports style attributes and <style> elements", async () => {
    expect(await inlineCode('<p style="color: red">x</p>', "<style>p { color: red }</style>")).toEqual([
      { rule: "no-inline-code/style-element", message: "expected styles in a stylesheet file, found a <style> element" },
      { rule: "no-inline-code/style-attribute", message: "expected styles in a stylesheet file, found <p style>" },
    ]);
  });

  test("reports javascript: URLs however they are written", async () => {
    const problems = await inlineCode('<a href="javascript:go()">a</a> <a href=" JavaScript:go()">b</a> <form action="java&#9;script:go()"></form>');
    expect(problems.map((problem) => problem.rule)).toEqual(Array(3).fill("no-inline-code/javascript-url"));
    expect(problems[0]?.message).toBe('expected no javascript: URLs, found a[href] "javascript:go()"');
  });
});
