// The search page's layout in headless Chromium at a phone's and a desktop's width: one search box,
// the page's column where the header's starts, results before the filters on phones, no empty
// Filters disclosure when a query finds nothing, and nothing that moves as a query's results
// arrive (Cumulative Layout Shift at most 0.02).
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { launchBrowser } from "../support/browser.ts";
import { serveStatic, type StaticServer } from "../support/static-server.ts";

const site = inject("realSite");

let server: StaticServer | undefined;
let browser: Browser | undefined;

beforeAll(async () => {
  [server, browser] = await Promise.all([serveStatic(site), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const viewports = [
  { name: "phone", width: 390, height: 844 },
  { name: "desktop", width: 1280, height: 800 },
] as const;

async function withPage<T>(url: string, viewport: { width: number; height: number }, use: (page: Page) => Promise<T>): Promise<T> {
  if (!browser || !server) throw new Error("the browser or the server did not start");
  const context = await browser.newContext({ viewport });
  try {
    // Buffered, so shifts from before the page's scripts ran count too; inputs are not user input here.
    await context.addInitScript(() => {
      const shifts: { value: number; sources: string[] }[] = [];
      (window as unknown as { layoutShifts: typeof shifts }).layoutShifts = shifts;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries() as (PerformanceEntry & { value: number; hadRecentInput: boolean; sources?: { node?: Node }[] })[]) {
          if (entry.hadRecentInput) continue;
          const sources = (entry.sources ?? []).map(({ node }) => (node instanceof Element ? `${node.tagName.toLowerCase()}.${node.className}` : String(node?.nodeName)));
          shifts.push({ value: entry.value, sources });
        }
      }).observe({ type: "layout-shift", buffered: true });
    });
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    await page.goto(server.url + url, { waitUntil: "load" });
    return await use(page);
  } finally {
    await context.close();
  }
}

/** Waits until the results have rendered and stayed put for a while, then sums every layout shift so far. */
async function layoutShiftWhileResultsRender(page: Page): Promise<{ total: number; shifts: { value: number; sources: string[] }[] }> {
  await expect.poll(() => page.locator(".search-result__link").count()).toBeGreaterThan(2);
  await expect.poll(() => page.locator("pagefind-summary").textContent()).toMatch(/issues match transformer/);
  await page.waitForTimeout(1000);
  const shifts = await page.evaluate(() => (window as unknown as { layoutShifts: { value: number; sources: string[] }[] }).layoutShifts);
  return { total: shifts.reduce((sum, shift) => sum + shift.value, 0), shifts };
}

describe("the search page's layout", () => {
  test.each(viewports)("at $width px, the results of ?q=transformer arrive without moving what is on screen", async (viewport) => {
    const { total, shifts } = await withPage("/search/?q=transformer", viewport, layoutShiftWhileResultsRender);
    console.log(`layout shift at ${viewport.width} px with ?q=transformer: ${total.toFixed(4)}`);
    expect(total, JSON.stringify(shifts)).toBeLessThanOrEqual(0.02);
  });

  test.each(viewports)("at $width px, the page has one search box, the page's own", async (viewport) => {
    await withPage("/search/?q=transformer", viewport, async (page) => {
      await expect.poll(() => page.locator("pagefind-input input").isVisible()).toBe(true);
      expect(await page.getByRole("searchbox").count()).toBe(1);
      expect(await page.locator("header input").count()).toBe(0);
      // The header's Search link still says where the reader is.
      expect(await page.locator('header a[aria-current="page"]').textContent()).toBe("Search");
    });
  });

  test.each(viewports)("at $width px, the page's column starts where the header's does", async (viewport) => {
    await withPage("/search/?q=transformer", viewport, async (page) => {
      await expect.poll(() => page.locator(".search-result__link").count()).toBeGreaterThan(0);
      const left = (selector: string) => page.locator(selector).first().evaluate((element) => Math.round(element.getBoundingClientRect().left));
      const title = await left(".site-title");
      expect(await left(".page-title")).toBe(title);
      expect(await left("pagefind-input input")).toBe(title);
      expect(await left(".search-result__link")).toBe(title);
    });
  });

  test("on a phone the first result comes before the filters, which sit closed in a disclosure", async () => {
    await withPage("/search/?q=transformer", { width: 390, height: 844 }, async (page) => {
      await expect.poll(() => page.locator(".search-result__link").count()).toBeGreaterThan(0);
      const disclosure = page.locator("details.search__filters");
      await expect.poll(() => disclosure.locator("pagefind-filter-pane label").count()).toBeGreaterThan(0);
      expect(await disclosure.evaluate((details) => (details as HTMLDetailsElement).open)).toBe(false);
      const firstResult = await page.locator(".search-result").first().boundingBox();
      const filters = await disclosure.boundingBox();
      expect(firstResult!.y).toBeLessThan(844);
      expect(filters!.y).toBeGreaterThan(firstResult!.y);
      await disclosure.locator("> summary").click();
      await page.locator("pagefind-filter-pane label", { hasText: "2022" }).click();
      await expect.poll(() => new URL(page.url()).searchParams.getAll("year")).toEqual(["2022"]);
    });
  });

  test("on a desktop the filters are open beside the results, their names on one line", async () => {
    await withPage("/search/?q=transformer", { width: 1280, height: 800 }, async (page) => {
      await expect.poll(() => page.locator(".search-result__link").count()).toBeGreaterThan(0);
      const disclosure = page.locator("details.search__filters");
      await expect.poll(() => disclosure.locator("pagefind-filter-pane label").count()).toBeGreaterThan(0);
      expect(await disclosure.evaluate((details) => (details as HTMLDetailsElement).open)).toBe(true);
      const results = await page.locator(".search__results").boundingBox();
      const filters = await disclosure.boundingBox();
      expect(Math.abs(filters!.y - results!.y)).toBeLessThan(40);
      expect(filters!.x).not.toBe(results!.x);
      const label = page.locator("pagefind-filter-pane label", { hasText: "Zeta Alpha" }).first();
      const lineHeight = await label.evaluate((element) => parseFloat(getComputedStyle(element).lineHeight) || 24);
      expect((await label.boundingBox())!.height).toBeLessThan(lineHeight * 1.6);
    });
  });

  test.each(viewports)("at $width px, a query with no results shows no empty Filters disclosure, and one with results brings it back", async (viewport) => {
    await withPage("/search/?q=zzqxv", viewport, async (page) => {
      await expect.poll(() => page.locator("pagefind-summary").textContent()).toBe("No issues match zzqxv.");
      await expect.poll(() => page.locator("[data-search-empty]").isVisible()).toBe(true);
      const disclosure = page.locator("details.search__filters");
      await expect.poll(() => disclosure.isVisible()).toBe(false);
      await page.locator("pagefind-input input").fill("transformer");
      await expect.poll(() => page.locator(".search-result__link").count()).toBeGreaterThan(0);
      await expect.poll(() => disclosure.isVisible()).toBe(true);
      // Closed on phones, as for any query: opened, it lists the filters of the results.
      if (!(await disclosure.evaluate((details) => (details as HTMLDetailsElement).open))) await disclosure.locator("> summary").click();
      await expect.poll(() => disclosure.locator("pagefind-filter-pane label:visible").count()).toBeGreaterThan(0);
    });
  });

  test("a filter chosen for a query with no results stays shown, so it can be cleared", async () => {
    await withPage("/search/?q=zzqxv&year=2022", { width: 1280, height: 800 }, async (page) => {
      await expect.poll(() => page.locator("pagefind-summary").textContent()).toBe("No issues match zzqxv.");
      const chosen = page.locator("details.search__filters pagefind-filter-pane label", { hasText: "2022" });
      await expect.poll(() => chosen.isVisible()).toBe(true);
      await chosen.click();
      await expect.poll(() => new URL(page.url()).searchParams.getAll("year")).toEqual([]);
    });
  });
});
