// The search index itself, queried through Pagefind's own JavaScript API in Chromium, as the
// search page queries it: queries drawn from every seed issue find that issue first, with the
// metadata, filters and sort key the issue pages declare.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { launchBrowser } from "../support/browser.ts";
import { loadPage } from "../support/site.ts";
import { serveStatic, type StaticServer } from "../support/static-server.ts";

const site = inject("realSite");

const issues = {
  gradient: "/issues/gradient-update-20/",
  zeta: "/issues/zeta-alpha-trends-march-2022/",
  neurips: "/issues/neurips-2020-takeaways/",
  labNotes: "/issues/lab-notes-gpt3-contrastive-hebbian/",
  digest: "/issues/link-digest-moores-law-ai-progress/",
} as const;

interface Hit {
  url: string;
  meta: Record<string, string>;
  filters: Record<string, string[]>;
  sections: string[];
}

let server: StaticServer | undefined;
let browser: Browser | undefined;
let page: Page | undefined;

beforeAll(async () => {
  [server, browser] = await Promise.all([serveStatic(site), launchBrowser()]);
  page = await browser.newPage();
  await page.goto(`${server.url}/`);
  // Pagefind's API, loaded from the built site as the Component UI loads it. A string, so the
  // test runner's module transform leaves the browser's import() alone.
  await page.evaluate(`import("/pagefind/pagefind.js").then(async (pagefind) => { await pagefind.init(); window.pagefind = pagefind; })`);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** The top `limit` results of a search, with their data. */
async function search(term: string | null, options: { sort?: Record<string, string>; filters?: Record<string, string[]> } = {}, limit = 3): Promise<Hit[]> {
  if (!page) throw new Error("the browser did not start");
  return page.evaluate(
    async ({ term, options, limit }) => {
      type Result = { data(): Promise<{ url: string; meta: Record<string, string>; filters: Record<string, string[]>; sub_results: { url: string }[] }> };
      const pagefind = (window as unknown as { pagefind: { search(term: string | null, options: object): Promise<{ results: Result[] }> } }).pagefind;
      const found = await pagefind.search(term, options);
      const data = await Promise.all(found.results.slice(0, limit).map((result) => result.data()));
      return data.map((each) => ({ url: each.url, meta: each.meta, filters: each.filters, sections: each.sub_results.map((sub) => sub.url) }));
    },
    { term, options, limit },
  );
}

describe("queries drawn from every seed issue find it first", () => {
  test.each([
    // Title words.
    ["DeepNet", issues.gradient],
    ["Trends in AI March 2022", issues.zeta],
    ["Takeaways for a Deep Learning Engineer", issues.neurips],
    ["Hebbian meta-learning", issues.labNotes],
    ["machine unlearning", issues.digest],
    // Words deep in the body, with the section they are in.
    ["FastFold AlphaFold", issues.gradient, "#fastfold-reducing-alphafold-training-time-from-11-days-to-67-hours"],
    ["casinos gambling", issues.gradient, "#can-a-i-help-casinos-cut-down-on-problem-gambling"],
    ["Hierarchical Perceiver", issues.zeta, "#7-hierarchical-perceiver"],
    ["DataMUX multiplexing", issues.zeta, "#2-datamux-data-multiplexing-for-neural-networks"],
    ["plasma nuclear fusion", issues.zeta],
    ["coresets noisy labels", issues.neurips, "#coresets-for-robust-training-of-neural-networks-against-noisy-labels"],
    ["progressive layer dropping", issues.neurips, "#accelerating-training-of-transformer-based-language-models-with-progressive-layer-dropping"],
    ["MPNet permuted", issues.neurips],
    ["radioactive data tracing", issues.labNotes, "#radioactivate-data-tracing-through-training"],
    ["Linformer", issues.labNotes, "#linformer"],
    ["BYOL", issues.labNotes, "#byol"],
    ["dermatology classifier", issues.digest, "#does-your-dermatology-classifier-know-what-it-doesn-t-know-detecting-the-long-tail-of-unseen-conditions"],
    ["inference accelerator Facebook", issues.digest, "#first-generation-inference-accelerator-deployment-at-facebook"],
    ["NanoNets", issues.digest],
    // Metadata is searched too: a word only in the summary, a tag.
    ["practitioner's pick", issues.neurips],
    ["data tracing", issues.labNotes],
  ])("%j → %s %s", async (term, url, section?: string) => {
    const [first] = await search(term);
    expect(first?.url).toBe(url);
    if (section) expect(first?.sections.map(decodeURI)).toContain(`${url}${section}`);
  });

  test.each(Object.values(issues))("%s: its own title finds it first", async (url) => {
    const title = loadPage(site, url)("h1").text();
    expect((await search(title))[0]?.url).toBe(url);
  });

  test.each(Object.values(issues))("%s: words found in no other issue find it, and only it", async (url) => {
    const words = distinctiveWords(url, 3);
    expect(words.length, `${url} has words of its own`).toBe(3);
    for (const word of words) {
      const hits = await search(word, {}, 10);
      expect(hits.map((hit) => hit.url), word).toEqual([url]);
    }
  });
});

describe("every indexed issue", () => {
  test.each(Object.values(issues))("%s carries its title, series, number, date and summary, and its series, tag and year filters", async (url) => {
    const $ = loadPage(site, url);
    const [hit] = await search(null, { filters: { series: [$(".issue-series a").text()] }, sort: { date: "asc" } }, 50).then((hits) =>
      hits.filter((each) => each.url === url),
    );
    const date = $(".issue-meta time").attr("datetime") ?? "";
    const tags = $(".issue-header .tag-list a").map((_, a) => $(a).text()).get();
    expect(hit?.meta).toMatchObject({
      title: $("h1").text(),
      series: $(".issue-series a").text(),
      date,
      summary: $('meta[name="description"]').attr("content"),
      tags: tags.join(", "),
    });
    expect(hit?.meta.number).toBe($(".issue-number").text().replace(/^#/, "") || undefined);
    expect(hit?.filters).toEqual({ series: [$(".issue-series a").text()], tags: expect.arrayContaining(tags), year: [date.slice(0, 4)] });
    expect(hit?.filters.tags).toHaveLength(tags.length);
  });

  test("every issue has the date sort key: sorting by date keeps all five, in date order", async () => {
    const newest = await search(null, { sort: { date: "desc" } }, 50);
    expect(newest.map((hit) => hit.url)).toEqual([issues.gradient, issues.zeta, issues.digest, issues.neurips, issues.labNotes]);
    const oldest = await search(null, { sort: { date: "asc" } }, 50);
    expect(oldest.map((hit) => hit.url)).toEqual(newest.map((hit) => hit.url).reverse());
  });

  test("the filters count every issue once per series and year", async () => {
    if (!page) throw new Error("the browser did not start");
    const filters = await page.evaluate(() => (window as unknown as { pagefind: { filters(): Promise<Record<string, Record<string, number>>> } }).pagefind.filters());
    const total = (name: string) => Object.values(filters[name] ?? {}).reduce((sum, count) => sum + count, 0);
    expect(Object.keys(filters).sort()).toEqual(["series", "tags", "year"]);
    expect(total("series")).toBe(5);
    expect(total("year")).toBe(5);
    expect(filters.year).toEqual({ "2020": 2, "2021": 1, "2022": 2 });
  });

  test("a filter narrows a search to its issues", async () => {
    const all = await search("transformers", {}, 50);
    const in2022 = await search("transformers", { filters: { year: ["2022"] } }, 50);
    expect(all.length).toBeGreaterThan(in2022.length);
    expect(in2022.length).toBeGreaterThan(0);
    expect(in2022.every((hit) => hit.meta.date?.startsWith("2022"))).toBe(true);
  });

  test("a formula is indexed once, as MathML text, not also as its TeX source and KaTeX's HTML", async () => {
    if (!page) throw new Error("the browser did not start");
    const content: string = await page.evaluate(
      `window.pagefind.search("Hebbian").then((found) => found.results[0].data()).then((data) => data.content)`,
    );
    expect(content).toContain("Hebbian");
    expect(content).not.toMatch(/\\(Delta|eta|frac|sum)\b/);
    expect(content.match(/Δwi,j=ηw/g)?.length).toBe(1);
  });

  test("navigation, related issues and contents lists are not indexed", async () => {
    // Words of the header, footer and "Related issues" lists, which the issue bodies never use.
    for (const term of ["Subscribe", "Related issues", "Skip to content", "Contents"]) {
      const hits = await search(term, {}, 10);
      for (const hit of hits) {
        const body = loadPage(site, hit.url)("[data-pagefind-body]").clone();
        body.find("[data-pagefind-ignore]").remove();
        expect(body.text().toLowerCase(), `${term} matched ${hit.url}`).toContain(term.split(" ")[0]?.toLowerCase().slice(0, 5));
      }
    }
  });
});

/**
 * Up to `count` words of an issue's indexed text (7 letters or more) whose first six letters
 * start no word of any other issue, so that stemming cannot match them elsewhere; the most
 * frequent first. Pagefind also indexes hyphenated words joined (`auto-regressive` as
 * `autoregressive`), and so does this.
 */
function distinctiveWords(url: string, count: number): string[] {
  const words = (issueUrl: string) => {
    const $ = loadPage(site, issueUrl);
    const body = $("[data-pagefind-body]").clone();
    body.find("[data-pagefind-ignore], .katex").remove();
    const text = `${body.text()} ${body.text().replace(/(\p{L})-(?=\p{L})/gu, "$1")} ${$('meta[name="description"]').attr("content")} ${$(".issue-header .tag-list").attr("data-pagefind-meta")}`;
    return text.toLowerCase().match(/\p{L}+/gu) ?? [];
  };
  const elsewhere = new Set(Object.values(issues).filter((other) => other !== url).flatMap((other) => words(other).map((word) => word.slice(0, 6))));
  const own = new Map<string, number>();
  for (const word of words(url)) if (word.length >= 7 && !elsewhere.has(word.slice(0, 6))) own.set(word, (own.get(word) ?? 0) + 1);
  return [...own].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, count).map(([word]) => word);
}
