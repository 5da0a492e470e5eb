// Every page type, served as Netlify serves it (the built _headers, 404.html for unknown paths),
// loads in Chromium with zero Content-Security-Policy violations: the strict policy and the site agree.
import { existsSync } from "node:fs";
import path from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { headersForPath, readHeaderRules } from "../../src/check/host-headers.ts";
import { launchBrowser, logCspViolations } from "../support/browser.ts";
import { serveStatic, type StaticServer } from "../support/static-server.ts";
import { tinyPage, writeTinySite } from "../support/tiny-site.ts";

const site = inject("realSite");
const rules = await readHeaderRules(site);
const hostHeaders = (requestPath: string) => headersForPath(rules, requestPath);

/** One URL of every page type, with the status a host answers it with. */
const pages = [
  { name: "home", url: "/", status: 200 },
  { name: "home, page 2", url: "/page/2/", status: 200, optional: true },
  { name: "issue with maths", url: "/issues/lab-notes-gpt3-contrastive-hebbian/", status: 200 },
  { name: "roundup issue", url: "/issues/zeta-alpha-trends-march-2022/", status: 200 },
  { name: "link digest", url: "/issues/link-digest-moores-law-ai-progress/", status: 200 },
  { name: "tag index", url: "/tags/", status: 200 },
  { name: "tag page", url: "/tags/performance/", status: 200 },
  { name: "series index", url: "/series/", status: 200 },
  { name: "series page", url: "/series/lab-notes/", status: 200 },
  { name: "date archive", url: "/archive/", status: 200 },
  { name: "year archive", url: "/archive/2022/", status: 200 },
  { name: "feeds page", url: "/feeds/", status: 200 },
  { name: "search page", url: "/search/", status: 200 },
  { name: "missing page (404.html)", url: "/no-such-page/deeper/", status: 404 },
  { name: "Atom feed", url: "/feed.xml", status: 200 },
  { name: "series feed", url: "/series/lab-notes/feed.xml", status: 200 },
  { name: "RSS feed", url: "/rss.xml", status: 200 },
  { name: "JSON Feed", url: "/feed.json", status: 200 },
].filter((page) => !page.optional || existsSync(path.join(site, page.url, "index.html")));

let server: StaticServer | undefined;
let browser: Browser | undefined;
let context: BrowserContext | undefined;

beforeAll(async () => {
  [server, browser] = await Promise.all([serveStatic(site, { headers: hostHeaders, notFoundPage: "404.html" }), launchBrowser()]);
  context = await browser.newContext();
  await logCspViolations(context);
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await server?.close();
});

/**
 * Opens `url` and collects every CSP violation: the page's `securitypolicyviolation` events and
 * Chromium's own console reports of blocked content. Returns them with the response.
 */
async function visit(origin: string, url: string, interact?: (page: Page) => Promise<void>) {
  if (!context) throw new Error("the browser did not start");
  const page = await context.newPage();
  const violations: string[] = [];
  const failures: string[] = [];
  page.on("console", (message) => {
    const text = message.text();
    if (text.startsWith("securitypolicyviolation:") || text.includes("Content Security Policy")) violations.push(text);
  });
  page.on("pageerror", (error) => failures.push(error.message));
  page.on("requestfailed", (request) => failures.push(`${request.url()}: ${request.failure()?.errorText ?? "failed"}`));
  page.on("download", (download) => failures.push(`${download.url()} was downloaded, not shown`));
  try {
    const response = await page.goto(origin + url, { waitUntil: "load" });
    await interact?.(page);
    // Violation events are dispatched asynchronously; let any pending one arrive.
    await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 100)));
    return { response, violations, failures, text: await page.evaluate(() => document.body?.innerText ?? "") };
  } finally {
    await page.close();
  }
}

describe("the Content-Security-Policy", () => {
  test.each(pages)("$name ($url): no violations, every request served", async ({ url, status }) => {
    if (!server) throw new Error("the static server did not start");
    // Pagefind compiles its WebAssembly only once a query runs, so search until results show.
    const typeSearch = async (page: Page) => {
      await page.locator("pagefind-input input").fill("transformer");
      await expect.poll(() => page.locator(".search-result__link").count(), { timeout: 20_000 }).toBeGreaterThan(0);
    };
    const { response, violations, failures, text } = await visit(server.url, url, url === "/search/" ? typeSearch : undefined);
    expect(response?.status()).toBe(status);
    const policy = response?.headers()["content-security-policy"];
    expect(policy, "served with _headers' policy").toBe(hostHeaders(url)["content-security-policy"]);
    // A 404 outside the site's folders matches no policy rule (see src/model/headers.ts).
    if (status === 200) expect(policy).toContain("default-src 'self'");
    expect(response?.headers()["x-frame-options"]).toBe("DENY");
    expect(violations, `CSP violations on ${url}`).toEqual([]);
    expect(failures, `failed requests or errors on ${url}`).toEqual([]);
    expect(text.length, `${url} shows something readable`).toBeGreaterThan(100);
  });

  test("a feed opened in the browser is shown as text, not downloaded", async () => {
    if (!server) throw new Error("the static server did not start");
    const { response, text } = await visit(server.url, "/feed.xml");
    expect(response?.headers()["content-type"]).toBe("application/atom+xml; charset=utf-8");
    expect(text).toContain("<title type=\"text\">Machine Learning Letters</title>");
  });

  test("the sitemap, served as XML for crawlers, breaks no rule itself: only Chromium's XML viewer styles are blocked", async () => {
    if (!server) throw new Error("the static server did not start");
    const { response, violations, text } = await visit(server.url, "/sitemap.xml");
    expect(response?.status()).toBe(200);
    expect(text).toContain("/issues/gradient-update-20/");
    // The viewer's own inline styles have no source file; anything the site loaded would name one.
    const fromTheSite = violations.filter((each) => each.startsWith("securitypolicyviolation:") && !/^securitypolicyviolation: style-src-elem blocked inline at :\d+$/.test(each));
    expect(fromTheSite).toEqual([]);
  });

  test("the check detects a violation: a page with inline style and script fails it", async () => {
    const broken = writeTinySite({
      "index.html": tinyPage('<p style="color: red">Inline style.</p>\n<script>document.title = "ran";</script>', { head: "<style>p { color: blue; }</style>" }),
    });
    const brokenServer = await serveStatic(broken, { headers: hostHeaders });
    try {
      const { violations } = await visit(brokenServer.url, "/");
      expect(violations.filter((each) => each.startsWith("securitypolicyviolation: style-src")).length).toBeGreaterThanOrEqual(2);
      expect(violations.filter((each) => each.startsWith("securitypolicyviolation: script-src"))).toHaveLength(1);
    } finally {
      await brokenServer.close();
    }
  });
});
