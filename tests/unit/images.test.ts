import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Image from "@11ty/eleventy-img";
import * as cheerio from "cheerio";
import { describe, expect, test } from "vitest";
import sharp from "sharp";
import { publishImages } from "../../src/images/encode-images.ts";
import { featuredImage } from "../../src/images/featured-image.ts";
import { imageLimits, inspectBytes, isImageFileProblem, sniffFormat, type ImageFile } from "../../src/images/image-file.ts";
import { pictureHtml } from "../../src/images/image-markup.ts";
import { planImage, validWidths } from "../../src/images/image-plan.ts";
import { checkIssueImages, chosenImage, findImageReferences, frontMatterImageProblem } from "../../src/images/issue-images.ts";
import { svgProblem } from "../../src/images/svg-check.ts";
import { createMarkdown } from "../../src/markdown/create-markdown.ts";
import { feedContentHtml, withoutPictureSources } from "../../src/model/feed-content.ts";

const png = (width: number, height: number): ImageFile => ({ format: "png", width, height, contentHash: "a".repeat(64) });
const pngHeader = Buffer.from("89504e470d0a1a0a", "hex");

describe("output widths", () => {
  test.each([
    [200, [200]],
    [700, [672]],
    // Not a quarter wider than 672: one width.
    [840, [672]],
    [841, [672, 841]],
    [960, [672, 960]],
    [1344, [672, 1344]],
    [5000, [672, 1344]],
  ])("an image %i px wide is encoded at %j, as eleventy-img chooses", (width, expected) => {
    expect(validWidths(width, [672, 1344], 1.25)).toEqual(expected);
    expect(validWidths(width, [672, 1344], 1.25)).toEqual(Image.getWidths(width, [672, 1344], false, 1.25));
  });

  test("a plan names every file by the content's hash, width and format, heights kept in proportion", () => {
    const plan = planImage(png(1000, 333));
    expect(plan.formats).toEqual(["avif", "webp", "png"]);
    expect(plan.outputs.map((output) => `${output.format} ${output.width}x${output.height}`)).toEqual([
      "avif 672x224",
      "avif 1000x333",
      "webp 672x224",
      "webp 1000x333",
      "png 672x224",
      "png 1000x333",
    ]);
    expect(plan.fallback.name).toBe(`${plan.key}-672.png`);
    expect(planImage(png(1000, 333)).key).toBe(plan.key);
    expect(planImage({ ...png(1000, 333), contentHash: "b".repeat(64) }).key).not.toBe(plan.key);
    expect(planImage({ ...png(1000, 333), format: "gif" }).formats).toEqual(["webp", "gif"]);
    expect(planImage({ ...png(300, 100), format: "svg" }).outputs).toEqual([{ format: "svg", width: 300, height: 100, name: `${planImage({ ...png(300, 100), format: "svg" }).key}.svg` }]);
  });
});

describe("inspecting a file", () => {
  test("refuses a file over the size limit without reading it", () => {
    let read = false;
    const result = inspectBytes(imageLimits.bytes + 1, () => ((read = true), Buffer.alloc(0)));
    expect(read).toBe(false);
    expect(isImageFileProblem(result) && result.got).toBe("a file of 20 MB, over the limit of 20 MB; make it smaller");
  });

  test("tells formats by their bytes, whatever the name", () => {
    expect(sniffFormat(pngHeader)).toBe("png");
    expect(sniffFormat(Buffer.from([0xff, 0xd8, 0xff, 0xe0]))).toBe("jpeg");
    expect(sniffFormat(Buffer.from("GIF89a...."))).toBe("gif");
    expect(sniffFormat(Buffer.from("RIFF\0\0\0\0WEBPVP8 "))).toBe("webp");
    expect(sniffFormat(Buffer.from('<?xml version="1.0"?>\n<!-- drawn -->\n<svg xmlns="http://www.w3.org/2000/svg">'))).toBe("svg");
    expect(sniffFormat(Buffer.from("%PDF-1.7"))).toBeUndefined();
    expect(inspectBytes(3, () => Buffer.from("abc"))).toEqual({ got: "a file that is not a PNG, JPEG, GIF, WebP, AVIF or SVG image" });
    expect(inspectBytes(0, () => Buffer.alloc(0))).toEqual({ got: "an empty file" });
  });

  test("reads an SVG's size from its width and height or viewBox, and refuses one without", () => {
    const svg = (attributes: string) => Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" ${attributes}><rect width="1" height="1"/></svg>`);
    expect(inspectBytes(1, () => svg('viewBox="0 0 300 150"'))).toMatchObject({ format: "svg", width: 300, height: 150 });
    expect(inspectBytes(1, () => svg('width="40" height="20"'))).toMatchObject({ width: 40, height: 20 });
    expect(inspectBytes(1, () => svg(""))).toEqual({ got: "an SVG with no width and height or viewBox" });
  });
});

