import { describe, expect, test } from "vitest";
import { readBuiltSite } from "../../src/check/built-site.ts";
import { checkLinks } from "../../src/check/links.ts";
import { srcsetUrls } from "../../src/check/page-urls.ts";
import { tinyPage, writeTinySite } from "../support/tiny-site.ts";

const baseUrl = "https://letters.example.org/";

async function brokenLinks(files: Record<string, string>, base = baseUrl) {
  return checkLinks(await readBuiltSite(writeTinySite(files)), base).map(({ page, rule, message }) => ({ page, rule, message }));
}

describe("checkLinks", () => {
  test("passes links that resolve: root-relative, relative, directory indexes, assets, images", async () => {
    const problems = await brokenLinks({
      "index.html": tinyPage('<a href="/a/">a</a> <a href="a/">a</a> <a href="a">a</a> <a href="./a/index.html?x=1">a</a> <img src="/img/x.png" alt="">', {
        head: '<link rel="stylesheet" href="/assets/site.css">',
      }),
      "a/index.html": tinyPage('<a href="../">home</a> <a href="../b/c.html">c</a>'),
      "b/c.html": tinyPage('<a href="/">home</a>'),
      "assets/site.css": "body{}",
      "img/x.png": "",
    });
    expect(problems).toEqual([]);
  });

  test("reports a link to a missing file", async () => {
    expect(await brokenLinks({ "index.html": tinyPage('<a href="/issues/gone/">gone</a>') })).toEqual([
      {
        page: "index.html",
        rule: "no-broken-links/missing-file",
        message: 'a[href] "/issues/gone/": expected the file issues/gone/index.html in the site, found none',
      },
    ]);
  });

  test("reports a missing stylesheet, script, image and srcset candidate", async () => {
    const problems = await brokenLinks({
      "index.html": tinyPage('<img src="/x.png" srcset="/x.png 1x, /x@2x.png 2x" alt=""><script src="/app.js"></script>', {
        head: '<link rel="stylesheet" href="/missing.css">',
      }),
      "x.png": "",
    });
    expect(problems.map((problem) => problem.message)).toEqual([
      'link[href] "/missing.css": expected the file missing.css in the site, found none',
      'img[srcset] "/x@2x.png": expected the file x@2x.png in the site, found none',
      'script[src] "/app.js": expected the file app.js in the site, found none',
    ]);
  });

  test("reports a fragment with no element of that id on the same page", async () => {
    const problems = await brokenLinks({ "index.html": tinyPage('<h2 id="here">Here</h2> <a href="#here">ok</a> <a href="#elsewhere">bad</a>') });
    expect(problems).toEqual([
      {
        page: "index.html",
        rule: "no-broken-links/missing-fragment",
        message: 'a[href] "#elsewhere": expected an element with id "elsewhere" in index.html, found none',
      },
    ]);
  });

  test("passes a fragment that names an element on another page, and reports one that does not", async () => {
    const problems = await brokenLinks({
      "index.html": tinyPage('<a href="/issues/x/#fn1">good</a> <a href="/issues/x/#fn2">bad</a>'),
      "issues/x/index.html": tinyPage('<ol><li id="fn1">A note.</li></ol>'),
    });
    expect(problems).toEqual([
      {
        page: "index.html",
        rule: "no-broken-links/missing-fragment",
        message: 'a[href] "/issues/x/#fn2": expected an element with id "fn2" in issues/x/index.html, found none',
      },
    ]);
  });

  test("matches footnote, numbered and non-ASCII ids, and lets # and #top scroll to the top", async () => {
    const body = [
      '<h2 id="1-first">1. First</h2> <h2 id="café">Café</h2>',
      '<a href="#fnref1:1">back</a> <span id="fnref1:1"></span>',
      '<a href="#1-first">1</a> <a href="#caf%C3%A9">café</a> <a href="#">top</a> <a href="#top">top</a>',
    ].join("\n");
    expect(await brokenLinks({ "index.html": tinyPage(body) })).toEqual([]);
  });

  test("checks absolute URLs on the site's base URL, such as canonical and og:url, against the folder", async () => {
    const head = [
      `<link rel="canonical" href="${baseUrl}issues/x/">`,
      `<meta property="og:url" content="${baseUrl}issues/y/">`,
    ].join("\n");
    const problems = await brokenLinks({ "index.html": tinyPage("<p>x</p>", { head }), "issues/x/index.html": tinyPage("<p>x</p>") });
    expect(problems).toEqual([
      {
        page: "index.html",
        rule: "no-broken-links/missing-file",
        message: `meta[og:url] "${baseUrl}issues/y/": expected the file issues/y/index.html in the site, found none`,
      },
    ]);
  });

  test("treats a base URL with a path as the site's root", async () => {
    const base = "https://example.org/letters/";
    const problems = await brokenLinks(
      { "index.html": tinyPage(`<a href="${base}issues/x/">in</a> <a href="/letters/issues/x/">in</a> <a href="/elsewhere/">out</a>`), "issues/x/index.html": tinyPage("<p>x</p>") },
      base,
    );
    expect(problems.map((problem) => problem.message)).toEqual([`a[href] "/elsewhere/": expected a path inside the site's base URL ${base}`]);
  });

  test("never follows other hosts or schemes, nor fragments of non-HTML files", async () => {
    const body = [
      '<a href="https://example.com/missing/#nowhere">other host</a>',
      '<a href="//cdn.example.com/x.js">protocol-relative</a>',
      '<a href="mailto:editor@example.org">mail</a> <a href="tel:+441234">phone</a>',
      '<a href="/notes.txt#line-3">text file</a>',
    ].join("\n");
    expect(await brokenLinks({ "index.html": tinyPage(body), "notes.txt": "notes" })).toEqual([]);
  });
});

describe("srcsetUrls", () => {
  test("reads each candidate's URL, with or without descriptors and spaces after commas", () => {
    expect(srcsetUrls("a.png")).toEqual(["a.png"]);
    expect(srcsetUrls(" a.png 1x, b.png 2x")).toEqual(["a.png", "b.png"]);
    expect(srcsetUrls("a.png 480w,b.png 800w")).toEqual(["a.png", "b.png"]);
    expect(srcsetUrls("img,v2.png 1x, c.png")).toEqual(["img,v2.png", "c.png"]);
  });
});
