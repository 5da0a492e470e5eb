import { describe, expect, test } from "vitest";
import {
  absoluteContentUrl,
  absoluteSrcset,
  cdataSection,
  feedContentHtml,
  withAbsoluteUrls,
  withoutKatexHtml,
  xmlSafeText,
} from "../../src/model/feed-content.ts";
import { parseXmlStrictly } from "../support/xml.ts";

const base = "https://letters.example/newsletter/";
const page = "https://letters.example/newsletter/issues/gradient-20/";

describe("absoluteContentUrl", () => {
  test.each([
    ["/tags/bias/", "https://letters.example/newsletter/tags/bias/"],
    ["/assets/chart.png", "https://letters.example/newsletter/assets/chart.png"],
    ["#fn1", "https://letters.example/newsletter/issues/gradient-20/#fn1"],
    ["?page=2", "https://letters.example/newsletter/issues/gradient-20/?page=2"],
    ["chart.png", "https://letters.example/newsletter/issues/gradient-20/chart.png"],
    ["../other/", "https://letters.example/newsletter/issues/other/"],
    ["", "https://letters.example/newsletter/issues/gradient-20/"],
    ["  /tags/bias/  ", "https://letters.example/newsletter/tags/bias/"],
    ["//cdn.example/x.png", "https://cdn.example/x.png"],
    ["https://arxiv.org/abs/2203.00555", "https://arxiv.org/abs/2203.00555"],
    ["HTTP://Example.org/A", "HTTP://Example.org/A"],
    ["mailto:editor@letters.example", "mailto:editor@letters.example"],
    ["data:image/png;base64,AAAA", "data:image/png;base64,AAAA"],
  ])("%j becomes %j", (url, expected) => {
    expect(absoluteContentUrl(url, page, base)).toBe(expected);
  });
});

describe("absoluteSrcset", () => {
  const resolve = (url: string) => absoluteContentUrl(url, page, base);
  test.each([
    ["a.png", "https://letters.example/newsletter/issues/gradient-20/a.png"],
    ["/a.png 1x, /b.png 2x", "https://letters.example/newsletter/a.png 1x, https://letters.example/newsletter/b.png 2x"],
    ["/a.png 480w,/b.png 800w", "https://letters.example/newsletter/a.png 480w,https://letters.example/newsletter/b.png 800w"],
    ["/img,v2.png 1x, https://cdn.example/c.png", "https://letters.example/newsletter/img,v2.png 1x, https://cdn.example/c.png"],
  ])("%j becomes %j", (srcset, expected) => {
    expect(absoluteSrcset(srcset, resolve)).toBe(expected);
  });
});

describe("withoutKatexHtml", () => {
  test.each([
    ["no maths", "<p>Text <span>kept</span></p>", "<p>Text <span>kept</span></p>"],
    [
      "nested spans inside, text after",
      '<span class="katex"><span class="katex-mathml"><math><mi>w</mi></math></span><span class="katex-html" aria-hidden="true"><span class="base"><span class="mord">w</span></span></span></span> after',
      '<span class="katex"><span class="katex-mathml"><math><mi>w</mi></math></span></span> after',
    ],
    [
      "two formulas, the class beside others",
      'a<span class="katex-html ks-0123456789"><span>1</span></span>b<span class="katex-html" aria-hidden="true"><span><span>2</span></span></span>c',
      "abc",
    ],
    ["SVG inside KaTeX's HTML", '<span class="katex-html"><span><svg><path d="M0 0"></path></svg></span></span>|', "|"],
    ["a class that only starts alike", '<span class="katex-htmlish">kept</span>', '<span class="katex-htmlish">kept</span>'],
  ])("%s", (_, html, expected) => {
    expect(withoutKatexHtml(html)).toBe(expected);
  });

  test("markup left open is an error, not a truncated issue", () => {
    expect(() => withoutKatexHtml('<span class="katex-html"><span>1</span>')).toThrow("feeds: expected KaTeX's HTML to close every <span> it opens");
  });
});

describe("withAbsoluteUrls", () => {
  const resolve = (url: string) => absoluteContentUrl(url, page, base);
  test.each([
    ["a link", '<a href="/tags/x/">x</a>', '<a href="https://letters.example/newsletter/tags/x/">x</a>'],
    ["an escaped ampersand", '<a href="?a=1&amp;b=2">q</a>', '<a href="https://letters.example/newsletter/issues/gradient-20/?a=1&amp;b=2">q</a>'],
    ["a self-closing image", '<img src="a.png" alt="A" />', '<img src="https://letters.example/newsletter/issues/gradient-20/a.png" alt="A" />'],
    ["upper-case names", '<A HREF="#x">x</A>', '<A HREF="https://letters.example/newsletter/issues/gradient-20/#x">x</A>'],
    ["attributes that are not URLs", '<a id="x" data-href="/y/" title="/z/" href="#x">x</a>', '<a id="x" data-href="/y/" title="/z/" href="https://letters.example/newsletter/issues/gradient-20/#x">x</a>'],
    ["elements without URL attributes", '<abbr title="/x/">x</abbr><span href="/x/">y</span>', '<abbr title="/x/">x</abbr><span href="/x/">y</span>'],
    ["escaped markup in text", "<code>&lt;a href=&quot;/x/&quot;&gt;</code>", "<code>&lt;a href=&quot;/x/&quot;&gt;</code>"],
    ["a quote in a URL, percent-encoded by resolving it", '<a href="/q&quot;/">q</a>', '<a href="https://letters.example/newsletter/q%22/">q</a>'],
  ])("%s", (_, html, expected) => {
    expect(withAbsoluteUrls(html, resolve)).toBe(expected);
  });
});