describe("SVG safety", () => {
  test.each([
    ['<svg><script>alert(1)</script></svg>', "<script>"],
    ['<svg onload="alert(1)"></svg>', "event handler"],
    ['<svg><rect svg:onclick="x()"/></svg>', "event handler"],
    ['<svg><foreignObject><div/></foreignObject></svg>', "<foreignObject>"],
    ['<svg><image href="https://tracker.example/p.png"/></svg>', "href"],
    ["<svg><use xlink:href='other.svg#a'/></svg>", "href"],
    ['<svg><rect style="fill:url(https://x.example/a)"/></svg>', "url()"],
    ['<svg><style>@import "x.css";</style></svg>', "@import"],
    ['<!DOCTYPE svg [<!ENTITY x "y">]><svg/>', "entities"],
  ])("refuses %s naming %s", (text, reason) => {
    expect(svgProblem(text)).toContain(reason);
  });

  test("keeps references inside the image and plain drawings", () => {
    expect(svgProblem('<svg viewBox="0 0 1 1"><defs><linearGradient id="g"/></defs><rect fill="url(#g)"/><use href="#g"/><text>done</text></svg>')).toBeUndefined();
  });

  test("takes linear time on hostile text", () => {
    const text = `<svg>${" a".repeat(200_000)}${"url(".repeat(50_000)}</svg>`;
    const started = performance.now();
    svgProblem(text);
    // Generous: a quadratic scan of this text takes minutes.
    expect(performance.now() - started).toBeLessThan(2000);
  });
});

describe("finding an issue's images", () => {
  test("with the line each is on, figures included, code ignored, decorative marked", () => {
    const body = [
      "Text with ![an icon](icon.png) inline,", // 1
      "and ![a second](two.png) on its next line.", // 2
      "",
      "`![code](not.png)`", // 4
      "",
      "::: figure", // 6
      "![A figure](figure.png)", // 7
      "Its caption.",
      ":::",
      "",
      "![](rule.png){decorative}", // 11
      "",
      "| a |", // 13
      "| - |",
      "| ![in a table](cell.png) |", // 15
    ].join("\n");
    expect(findImageReferences(body)).toEqual([
      { src: "icon.png", line: 1, alt: "an icon", decorative: false },
      { src: "two.png", line: 2, alt: "a second", decorative: false },
      { src: "figure.png", line: 7, alt: "A figure", decorative: false },
      { src: "rule.png", line: 11, alt: "", decorative: true },
      { src: "cell.png", line: 15, alt: "in a table", decorative: false },
    ]);
    expect(findImageReferences("No images, no parse.")).toEqual([]);
  });

  test("paths with spaces are read as written; problems name file, line and image", () => {
    const root = mkdtempSync(path.join(tmpdir(), "newsletter-images-unit-"));
    mkdirSync(path.join(root, "issues"));
    writeFileSync(path.join(root, "issues", "two words.png"), Buffer.concat([pngHeader, Buffer.from("0000000d49484452000000020000000108020000000000000000000049454e44ae426082", "hex")]));
    const issue = { file: "issues/x.md", absolutePath: path.join(root, "issues", "x.md") };
    const result = checkIssueImages(issue, "![Two words](<two words.png>)\n\n![Data](data:image/png;base64,AAAA)\n\n![Far](//cdn.example/a.png)", 6, path.join(root, "issues"));
    expect(result.images).toMatchObject([{ src: "two words.png", line: 6, width: 2, height: 1, format: "png" }]);
    expect(result.sources).toEqual(["two words.png", "data:image/png;base64,AAAA", "//cdn.example/a.png"]);
    expect(result.problems).toEqual([
      "issues/x.md:8: image: expected the path of an image file beside the issue, got a data: URL; download it into " +
        `${path.relative(process.cwd(), path.join(root, "issues"))} and write its file name, as ![...](chart.png)`,
      `issues/x.md:10: image: expected the path of an image file beside the issue, got a remote address "//cdn.example/a.png"; download it into ${path.relative(process.cwd(), path.join(root, "issues"))} and write its file name, as ![...](chart.png)`,
    ]);
  });

  test("front matter's image: names one of the issue's images", () => {
    const images = [{ ...png(10, 10), src: "a.png", path: "/x/a.png", line: 3, alt: "A", decorative: false }, { ...png(10, 10), src: "b/c.png", path: "/x/b/c.png", line: 5, alt: "C", decorative: false }];
    expect(chosenImage(images, undefined)?.src).toBe("a.png");
    expect(chosenImage(images, "./b/c.png")?.src).toBe("b/c.png");
    expect(frontMatterImageProblem(["a.png", "b/c.png"], "d.png")).toEqual({ expected: "the path of one of the issue's images (a.png, b/c.png)", got: '"d.png"' });
    expect(frontMatterImageProblem([], "d.png")?.expected).toBe("the path of an image the issue shows (it shows none)");
    expect(frontMatterImageProblem(["a.png"], "a.png")).toBeUndefined();
    const featured = featuredImage({ image: images[1] }, "https://letters.example/news/");
    expect(featured).toEqual({
      url: `https://letters.example/news/img/${planImage(png(10, 10)).key}-10.png`,
      path: `/img/${planImage(png(10, 10)).key}-10.png`,
      width: 10,
      height: 10,
      alt: "C",
      type: "image/png",
    });
    expect(featuredImage({}, "https://letters.example/")).toBeUndefined();
  });
});

