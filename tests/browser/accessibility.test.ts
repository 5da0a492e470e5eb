// Accessibility of the real site in real headless Chromium: axe-core's WCAG 2.x A/AA rules in
// both colour schemes, keyboard use, landmarks, heading order and a phone-sized viewport.
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import type { AxeResults } from "axe-core";
import type { Browser, BrowserContext, BrowserContextOptions, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { launchBrowser } from "../support/browser.ts";
import { serveStatic, type StaticServer } from "../support/static-server.ts";

/** One page of every page type the site has. */
const pages = [
  { name: "home", url: "/" },
  { name: "issue with maths", url: "/issues/lab-notes-gpt3-contrastive-hebbian/" },
  { name: "roundup issue", url: "/issues/zeta-alpha-trends-march-2022/" },
  { name: "tag index", url: "/tags/" },
  { name: "tag index A to Z", url: "/tags/_a-z/" },
  { name: "tag page", url: "/tags/performance/" },
  { name: "series index", url: "/series/" },
  { name: "series page", url: "/series/lab-notes/" },
  { name: "date archive", url: "/archive/" },
  { name: "year archive", url: "/archive/2022/" },
  { name: "feeds page", url: "/feeds/" },
  { name: "subscribe page", url: "/subscribe/" },
  { name: "404 page", url: "/404.html" },
  { name: "search page", url: "/search/" },
  { name: "search results", url: "/search/?q=transformers" },
] as const;

/** Pages whose content a script renders after load, and what shows once it has. */
const readyWhen: Record<string, string> = {
  "/search/": "[data-search]:not([hidden]) pagefind-input input",
  "/search/?q=transformers": ".search-result",
};

const schemes = ["light", "dark"] as const;
const wcagTags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

let server: StaticServer | undefined;
let browser: Browser | undefined;
let axeSource = "";
/** One context per set of options (colour scheme, viewport), shared by the tests that use it. */
const contexts = new Map<string, Promise<BrowserContext>>();

beforeAll(async () => {
  const require = createRequire(import.meta.url);
  const axeFile = path.join(path.dirname(require.resolve("axe-core")), "axe.min.js");
  [server, browser, axeSource] = await Promise.all([serveStatic(inject("realSite")), launchBrowser(), readFile(axeFile, "utf8")]);
});

afterAll(async () => {
  await Promise.allSettled([...contexts.values()].map(async (context) => (await context).close()));
  await browser?.close();
  await server?.close();
});

function contextFor(options: BrowserContextOptions): Promise<BrowserContext> {
  if (!browser) throw new Error("the browser did not start");
  const settings = { viewport: { width: 1280, height: 900 }, colorScheme: "light" as const, ...options };
  const key = JSON.stringify(settings);
  let context = contexts.get(key);
  if (!context) {
    context = browser.newContext(settings);
    contexts.set(key, context);
  }
  return context;
}

/**
 * Opens `url` in a fresh page (in a context shared by tests with the same options), checks that
 * it loaded completely (every request succeeded, every stylesheet applied), runs `check`, and
 * closes the page whatever happens.
 */
async function withPage<T>(url: string, options: BrowserContextOptions, check: (page: Page) => Promise<T>): Promise<T> {
  if (!server) throw new Error("the static server did not start");
  const page = await (await contextFor(options)).newPage();
  try {
    page.setDefaultTimeout(10_000);
    const failed: string[] = [];
    page.on("requestfailed", (request) => failed.push(`${request.url()}: ${request.failure()?.errorText ?? "failed"}`));
    page.on("response", (response) => {
      if (response.status() >= 400) failed.push(`${response.url()}: HTTP ${response.status()}`);
    });
    const response = await page.goto(server.url + url, { waitUntil: "load" });
    expect(response?.status(), `${url} should be served`).toBe(200);
    const ready = readyWhen[url];
    if (ready) await page.locator(ready).first().waitFor();
    await page.evaluate(() => document.fonts.ready.then(() => undefined));
    expect(failed, `every request of ${url} should succeed`).toEqual([]);
    const unstyled = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLLinkElement>('link[rel="stylesheet"]')]
        .filter((link) => !link.sheet || link.sheet.cssRules.length === 0)
        .map((link) => link.href),
    );
    expect(unstyled, `every stylesheet of ${url} should load and apply`).toEqual([]);
    return await check(page);
  } finally {
    await page.close();
  }
}

