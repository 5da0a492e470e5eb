// What each page of the real site loads: KaTeX's stylesheet and fonts only where there is maths,
// and a site.css small enough for every page.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { describe, expect, inject, test } from "vitest";
import { loadPage } from "../support/site.ts";

const site = inject("realSite");
const pages = readdirSync(site, { recursive: true, encoding: "utf8" })
  .filter((file) => file.endsWith(".html"))
  .map((file) => `/${file.replace(/index\.html$/, "")}`);
const stylesheets = (url: string) => {
  const $ = loadPage(site, url);
  return $('link[rel="stylesheet"]').map((_, link) => $(link).attr("href") ?? "").get();
};
const katexLink = (url: string) => stylesheets(url).find((href) => /^\/assets\/katex\.[0-9a-f]{10}\.css$/.test(href));
const mathsIssue = "/issues/lab-notes-gpt3-contrastive-hebbian/";
const hasMaths = (url: string) => loadPage(site, url)(".katex").length > 0;

describe("KaTeX's stylesheet", () => {
  test("pages without maths link no KaTeX CSS, and the site's stylesheet holds none of it", () => {
    const withoutMaths = pages.filter((url) => !hasMaths(url));
    expect(withoutMaths).toEqual(expect.arrayContaining(["/", "/tags/", "/search/", "/archive/", "/issues/gradient-update-20/"]));
    for (const url of withoutMaths) expect(stylesheets(url).filter((href) => /katex/i.test(href)), url).toEqual([]);
    const siteCss = stylesheets("/").find((href) => href.startsWith("/assets/site.")) ?? "";
    expect(readFileSync(path.join(site, siteCss), "utf8")).not.toMatch(/KaTeX_|\.katex \./);
  });

  test("every page with maths links it, before the site's stylesheet, and the file is KaTeX's", () => {
    const withMaths = pages.filter(hasMaths);
    expect(withMaths).toContain(mathsIssue);
    for (const url of withMaths) {
      const href = katexLink(url);
      expect(href, url).toBeDefined();
      const links = stylesheets(url);
      expect(links.indexOf(href ?? ""), url).toBeLessThan(links.findIndex((link) => link.startsWith("/assets/site.")));
    }
    const css = readFileSync(path.join(site, katexLink(mathsIssue) ?? ""), "utf8");
    expect(css).toContain("@font-face");
    expect(css).toContain(".katex .mfrac");
  });

  test("every font the KaTeX stylesheet names is in the site", () => {
    const href = katexLink(mathsIssue) ?? "";
    const css = readFileSync(path.join(site, href), "utf8");
    const fonts = [...css.matchAll(/url\(([^)]+)\)/g)].map(([, url]) => (url ?? "").replace(/^["']|["']$/g, ""));
    expect(fonts.length).toBeGreaterThan(50);
    const missing = fonts.filter((font) => !existsSync(path.join(site, path.dirname(href), font)));
    expect(missing).toEqual([]);
  });
});

describe("the site's stylesheet", () => {
  test("is at most 4 KB gzipped", () => {
    const href = stylesheets("/").find((link) => link.startsWith("/assets/site.")) ?? "";
    const css = readFileSync(path.join(site, href));
    expect(css.length).toBeGreaterThan(1000);
    expect(gzipSync(css).length).toBeLessThanOrEqual(4096);
  });
});
