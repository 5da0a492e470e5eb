// The email edition of the five shipped issues in Chromium, at the 600 px of a desktop client's
// reading pane and the 375 px of a phone, in light and dark schemes: nothing scrolls sideways and
// no text is set under 14 px. Images are answered from the built site; nothing reaches the network.
import { spawnSync } from "node:child_process";
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { launchBrowser } from "../support/browser.ts";
import { projectRoot, tempFolder } from "../support/run-build.ts";

const baseUrl = "https://newsletter-archive.example.org/";
let browser: Browser | undefined;
let site = "";
let out = "";
let editions: string[] = [];

beforeAll(async () => {
  site = inject("realSite");
  out = tempFolder("email-browser-");
  const run = spawnSync(process.execPath, [path.join(projectRoot, "node_modules/tsx/dist/cli.mjs"), "src/cli/email.ts", "--all", "--site", site, "--out", out], { cwd: projectRoot, encoding: "utf8" });
  expect(run.status, run.stderr).toBe(0);
  editions = readdirSync(out).filter((file) => file.endsWith(".html")).sort();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

describe.each([
  { width: 600, colorScheme: "light" as const },
  { width: 375, colorScheme: "light" as const },
  { width: 600, colorScheme: "dark" as const },
  { width: 375, colorScheme: "dark" as const },
])("at $width px, $colorScheme", ({ width, colorScheme }) => {
  test("each edition fits the width, shows its images, and sets no text under 14 px", async () => {
    if (!browser) throw new Error("Chromium did not start");
    expect(editions).toHaveLength(5);
    const context = await browser.newContext({ viewport: { width, height: 800 }, colorScheme });
    const outside: string[] = [];
    await context.route("**/*", async (route) => {
      const url = route.request().url();
      if (!url.startsWith(baseUrl)) {
        outside.push(url);
        return route.abort();
      }
      return route.fulfill({ path: path.join(site, decodeURIComponent(new URL(url).pathname)) });
    });
    const page = await context.newPage();
    for (const edition of editions) {
      await page.setContent(readFileSync(path.join(out, edition), "utf8"), { waitUntil: "load" });
      const measured = await page.evaluate(() => {
        const small: string[] = [];
        const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const parent = node.parentElement;
          if (!parent || !node.textContent?.trim() || parent.closest(".preheader")) continue;
          const size = Number.parseFloat(getComputedStyle(parent).fontSize);
          if (size < 14) small.push(`${size}px: ${node.textContent.trim().slice(0, 40)}`);
        }
        const images = [...document.images].filter((image) => !image.complete || image.naturalWidth === 0).map((image) => image.src);
        const wider = [...document.body.querySelectorAll("*")].filter((element) => element.getBoundingClientRect().right > window.innerWidth + 0.5 && !element.closest(".preheader")).map((element) => element.outerHTML.slice(0, 80));
        return { scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth, small, images, wider };
      });
      expect(measured.scrollWidth, edition).toBeLessThanOrEqual(measured.innerWidth);
      expect(measured.wider, edition).toEqual([]);
      expect(measured.small, edition).toEqual([]);
      expect(measured.images, edition).toEqual([]);
    }
    expect(outside.filter((url) => !url.startsWith("about:"))).toEqual([]);
    await context.close();
  });
});
