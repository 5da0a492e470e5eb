import { describe, expect, test } from "vitest";
import { plainText, textWidth, wrapText } from "../../src/email/plain-text.ts";

describe("wrapText", () => {
  test.each([
    ["short text stays on one line", "one two three", 72, ["one two three"]],
    ["words move to the next line at the width", "aaa bbb ccc", 7, ["aaa bbb", "ccc"]],
    ["a word longer than the width has its own line", "a https://example.org/a/very/long/path b", 10, ["a", "https://example.org/a/very/long/path", "b"]],
    ["runs of spaces and newlines are one space", "a  \n b", 72, ["a b"]],
    ["nothing gives no lines", "   ", 72, []],
  ])("%s", (_name, text, width, lines) => {
    expect(wrapText(text, width)).toEqual(lines);
  });

  test("continuation lines take the hanging prefix", () => {
    expect(wrapText("one two three four", 10, "- ", "  ")).toEqual(["- one two", "  three", "  four"]);
  });
});

describe("plainText", () => {
  const content = [
    "<h2>Results</h2>",
    '<p>See <a href="https://arxiv.org/abs/1">the paper</a> and <a href="https://example.org/code">the code</a>, then <a href="https://arxiv.org/abs/1">the paper</a> again.<sup class="footnote-ref"><a href="#fn1" id="fnref1">[1]</a></sup></p>',
    '<p>The loss <img class="maths" src="https://x.example/m.png" width="10" height="10" alt="\\mathcal{L} = -\\log p"> falls.</p>',
    '<div class="maths-display"><img class="maths" src="https://x.example/d.png" width="10" height="10" alt="\\sum_i x_i"></div>',
    "<ul><li>first item</li><li>second item with <strong>bold</strong> words</li></ul>",
    '<ol start="3"><li>third</li><li>fourth</li></ol>',
    "<pre><code>def f(x):\n    return x &gt; 1\n</code></pre>",
    "<blockquote><p>Quoted words.</p></blockquote>",
    `<p>${"word ".repeat(40)}</p>`,
    '<section class="footnotes"><ol class="footnotes-list"><li id="fn1" class="footnote-item"><p><span class="footnote-label">1</span>A note with <a href="https://example.org/note">a link</a>. <a href="#fnref1" class="footnote-backref">↩︎</a></p></li></ol></section>',
  ].join("\n");
  const text = plainText({ title: "Issue title", kicker: "Lab Notes · 25 August 2020", contentHtml: content, footer: ["Unsubscribe: {{ unsubscribe_url }}"] });
  const lines = text.split("\n");

  test("the title and headings are underlined, the kicker above", () => {
    expect(lines.slice(0, 4)).toEqual(["Lab Notes · 25 August 2020", "", "Issue title", "==========="]);
    expect(text).toContain("Results\n-------\n");
  });

  test("links are numbered references, one number per address, listed after the text and before the notes", () => {
    expect(text).toContain("See the paper [1] and the code [2], then the paper [1] again.[^1]");
    const links = text.indexOf("Links:\n[1] https://arxiv.org/abs/1\n[2] https://example.org/code\n[3] https://example.org/note");
    const notes = text.indexOf("Notes:\n[^1] A note with a link [3].");
    expect(links).toBeGreaterThan(0);
    expect(notes).toBeGreaterThan(links);
    expect(text).not.toContain("↩");
  });

  test("maths as TeX, inline in $ and displayed in $$", () => {
    expect(text).toContain("The loss $\\mathcal{L} = -\\log p$ falls.");
    expect(text).toContain("\n$$\\sum_i x_i$$\n");
  });

  test("lists keep their markers and numbers, code its lines, quotes their marks", () => {
    expect(text).toContain("- first item\n- second item with bold words");
    expect(text).toContain("3. third\n4. fourth");
    expect(text).toContain("    def f(x):\n        return x > 1");
    expect(text).toContain("> Quoted words.");
  });

  test(`every line but code fits ${textWidth} columns, and the footer ends it`, () => {
    expect(lines.filter((line) => line.length > textWidth)).toEqual([]);
    expect(text.endsWith("Unsubscribe: {{ unsubscribe_url }}\n")).toBe(true);
  });
});
