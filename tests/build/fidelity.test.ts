// Every sentence of the five raw seed texts must reach its issue page; only the scraping
// artifacts listed here may be dropped.
import { readFileSync } from "node:fs";
import path from "node:path";
import * as cheerio from "cheerio";
import { describe, expect, inject, test } from "vitest";
import { parseHashtagLine } from "../../src/model/hashtags.ts";
import { projectRoot } from "../support/run-build.ts";
import { loadPage } from "../support/site.ts";

interface SeedCase {
  seed: string;
  url: string;
  /** Whole raw lines that are artifacts of the original web page, not newsletter text. */
  artifacts: string[];
}

const seeds: SeedCase[] = [
  { seed: "000_08861199eef12cdd.txt", url: "/issues/gradient-update-20/", artifacts: [] },
  { seed: "001_9297e50aaad24a1f.txt", url: "/issues/zeta-alpha-trends-march-2022/", artifacts: ["Comments"] },
  {
    seed: "002_09de2a9488625bb0.txt",
    url: "/issues/neurips-2020-takeaways/",
    artifacts: ["by", "Leave a Reply", "Your email address will not be published. Required fields are marked *"],
  },
  {
    seed: "003_41bcbe830a1a4b01.txt",
    url: "/issues/lab-notes-gpt3-contrastive-hebbian/",
    artifacts: [
      "gpt3_comparison",
      "Copyright OU-Tulsa Lab of Image and Information Processing 2020",
      "Tech Nerd theme designed by Siteturner",
    ],
  },
  { seed: "004_daaab9686b37eeed.txt", url: "/issues/link-digest-moores-law-ai-progress/", artifacts: [] },
];

/** Whitespace collapsed, non-breaking spaces made plain, footnote superscript digits dropped. */
function normalise(text: string): string {
  return text
    .normalize("NFC")
    .replace(/[\u00a0\u2009\u200a\u202f]/g, " ")
    .replace(/[⁰¹²³⁴⁵⁶⁷⁸⁹]/g, "")
    .replace(/\s+/g, " ")
    .trim();
}

/** The sentences of a raw seed, minus its artifacts and bare "Read More" labels. */
export function seedSentences(raw: string, artifacts: readonly string[]): string[] {
  const sentences: string[] = [];
  for (const rawLine of raw.split(/\r?\n/)) {
    let line = normalise(rawLine).replace(/^•\s*/, "").replace(/^\[\d+\]\s*/, "");
    if (!line || artifacts.includes(line)) continue;
    // A hashtag line becomes a tag list: its tags are checked as tags, one by one.
    const hashtags = parseHashtagLine(line);
    if (hashtags) {
      sentences.push(...hashtags);
      continue;
    }
    line = line.replace(/\s*Read More$/, "");
    for (const sentence of line.split(/(?<=[.!?])\s+/)) {
      if (sentence.trim()) sentences.push(sentence.trim());
    }
  }
  return sentences;
}

/** The visible text of the issue article; maths as its TeX source, footnote markers removed. */
function articleText($: cheerio.CheerioAPI): string {
  const article = $("article.issue");
  article.find(".katex").each((_, element) => {
    $(element).replaceWith(` ${$(element).find("annotation").text()} `);
  });
  article.find(".footnote-ref, .footnote-backref").remove();
  article.find("p, li, h1, h2, h3, h4, h5, h6, figcaption, td, th, div, blockquote").append(" ");
  return normalise(article.text());
}

describe("seed fidelity", () => {
  const site = inject("realSite");

  test.each(seeds)("every sentence of $seed reaches $url", ({ seed, url, artifacts }) => {
    const raw = readFileSync(path.join(projectRoot, "tests/fixtures/seeds", seed), "utf8");
    const sentences = seedSentences(raw, artifacts);
    expect(sentences.length).toBeGreaterThan(50);
    const text = articleText(loadPage(site, url));
    const missing = sentences.filter((sentence) => !text.includes(sentence));
    expect(missing).toEqual([]);
  });

  test("each item's hashtags are its tag list, linked to the tag archives", () => {
    const $ = loadPage(site, "/issues/link-digest-moores-law-ai-progress/");
    const lists = $("article .issue-body ul.item-tags");
    expect(lists.length).toBeGreaterThanOrEqual(10);
    const first = lists.first().find("a").map((_, link) => $(link).attr("href")).get();
    expect(first).toEqual(["/tags/performance/"]);
    const pairs = lists.filter((_, list) => $(list).find("a").length === 2);
    expect(pairs.map((_, list) => $(list).text()).get()).toContain("#performance#machine-learning");
  });

  test("the artifact lists only drop scraping leftovers, never a line of prose", () => {
    for (const { artifacts } of seeds) {
      for (const artifact of artifacts) expect(artifact.split(" ").length <= 12).toBe(true);
    }
  });
});
