import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, onTestFinished, test } from "vitest";
import { corpusStats, drawCorpusImage, generateCorpus, planCorpus, tagsPerIssue, writeCorpus } from "../../src/bench/corpus.ts";
import { checkIssueImages } from "../../src/images/issue-images.ts";
import { ordinal, seriesIds, wordRange } from "../../src/bench/issue-text.ts";
import { Random } from "../../src/bench/prng.ts";
import { displayFormulas, inlineFormulas, tagVocabulary } from "../../src/bench/vocabulary.ts";
import { ZipfSampler } from "../../src/bench/zipf.ts";
import { createMarkdown } from "../../src/markdown/create-markdown.ts";
import { splitFrontMatter } from "../../src/model/front-matter.ts";
import { countWords } from "../../src/model/reading-time.ts";
import { newsletterSeries } from "../../src/model/series.ts";
import { slugifyTag } from "../../src/model/tags.ts";
import { validateIssueSources, type IssueSource } from "../../src/model/validate-issues.ts";

const sources = (issues: readonly { fileName: string; text: string }[]): IssueSource[] =>
  issues.map(({ fileName, text }) => ({
    file: `corpus/${fileName}`,
    absolutePath: `/corpus/${fileName}`,
    bytes: new TextEncoder().encode(text),
  }));

describe("Random (mulberry32)", () => {
  test("the same seed gives the same sequence, another seed another", () => {
    const draw = (seed: number) => Array.from({ length: 5 }, ((random) => () => random.next())(new Random(seed)));
    expect(draw(42)).toEqual(draw(42));
    expect(draw(42)).not.toEqual(draw(43));
  });

  test("the first draws of seed 1 are fixed, so corpora agree across machines and versions", () => {
    const random = new Random(1);
    expect([random.next(), random.next(), random.next()].map((value) => value.toFixed(6))).toEqual(["0.627074", "0.002736", "0.527447"]);
  });

  test("draws stay in range, and shuffle permutes", () => {
    const random = new Random(7);
    for (let index = 0; index < 2000; index++) {
      const value = random.next();
      expect(value).toBeGreaterThanOrEqual(0);
      expect(value).toBeLessThan(1);
      const whole = random.int(2, 8);
      expect(whole).toBeGreaterThanOrEqual(2);
      expect(whole).toBeLessThanOrEqual(8);
    }
    const items = Array.from({ length: 20 }, (_, index) => index);
    const shuffled = random.shuffle(items);
    expect(shuffled).not.toEqual(items);
    expect([...shuffled].sort((a, b) => a - b)).toEqual(items);
  });

  test("forks are independent of each other and reproducible", () => {
    const a = new Random(9).fork("issue-1").next();
    expect(new Random(9).fork("issue-1").next()).toBe(a);
    expect(new Random(9).fork("issue-2").next()).not.toBe(a);
  });
});

describe("ZipfSampler", () => {
  test("probabilities sum to one and fall with rank", () => {
    const zipf = new ZipfSampler(300, 1.05);
    let sum = 0;
    for (let rank = 0; rank < 300; rank++) {
      sum += zipf.probability(rank);
      if (rank) expect(zipf.probability(rank)).toBeLessThan(zipf.probability(rank - 1));
    }
    expect(sum).toBeCloseTo(1, 10);
  });

  test("draws follow the distribution", () => {
    const zipf = new ZipfSampler(300, 1.05);
    const random = new Random(3);
    const counts = new Array<number>(300).fill(0);
    const draws = 50_000;
    for (let index = 0; index < draws; index++) counts[zipf.sample(random)]! += 1;
    for (const rank of [0, 1, 9]) expect(counts[rank]! / draws).toBeCloseTo(zipf.probability(rank), 2);
  });

  test("distinct draws are distinct", () => {
    const ranks = new ZipfSampler(10).sampleDistinct(new Random(1), 8);
    expect(new Set(ranks).size).toBe(8);
    expect(() => new ZipfSampler(3).sampleDistinct(new Random(1), 4)).toThrow(/cannot draw 4/);
  });
});

describe("the tag vocabulary", () => {
  test("has 300 tags that are all different once normalised", () => {
    expect(tagVocabulary).toHaveLength(300);
    expect(new Set(tagVocabulary.map(slugifyTag)).size).toBe(300);
  });
});

