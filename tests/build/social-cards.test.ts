// Social cards, built as a publisher builds: three shipped issues in a content folder of their own
// and a cache folder of the test's own, built four times: cold, again unchanged, after one title
// changed, and once failing (its cache folder is a file), which must leave the site as it was.
import { copyFileSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, test } from "vitest";
import { runSiteChecks } from "../../src/check/check-site.ts";
import { siteMetadata } from "../../src/site.ts";
import { projectRoot, runBuild, tempFolder, type BuildRun } from "../support/run-build.ts";
import { loadPage } from "../support/site.ts";

const issueFiles = ["2022-03-10-gradient-update-20.md", "2020-08-25-lab-notes-gpt3-contrastive-hebbian.md", "2021-12-11-link-digest-moores-law-ai-progress.md"];
const slugs = ["gradient-update-20", "lab-notes-gpt3-contrastive-hebbian", "link-digest-moores-law-ai-progress"];
const seriesIds = ["gradient-updates", "zeta-alpha-trends", "neurips-takeaways", "lab-notes", "link-digest"];
const cardPaths = ["/cards/home.png", ...seriesIds.map((id) => `/cards/series/${id}.png`), ...slugs.map((slug) => `/cards/issues/${slug}.png`)];
const baseUrl = siteMetadata().baseUrl;

let cold: BuildRun;
let warm: BuildRun;
let retitled: BuildRun;
let failed: BuildRun;
let cache: string;
const bytes: Record<"cold" | "warm" | "retitled" | "afterFailure", Map<string, Buffer>> = { cold: new Map(), warm: new Map(), retitled: new Map(), afterFailure: new Map() };
let cacheFilesAfterWarm: string[] = [];
let notAFolder = "";

function readCards(build: BuildRun, into: Map<string, Buffer>): void {
  for (const card of cardPaths) into.set(card, readFileSync(path.join(build.output, card)));
}

function cardLine(build: BuildRun): string {
  return /^Social cards: .*$/m.exec(build.stdout)?.[0] ?? `(no line in ${build.stdout}${build.stderr})`;
}

/** Width and height from a PNG's IHDR chunk, after checking its signature. */
function pngSize(png: Buffer): { width: number; height: number } | undefined {
  if (!png.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) || png.subarray(12, 16).toString("latin1") !== "IHDR") return undefined;
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

beforeAll(() => {
  const content = tempFolder("cards-content-");
  for (const file of issueFiles) copyFileSync(path.join(projectRoot, "issues", file), path.join(content, file));
  cache = tempFolder("cards-cache-");
  const env = { NEWSLETTER_CARDS_CACHE: cache };
  cold = runBuild({ content, env });
  readCards(cold, bytes.cold);
  warm = runBuild({ content, output: cold.output, env });
  readCards(warm, bytes.warm);
  cacheFilesAfterWarm = readdirSync(cache).sort();
  const retitledFile = path.join(content, issueFiles[0] as string);
  writeFileSync(retitledFile, readFileSync(retitledFile, "utf8").replace(/^title: .*$/m, 'title: "Gradient Update #20: Regulations, retitled"'));
  retitled = runBuild({ content, output: cold.output, env });
  readCards(retitled, bytes.retitled);
  notAFolder = path.join(tempFolder("cards-broken-"), "file");
  writeFileSync(notAFolder, "");
  failed = runBuild({ content, output: cold.output, env: { NEWSLETTER_CARDS_CACHE: notAFolder } });
  readCards(failed, bytes.afterFailure);
}, 240_000);

