import { describe, expect, it } from "vitest";
import { htmlToMarkdown, maxHtmlNesting } from "../../src/import/html-to-markdown.ts";
import { summaryFrom } from "../../src/import/issue-text.ts";
import { importedIssueText, importedState } from "../../src/import/issue-text.ts";
import { originalImageUrl, imageNamer } from "../../src/import/images.ts";
import { issueDate } from "../../src/import/plan.ts";
import { shiftMarkdownHeadings } from "../../src/import/kinds/buttondown.ts";
import { wordpressHtml } from "../../src/import/kinds/wordpress.ts";

function convert(html: string) {
  const lossy: string[] = [];
  const placeholders: string[] = [];
  const markdown = htmlToMarkdown(html, { image: (src) => `post/${src.split("/").pop()}`, lossy: (what) => lossy.push(what), placeholderAlt: (file) => placeholders.push(file) });
  return { markdown, lossy, placeholders };
}

describe("htmlToMarkdown", () => {
  it.each([
    ["headings start at ##", "<h1>A</h1><h2>B</h2><h4>C</h4>", "## A\n\n### B\n\n##### C\n"],
    ["headings below ## move up", "<h3>A</h3><h4>B</h4>", "## A\n\n### B\n"],
    ["$, a leading #word and ::: are escaped", "<p>$5</p><p>#notatag</p><p>::: figure</p>", "\\$5\n\n\\#notatag\n\n\\::: figure\n"],
    ["inline and display KaTeX back to TeX", '<p>x <span class="katex"><annotation encoding="application/x-tex">a_1</annotation></span></p><span class="katex-display"><span class="katex"><annotation encoding="application/x-tex">\\sum x</annotation></span></span>', "x $a_1$\n\n$$\n\\sum x\n$$\n"],
    ["MathJax scripts", '<p><script type="math/tex">y</script> and</p><script type="math/tex; mode=display">z</script>', "$y$ and\n\n$$\nz\n$$\n"],
    ["markdown-it footnotes keep their numbers", '<p>a<sup class="footnote-ref"><a href="#fn3" id="fnref3">3</a></sup></p><section class="footnotes"><ol><li id="fn3" class="footnote-item"><p>Three. <a href="#fnref3" class="footnote-backref">↩</a></p></li></ol></section>', "a[^3]\n\n[^3]: Three.\n"],
    ["a multi-paragraph footnote is indented", '<p>a<a class="footnote-anchor" href="#footnote-1">1</a></p><div class="footnote"><a id="footnote-1" class="footnote-number">1</a><div class="footnote-content"><p>One.</p><p>Two.</p></div></div>', "a[^1]\n\n[^1]: One.\n\n    Two.\n"],
    ["a figure with only a caption", "<figure><figcaption><p>Source: a paper</p></figcaption></figure>", "::: figure\nSource: a paper\n:::\n"],
    ["callouts", '<div class="callout callout-takeaway" role="note"><p><strong>Take</strong> this.</p></div>', "::: takeaway\n**Take** this.\n:::\n"],
    ["the site's hashtag lists", '<p>Item.</p><ul class="item-tags"><li><a href="/tags/a/">#a</a></li><li><a href="/tags/b-c/">#b c</a></li></ul>', "Item.\n\n#a, #b c\n"],
    ["heading anchors unwrapped", '<h2 id="x"><a class="header-anchor" href="#x"><span>Title</span></a></h2>', "## Title\n"],
    ["nested and ordered lists", '<ol start="3"><li>three<ul><li>inner</li></ul></li><li>four</li></ol>', "3. three\n   - inner\n4. four\n"],
    ["code with its language, fences longer than its backticks", '<pre><code class="language-js">a```b</code></pre>', "~~~~js\na```b\n~~~~\n"],
    ["empty paragraphs and tracking pixels dropped", '<p> </p><p>Text<img src="https://t.example/pixel.gif" width="1" height="1"></p>', "Text\n"],
    ["a table with a header row", "<table><tr><th>a</th><th>b</th></tr><tr><td>1</td><td>2</td></tr></table>", "| a | b |\n| --- | --- |\n| 1 | 2 |\n"],
  ])("%s", (_name, html, markdown) => {
    expect(convert(html).markdown).toBe(markdown);
  });

  it("keeps what Markdown cannot hold as visible text and lists it as lossy", () => {
    const { markdown, lossy } = convert('<iframe src="https://video.example/1"></iframe><video></video><table><tr><td>no header</td></tr></table>');
    expect(markdown).toContain("[Embedded iframe: https://video.example/1](https://video.example/1)");
    expect(markdown).toContain("```html\n<video></video>\n```");
    expect(markdown).toContain("```html\n<table>");
    expect(lossy).toEqual(["an embedded iframe (https://video.example/1), kept as a link", "an embedded video without an address, kept as text", "a table Markdown cannot hold, kept as HTML text"]);
  });

  it("writes images with alt from the image, else the caption, else a marked placeholder it reports", () => {
    const { markdown, placeholders } = convert('<figure><img src="https://x/a.png" alt="Alt [1]"><figcaption>Say "hi"</figcaption></figure><p><img src="https://x/b.png"></p>');
    expect(markdown).toBe('![Alt \\[1\\]](post/a.png "Say \\"hi\\"")\n\n![TODO: describe b.png](post/b.png)\n');
    expect(placeholders).toEqual(["b.png"]);
  });

  it("refuses HTML nested deeper than the site renders, and converts a post of 20,000 paragraphs", () => {
    expect(() => convert(`${"<div>".repeat(maxHtmlNesting + 1)}x${"</div>".repeat(maxHtmlNesting + 1)}`)).toThrow(`expected HTML nested at most ${maxHtmlNesting} elements deep, got ${maxHtmlNesting + 1}`);
    expect(convert(`${"<div>".repeat(maxHtmlNesting)}x${"</div>".repeat(maxHtmlNesting)}`).markdown).toBe("x\n");
    expect(convert("<p>word</p>".repeat(20_000)).markdown.split("\n\n")).toHaveLength(20_000);
  });
});