interface Violation {
  id: string;
  impact: string | null | undefined;
  help: string;
  nodes: { target: string; summary: string }[];
}

async function axeViolations(page: Page): Promise<Violation[]> {
  await page.addScriptTag({ content: axeSource });
  return page.evaluate(async (values) => {
    const { axe } = window as unknown as { axe: { run: (context: Document, options: object) => Promise<AxeResults> } };
    const results = await axe.run(document, { runOnly: { type: "tag", values }, resultTypes: ["violations"] });
    return results.violations.map((violation) => ({
      id: violation.id,
      impact: violation.impact,
      help: violation.help,
      nodes: violation.nodes.map((node) => ({ target: node.target.map(String).join(" "), summary: node.failureSummary ?? "" })),
    }));
  }, wcagTags);
}

function describeViolations(violations: Violation[]): string {
  return violations
    .map((violation) => {
      const nodes = violation.nodes.map((node) => `    - ${node.target}\n      ${node.summary.replace(/\n/g, "\n      ")}`).join("\n");
      return `  ${violation.id} (${violation.impact ?? "no impact"}): ${violation.help}\n${nodes}`;
    })
    .join("\n");
}

// Tests run concurrently (vitest's maxConcurrency, 5 by default), each in its own page: it
// halves the file's runtime on a 2-core machine. Pages never share focus or state.
describe.concurrent.each(schemes)("axe-core, %s colour scheme", (colorScheme) => {
  test.each(pages)("$name ($url) has no WCAG 2.x A/AA violations", async ({ url }) => {
    const violations = await withPage(url, { colorScheme, bypassCSP: true }, async (page) => {
      // The scheme really applies: the media query matches and the page background follows it.
      const scheme = await page.evaluate(() => ({
        dark: matchMedia("(prefers-color-scheme: dark)").matches,
        darkBackground: getComputedStyle(document.body).backgroundColor === "rgb(21, 23, 26)",
      }));
      expect(scheme).toEqual({ dark: colorScheme === "dark", darkBackground: colorScheme === "dark" });
      return axeViolations(page);
    });
    expect(violations.map((violation) => violation.id), `axe found violations on ${url} (${colorScheme}):\n${describeViolations(violations)}`).toEqual([]);
  });
});

