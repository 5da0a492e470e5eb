import * as cheerio from "cheerio";
import { describe, expect, test } from "vitest";
import { createMarkdown } from "../../src/markdown/create-markdown.ts";
import { MathsError } from "../../src/markdown/maths.ts";

const md = createMarkdown();
const render = (markdown: string) => md.render(markdown);
const load = (markdown: string) => cheerio.load(render(markdown), null, false);

describe("raw HTML and templates are shown as text", () => {
  test.each([
    ["<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"],
    ["Text <b>bold</b>", "Text &lt;b&gt;bold&lt;/b&gt;"],
    ['<img src=x onerror="alert(1)">', "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;"],
    ["<!-- hidden -->", "&lt;!-- hidden --&gt;"],
  ])("%j is escaped, never run", (markdown, escaped) => {
    const html = render(markdown);
    expect(html).toContain(escaped);
    const $ = load(markdown);
    expect($("script, b, img").length).toBe(0);
  });

  test.each([
    ["[x](javascript:alert(1))"],
    ["[x](JAVASCRIPT:alert(1))"],
    ["[x](  javascript:alert(1))"],
    ["[x](vbscript:msgbox(1))"],
    ["[x](data:text/html;base64,PHNjcmlwdD4=)"],
    ["<javascript:alert(1)>"],
  ])("%j is not rendered as a link", (markdown) => {
    const $ = load(markdown);
    expect($("a").length).toBe(0);
    expect(render(markdown).toLowerCase()).not.toContain('href="javascript');
  });

  test("ordinary links and bare URLs are links", () => {
    const $ = load("[paper](https://arxiv.org/abs/2005.14165) and https://example.org/a");
    expect($("a").map((_, a) => $(a).attr("href")).get()).toEqual([
      "https://arxiv.org/abs/2005.14165",
      "https://example.org/a",
    ]);
  });

  test.each([
    ["{{ x }}"],
    ["{{ user.name }}"],
    ["{% for item in items %}{{ item }}{% endfor %}"],
    ["{{ site.title | safe }}"],
    ["{# comment #}"],
  ])("template syntax %j appears literally", (markdown) => {
    expect(load(markdown)("p").text()).toBe(markdown);
  });
});

describe("links only where an address is written out", () => {
  const links = (markdown: string) => {
    const $ = load(markdown);
    return $("a").map((_, a) => [[$(a).attr("href"), $(a).text()]]).get();
  };

  test.each([
    ["Set user.name in the template"],
    ["Edit config.yml first"],
    ["Mirrored at example.com today"],
    ["Write to me@example.com"],
    ["Version 1.2.3.4 and 192.168.0.1"],
    ["Code comments like //example.com/x"],
    ["An old ftp://example.com/file"],
    ["Not a host: www.localhost or x-www.example.com or mail.www.example.com"],
  ])("%j has no link", (markdown) => {
    expect(links(markdown)).toEqual([]);
    expect(load(markdown)("p").text()).toBe(markdown);
  });

  test.each([
    ["See https://example.org/a?b=1.", [["https://example.org/a?b=1", "https://example.org/a?b=1"]]],
    ["Plain http://example.org too", [["http://example.org", "http://example.org"]]],
    ["Try www.example.com/path, then", [["https://www.example.com/path", "www.example.com/path"]]],
    ["(www.example.org)", [["https://www.example.org", "www.example.org"]]],
    ["WWW.Example.com", [["https://WWW.Example.com", "WWW.Example.com"]]],
    ["Mail mailto:me@example.com", [["mailto:me@example.com", "mailto:me@example.com"]]],
    ["<https://example.org/x> and <me@example.com>", [["https://example.org/x", "https://example.org/x"], ["mailto:me@example.com", "me@example.com"]]],
  ])("%j links only the written address", (markdown, expected) => {
    expect(links(markdown)).toEqual(expected);
  });

  test.each([["`www.example.com`"], ["```\nhttps://example.org\n```"]])("%j: an address in code stays code", (markdown) => {
    expect(links(markdown)).toEqual([]);
  });

  test("an address as a link's text is not linked again inside it", () => {
    expect(links("[www.example.com](/x)")).toEqual([["/x", "www.example.com"]]);
  });
});

