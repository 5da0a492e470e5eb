// The search page in headless Chromium, on the built site served with its _headers (its
// strict Content-Security-Policy included): typing, shared addresses, filters, sorting, no
// results, sub-results that land on their heading, the header form with and without JavaScript.
// Every page these tests open must log no console error and break no rule of the policy.
import path from "node:path";
import type { Browser, BrowserContext, BrowserContextOptions, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { headersForPath, readHeaderRules } from "../../src/check/host-headers.ts";
import { launchBrowser, logCspViolations } from "../support/browser.ts";
import { projectRoot, runBuild, tempFolder } from "../support/run-build.ts";
import { measureFirstSearch } from "../support/search-transfer.ts";
import { serveStatic, type StaticServer } from "../support/static-server.ts";

const site = inject("realSite");
const rules = await readHeaderRules(site);

let server: StaticServer | undefined;
let browser: Browser | undefined;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  [server, browser] = await Promise.all([serveStatic(site, { headers: (requestPath) => headersForPath(rules, requestPath) }), launchBrowser()]);
});

afterAll(async () => {
  await Promise.allSettled(contexts.map((context) => context.close()));
  await browser?.close();
  await server?.close();
});

/**
 * Opens `url` (on the test server, unless it is absolute) in a fresh context (an empty cache, like a first visit), runs `use`, then checks that
 * the page logged no console error, threw nothing, failed no request and broke no CSP rule.
 */
