// The images fixture in Chromium, served with its own _headers: every image loads (AVIF chosen
// where the browser takes it), none is blocked by the site's policy, none overflows a phone's
// width, and the page is axe-clean.
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import type { AxeResults } from "axe-core";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, test } from "vitest";
import { serveAsHost } from "../../src/preview/serve-site.ts";
import { launchBrowser, logCspViolations } from "../support/browser.ts";
import { projectRoot, runBuild, tempFolder } from "../support/run-build.ts";
import type { StaticServer } from "../support/static-server.ts";

let server: StaticServer | undefined;
let browser: Browser | undefined;
let axeSource = "";
const url = "/issues/charts-and-figures/";

beforeAll(async () => {
  const build = runBuild({ content: path.join(projectRoot, "tests/fixtures/sites/images/issues"), env: { NEWSLETTER_IMAGE_CACHE: tempFolder("images-browser-cache-") } });
  expect(build.status, build.stderr).toBe(0);
  const require = createRequire(import.meta.url);
  const axeFile = path.join(path.dirname(require.resolve("axe-core")), "axe.min.js");
  [{ server }, browser, axeSource] = await Promise.all([serveAsHost(build.output), launchBrowser(), readFile(axeFile, "utf8")]);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

test("every image loads under the site's policy, AVIF where offered, sized as its attributes say; none overflows 390 px", async () => {
  if (!browser || !server) throw new Error("the browser or the server did not start");
  for (const width of [1280, 390]) {
    const context = await browser.newContext({ viewport: { width, height: 800 } });
    await logCspViolations(context);
    const page = await context.newPage();
    const violations: string[] = [];
    page.on("console", (message) => {
      if (message.text().startsWith("securitypolicyviolation")) violations.push(message.text());
    });
    await page.goto(server.url + url);
    // Chromium takes AVIF, the GIF's animated WebP and the SVG itself. Lazy images load as they near the screen: scroll through the page.
    for (let y = 0; y < 4000; y += 400) await page.evaluate((top) => window.scrollTo(0, top), y);
    await page.waitForFunction(() => [...document.images].every((img) => img.complete));
    const images = await page.$$eval(".issue-body img", (elements) =>
      (elements as HTMLImageElement[]).map((img) => ({ src: img.currentSrc.split("/").pop() ?? "", natural: img.naturalWidth, shown: img.getBoundingClientRect().width, width: img.width, attribute: Number(img.getAttribute("width")) })),
    );
    expect(images.length).toBe(7);
    for (const image of images) {
      expect(image.natural, image.src).toBeGreaterThan(0);
      expect(image.shown, image.src).toBeLessThanOrEqual(Math.min(image.attribute, width));
    }
    expect(images.map((image) => image.src.split(".").pop())).toEqual(["avif", "avif", "avif", "webp", "svg", "avif", "avif"]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
    expect(violations).toEqual([]);
    await context.close();
  }
}, 60_000);

test("a search shows each result's picture as a thumbnail, under the site's policy, and the issue without one has none", async () => {
  if (!browser || !server) throw new Error("the browser or the server did not start");
  const context = await browser.newContext({ viewport: { width: 390, height: 800 } });
  await logCspViolations(context);
  const page = await context.newPage();
  const violations: string[] = [];
  page.on("console", (message) => {
    if (message.text().startsWith("securitypolicyviolation")) violations.push(message.text());
  });
  await page.goto(`${server.url}/search/?q=pictures`);
  await page.waitForSelector(".search-result:not(.search-result--pending) .search-result__link");
  await page.waitForFunction(() => [...document.querySelectorAll<HTMLImageElement>(".search-result__image")].every((img) => img.complete));
  const results = await page.$$eval(".search-result:not(.search-result--pending)", (items) =>
    items.map((item) => {
      const img = item.querySelector<HTMLImageElement>(".search-result__image");
      return { title: item.querySelector(".search-result__link")?.textContent, src: img?.getAttribute("src"), natural: img?.naturalWidth, box: img && [img.getBoundingClientRect().width, img.getBoundingClientRect().height] };
    }),
  );
  const byTitle = Object.fromEntries(results.map((result) => [result.title, result]));
  expect(byTitle["No pictures"]?.src).toBeUndefined();
  expect(byTitle["A chosen picture"]?.src).toMatch(/^\/img\/[0-9a-f]{16}-\d+\.jpeg$/);
  expect(byTitle["A chosen picture"]?.natural).toBeGreaterThan(0);
  expect(byTitle["A chosen picture"]?.box).toEqual([96, 64]);
  expect(violations).toEqual([]);
  await context.close();
}, 60_000);

test("the page with its images has no WCAG 2.x A/AA violations", async () => {
  if (!browser || !server) throw new Error("the browser or the server did not start");
  // axe injects a script, which the site's policy rightly refuses; the test above keeps the policy.
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, bypassCSP: true });
  const page = await context.newPage();
  await page.goto(server.url + url);
  await page.addScriptTag({ content: axeSource });
  const violations = await page.evaluate(async () => {
    const { axe } = window as unknown as { axe: { run: (context: Document, options: object) => Promise<AxeResults> } };
    const results = await axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] }, resultTypes: ["violations"] });
    return results.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`);
  });
  expect(violations).toEqual([]);
  await context.close();
}, 60_000);
