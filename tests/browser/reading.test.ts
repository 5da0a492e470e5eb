// What a reader sees first in real headless Chromium: the issue's text on the first screen, a
// compact header, and the contents list nested, collapsed on phones and beside the text when wide.
import { readdirSync } from "node:fs";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { projectRoot } from "../support/run-build.ts";
import { launchBrowser } from "../support/browser.ts";
import { serveStatic, type StaticServer } from "../support/static-server.ts";

const phone = { width: 390, height: 844 };
const desktop = { width: 1280, height: 800 };
const viewports = [phone, desktop];

/** Every seed issue's page, by the slug its file name gives (the date dropped). */
const issueUrls = readdirSync(path.join(projectRoot, "issues"))
  .filter((name) => name.endsWith(".md"))
  .map((name) => `/issues/${name.replace(/^\d{4}-\d{2}-\d{2}-/, "").replace(/\.md$/, "")}/`);

let server: StaticServer | undefined;
let browser: Browser | undefined;

beforeAll(async () => {
  [server, browser] = await Promise.all([serveStatic(inject("realSite")), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function withPage<T>(url: string, viewport: { width: number; height: number }, check: (page: Page) => Promise<T>): Promise<T> {
  if (!browser || !server) throw new Error("the browser or the static server did not start");
  const page = await browser.newPage({ viewport });
  try {
    const response = await page.goto(new URL(url, server.url).href);
    expect(response?.status(), url).toBe(200);
    return await check(page);
  } finally {
    await page.close();
  }
}

test("the seed has five issues to check", () => {
  expect(issueUrls).toHaveLength(5);
});

describe.each(viewports)("at $width x $height", (viewport) => {
  test.each(issueUrls)("%s: the first paragraph starts on the first screen", async (url) => {
    await withPage(url, viewport, async (page) => {
      const top = await page.locator(".issue-body > p").first().evaluate((p) => p.getBoundingClientRect().top);
      expect(top, url).toBeLessThan(viewport.height);
    });
  });

  test("the header takes one row when wide, at most two on a phone, and no nav item wraps", async () => {
    await withPage("/", viewport, async (page) => {
      // Rows of the header's pieces: the title, each nav item and the search form when shown.
      const rows = await page.locator(".site-title, .site-nav li, .site-header .site-search:visible").evaluateAll((items) => {
        const tops = items.map((item) => item.getBoundingClientRect().top);
        return new Set(tops.map((top) => tops.find((other) => Math.abs(other - top) < 12))).size;
      });
      expect(rows).toBeLessThanOrEqual(viewport === phone ? 2 : 1);
      const navRows = await page.locator(".site-nav a").evaluateAll((links) =>
        links.map((link) => ({ text: link.textContent, lines: link.getClientRects().length })),
      );
      expect(navRows).toHaveLength(6);
      for (const link of navRows) expect(link.lines, link.text ?? "").toBe(1);
    });
  });
});

describe("contents list", () => {
  test("the Zeta Alpha issue lists its ten papers inside its one section", async () => {
    await withPage("/issues/zeta-alpha-trends-march-2022/", desktop, async (page) => {
      const top = page.locator("nav.toc .toc__list > li");
      await expect.poll(() => top.count()).toBe(1);
      const papers = top.first().locator("ol > li");
      expect(await papers.count()).toBe(10);
      for (const href of await papers.locator("a").evaluateAll((links) => links.map((link) => link.getAttribute("href") ?? ""))) {
        expect(await page.locator(`.issue-body [id="${decodeURIComponent(href.slice(1))}"]`).count(), href).toBe(1);
      }
    });
  });

  test("each ### is numbered within its ##: the Gradient issue's sections count 1 to 5", async () => {
    await withPage("/issues/gradient-update-20/", desktop, async (page) => {
      // One `<ol>` per level: the five sections number 1 to 5, each section's papers from 1 again.
      expect(await page.locator("nav.toc .toc__list > li").count()).toBe(5);
      const nested = await page.locator("nav.toc .toc__list > li > ol > li").count();
      expect(nested).toBe(10);
    });
  });

  test("on a phone it is collapsed between the header and the text, and opens on a tap", async () => {
    await withPage("/issues/lab-notes-gpt3-contrastive-hebbian/", phone, async (page) => {
      const list = page.locator("nav.toc .toc__list");
      await expect.poll(() => list.isVisible()).toBe(false);
      const order = await page.locator(".issue > *").evaluateAll((children) => children.map((child) => child.className));
      expect(order.slice(0, 3)).toEqual(["issue-header", "toc", "issue-body"]);
      await page.locator("nav.toc summary").click();
      await expect.poll(() => list.isVisible()).toBe(true);
    });
  });

  test("on a wide screen it is open beside the text and stays in view as the text scrolls", async () => {
    await withPage("/issues/lab-notes-gpt3-contrastive-hebbian/", desktop, async (page) => {
      const list = page.locator("nav.toc .toc__list");
      expect(await list.isVisible()).toBe(true);
      const text = await page.locator(".issue-body").boundingBox();
      const contents = await page.locator("nav.toc").boundingBox();
      expect(contents!.x).toBeGreaterThanOrEqual(text!.x + text!.width);
      expect(contents!.x + contents!.width).toBeLessThanOrEqual(desktop.width);
      await page.mouse.wheel(0, 3000);
      await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(2000);
      const after = await page.locator("nav.toc").boundingBox();
      expect(after!.y).toBeGreaterThanOrEqual(0);
      expect(after!.y).toBeLessThan(desktop.height / 2);
    });
  });
});
