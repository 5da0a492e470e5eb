// Images beside issues, built as a publisher builds: the fixture's PNG, JPEG, GIF and SVG images, a
// figure with and without a caption, a first image above the fold; the error fixture's every
// problem in one run; and the cache: a rebuild encodes nothing, a changed image only itself.
import { cpSync, existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { DOMParser } from "@xmldom/xmldom";
import type { CheerioAPI } from "cheerio";
import sharp from "sharp";
import { beforeAll, describe, expect, test } from "vitest";
import { runSiteChecks } from "../../src/check/check-site.ts";
import { siteMetadata } from "../../src/site.ts";
import { projectRoot, runBuild, tempFolder, type BuildRun } from "../support/run-build.ts";
import { loadPage } from "../support/site.ts";

const fixture = path.join(projectRoot, "tests/fixtures/sites/images/issues");
const baseUrl = siteMetadata().baseUrl;

function encodedCount(build: BuildRun): { encoded: number; cached: number } {
  const match = /Images: (\d+) encoded in [\d.]+ s, (\d+) from the cache/.exec(build.stdout);
  if (!match) throw new Error(`expected the build to report its images, got:\n${build.stdout}\n${build.stderr}`);
  return { encoded: Number(match[1]), cached: Number(match[2]) };
}

describe("a site with images", () => {
  let content: string;
  let cache: string;
  let build: BuildRun;
  let page: CheerioAPI;
  beforeAll(() => {
    // A copy, so the cache test can change an image; a cache of its own, so the first build encodes all.
    content = path.join(tempFolder("images-content-"), "issues");
    cpSync(fixture, content, { recursive: true });
    cache = tempFolder("images-cache-");
    build = runBuild({ content, env: { NEWSLETTER_IMAGE_CACHE: cache } });
    expect(build.stderr).toBe("");
    expect(build.status).toBe(0);
    page = loadPage(build.output, "/issues/charts-and-figures/");
  }, 120_000);

  test("each raster image is a <picture> of AVIF, WebP and its own format; the first one eager, the rest lazy", () => {
    const pictures = page(".issue-body picture");
    expect(pictures.length).toBe(6);
    const chart = pictures.first();
    expect(chart.find("source").map((_, source) => page(source).attr("type")).get()).toEqual(["image/avif", "image/webp"]);
    const img = chart.find("img");
    expect(img.attr("src")).toMatch(/^\/img\/[0-9a-f]{16}-672\.png$/);
    expect(img.attr("srcset")).toMatch(/^\/img\/[0-9a-f]{16}-672\.png 672w, \/img\/[0-9a-f]{16}-960\.png 960w$/);
    expect(img.attr("alt")).toBe("A bar chart of monthly readers, rising from 120 to 480");
    expect(img.attr("fetchpriority")).toBe("high");
    expect(img.attr("loading")).toBeUndefined();
    const rest = page(".issue-body img").slice(1);
    expect(rest.length).toBe(6);
    rest.each((_, other) => {
      expect(page(other).attr("loading")).toBe("lazy");
      expect(page(other).attr("decoding")).toBe("async");
    });
    // The GIF keeps its format beside WebP (no AVIF, which sharp cannot animate).
    const gif = page("img[src$='.gif']").closest("picture");
    expect(gif.find("source").map((_, source) => page(source).attr("type")).get()).toEqual(["image/webp"]);
  });

  test("captions: a titled image alone in its paragraph and a ::: figure are figures with figcaptions; an untitled figure has none", () => {
    const figures = page(".issue-body figure.figure");
    expect(figures.map((_, figure) => page(figure).find("figcaption").text().trim()).get()).toEqual([
      "Readers per month, January to June",
      "The spinner, animated: it keeps its frames.",
      "",
    ]);
    expect(figures.eq(2).find("img").attr("src")).toMatch(/^\/img\/[0-9a-f]{16}\.svg$/);
    expect(page("p figure, p > p").length).toBe(0);
    // Decorative: empty alt; the chart shown twice is the same files.
    expect(page("img[alt='']").length).toBe(1);
    const chartFiles = page("img[src$='-672.png']").map((_, img) => page(img).attr("src")).get();
    expect(new Set(chartFiles).size).toBeLessThan(chartFiles.length);
  });

  test("every file the pages name exists, with the width and height its srcset and attributes say", async () => {
    const urls = new Set<string>();
    page("source, img").each((_, element) => {
      for (const candidate of (page(element).attr("srcset") ?? "").split(",")) if (candidate.trim()) urls.add(candidate.trim());
    });
    const checked: string[] = [];
    for (const candidate of urls) {
      const [url, descriptor] = candidate.split(" ") as [string, string];
      const metadata = await sharp(path.join(build.output, url), { animated: true }).metadata();
      expect(`${url} ${metadata.width}w`).toBe(candidate);
      expect(descriptor).toBe(`${metadata.width}w`);
      checked.push(metadata.format ?? "");
    }
    expect(new Set(checked)).toEqual(new Set(["heif", "webp", "png", "jpeg", "gif"]));
    for (const element of page(".issue-body img").toArray()) {
      const img = page(element);
      const metadata = await sharp(path.join(build.output, img.attr("src") as string)).metadata();
      expect([img.attr("width"), img.attr("height")]).toEqual([String(metadata.width), String(metadata.pageHeight ?? metadata.height)]);
    }
    // The GIF and its WebP keep their four frames; the SVG is the publisher's bytes.
    const gif = page("img[src$='.gif']");
    expect((await sharp(path.join(build.output, gif.attr("src") as string), { animated: true }).metadata()).pages).toBe(4);
    const webp = gif.closest("picture").find("source").attr("srcset")?.split(" ")[0] as string;
    expect((await sharp(path.join(build.output, webp), { animated: true }).metadata()).pages).toBe(4);
    const svg = page("img[src$='.svg']").attr("src") as string;
    expect(readFileSync(path.join(build.output, svg))).toEqual(readFileSync(path.join(fixture, "diagram.svg")));
    // Nothing is written but what the pages name: the raster files of the srcsets and the SVG.
    expect(readdirSync(path.join(build.output, "img")).length).toBe(urls.size + 1);
  });

  test("feeds carry absolute <img> in the fallback format with width and height, and each issue's image as its thumbnail", () => {
    const atom = new DOMParser().parseFromString(readFileSync(path.join(build.output, "feed.xml"), "utf8"), "text/xml");
    const entries = Array.from(atom.getElementsByTagName("entry"));
    const entry = (title: string) => entries.find((candidate) => candidate.getElementsByTagName("title")[0]?.textContent === title);
    const content = entry("Charts and figures")?.getElementsByTagName("content")[0]?.textContent ?? "";
    expect(content).not.toMatch(/<picture|<source/);
    const imgs = [...content.matchAll(/<img [^>]*>/g)].map((match) => match[0]);
    expect(imgs.length).toBe(7);
    for (const img of imgs) {
      expect(img).toMatch(new RegExp(`src="${baseUrl}img/[0-9a-f]{16}(-\\d+\\.(png|jpeg|gif)|\\.svg)"`));
      expect(img).toMatch(/ width="\d+" height="\d+"/);
    }
    const thumbnail = (title: string) => entry(title)?.getElementsByTagNameNS("http://search.yahoo.com/mrss/", "thumbnail")[0];
    const page2 = loadPage(build.output, "/issues/chosen-picture/");
    const photo = page2("img[alt='A photo of a harbour at dusk']");
    expect(thumbnail("A chosen picture")?.getAttribute("url")).toBe(`${baseUrl}${(photo.attr("src") as string).slice(1)}`);
    expect(thumbnail("A chosen picture")?.getAttribute("width")).toBe(photo.attr("width"));
    expect(thumbnail("Charts and figures")?.getAttribute("url")).toBe(`${baseUrl}${(page("img").first().attr("src") as string).slice(1)}`);
    // An issue without images has its social card instead.
    expect(thumbnail("No pictures")?.getAttribute("url")).toBe(`${baseUrl}cards/issues/no-pictures.png`);
    expect(thumbnail("No pictures")?.getAttribute("width")).toBe("1200");
    const rss = new DOMParser().parseFromString(readFileSync(path.join(build.output, "rss.xml"), "utf8"), "text/xml");
    expect(rss.getElementsByTagNameNS("http://search.yahoo.com/mrss/", "thumbnail").length).toBe(3);
    const json = JSON.parse(readFileSync(path.join(build.output, "feed.json"), "utf8")) as { items: { title: string; image?: string }[] };
    expect(Object.fromEntries(json.items.map((item) => [item.title, item.image]))).toEqual({
      "No pictures": `${baseUrl}cards/issues/no-pictures.png`,
      "A chosen picture": thumbnail("A chosen picture")?.getAttribute("url"),
      "Charts and figures": thumbnail("Charts and figures")?.getAttribute("url"),
    });
  });

  test("link previews show the image front matter's image: chooses, else the social card", () => {
    const chosen = loadPage(build.output, "/issues/chosen-picture/");
    const photo = chosen("img[alt='A photo of a harbour at dusk']");
    expect(chosen('meta[property="og:image"]').attr("content")).toBe(`${baseUrl}${(photo.attr("src") as string).slice(1)}`);
    expect(chosen('meta[property="og:image:width"]').attr("content")).toBe(photo.attr("width"));
    expect(chosen('meta[property="og:image:alt"]').attr("content")).toBe("A photo of a harbour at dusk");
    expect(chosen('meta[name="twitter:image"]').attr("content")).toBe(chosen('meta[property="og:image"]').attr("content"));
    // An issue whose first image is only its default keeps its card.
    expect(loadPage(build.output, "/issues/charts-and-figures/")('meta[property="og:image"]').attr("content")).toBe(`${baseUrl}cards/issues/charts-and-figures.png`);
  });

  test("search results get the issue's image as their thumbnail", () => {
    expect(page(".issue-header").attr("data-pagefind-meta")).toBe(`image:${page("img").first().attr("src")}`);
    expect(loadPage(build.output, "/issues/no-pictures/")(".issue-header").attr("data-pagefind-meta")).toBeUndefined();
  });

  test("npm run check's checks pass over the site", async () => {
    expect((await runSiteChecks(build.output)).problems).toEqual([]);
  });

  test("a rebuild encodes only the image that changed, under a new name; the others are the same bytes", async () => {
    expect(encodedCount(build)).toEqual({ encoded: 6, cached: 0 });
    await sharp({ create: { width: 300, height: 200, channels: 3, background: "#2f6f9f" } }).png().toFile(path.join(content, "charts/tick.png"));
    const changed = runBuild({ content, env: { NEWSLETTER_IMAGE_CACHE: cache } });
    expect(changed.status).toBe(0);
    expect(encodedCount(changed)).toEqual({ encoded: 1, cached: 5 });
    const before = page("img[alt='a green tick']").attr("src") as string;
    const after = loadPage(changed.output, "/issues/charts-and-figures/")("img[alt='a green tick']");
    expect(after.attr("src")).not.toBe(before);
    expect([after.attr("width"), after.attr("height")]).toEqual(["300", "200"]);
    // Deterministic: every other file has the same name and bytes.
    const names = readdirSync(path.join(build.output, "img")).filter((name) => !before.includes(name.split("-")[0] as string));
    expect(names.length).toBe(readdirSync(path.join(build.output, "img")).length - 3);
    for (const name of names) {
      expect(readFileSync(path.join(changed.output, "img", name)).equals(readFileSync(path.join(build.output, "img", name)))).toBe(true);
    }
  }, 120_000);
});

test("every image problem of every file is reported in one run, each with file, line and image, and nothing is written", () => {
  const build = runBuild({ content: path.join(projectRoot, "tests/fixtures/sites/images-errors/issues"), env: { NEWSLETTER_IMAGE_CACHE: tempFolder("images-cache-") } });
  expect(build.status).toBe(1);
  const file = "tests/fixtures/sites/images-errors/issues/2024-06-01-broken-images.md";
  const lines = build.stderr.split("\n").filter((line) => line.startsWith("tests/fixtures/sites/images-errors/"));
  expect(lines).toEqual([
    `${file}:9: image: expected a PNG, JPEG, GIF, WebP, AVIF or SVG image at "missing.png", got no such file`,
    `${file}:11: image: expected alt text describing no-alt.png, as in ![A chart of ...](no-alt.png), or ![](no-alt.png){decorative} for an image that only decorates`,
    `${file}:13: image: expected a PNG, JPEG, GIF, WebP, AVIF or SVG image at "notes.txt", got a file that is not a PNG, JPEG, GIF, WebP, AVIF or SVG image`,
    `${file}:15: image: expected a PNG, JPEG, GIF, WebP, AVIF or SVG image at "truncated.png", got a PNG file that ends before its image does (truncated or corrupt)`,
    `${file}:17: image: expected a PNG, JPEG, GIF, WebP, AVIF or SVG image at "huge.png", got an image of 10000x5000 (50.0 megapixels), over the limit of 40 megapixels; make it smaller`,
    `${file}:19: image: expected an image inside the content folder, got "../../outside.png", a path leaving it; move the image beside the issue`,
    `${file}:21: image: expected the path of an image file beside the issue, got the remote address "https://example.com/chart.png"; download it into tests/fixtures/sites/images-errors/issues and write its file name, as ![...](chart.png)`,
    `${file}:23: image: expected a PNG, JPEG, GIF, WebP, AVIF or SVG image at "unsafe.svg", got an SVG with a <script> element, which the site does not publish`,
    `${file}:25: image: expected a path relative to the issue's file, like chart.png or images/chart.png, got "/img/chart.png"`,
    `${file}: image: expected the path of one of the issue's images (missing.png, no-alt.png, notes.txt, truncated.png, huge.png, ../../outside.png, https://example.com/chart.png, unsafe.svg, /img/chart.png), got "nowhere.png"`,
    "tests/fixtures/sites/images-errors/issues/2024-06-02-second-file.md:10: image: expected alt text describing photo.png, as in ![A chart of ...](photo.png), or ![](photo.png){decorative} for an image that only decorates",
  ]);
  expect(existsSync(build.output)).toBe(false);
}, 60_000);
