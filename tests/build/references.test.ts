// References and figures as a reader meets them on the built seed pages.
import { describe, expect, inject, test } from "vitest";
import { loadPage } from "../support/site.ts";

describe("references", () => {
  const site = inject("realSite");

  test("Zeta Alpha's references are one list in the original's order, cited ones linked both ways", () => {
    const $ = loadPage(site, "/issues/zeta-alpha-trends-march-2022/");
    const lists = $(".issue-body ol.footnotes-list");
    expect(lists.length).toBe(1);
    // The original's own numbers, 4 and 9 never given; no stray bullet, no rule before the list.
    const labels = lists.find("li.footnote-item > .footnote-label").map((_, label) => $(label).text()).get();
    expect(labels).toEqual(["1", "2", "3", "5", "6", "7", "8"]);
    expect($(".issue-body hr.footnotes-sep").length).toBe(0);
    expect($(".issue-body p").filter((_, p) => $(p).text() === "References:").next().is("section.footnotes")).toBe(true);

    // Markers in the text show the label as written, in the order the text cites them.
    const refs = $(".issue-body sup.footnote-ref > a");
    expect(refs.map((_, ref) => $(ref).text()).get()).toEqual(["6", "7", "1", "2", "5", "8"]);
    refs.each((_, ref) => {
      const note = $(`li${$(ref).attr("href")}`);
      expect(note.find(".footnote-label").text()).toBe($(ref).text());
      expect(note.find("a.footnote-backref").attr("href")).toBe(`#${$(ref).attr("id")}`);
    });
    const ids = $("[id]").map((_, element) => $(element).attr("id")).get();
    expect(new Set(ids).size).toBe(ids.length);

    // The uncited reference stands in its place, with no link back to a marker that is not there.
    const uncited = lists.find("li.footnote-item").eq(2);
    expect(uncited.text()).toContain("Multimodal Few-Shot Learning with Frozen Language Models");
    expect(uncited.find("a.footnote-backref").length).toBe(0);
    expect($(".issue-body").text()).toContain("Autoregressive Entity Linking6 (AEL)");
  });

  test("the Gradient's page has no footnote list and no literal superscript markers", () => {
    const $ = loadPage(site, "/issues/gradient-update-20/");
    expect($(".issue-body p").length).toBeGreaterThan(10);
    expect($(".issue-body .footnotes, .issue-body hr.footnotes-sep").length).toBe(0);
    expect($(".issue-body").text()).not.toMatch(/[¹²³⁴⁵⁶⁷⁸]/);
  });
});

describe("figures", () => {
  const site = inject("realSite");

  test("NeurIPS's figures are captions set as text, none an empty frame, the glued alt text gone", () => {
    const $ = loadPage(site, "/issues/neurips-2020-takeaways/");
    const figures = $(".issue-body figure");
    expect(figures.length).toBe(8);
    figures.each((_, figure) => {
      expect($(figure).hasClass("figure-caption-only")).toBe(true);
      expect($(figure).children().map((_, child) => child.tagName).get()).toEqual(["figcaption"]);
      expect($(figure).find("figcaption").text().trim()).toMatch(/\(The image is reproduced from the pdf of the current paper\.\)$/);
    });
    const mended = figures.filter((_, figure) => $(figure).text().includes("Last but one row"));
    expect(mended.find("figcaption").text().trim()).toMatch(/^Last but one row, \(IMP\) MLM \(70%\), shows/);
    expect(figures.text()).not.toContain("NeurIPS 2020 papers");
  });

  test("each link-digest item has one row of tags, its two hashtag lines merged", () => {
    const $ = loadPage(site, "/issues/link-digest-moores-law-ai-progress/");
    const headings = $(".issue-body h2");
    expect(headings.length).toBeGreaterThanOrEqual(10);
    headings.each((_, heading) => {
      expect($(heading).nextUntil("h2").filter("ul.item-tags").length).toBe(1);
    });
    const multimodal = headings.filter((_, heading) => $(heading).text().startsWith("Multimodal datasets"));
    const row = multimodal.nextUntil("h2").filter("ul.item-tags");
    expect(row.find("a").map((_, link) => $(link).text()).get()).toEqual(["#bias", "#performance"]);
  });
});