describe("planCorpus", () => {
  const plan = planCorpus({ issues: 2000, seed: 1 });

  test("uses all five registered series in equal shares", () => {
    expect([...seriesIds].sort()).toEqual(newsletterSeries().map((series) => series.id).sort());
    const counts = new Map<string, number>();
    for (const spec of plan) counts.set(spec.series, (counts.get(spec.series) ?? 0) + 1);
    expect([...counts.values()]).toEqual([400, 400, 400, 400, 400]);
    expect(new Set(planCorpus({ issues: 5, seed: 99 }).map((spec) => spec.series)).size).toBe(5);
  });

  test("spreads dates over ten years, in order, and numbers each series from 1 in date order", () => {
    const years = new Set(plan.map((spec) => spec.date.slice(0, 4)));
    expect([...years].sort()).toEqual(["2015", "2016", "2017", "2018", "2019", "2020", "2021", "2022", "2023", "2024"]);
    expect(plan.map((spec) => spec.date)).toEqual([...plan.map((spec) => spec.date)].sort());
    for (const series of seriesIds) {
      expect(plan.filter((spec) => spec.series === series).map((spec) => spec.number)).toEqual(
        Array.from({ length: 400 }, (_, index) => index + 1),
      );
    }
  });

  test("gives each issue 2 to 8 tags with a long-tailed, Zipf-like popularity", () => {
    const counts = new Map<string, number>();
    for (const spec of plan) {
      expect(spec.tags.length).toBeGreaterThanOrEqual(tagsPerIssue.min);
      expect(spec.tags.length).toBeLessThanOrEqual(tagsPerIssue.max);
      expect(new Set(spec.tags).size).toBe(spec.tags.length);
      for (const tag of spec.tags) counts.set(tag, (counts.get(tag) ?? 0) + 1);
    }
    const frequencies = [...counts.values()].sort((a, b) => b - a);
    const uses = frequencies.reduce((sum, count) => sum + count, 0);
    // About 300 tags in use; the head is common, the tail rare.
    expect(frequencies.length).toBeGreaterThan(280);
    expect(frequencies[0]! / plan.length).toBeGreaterThan(0.4);
    expect(frequencies.slice(0, 30).reduce((sum, count) => sum + count, 0) / uses).toBeGreaterThan(0.5);
    expect(frequencies[0]! / frequencies[frequencies.length >> 1]!).toBeGreaterThan(30);
    // The long tail: the 100 rarest tags together are used less than the most common one.
    expect(frequencies.slice(-100).reduce((sum, count) => sum + count, 0)).toBeLessThan(frequencies[0]!);
    // Popularity falls roughly as 1/rank: rank 10 about a tenth of rank 1.
    expect(frequencies[9]! / frequencies[0]!).toBeGreaterThan(0.05);
    expect(frequencies[9]! / frequencies[0]!).toBeLessThan(0.2);
  });

  test("rejects a corpus of no issues", () => {
    expect(() => planCorpus({ issues: 0 })).toThrow(/expected 1 or more issues, got 0/);
  });
});