describe("the pieces around it", () => {
  it("recovers Substack's original image from its CDN address", () => {
    expect(originalImageUrl("https://substackcdn.com/image/fetch/w_1456,c_limit,f_auto/https%3A%2F%2Fbucket.s3.amazonaws.com%2Fa%20b.png")).toBe("https://bucket.s3.amazonaws.com/a b.png");
    expect(originalImageUrl("https://example.com/x.png")).toBe("https://example.com/x.png");
  });

  it("names an issue's images without clashes, safe in a path", () => {
    const name = imageNamer();
    expect([name("https://a/x/chart.png"), name("https://b/y/chart.png"), name("https://a/x/chart.png"), name("https://a/Ünï cödé.PNG?w=1"), name("data:")]).toEqual(["chart.png", "chart-2.png", "chart.png", "n-c-d-.PNG", "image"]);
  });

  it("dates a post in the configured zone, from ISO, RFC 822 and SQL times", () => {
    expect(issueDate("2021-03-04T23:30:00.000Z", "Europe/Berlin")).toBe("2021-03-05");
    expect(issueDate("2021-03-04T23:30:00.000Z", "UTC")).toBe("2021-03-04");
    expect(issueDate("Mon, 03 Feb 2020 23:15:00 +0000", "America/New_York")).toBe("2020-02-03");
    expect(issueDate("2020-02-03 23:15:00", "Asia/Tokyo")).toBe("2020-02-04");
    expect(issueDate("soon", "UTC")).toBeUndefined();
  });

  it("summarises from the source, else the first sentence, within 400 characters cut at a word", () => {
    expect(summaryFrom("  A   subtitle. ", "Body.", "T")).toBe("A subtitle.");
    expect(summaryFrom(undefined, "First one. Second.", "T")).toBe("First one.");
    expect(summaryFrom(undefined, "", "Title")).toBe("Title");
    const long = summaryFrom(`${"word ".repeat(100)}end`, "", "T");
    expect([...long].length).toBeLessThanOrEqual(400);
    expect(long.endsWith("word…")).toBe(true);
  });

  it("signs the file it writes and tells an edited one from an unedited one and one it did not write", () => {
    const text = importedIssueText({ title: 'A "t"', date: "2020-01-01", summary: "S.", tags: ["x"], authors: [], draft: true, aliases: ["/p/a"] }, "Body.");
    expect(text).toMatch(/^---\ntitle: "A \\"t\\""\ndate: "2020-01-01"\nsummary: "S\."\ntags: \["x"\]\ndraft: true\naliases: \["\/p\/a"\]\nimported: sha256-[0-9a-f]{64}\n---\n\nBody\.\n$/);
    expect(importedState(text)).toBe("unedited");
    expect(importedState(text.replace("Body.", "Body!"))).toBe("edited");
    expect(importedState(text.replace(/imported: .*\n/, ""))).toBe("foreign");
  });

  it("moves Markdown headings to start at ##, leaving code alone", () => {
    expect(shiftMarkdownHeadings("# A\n```\n# not\n```\n## B")).toBe("## A\n```\n# not\n```\n### B");
  });

  it("turns WordPress's classic paragraphs and [embed] into HTML and reports other shortcodes", () => {
    const lossy: string[] = [];
    expect(wordpressHtml("One\nline.\n\n[embed]https://v.example/1[/embed]\n\n[contact-form id=1]", lossy)).toBe('<p>One<br>line.</p>\n<p><a href="https://v.example/1">https://v.example/1</a></p>\n<p>[contact-form id=1]</p>');
    expect(lossy).toEqual(["an [embed] of https://v.example/1, kept as a link", "the shortcode [contact-form], kept as text"]);
  });
});
