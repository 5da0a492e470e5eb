// The signup form in Chromium, on a site built with a Mailchimp form in its newsletter.yml and
// served with its own _headers: axe-clean in both colour schemes, a named form landmark, and a
// submission that reaches the provider with the reader's address and the hidden fields, without
// JavaScript and without a Content-Security-Policy violation.
import { readFile } from "node:fs/promises";
import { writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import type { AxeResults } from "axe-core";
import type { Browser, BrowserContextOptions, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { serveAsHost } from "../../src/preview/serve-site.ts";
import { launchBrowser } from "../support/browser.ts";
import { projectRoot, runBuild, tempFolder } from "../support/run-build.ts";
import type { StaticServer } from "../support/static-server.ts";

const action = "https://letters.us1.list-manage.com/subscribe/post?u=5a1b2c3d4e&id=0f9e8d7c6b";
const text = "New letters by email, twice a month.";
const pages = ["/subscribe/", "/issues/gradient-update-20/"];

let server: StaticServer | undefined;
let browser: Browser | undefined;
let axeSource = "";

beforeAll(async () => {
  const config = path.join(tempFolder("subscribe-browser-"), "newsletter.yml");
  const shipped = await readFile(path.join(projectRoot, "newsletter.yml"), "utf8");
  const subscribe = `subscribe:\n  action: ${action}\n  email_field: EMAIL\n  hidden_fields:\n    b_5a1b2c3d4e_0f9e8d7c6b: ""\n    tags: 42\n  text: ${text}\n`;
  writeFileSync(config, `${shipped.replace(/^ {4}logo: .*\n/m, "")}\n${subscribe}`);
  const build = runBuild({ content: path.join(projectRoot, "issues"), env: { NEWSLETTER_CONFIG: config } });
  expect(build.status, build.stderr).toBe(0);
  const require = createRequire(import.meta.url);
  const axeFile = path.join(path.dirname(require.resolve("axe-core")), "axe.min.js");
  [{ server }, browser, axeSource] = await Promise.all([serveAsHost(build.output), launchBrowser(), readFile(axeFile, "utf8")]);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Opens a page with the host's headers (no CSP bypass), collecting CSP violations and the provider's requests. */
async function open(url: string, options: BrowserContextOptions = {}) {
  if (!browser || !server) throw new Error("the browser or the server did not start");
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...options });
  const page = await context.newPage();
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content.Security.Policy/i.test(message.text())) violations.push(message.text());
  });
  const posts: { url: string; method: string; body: URLSearchParams }[] = [];
  await page.route("https://letters.us1.list-manage.com/**", async (route) => {
    const request = route.request();
    posts.push({ url: request.url(), method: request.method(), body: new URLSearchParams(request.postData() ?? "") });
    await route.fulfill({ status: 200, contentType: "text/html", body: "<!DOCTYPE html><title>Thanks</title><p>Thanks</p>" });
  });
  const response = await page.goto(server.url + url);
  expect(response?.status(), url).toBe(200);
  return { page, violations, posts, close: () => context.close() };
}

async function axeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: axeSource });
  return page.evaluate(async () => {
    const { axe } = window as unknown as { axe: { run: (context: Document, options: object) => Promise<AxeResults> } };
    const results = await axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] }, resultTypes: ["violations"] });
    return results.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`);
  });
}

describe.each(["light", "dark"] as const)("axe-core, %s colour scheme", (colorScheme) => {
  test.each(pages)("%s, with the form, has no WCAG 2.x A/AA violations", async (url) => {
    // axe injects a script, which the site's policy rightly refuses; the submission tests keep it.
    const { page, close } = await open(url, { colorScheme, bypassCSP: true });
    try {
      expect(await page.locator("form.subscribe-form").count()).toBe(1);
      expect(await axeViolations(page)).toEqual([]);
    } finally {
      await close();
    }
  });
});

describe.each(pages)("the form on %s", (url) => {
  test("is a form landmark named by its text, with a visible label", async () => {
    const { page, close } = await open(url);
    try {
      await expect(page.getByRole("form", { name: text }).count()).resolves.toBe(1);
      await expect(page.getByLabel("Email address").isVisible()).resolves.toBe(true);
      await expect(page.getByText("Email address", { exact: true }).isVisible()).resolves.toBe(true);
    } finally {
      await close();
    }
  });

  test("posts the address and the hidden fields to the provider's action, with no CSP violation", async () => {
    const { page, violations, posts, close } = await open(url);
    try {
      await page.getByLabel("Email address").fill("reader@example.org");
      await Promise.all([page.waitForURL((address) => address.href === action), page.getByRole("button", { name: "Subscribe" }).click()]);
      expect(posts.map((post) => [post.method, post.url, Object.fromEntries(post.body)])).toEqual([
        ["POST", action, { EMAIL: "reader@example.org", b_5a1b2c3d4e_0f9e8d7c6b: "", tags: "42" }],
      ]);
      expect(violations).toEqual([]);
    } finally {
      await close();
    }
  });

  test("sends nothing without an address", async () => {
    const { page, posts, close } = await open(url);
    try {
      await page.getByRole("button", { name: "Subscribe" }).click();
      expect(await page.getByLabel("Email address").evaluate((input: HTMLInputElement) => input.validity.valueMissing)).toBe(true);
      expect(posts).toEqual([]);
      expect(new URL(page.url()).pathname).toBe(url);
    } finally {
      await close();
    }
  });

  test("fits a 390px-wide screen: the field takes the row's width beside or above the button", async () => {
    const { page, close } = await open(url, { viewport: { width: 390, height: 844 } });
    try {
      const box = async (selector: string) => (await page.locator(selector).boundingBox()) ?? { x: 0, y: 0, width: 0, height: 0 };
      const [form, input, button] = [await box("form.subscribe-form"), await box(".subscribe-form__input"), await box(".subscribe-form__button")];
      expect(form.x + form.width).toBeLessThanOrEqual(390);
      expect(input.width).toBeGreaterThan(180);
      expect(button.x + button.width).toBeLessThanOrEqual(form.x + form.width);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    } finally {
      await close();
    }
  });
});