describe("generateCorpus", () => {
  const corpus = generateCorpus({ issues: 250, seed: 5 });

  test("is the same, byte for byte, for the same seed, and different for another", () => {
    const again = generateCorpus({ issues: 250, seed: 5 });
    expect(again.map((issue) => [issue.fileName, issue.text])).toEqual(corpus.map((issue) => [issue.fileName, issue.text]));
    const other = generateCorpus({ issues: 250, seed: 6 });
    expect(other.map((issue) => issue.text)).not.toEqual(corpus.map((issue) => issue.text));
  });

  test("every issue passes the project's validator, with unique URLs and 2 to 8 tags", () => {
    // Without figures: their files exist only once written (see writeCorpus's test).
    const { issues, problems } = validateIssueSources(sources(generateCorpus({ issues: 250, seed: 5, images: false })));
    expect(problems).toEqual([]);
    expect(issues).toHaveLength(250);
    expect(new Set(issues.map((issue) => issue.url)).size).toBe(250);
    for (const issue of issues) {
      // Link digests' hashtags add to an issue's tags; they are drawn from its own tags.
      expect(issue.tags.length).toBeGreaterThanOrEqual(2);
      expect(issue.tags.length).toBeLessThanOrEqual(8);
      expect(issue.summary.length).toBeLessThan(400);
    }
  });

  test("bodies have 500 to 3,000 words, as the site counts them", () => {
    for (const seed of [1, 2, 3]) {
      for (const issue of generateCorpus({ issues: 120, seed })) {
        const words = countWords(splitFrontMatter(issue.text).body);
        expect(words).toBe(issue.words);
        expect(words).toBeGreaterThanOrEqual(wordRange.min);
        expect(words).toBeLessThanOrEqual(wordRange.max);
      }
    }
  });

  test("dates are quoted calendar dates that match the file name", () => {
    for (const issue of corpus) {
      const date = /^date: "(\d{4}-\d{2}-\d{2})"$/m.exec(issue.text)?.[1];
      expect(date).toBeDefined();
      expect(issue.fileName.startsWith(`${date}-`)).toBe(true);
    }
  });

  test("uses the project's Markdown extensions: headings, lists, links, footnotes, maths, callouts, code, tables, hashtags", () => {
    const all = corpus.map((issue) => issue.text).join("\n");
    for (const pattern of [
      /^## /m, /^### /m, /^- /m, /^1\. /m, /\]\(https:\/\//, /\[\^1\]/, /^\[\^1\]: /m, / \$[^$\s][^$]*\$/, /^\$\$$/m,
      /^::: why$/m, /^::: insight$/m, /^::: takeaway$/m, /^::: figure$/m, /^```python$/m, /^\| :--- \| ---: \|/m,
      /^#[a-z0-9][\w-]*(, #[a-z0-9][\w-]*)?$/m,
    ]) {
      expect(all).toMatch(pattern);
    }
  });

  test("renders with the site's Markdown renderer, maths included", () => {
    const md = createMarkdown();
    let maths = 0;
    for (const issue of corpus.slice(0, 120)) {
      const html = md.render(splitFrontMatter(issue.text).body, {});
      if (html.includes('class="katex"')) maths++;
      expect(html).not.toContain("katex-error");
    }
    expect(maths).toBeGreaterThan(10);
  });

  test("one issue in three shows 1 to 3 PNG or JPEG figures, with alt text and a caption, beside it; the others' text is unchanged", () => {
    const withImages = corpus.filter((issue) => issue.images.length);
    expect(withImages.length).toBeGreaterThan(250 / 3 - 20);
    expect(withImages.length).toBeLessThan(250 / 3 + 20);
    const plain = generateCorpus({ issues: 250, seed: 5, images: false });
    corpus.forEach((issue, index) => {
      expect(issue.images.length).toBeLessThanOrEqual(3);
      if (!issue.images.length) expect(issue.text).toBe(plain[index]?.text);
      for (const [figure, image] of issue.images.entries()) {
        expect(image.fileName.startsWith(issue.fileName.replace(/\.md$/, ""))).toBe(true);
        expect(issue.text).toContain(`](${image.fileName} "Figure ${figure + 1}")`);
      }
    });
    expect(new Set(withImages.flatMap((issue) => issue.images.map((image) => image.format)))).toEqual(new Set(["png", "jpeg"]));
    expect(corpusStats(corpus)).toMatchObject({ issuesWithImages: withImages.length, images: withImages.reduce((sum, issue) => sum + issue.images.length, 0) });
  });

  test("reports its figures", () => {
    const stats = corpusStats(corpus);
    expect(stats.issues).toBe(250);
    expect(Object.values(stats.bySeries)).toEqual([50, 50, 50, 50, 50]);
    expect(stats.words).toBe(corpus.reduce((sum, issue) => sum + issue.words, 0));
  });
});

describe("the TeX in the vocabulary", () => {
  const md = createMarkdown();

  test.each(inlineFormulas.map((tex) => [tex]))("inline $%s$ renders with KaTeX", (tex) => {
    expect(md.render(`Where $${tex}$, as shown.`)).toContain('class="katex"');
  });

  test.each(displayFormulas.map((tex) => [tex]))("display $$%s$$ renders with KaTeX", (tex) => {
    expect(md.render(`$$\n${tex}\n$$\n`)).toContain('class="katex-display"');
  });
});

describe("writeCorpus", () => {
  test("writes one file per issue into a new folder and refuses a non-empty one unless told to replace it", async () => {
    const scratch = await mkdtemp(path.join(tmpdir(), "newsletter-corpus-"));
    onTestFinished(() => rm(scratch, { recursive: true, force: true }));
    const folder = path.join(scratch, "out");
    const corpus = generateCorpus({ issues: 6, seed: 2 });
    const images = corpus.flatMap((issue) => issue.images);
    expect(images.length).toBeGreaterThan(0);
    await writeCorpus(folder, corpus);
    expect((await readdir(folder)).sort()).toEqual([...corpus.map((issue) => issue.fileName), ...images.map((image) => image.fileName)].sort());
    expect(await readFile(path.join(folder, corpus[0]!.fileName), "utf8")).toBe(corpus[0]!.text);
    // The figures are real images of the planned size, a few hundred KB each, and pass validation's checks.
    for (const issue of corpus.filter((candidate) => candidate.images.length)) {
      const checked = checkIssueImages({ file: issue.fileName, absolutePath: path.join(folder, issue.fileName) }, splitFrontMatter(issue.text).body, 1, folder);
      expect(checked.problems).toEqual([]);
      expect(checked.images.map(({ format, width, height }) => ({ format, width, height }))).toEqual(issue.images.map(({ format, width, height }) => ({ format, width, height })));
    }
    for (const image of images) {
      const size = (await readFile(path.join(folder, image.fileName))).length;
      expect(size, image.fileName).toBeGreaterThan(50_000);
      expect(size, image.fileName).toBeLessThan(1_500_000);
    }
    expect(await drawCorpusImage(images[0]!)).toEqual(await readFile(path.join(folder, images[0]!.fileName)));

    await writeFile(path.join(folder, "notes.txt"), "mine");
    await expect(writeCorpus(folder, corpus)).rejects.toThrow(new RegExp(`expected a new or empty folder, got one with ${corpus.length + images.length + 1} entries`));
    await writeCorpus(folder, corpus.slice(0, 2).map((issue) => ({ ...issue, images: [] })), true);
    expect(await readdir(folder)).toHaveLength(2);
  });
});

test("ordinals", () => {
  expect([1, 2, 3, 4, 11, 12, 13, 21, 22, 101, 111].map(ordinal)).toEqual([
    "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "101st", "111th",
  ]);
});