async function withPage(url: string, use: (page: Page) => Promise<void>, options: BrowserContextOptions = {}): Promise<void> {
  if (!browser || !server) throw new Error("the browser or the server did not start");
  const context = await browser.newContext({ viewport: { width: 1280, height: 2000 }, ...options });
  contexts.push(context);
  await logCspViolations(context);
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  const problems: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(`console: ${message.text()}`);
  });
  page.on("pageerror", (error) => problems.push(`error: ${error.message}`));
  page.on("requestfailed", (request) => problems.push(`request failed: ${request.url()} ${request.failure()?.errorText ?? ""}`));
  page.on("response", (response) => {
    if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`);
  });
  try {
    await page.goto(/^https?:/.test(url) ? url : server.url + url, { waitUntil: "load" });
    await use(page);
    // Violation reports are dispatched asynchronously; let any pending one arrive.
    await page.waitForTimeout(100);
    expect(problems, `console errors, CSP violations or failed requests on ${url}`).toEqual([]);
  } finally {
    await context.close();
  }
}

const input = (page: Page) => page.locator("pagefind-input input");
const resultLinks = (page: Page) => page.locator(".search-result__link");
const summary = (page: Page) => page.locator("pagefind-summary");

/** A text assertion's expectation: exact text, or a pattern. */
function text(expected: string | RegExp): RegExp {
  return typeof expected === "string" ? new RegExp(`^${expected.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`) : expected;
}

/** Every result's link, once all have loaded (results load as they scroll into view; the viewport is tall). */
async function resultUrls(page: Page, count: number): Promise<string[]> {
  await expect.poll(() => resultLinks(page).count()).toBe(count);
  return resultLinks(page).evaluateAll((links) => links.map((link) => link.getAttribute("href") ?? ""));
}

async function resultDates(page: Page, count: number): Promise<string[]> {
  await resultUrls(page, count);
  return page.locator(".search-result__meta time").evaluateAll((times) => times.map((time) => time.getAttribute("datetime") ?? ""));
}

/** The number of results the summary announces. */
async function announcedCount(page: Page): Promise<number> {
  await expect.poll(() => summary(page).textContent()).toMatch(text(/issues? match|No issues/));
  const announced = (await summary(page).textContent()) ?? "";
  return announced.startsWith("No issues") ? 0 : Number(/^(\d+)/.exec(announced)?.[1]);
}

describe("the search page", () => {
  test.each([
    ["DeepNet", "/issues/gradient-update-20/"],
    ["Hebbian plasticity", "/issues/lab-notes-gpt3-contrastive-hebbian/"],
    ["Perceiver", "/issues/zeta-alpha-trends-march-2022/"],
  ])("typing %j shows the issue that holds it first, and puts the query in the address", async (query, url) => {
    await withPage("/search/", async (page) => {
      await input(page).click();
      await input(page).pressSequentially(query, { delay: 20 });
      await expect.poll(() => resultLinks(page).first().getAttribute("href")).toBe(url);
      await expect.poll(() => new URL(page.url()).searchParams.get("q")).toBe(query);
    });
  });

  test("opening /search/?q=... shows the results without typing: title, series, date and highlighted excerpt", async () => {
    await withPage("/search/?q=hebbian", async (page) => {
      await expect.poll(() => input(page).inputValue()).toBe("hebbian");
      await expect.poll(() => summary(page).textContent()).toMatch(text("1 issue matches hebbian."));
      const result = page.locator(".search-result").first();
      await expect.poll(() => result.locator(".search-result__link").textContent()).toMatch(text(/^Lab notes: GPT-3, supervised contrastive learning, Hebbian/));
      await expect.poll(() => result.locator(".search-result__link").getAttribute("href")).toBe("/issues/lab-notes-gpt3-contrastive-hebbian/");
      await expect.poll(() => result.locator(".search-result__meta").textContent()).toMatch(text("Lab Notes · 25 August 2020"));
      await expect.poll(() => result.locator(".search-result__meta time").getAttribute("datetime")).toBe("2020-08-25");
      await expect.poll(() => result.locator(".search-result__excerpt mark").first().textContent()).toMatch(text(/^Hebbian$/i));
    });
  });

  test("an issue number shows beside its series", async () => {
    await withPage("/search/?q=DeepNet", async (page) => {
      await expect.poll(() => page.locator(".search-result__meta").first().textContent()).toMatch(text("The Gradient Updates #20 · 10 March 2022"));
    });
  });

  test("a filter narrows the results, is kept in the address, and comes back with it", async () => {
    let filtered = "";
    await withPage("/search/?q=transformers", async (page) => {
      const all = await announcedCount(page);
      expect(all).toBeGreaterThan(2);
      await page.locator("pagefind-filter-pane label", { hasText: "2022" }).click();
      await expect.poll(() => announcedCount(page)).toBeLessThan(all);
      const count = await announcedCount(page);
      expect(count).toBeGreaterThan(0);
      expect((await resultDates(page, count)).every((date) => date.startsWith("2022-"))).toBe(true);
      await expect.poll(() => new URL(page.url()).searchParams.getAll("year")).toEqual(["2022"]);
      filtered = new URL(page.url()).search;
    });
    await withPage(`/search/${filtered}`, async (page) => {
      await expect.poll(() => page.locator("pagefind-filter-pane label", { hasText: "2022" }).locator("input").isChecked()).toBe(true);
      const count = await announcedCount(page);
      expect((await resultDates(page, count)).every((date) => date.startsWith("2022-"))).toBe(true);
    });
  });

  test("a series filter in the address narrows the search to that series", async () => {
    await withPage("/search/?q=transformers&series=Lab+Notes", async (page) => {
      await expect.poll(() => summary(page).textContent()).toMatch(text("1 issue matches transformers."));
      expect(await resultUrls(page, 1)).toEqual(["/issues/lab-notes-gpt3-contrastive-hebbian/"]);
    });
  });

  test("results sort by relevance or by date, newest or oldest first", async () => {
    await withPage("/search/?q=transformers", async (page) => {
      const count = await announcedCount(page);
      await expect.poll(() => page.locator("#search-sort").inputValue()).toBe("relevance");
      await page.locator("#search-sort").selectOption("newest");
      await expect.poll(async () => resultDates(page, count)).toEqual((await resultDates(page, count)).slice().sort().reverse());
      await expect.poll(() => new URL(page.url()).searchParams.get("sort")).toBe("newest");
      const newest = await resultDates(page, count);
      await page.locator("#search-sort").selectOption("oldest");
      await expect.poll(async () => resultDates(page, count)).toEqual(newest.slice().reverse());
      await expect.poll(() => new URL(page.url()).searchParams.get("sort")).toBe("oldest");
    });
    await withPage("/search/?q=transformers&sort=newest", async (page) => {
      await expect.poll(() => page.locator("#search-sort").inputValue()).toBe("newest");
      const count = await announcedCount(page);
      const dates = await resultDates(page, count);
      expect(dates).toEqual(dates.slice().sort().reverse());
    });
  });

  test("a query that matches nothing says so, and points to the archives", async () => {
    await withPage("/search/?q=qzxwvjk", async (page) => {
      await expect.poll(() => summary(page).textContent()).toMatch(text("No issues match qzxwvjk."));
      const empty = page.locator("[data-search-empty]");
      await expect.poll(() => empty.isVisible()).toBe(true);
      expect(await empty.locator("a").evaluateAll((links) => links.map((link) => link.getAttribute("href")))).toEqual(["/tags/", "/series/", "/archive/"]);
      await expect.poll(() => page.locator("pagefind-results li").count()).toBe(0);
    });
  });

  test("a sub-result link lands on its heading in the issue", async () => {
    await withPage("/search/?q=Hierarchical+Perceiver", async (page) => {
      const first = page.locator(".search-result").first();
      await expect.poll(() => first.locator(".search-result__link").getAttribute("href")).toBe("/issues/zeta-alpha-trends-march-2022/");
      const section = first.locator(".search-result__section-link", { hasText: "7. Hierarchical Perceiver" });
      await expect.poll(() => section.getAttribute("href")).toBe("/issues/zeta-alpha-trends-march-2022/#7-hierarchical-perceiver");
      await section.click();
      await page.waitForURL("**/issues/zeta-alpha-trends-march-2022/#7-hierarchical-perceiver");
      const target = await page.evaluate(() => {
        const heading = document.querySelector(":target");
        return { tag: heading?.tagName, text: heading?.textContent?.trim(), top: heading?.getBoundingClientRect().top };
      });
      expect(target).toMatchObject({ tag: "H3", text: "7. Hierarchical Perceiver" });
      expect(target.top).toBeGreaterThanOrEqual(-1);
      expect(target.top).toBeLessThan(100);
    });
  });

  test("the arrow keys move from the search field through the results", async () => {
    await withPage("/search/?q=hebbian", async (page) => {
      await expect.poll(() => resultLinks(page).count()).toBe(1);
      await input(page).focus();
      await page.keyboard.press("ArrowDown");
      await expect.poll(() => resultLinks(page).first().evaluate((element) => element === document.activeElement)).toBe(true);
      await page.keyboard.press("ArrowDown");
      await expect.poll(() => page.locator(".search-result__section-link").first().evaluate((element) => element === document.activeElement)).toBe(true);
    });
  });
});

describe("the header's search form", () => {
  test("with JavaScript, submitting from an issue page opens the search page with the results", async () => {
    await withPage("/issues/neurips-2020-takeaways/", async (page) => {
      await page.getByRole("search", { name: "Site search" }).getByRole("searchbox").fill("DeepNet");
      await page.getByRole("search", { name: "Site search" }).getByRole("button", { name: "Search" }).click();
      await page.waitForURL("**/search/?q=DeepNet");
      await expect.poll(() => resultLinks(page).first().getAttribute("href")).toBe("/issues/gradient-update-20/");
    });
  });

  test("without JavaScript, it still submits the query, and the search page says search needs JavaScript and links the archives", async () => {
    await withPage(
      "/",
      async (page) => {
        await page.getByRole("search", { name: "Site search" }).getByRole("searchbox").fill("hebbian");
        await page.keyboard.press("Enter");
        await page.waitForURL("**/search/?q=hebbian");
        const main = page.locator("main");
        await expect.poll(() => main.textContent()).toContain("needs JavaScript");
        for (const href of ["/tags/", "/series/", "/archive/"]) await expect.poll(() => main.locator(`.search-fallback a[href="${href}"]`).isVisible()).toBe(true);
        await expect.poll(() => page.locator("[data-search]").isVisible()).toBe(false);
      },
      { javaScriptEnabled: false },
    );
  });
});

describe("a site served under a path prefix", () => {
  test("finds issues and links results and their sections inside the prefix", async () => {
    const root = tempFolder("search-prefix-");
    const build = runBuild({ content: "issues", output: path.join(root, "newsletter"), env: { PATH_PREFIX: "/newsletter/" } });
    expect(build.stderr).toBe("");
    expect(build.status).toBe(0);
    const prefixed = await serveStatic(root);
    try {
      await withPage(`${prefixed.url}/newsletter/search/?q=Hierarchical+Perceiver`, async (page) => {
        const first = page.locator(".search-result").first().locator("a");
        await expect
          .poll(() => first.evaluateAll((links) => links.map((link) => link.getAttribute("href"))))
          .toEqual(expect.arrayContaining(["/newsletter/issues/zeta-alpha-trends-march-2022/", "/newsletter/issues/zeta-alpha-trends-march-2022/#7-hierarchical-perceiver"]));
        const hrefs = await page.locator(".search-result a").evaluateAll((links) => links.map((link) => link.getAttribute("href") ?? ""));
        expect(hrefs.filter((href) => !href.startsWith("/newsletter/issues/"))).toEqual([]);
        await page.locator("pagefind-input input").fill("hebbian");
        await expect.poll(() => new URL(page.url()).pathname + new URL(page.url()).search).toBe("/newsletter/search/?q=hebbian");
      });
    } finally {
      await prefixed.close();
    }
  });
});

describe("what a first search costs", () => {
  test("the seed site: Pagefind's own files stay under its claim of 300 kB", async () => {
    if (!browser) throw new Error("the browser did not start");
    const transfer = await measureFirstSearch(browser, site, "transformer");
    const kB = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;
    console.log(
      `first search for "transformer": ${kB(transfer.total)} in ${transfer.files.length} files (${kB(transfer.totalGzip)} gzipped): ` +
        `page ${kB(transfer.page)}, Pagefind UI ${kB(transfer.pagefindUi)}, Pagefind search ${kB(transfer.pagefindSearch)}`,
    );
    expect(transfer.files.map((file) => file.path)).toEqual(expect.arrayContaining(["/search/", "/pagefind/pagefind.js", "/pagefind/wasm.en.pagefind"]));
    expect(transfer.files.some((file) => file.path.startsWith("/pagefind/index/"))).toBe(true);
    expect(transfer.files.some((file) => file.path.startsWith("/pagefind/fragment/"))).toBe(true);
    expect(transfer.pagefindSearch).toBeLessThan(300_000);
  });
});
