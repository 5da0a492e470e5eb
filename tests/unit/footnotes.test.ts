import * as cheerio from "cheerio";
import { describe, expect, test } from "vitest";
import { createMarkdown } from "../../src/markdown/create-markdown.ts";

const md = createMarkdown();
const load = (markdown: string) => cheerio.load(md.render(markdown));

describe("footnote labels", () => {
  test.each([
    ["labels as written, list in definition order", "A[^6] b[^1].\n\n[^1]: One.\n\n[^6]: Six.", ["6", "1"], ["1", "6"]],
    ["an uncited note keeps its place", "A[^5].\n\n[^3]: Three.\n\n[^5]: Five.", ["5"], ["3", "5"]],
    ["a word label is shown as written", "A[^note].\n\n[^note]: Word.", ["note"], ["note"]],
    ["inline notes come after the defined ones", "A^[inline] b[^2].\n\n[^2]: Two.", ["2", "2"], ["2", "2"]],
  ])("%s", (_name, markdown, markers, labels) => {
    const $ = load(markdown);
    expect($("sup.footnote-ref > a").map((_, a) => $(a).text()).get()).toEqual(markers);
    expect($("li.footnote-item > .footnote-label").map((_, l) => $(l).text()).get()).toEqual(labels);
  });

  test("every marker reaches its note and every note's back link reaches its marker, ids unique", () => {
    const $ = load('A[^7] b[^7] c[^<b>"] d^[inline] e[^1].\n\n[^1]: One.\n\n[^<b>"]: Quoted.\n\n[^7]: Seven.');
    const refs = $("sup.footnote-ref > a");
    expect(refs.length).toBe(5);
    refs.each((_, ref) => {
      const note = $(`li.footnote-item[id="${($(ref).attr("href") ?? "").slice(1)}"]`);
      expect(note.find(".footnote-label").text()).toBe($(ref).text());
      const back = note.find("a.footnote-backref").filter((_, a) => $(a).attr("href") === `#${$(ref).attr("id")}`);
      expect(back.length).toBe(1);
    });
    const ids = $("[id]").map((_, element) => $(element).attr("id")).get();
    expect(new Set(ids).size).toBe(ids.length);
    // The label is text: a label that looks like a tag is shown, never made an element.
    expect($(".footnote-label").eq(1).text()).toBe('<b>"');
    expect($("b").length).toBe(0);
  });

  test("an uncited note has no link back", () => {
    const $ = load("Text.\n\n[^3]: Uncited.");
    expect($("li.footnote-item").text().trim()).toBe("3Uncited.");
    expect($("a.footnote-backref").length).toBe(0);
  });
});

describe("item tags", () => {
  test("consecutive hashtag paragraphs make one row; a paragraph between keeps two", () => {
    const $ = load("## A\n\n#bias\n\n#performance, #bias\n\n## B\n\n#x\n\nText.\n\n#y");
    const rows = $("ul.item-tags").map((_, row) => $(row).find("a").map((_, a) => $(a).text()).get().join(" ")).get();
    expect(rows).toEqual(["#bias #performance", "#x", "#y"]);
  });
});