describe("feedContentHtml", () => {
  const maths =
    '<p>Learning rule <span class="katex"><span class="katex-mathml"><math xmlns="http://www.w3.org/1998/Math/MathML"><semantics><mrow><mi>w</mi></mrow><annotation encoding="application/x-tex">w</annotation></semantics></math></span>' +
    '<span class="katex-html" aria-hidden="true"><span class="base"><span class="strut ks-0123456789"></span><span class="mord mathnormal ks-abcdefabcd">w</span></span></span></span> here.</p>';

  test("keeps the MathML of maths and drops KaTeX's HTML half and its style classes", () => {
    const html = feedContentHtml(maths, page, base);
    expect(html).toContain('<math xmlns="http://www.w3.org/1998/Math/MathML"><semantics><mrow><mi>w</mi></mrow>');
    expect(html).not.toContain("katex-html");
    expect(html).not.toMatch(/ks-[0-9a-f]{10}/);
    expect(html).toMatch(/^<p>Learning rule <span class="katex"><span class="katex-mathml"><math .*<\/span><\/span> here\.<\/p>$/);
  });

  test("makes every link, image and srcset absolute, keeping the text and other attributes", () => {
    const html = feedContentHtml(
      [
        '<h2 id="news"><a class="header-anchor" href="#news">News</a></h2>',
        '<p><a href="/tags/bias/" rel="tag">#bias</a> <a href="https://arxiv.org/abs/1">paper</a><sup class="footnote-ref"><a href="#fn1" id="fnref1">[1]</a></sup></p>',
        '<p><img src="chart.png" srcset="/chart.png 1x, /chart@2x.png 2x" alt="A chart"></p>',
        '<blockquote cite="/issues/older/"><p>Quoted.</p></blockquote>',
      ].join("\n"),
      page,
      base,
    );
    expect(html).toBe(
      [
        '<h2 id="news"><a class="header-anchor" href="https://letters.example/newsletter/issues/gradient-20/#news">News</a></h2>',
        '<p><a href="https://letters.example/newsletter/tags/bias/" rel="tag">#bias</a> <a href="https://arxiv.org/abs/1">paper</a><sup class="footnote-ref"><a href="https://letters.example/newsletter/issues/gradient-20/#fn1" id="fnref1">[1]</a></sup></p>',
        '<p><img src="https://letters.example/newsletter/issues/gradient-20/chart.png" srcset="https://letters.example/newsletter/chart.png 1x, https://letters.example/newsletter/chart@2x.png 2x" alt="A chart"></p>',
        '<blockquote cite="https://letters.example/newsletter/issues/older/"><p>Quoted.</p></blockquote>',
      ].join("\n"),
    );
  });

  test("keeps escaped text escaped and drops characters XML forbids", () => {
    expect(feedContentHtml("<p>a &lt;b&gt; &amp; \"c\"\u0001\u000b</p>", page, base)).toBe('<p>a &lt;b&gt; &amp; "c"</p>');
  });

  test("an empty body stays empty", () => {
    expect(feedContentHtml("", page, base)).toBe("");
  });
});

describe("xmlSafeText", () => {
  test.each([
    ["plain text", "plain text"],
    ["tab\tnewline\ncarriage\r", "tab\tnewline\ncarriage\r"],
    ["bell\u0007 null\u0000 escape\u001b", "bell null escape"],
    ["non-characters \uFFFE\uFFFF end", "non-characters  end"],
    ["lone \uD800 surrogate", "lone  surrogate"],
    ["emoji 😀 and é, “quotes”", "emoji 😀 and é, “quotes”"],
    ["", ""],
  ])("%j becomes %j", (text, expected) => {
    expect(xmlSafeText(text)).toBe(expected);
  });
});

describe("cdataSection", () => {
  // What a feed reader's XML parser gives back for the section inside an element.
  const parsedBack = (section: string) => parseXmlStrictly(`<?xml version="1.0"?><content>${section}</content>`, "cdata").documentElement?.textContent;

  test.each([
    ['<p>a &lt;b&gt; &amp; "c" <a href="https://x.example/?a=1&amp;b=2">x</a></p>'],
    ["<p>]]> ends a section; ]]]]> and ]] stay</p>"],
    ["]]>"],
    ["]]>]]>"],
    ["<![CDATA[ nested ]]>"],
    [""],
  ])("%j reads back as itself", (html) => {
    expect(parsedBack(cdataSection(html))).toBe(html);
  });

  test("markup goes in unescaped", () => {
    expect(cdataSection('<p class="a">x &amp; y</p>')).toBe('<![CDATA[<p class="a">x &amp; y</p>]]>');
  });
});