describe.concurrent("keyboard", () => {
  test.each(pages)("$name: the first Tab shows a skip link that moves focus to the main content", async ({ url }) => {
    await withPage(url, {}, async (page) => {
      await page.keyboard.press("Tab");
      const skip = await page.evaluate(() => {
        const element = document.activeElement as HTMLElement | null;
        if (!element) return undefined;
        const rect = element.getBoundingClientRect();
        const style = getComputedStyle(element);
        const hit = document.elementFromPoint(rect.left + rect.width / 2, rect.top + rect.height / 2);
        return {
          tag: element.tagName,
          text: element.textContent?.trim(),
          href: element.getAttribute("href"),
          inViewport: rect.width > 1 && rect.height > 1 && rect.top >= 0 && rect.left >= 0 && rect.bottom <= innerHeight && rect.right <= innerWidth,
          shown: style.visibility === "visible" && Number(style.opacity) > 0 && style.clipPath === "none",
          onTop: hit !== null && element.contains(hit),
        };
      });
      expect(skip).toEqual({ tag: "A", text: "Skip to content", href: "#content", inViewport: true, shown: true, onTop: true });

      await page.keyboard.press("Enter");
      const focused = await page.evaluate(() => ({ id: document.activeElement?.id, tag: document.activeElement?.tagName }));
      expect(focused).toEqual({ id: "content", tag: "MAIN" });

      // The next Tab continues inside the main content, past the header's links.
      await page.keyboard.press("Tab");
      const next = await page.evaluate(() => document.activeElement?.closest("main") !== null);
      expect(next, "the Tab after the skip link should land inside <main>").toBe(true);
    });
  });

  test.each(pages)("$name: every focused link shows a visible focus indicator", async ({ url }) => {
    await withPage(url, {}, async (page) => {
      const problems: string[] = [];
      let stops = 0;
      // Tab through the page (capped, so long pages stay fast) until focus leaves the document.
      for (; stops < 60; stops++) {
        await page.keyboard.press("Tab");
        const focus = await page.evaluate(() => {
          const element = document.activeElement as HTMLElement | null;
          if (!element || element === document.body) return undefined;
          const style = getComputedStyle(element);
          const luminance = (colour: string): number | undefined => {
            const match = colour.match(/rgba?\(([\d.]+),\s*([\d.]+),\s*([\d.]+)(?:,\s*([\d.]+))?\)/);
            if (!match || (match[4] !== undefined && Number(match[4]) === 0)) return undefined;
            const [r, g, b] = [match[1], match[2], match[3]].map((part) => {
              const channel = Number(part) / 255;
              return channel <= 0.03928 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
            }) as [number, number, number];
            return 0.2126 * r + 0.7152 * g + 0.0722 * b;
          };
          // The colour the outline is drawn against: the nearest opaque background.
          let background: number | undefined;
          for (let node: Element | null = element; node && background === undefined; node = node.parentElement) {
            background = luminance(getComputedStyle(node).backgroundColor);
          }
          const outline = luminance(style.outlineColor);
          const [light, dark] = [Math.max(outline ?? 0, background ?? 1), Math.min(outline ?? 0, background ?? 1)];
          return {
            description: `${element.tagName.toLowerCase()} "${(element.textContent ?? "").trim().slice(0, 40)}"`,
            isLink: element.tagName === "A",
            outlineStyle: style.outlineStyle,
            outlineWidth: parseFloat(style.outlineWidth),
            contrast: outline === undefined ? 0 : (light + 0.05) / (dark + 0.05),
          };
        });
        if (!focus) break;
        if (!focus.isLink) continue;
        if (focus.outlineStyle === "none" || !(focus.outlineWidth >= 2)) {
          problems.push(`${focus.description}: outline ${focus.outlineStyle} ${focus.outlineWidth}px`);
        } else if (focus.contrast < 3) {
          problems.push(`${focus.description}: outline contrast ${focus.contrast.toFixed(2)}:1 (needs 3:1)`);
        }
      }
      expect(stops, "Tab should reach some links").toBeGreaterThan(3);
      expect(problems, `focused links on ${url} without a visible focus indicator`).toEqual([]);
    });
  });
});