describe("a cold build", () => {
  test("draws a card for the home page, each series and each issue", () => {
    expect(cold.status, cold.stderr).toBe(0);
    expect(cardLine(cold)).toMatch(/^Social cards: 9 drawn, 0 from the cache, in [\d.]+ s\.$/);
  });

  test("every card is a 1200x630 PNG", () => {
    for (const card of cardPaths) expect(pngSize(bytes.cold.get(card) as Buffer), card).toEqual({ width: 1200, height: 630 });
  });

  test("each issue page names its own card, absolute, with its size and alt text, as a large Twitter card and in its JSON-LD", () => {
    for (const slug of slugs) {
      const $ = loadPage(cold.output, `/issues/${slug}/`);
      const url = new URL(`cards/issues/${slug}.png`, baseUrl).href;
      expect($('meta[property="og:image"]').attr("content")).toBe(url);
      expect($('meta[property="og:image:width"]').attr("content")).toBe("1200");
      expect($('meta[property="og:image:height"]').attr("content")).toBe("630");
      expect($('meta[property="og:image:alt"]').attr("content")).toContain($("h1").text().trim());
      expect($('meta[name="twitter:card"]').attr("content")).toBe("summary_large_image");
      expect($('meta[name="twitter:image"]').attr("content")).toBe(url);
      const jsonLd = JSON.parse($('script[type="application/ld+json"]').text()) as { image: unknown };
      expect(jsonLd.image).toEqual({ "@type": "ImageObject", url, width: 1200, height: 630 });
    }
    // The pages are read after every build: the last good one had retitled this issue.
    expect(loadPage(cold.output, "/issues/gradient-update-20/")('meta[property="og:image:alt"]').attr("content")).toBe(
      "Gradient Update #20: Regulations, retitled (The Gradient Updates #20, 10 March 2022), from Machine Learning Letters",
    );
  });

  test("a series archive names its card, the home page and other pages the site's", () => {
    for (const id of seriesIds) {
      expect(loadPage(cold.output, `/series/${id}/`)('meta[property="og:image"]').attr("content")).toBe(new URL(`cards/series/${id}.png`, baseUrl).href);
    }
    const home = loadPage(cold.output, "/");
    expect(home('meta[property="og:image"]').attr("content")).toBe(new URL("cards/home.png", baseUrl).href);
    expect((JSON.parse(home('script[type="application/ld+json"]').text()) as { image: { url: string } }).image.url).toBe(new URL("cards/home.png", baseUrl).href);
    expect(loadPage(cold.output, "/tags/")('meta[property="og:image"]').attr("content")).toBe(new URL("cards/home.png", baseUrl).href);
  });

  test("the host sends the cards with a Cache-Control, and npm run check finds no problem", async () => {
    const headers = readFileSync(path.join(cold.output, "_headers"), "utf8");
    // Revalidated (a card keeps its address when redrawn), under the strict policy every file has.
    expect(headers).toMatch(/\n\/cards\/\*\n  Content-Security-Policy: default-src 'self';[^\n]*\n  Cache-Control: public, max-age=0, must-revalidate\n/);
    // The built site was replaced by the later builds: check the last good one, which holds the same cards.
    const { problems } = await runSiteChecks(failed.output);
    expect(problems).toEqual([]);
  });
});

describe("a rebuild", () => {
  test("with nothing changed draws no card, and places the same bytes", () => {
    expect(warm.status, warm.stderr).toBe(0);
    expect(cardLine(warm)).toMatch(/^Social cards: 0 drawn, 9 from the cache/);
    for (const card of cardPaths) expect(bytes.warm.get(card)?.equals(bytes.cold.get(card) as Buffer), card).toBe(true);
    expect(cacheFilesAfterWarm.filter((file) => file.endsWith(".png"))).toHaveLength(9);
    expect(cacheFilesAfterWarm.filter((file) => !file.endsWith(".png"))).toEqual([]);
  });

  test("after one title changed draws that issue's card only", () => {
    expect(retitled.status, retitled.stderr).toBe(0);
    expect(cardLine(retitled)).toMatch(/^Social cards: 1 drawn, 8 from the cache/);
    for (const card of cardPaths) {
      const same = bytes.retitled.get(card)?.equals(bytes.warm.get(card) as Buffer);
      expect(same, card).toBe(card !== "/cards/issues/gradient-update-20.png");
    }
  });

  test("that fails leaves the site as it was, and says which folder was wrong", () => {
    expect(failed.status).toBe(1);
    expect(failed.stdout + failed.stderr).toContain(`social cards: expected a folder to keep cards in at ${notAFolder}`);
    for (const card of cardPaths) expect(bytes.afterFailure.get(card)?.equals(bytes.retitled.get(card) as Buffer), card).toBe(true);
  });
});