describe("callouts and figures", () => {
  test.each(["why", "insight", "takeaway"])("`::: %s` becomes a note callout", (kind) => {
    const $ = load(`::: ${kind}\nThis **matters**.\n:::`);
    const callout = $(`div.callout.callout-${kind}`);
    expect(callout.length).toBe(1);
    expect(callout.attr("role")).toBe("note");
    expect(callout.find("p > strong").text()).toBe("matters");
  });

  test("`::: figure` becomes a figure whose caption is the text", () => {
    const $ = load("::: figure\n(a) Standard Transformer *reordered*.\n:::");
    expect($("figure > figcaption").length).toBe(1);
    expect($("figure > figcaption").text().trim()).toBe("(a) Standard Transformer reordered.");
    expect($("figure img").length).toBe(0);
  });

  test("an unknown container stays text", () => {
    const $ = load("::: warning\nCareful.\n:::");
    expect($("div, figure").length).toBe(0);
    expect($("p").text()).toContain("::: warning");
  });
});

describe("footnotes", () => {
  test("a footnote reference is a linked superscript and the note links back", () => {
    const $ = load("Text with a note[^1].\n\n[^1]: The note.");
    const ref = $("sup.footnote-ref > a");
    expect(ref.length).toBe(1);
    const target = ref.attr("href") ?? "";
    expect(target).toMatch(/^#/);

    const note = $(`li${target}`);
    expect(note.length).toBe(1);
    expect(note.closest("ol").hasClass("footnotes-list")).toBe(true);
    expect(note.text()).toContain("The note.");
    const back = note.find("a.footnote-backref");
    expect(back.attr("href")).toBe(`#${ref.attr("id")}`);
  });
});

describe("maths", () => {
  test("inline `$x^2$` renders KaTeX with MathML and the TeX as annotation", () => {
    const html = render("Inline $x^2$ here.");
    expect(html).toContain("<math");
    const $ = load("Inline $x^2$ here.");
    expect($("span.katex").length).toBe(1);
    expect($("annotation").attr("encoding")).toBe("application/x-tex");
    expect($("annotation").text()).toBe("x^2");
  });

  test("a `$$` block renders display maths", () => {
    const $ = load("$$\n\\frac{a}{b}\n$$");
    expect($(".katex-display math").attr("display")).toBe("block");
    expect($("annotation").text().trim()).toBe("\\frac{a}{b}");
  });

  test.each([
    ["$\\frac{1$", "\\frac{1"],
    ["Text $\\undefinedmacro{x}$ more", "\\undefinedmacro{x}"],
    ["$$\n\\left( x\n$$", "\\left( x"],
  ])("bad TeX %j stops the build with a MathsError naming the TeX", (markdown, tex) => {
    let thrown: unknown;
    try {
      render(markdown);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(MathsError);
    expect((thrown as Error).name).toBe("MathsError");
    expect((thrown as Error).message).toContain(tex);
    expect((thrown as Error).message).toMatch(/^maths: expected valid TeX, got \$/);
  });

  test("the renderer still works after a TeX error", () => {
    expect(() => render("$\\frac{1$")).toThrow(MathsError);
    expect(render("$y$")).toContain("<math");
  });

  test.each([
    ["It cost \\$5 to train.", "It cost $5 to train."],
    ["Between \\$20 and \\$100 billion.", "Between $20 and $100 billion."],
  ])("an escaped dollar %j stays a dollar sign", (markdown, text) => {
    const $ = load(markdown);
    expect($(".katex").length).toBe(0);
    expect($("p").text()).toBe(text);
  });
});

describe("hashtag paragraphs", () => {
  test("`#performance, #machine-learning` becomes a linked tag list", () => {
    const $ = load("An item.\n\n#performance, #machine-learning");
    const list = $("ul.item-tags");
    expect(list.length).toBe(1);
    expect(list.attr("aria-label")).toBe("Tags");
    expect(list.find("a").map((_, a) => [[$(a).attr("href"), $(a).text(), $(a).attr("rel")]]).get()).toEqual([
      ["/tags/performance/", "#performance", "tag"],
      ["/tags/machine-learning/", "#machine-learning", "tag"],
    ]);
    expect($("p").text()).toBe("An item.");
  });

  test("tags are normalised: the same tag twice is linked once, spelled as first written", () => {
    const $ = load("#Machine-Learning #machine-learning #bias");
    expect($("ul.item-tags a").map((_, a) => [[$(a).attr("href"), $(a).text()]]).get()).toEqual([
      ["/tags/machine-learning/", "#Machine-Learning"],
      ["/tags/bias/", "#bias"],
    ]);
  });

  test.each([
    ["prose with a #hashtag inside"],
    ["# A heading"],
    ["```\n#performance\n```"],
    ["> #quoted"],
    ["> Quote.\n>\n> #quoted"],
    ["- #listed"],
    ["1. item\n\n   #listed"],
    ["- item\n\n  > #quoted-in-list"],
    ["> - #listed-in-quote"],
  ])("%j is not a tag list", (markdown) => {
    expect(load(markdown)("ul.item-tags").length).toBe(0);
  });

  test.each([
    ["after a quote", "> Quoted.\n\n#after"],
    ["after a list", "- one\n- two\n\n#after"],
    ["after a list in a quote", "> - one\n\n#after"],
    ["in a callout", "::: why\nText.\n\n#after\n:::"],
    ["in a callout after a list", "::: why\n- one\n\n#after\n:::"],
  ])("a hashtag paragraph %s is a tag list", (_, markdown) => {
    const $ = load(markdown);
    expect($("ul.item-tags a").map((__, a) => $(a).attr("href")).get()).toEqual(["/tags/after/"]);
  });

  test("each of many hashtag paragraphs between quotes and lists is judged by its own place", () => {
    const markdown = ["#one", "> #no", "#two", "- #no", "#three", "> - #no", "#four"].join("\n\n");
    const $ = load(markdown);
    expect($("ul.item-tags a").map((_, a) => $(a).text()).get()).toEqual(["#one", "#two", "#three", "#four"]);
    expect($("blockquote p, li").text()).toContain("#no");
  });
});

describe("tables", () => {
  const $ = load("| Model | Params | Note |\n|:--|--:|:-:|\n| GPT-3 | 175B | big |");

  test("alignment becomes a class, never a style attribute", () => {
    expect($("[style]").length).toBe(0);
    expect($("th").map((_, th) => $(th).attr("class")).get()).toEqual(["align-left", "align-right", "align-center"]);
    expect($("td").eq(1).hasClass("align-right")).toBe(true);
    expect($("td").eq(1).text()).toBe("175B");
  });

  test("unaligned columns get no class", () => {
    const plain = load("| a | b |\n|---|---|\n| 1 | 2 |");
    expect(plain("th, td").filter((_, cell) => plain(cell).attr("class") !== undefined).length).toBe(0);
    expect(plain("[style]").length).toBe(0);
  });
});

describe("headings", () => {
  const $ = load("# Title\n\n## Why does it matter?\n\n### Key insights\n\n#### Details\n\n##### Fine print\n\n## Why does it matter?");

  test.each([
    ["h2", 0, "why-does-it-matter", "Why does it matter?"],
    ["h3", 0, "key-insights", "Key insights"],
    ["h4", 0, "details", "Details"],
    ["h2", 1, "why-does-it-matter-1", "Why does it matter?"],
  ])("%s #%i gets the id %j and a self-link", (tag, index, id, text) => {
    const heading = $(tag).eq(index);
    expect(heading.attr("id")).toBe(id);
    const anchor = heading.children("a.header-anchor");
    expect(anchor.attr("href")).toBe(`#${id}`);
    expect(anchor.text()).toBe(text);
  });

  test.each(["h1", "h5"])("%s gets no id and no anchor", (tag) => {
    expect($(tag).attr("id")).toBeUndefined();
    expect($(tag).find("a").length).toBe(0);
  });

  test("ids restart for every document rendered", () => {
    expect(render("## Same")).toContain('id="same"');
    expect(render("## Same")).toContain('id="same"');
  });
});