describe.concurrent("structure", () => {
  test.each(pages)("$name: has banner, navigation, main and contentinfo landmarks", async ({ url }) => {
    await withPage(url, {}, async (page) => {
      const counts = {
        banner: await page.getByRole("banner").count(),
        main: await page.getByRole("main").count(),
        contentinfo: await page.getByRole("contentinfo").count(),
        siteNavigation: await page.getByRole("navigation", { name: "Site", exact: true }).count(),
      };
      expect(counts).toEqual({ banner: 1, main: 1, contentinfo: 1, siteNavigation: 1 });
      // Every navigation landmark has a distinct name, so screen-reader users can tell them apart.
      const names = await page.getByRole("navigation").evaluateAll((navs) =>
        navs.map((nav) => nav.getAttribute("aria-label") ?? document.getElementById(nav.getAttribute("aria-labelledby") ?? "")?.textContent ?? ""),
      );
      expect(names.every((name) => name.trim() !== ""), `unnamed navigation on ${url}: ${JSON.stringify(names)}`).toBe(true);
      expect(new Set(names).size).toBe(names.length);
    });
  });

  test.each(pages)("$name: headings start at one h1 and never skip a level", async ({ url }) => {
    await withPage(url, {}, async (page) => {
      const headings = await page.evaluate(() =>
        [...document.querySelectorAll("h1, h2, h3, h4, h5, h6")].map((heading) => ({
          level: Number(heading.tagName.slice(1)),
          text: (heading.textContent ?? "").trim().slice(0, 60),
        })),
      );
      const outline = headings.map((heading) => `h${heading.level} ${heading.text}`).join("\n");
      expect(headings[0]?.level, `the first heading on ${url} should be the h1:\n${outline}`).toBe(1);
      expect(headings.filter((heading) => heading.level === 1), `exactly one h1 on ${url}:\n${outline}`).toHaveLength(1);
      const skips = headings.slice(1).flatMap((heading, index) => {
        const previous = headings[index];
        return previous && heading.level > previous.level + 1 ? [`h${previous.level} "${previous.text}" → h${heading.level} "${heading.text}"`] : [];
      });
      expect(skips, `heading levels skipped on ${url}:\n${outline}`).toEqual([]);
    });
  });

  test.each(pages)("$name: fits a 390px-wide screen without horizontal page scrolling", async ({ url }) => {
    await withPage(url, { viewport: { width: 390, height: 844 } }, async (page) => {
      const widths = await page.evaluate(() => ({
        scrollWidth: document.documentElement.scrollWidth,
        innerWidth,
        clientWidth: document.documentElement.clientWidth,
        // The elements that stick out of the viewport, to make a failure actionable.
        wide: [...document.body.querySelectorAll("*")]
          .filter((element) => element.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
          .filter((element) => {
            // Content of a container that scrolls on its own is allowed to be wide.
            for (let node = element.parentElement; node && node !== document.body; node = node.parentElement) {
              if (/(auto|scroll|hidden)/.test(getComputedStyle(node).overflowX)) return false;
            }
            return true;
          })
          .slice(0, 10)
          .map((element) => `${element.tagName.toLowerCase()}.${[...element.classList].join(".")} right=${Math.round(element.getBoundingClientRect().right)}`),
      }));
      const message = `${url} at 390px: ${JSON.stringify(widths)}`;
      expect(widths.scrollWidth, message).toBeLessThanOrEqual(widths.innerWidth + 1);
      // Stricter: not even hidden under a classic scrollbar.
      expect(widths.scrollWidth, message).toBeLessThanOrEqual(widths.clientWidth + 1);
    });
  });
});

describe("the test server", () => {
  test("serves files with their content type, directories by index.html, and 404s the rest", async () => {
    if (!server) throw new Error("the static server did not start");
    const base = server.url;
    const get = async (url: string) => {
      const response = await fetch(base + url);
      await response.arrayBuffer();
      return { status: response.status, type: response.headers.get("content-type") };
    };
    const stylesheet = await withPage("/", {}, (page) => page.locator('link[rel="stylesheet"]').first().getAttribute("href"));
    expect(await get("/")).toEqual({ status: 200, type: "text/html; charset=utf-8" });
    expect(await get("/tags/")).toEqual({ status: 200, type: "text/html; charset=utf-8" });
    expect(await get(stylesheet ?? "")).toEqual({ status: 200, type: "text/css; charset=utf-8" });
    expect(await get("/assets/fonts/KaTeX_Main-Regular.woff2")).toEqual({ status: 200, type: "font/woff2" });
    expect((await get("/no-such-page/")).status).toBe(404);
    expect((await get("/%2e%2e/%2e%2e/etc/passwd")).status).toBe(404);
  });
});
