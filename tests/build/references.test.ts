// References and figures as a reader meets them on the built seed pages.
import { readFileSync } from "node:fs";
import { describe, expect, inject, test } from "vitest";
import { loadPage, pageFile } from "../support/site.ts";

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
    // The original lists no reference 9, so its "Perceiver⁹" is a plain superscript, linking nowhere.
    const perceiver = $(".issue-body p").filter((_, p) => $(p).text().includes("new version of the Perceiver⁹,"));
    expect(perceiver.length).toBe(1);
    expect(perceiver.find("sup, a").length).toBe(0);
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

describe("links to what the issues excerpt", () => {
  const site = inject("realSite");

  test("each link-digest item with a known source links its title there, its self-link beside it", () => {
    const url = "/issues/link-digest-moores-law-ai-progress/";
    const $ = loadPage(site, url);
    const sources = $(".issue-body h2")
      .map((_, heading) => ({ title: $(heading).text().replace(/[\u00a0\u2009\u200a\u202f]/g, " "), href: $(heading).children("a:not(.header-anchor)").attr("href") ?? "" }))
      .get();
    expect(sources).toEqual([
      { title: "Moore’s Law, AI, and the pace of progress", href: "https://lesswrong.com/posts/aNAFrGbzXddQBMDqh/moore-s-law-ai-and-the-pace-of-progress" },
      { title: "Aggregating Nested Transformers", href: "https://arxiv.org/abs/2105.12723" },
      { title: "Multimodal datasets: misogyny, pornography, andmalignant stereotypes", href: "https://arxiv.org/abs/2110.01963" },
      { title: "Does Your Dermatology Classifier Know What It Doesn’t Know? Detecting the Long-Tail of Unseen Conditions", href: "https://arxiv.org/abs/2104.03829" },
      { title: "Machine Unlearning", href: "https://arxiv.org/abs/1912.03817" },
      { title: "How to avoid machine learning pitfalls: a guide for academic researchers", href: "https://arxiv.org/abs/2108.02497" },
      { title: "First-Generation Inference Accelerator Deployment at Facebook", href: "https://arxiv.org/abs/2107.04140" },
      // No stored copy of a public page gave this article's address.
      { title: "The Lottery Ticket Hypothesis That Shocked The World", href: "" },
      { title: "Data Augmentation | How to use Deep Learning when you have Limited Data — Part 2", href: "https://nanonets.com/blog/data-augmentation-how-to-use-deep-learning-when-you-have-limited-data-part-2/" },
      { title: "NanoNets: How to use Deep Learning when you have Limited Data", href: "https://medium.com/nanonets/nanonets-how-to-use-deep-learning-when-you-have-limited-data-f68c0b512cab" },
    ]);

    // Every item still links to its own section, from the heading and from the contents list.
    $(".issue-body h2").each((_, heading) => {
      expect($(heading).find("a.header-anchor").attr("href")).toBe(`#${$(heading).attr("id")}`);
      expect($(`.toc a[href="#${$(heading).attr("id")}"]`).text()).toBe($(heading).text().replace(/\s+/g, " "));
    });
    // As written, not as a parser mends it: no heading opens a link inside another.
    const html = readFileSync(pageFile(site, url), "utf8");
    const headings = html.match(/<h2\b[\s\S]*?<\/h2>/g) ?? [];
    expect(headings.length).toBeGreaterThanOrEqual(10);
    for (const heading of headings) expect(heading).not.toMatch(/<a\b[^>]*>(?:(?!<\/a>)[\s\S])*<a\b/);
  });

  test("the lab notes' \"paper\" references link to each paper's arXiv page", () => {
    const $ = loadPage(site, "/issues/lab-notes-gpt3-contrastive-hebbian/");
    const papers = $(".issue-body a").filter((_, link) => $(link).text() === "paper");
    expect(papers.map((_, link) => `${$(link).closest("p").prevAll("h2").first().text()} ${$(link).attr("href")}`).get()).toEqual([
      "GPT3 https://arxiv.org/abs/2005.14165",
      "Supervised contrastive learning https://arxiv.org/abs/2004.11362",
      "Meta-Learning through Hebbian Plasticity in Random Networks https://arxiv.org/abs/2007.02686",
      "Reformer https://arxiv.org/abs/2001.04451",
      "BYOL https://arxiv.org/abs/2006.07733",
      "Linformer https://arxiv.org/abs/2006.04768",
    ]);
  });
});