describe("markup", () => {
  test("escapes alt and title, sizes small images at their own width", () => {
    const html = pictureHtml(planImage(png(300, 200)), { alt: 'A "chart" <b> & co', title: "T<i>", eager: false });
    const $ = cheerio.load(html);
    expect($("img").attr("alt")).toBe('A "chart" <b> & co');
    expect($("img").attr("title")).toBe("T<i>");
    expect($("b, i").length).toBe(0);
    expect($("source").map((_, source) => $(source).attr("sizes")).get()).toEqual(["300px", "300px"]);
    expect($("img").attr("loading")).toBe("lazy");
  });

  test("rendered for an issue: the first image eager, a titled one alone a figure, a ::: figure captioned, other renderers unchanged", () => {
    const root = mkdtempSync(path.join(tmpdir(), "newsletter-images-render-"));
    const one = Buffer.concat([pngHeader, Buffer.from("0000000d49484452000000020000000108020000000000000000000049454e44ae426082", "hex")]);
    writeFileSync(path.join(root, "a.png"), one);
    const md = createMarkdown();
    const body = '![First](a.png "Its caption")\n\nText ![second](a.png)\n\n::: figure\n![Third](a.png)\nThe *figure*.\n:::\n';
    const $ = cheerio.load(md.render(body, { page: { inputPath: path.join(root, "x.md") } }));
    expect($("body > figure.figure > picture img").attr("fetchpriority")).toBe("high");
    expect($("body > figure.figure").first().find("figcaption").text()).toBe("Its caption");
    expect($("p > picture img").attr("loading")).toBe("lazy");
    expect($("figure.figure").last().find("figcaption em").text()).toBe("figure");
    expect($("p > figure").length).toBe(0);
    expect(md.render('![First](a.png "Its caption")')).toBe('<p><img src="a.png" alt="First" title="Its caption"></p>\n');
    // Feeds keep only the <img>, absolute.
    const feed = cheerio.load(feedContentHtml(md.render(body, { page: { inputPath: path.join(root, "x.md") } }), "https://l.example/issues/x/", "https://l.example/"));
    expect(feed("picture, source").length).toBe(0);
    const key = planImage({ format: "png", width: 2, height: 1, contentHash: createHash("sha256").update(one).digest("hex") }).key;
    expect(feed("img").map((_, img) => feed(img).attr("src")).get()).toEqual(Array(3).fill(`https://l.example/img/${key}-2.png`));
    expect(withoutPictureSources("<p>&lt;picture&gt;</p>")).toBe("<p>&lt;picture&gt;</p>");
  });
});

test("an image that cannot be decoded is named, at every place that shows it, by the path each place wrote", async () => {
  const root = mkdtempSync(path.join(tmpdir(), "images-corrupt-"));
  const raw = Buffer.alloc(64 * 64 * 3, 0).map((_, index) => (index * 7919) % 251);
  const png = await sharp(raw, { raw: { width: 64, height: 64, channels: 3 } }).png().toBuffer();
  // The header and every chunk are in place, so validation passes; the pixel data is garbage.
  const data = png.indexOf("IDAT") + 4;
  png.fill(0xff, data + 8, data + 200);
  const images = ["one", "two"].flatMap((name) => {
    mkdirSync(path.join(root, name));
    writeFileSync(path.join(root, name, `${name}.png`), png);
    const result = checkIssueImages({ file: `${name}.md`, absolutePath: path.join(root, `${name}.md`) }, `![A chart](${name}/${name}.png)\n`, 5, root);
    expect(result.problems).toEqual([]);
    return result.images.map((image) => ({ ...image, file: `${name}.md` }));
  });
  const result = await publishImages(images, { cacheDir: path.join(root, "cache"), outputDir: path.join(root, "site") });
  expect(result.problems.map((problem) => problem.replace(/ \(.*$/, ""))).toEqual([
    'one.md:5: image: expected an image that can be decoded at "one/one.png", got a corrupt file',
    'two.md:5: image: expected an image that can be decoded at "two/two.png", got a corrupt file',
  ]);
});
