// A second, complete newsletter (tests/fixtures/newsletters/werkbank/): German, Europe/Berlin, two
// series of its own, a Buttondown signup form and a logo, built with --config and --content like
// any publisher's. Nothing of the shipped newsletter may show, and it passes what the shipped site
// passes: the site checks, axe and a policy that blocks nothing it loads or submits.
import { spawnSync } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import type { AxeResults } from "axe-core";
import * as cheerio from "cheerio";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { runSiteChecks } from "../../src/check/check-site.ts";
import { headersForPath, readHeaderRules } from "../../src/check/host-headers.ts";
import { buildScriptArguments } from "../../src/bench/package-scripts.ts";
import { configVariable } from "../../src/config/newsletter-config.ts";
import { serveAsHost } from "../../src/preview/serve-site.ts";
import type { StaticServer } from "../../src/preview/static-server.ts";
import { launchBrowser, logCspViolations } from "../support/browser.ts";
import { projectRoot, tempFolder } from "../support/run-build.ts";
import { loadPage, pageExists } from "../support/site.ts";

const fixture = path.join(projectRoot, "tests/fixtures/newsletters/werkbank");
const configFile = path.join(fixture, "newsletter.yml");
const content = path.join(fixture, "issues");
const baseUrl = "https://werkbank.example.org/";
const buttondown = "https://buttondown.com/api/emails/embed-subscribe/werkbank";

const issuePages = ["/issues/wochenbrief-1/", "/issues/wochenbrief-2/", "/issues/tiefgang-sqlite/", "/issues/wochenbrief-3/", "/issues/tiefgang-unicode/"];

/** `npm run build -- --config FILE --content DIR --output DIR`, with no configuration from the environment. */
function buildWith(config: string, output: string) {
  const env = { ...process.env };
  delete env[configVariable];
  return spawnSync(process.execPath, [...buildScriptArguments(), "--config", config, "--content", content, "--output", output], {
    cwd: projectRoot,
    encoding: "utf8",
    env,
  });
}

function filesUnder(folder: string): string[] {
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(folder, path.join(entry.parentPath, entry.name)));
}

let site = "";
let build: ReturnType<typeof buildWith> | undefined;
const previousConfig = process.env[configVariable];

beforeAll(() => {
  site = path.join(tempFolder("werkbank-"), "_site");
  build = buildWith(configFile, site);
  if (build.status !== 0) throw new Error(`building the second newsletter failed:\n${build.stdout}\n${build.stderr}`);
  // What reads the configuration in this process (the server's path prefix, the checks' base URL) reads this newsletter's.
  process.env[configVariable] = configFile;
});

afterAll(() => {
  if (previousConfig === undefined) delete process.env[configVariable];
  else process.env[configVariable] = previousConfig;
});

describe("the second newsletter, built with --config and --content", () => {
  test("builds and says so", () => {
    expect(build?.stdout).toMatch(new RegExp(`^Built \\d+ pages from ${content.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")} into `, "m"));
    expect(build?.stderr).toBe("");
  });

  test("every page is in German and named Werkbank; nothing of the shipped newsletter shows anywhere", () => {
    const files = filesUnder(site).filter((file) => !file.startsWith("pagefind/"));
    const pages = files.filter((file) => file.endsWith(".html"));
    expect(pages.length).toBeGreaterThan(25);
    for (const file of pages) {
      const $ = cheerio.load(readFileSync(path.join(site, file), "utf8"));
      expect($("html").attr("lang"), file).toBe("de");
      expect($("title").text(), file).toMatch(/(^| · )Werkbank$/);
      if (file !== "404.html") expect($('meta[property="og:site_name"]').attr("content"), file).toBe("Werkbank");
    }
    expect(loadPage(site, "/")("header .site-title").text()).toBe("Werkbank");
    expect(loadPage(site, "/issues/wochenbrief-1/")('meta[property="og:locale"]').attr("content")).toBe("de_DE");
    for (const file of files.filter((each) => /\.(html|xml|json|txt)$|^_headers$/.test(each))) {
      const text = readFileSync(path.join(site, file), "utf8");
      expect(text, file).not.toContain("Machine Learning Letters");
      expect(text, file).not.toContain("newsletter-archive.example.org");
    }
  });

  test("its two series have their archives, with their titles and issues; the shipped series have none", () => {
    const $ = loadPage(site, "/series/");
    expect($(".series-index h2 a").map((_, link) => [[$(link).text(), $(link).attr("href")]]).get()).toEqual([
      ["Der Wochenbrief", "/series/wochenbrief/"],
      ["Tiefgang", "/series/tiefgang/"],
    ]);
    const archive = (url: string) => {
      const page = loadPage(site, url);
      return { title: page("h1").text(), issues: page(".issue-card__title a").map((_, link) => page(link).attr("href")).get() };
    };
    // Wochenbrief #3 names no series: newsletter.yml's default_series puts it here.
    expect(archive("/series/wochenbrief/")).toEqual({ title: "Der Wochenbrief", issues: ["/issues/wochenbrief-3/", "/issues/wochenbrief-2/", "/issues/wochenbrief-1/"] });
    expect(archive("/series/tiefgang/")).toEqual({ title: "Tiefgang", issues: ["/issues/tiefgang-unicode/", "/issues/tiefgang-sqlite/"] });
    for (const shipped of ["gradient-updates", "zeta-alpha-trends", "neurips-takeaways", "lab-notes", "link-digest"]) {
      expect(pageExists(site, `/series/${shipped}/`), shipped).toBe(false);
    }
  });

  test("its feeds: each series' under its feed title, every feed its feed_size of 4, archives its page_size of 3", () => {
    const feed = (url: string) => {
      const $ = cheerio.load(readFileSync(path.join(site, url), "utf8"), { xml: true });
      return { title: $("feed > title").text(), entries: $("entry > title").map((_, title) => $(title).text()).get() };
    };
    expect(feed("series/wochenbrief/feed.xml")).toEqual({
      title: "Werkbank – Der Wochenbrief",
      entries: ["Wochenbrief #3: Fehlermeldungen, die weiterhelfen", "Wochenbrief #2: Zeitzonen sind schwer", "Wochenbrief #1: Reproduzierbare Builds, leise Logs und ein Lob der Makefiles"],
    });
    expect(feed("series/tiefgang/feed.xml")).toEqual({
      title: "Tiefgang · Werkbank",
      entries: ["Tiefgang: Warum „Straße“ nicht gleich „Straße“ ist", "Tiefgang: SQLite als Dateiformat für Anwendungen"],
    });
    const all = feed("feed.xml");
    expect(all.title).toBe("Werkbank");
    expect(all.entries).toHaveLength(4);
    expect(all.entries).not.toContain("Wochenbrief #1: Reproduzierbare Builds, leise Logs und ein Lob der Makefiles");
    expect((JSON.parse(readFileSync(path.join(site, "feed.json"), "utf8")) as { title: string; items: unknown[] })).toMatchObject({ title: "Werkbank", items: expect.any(Array) });
    expect((JSON.parse(readFileSync(path.join(site, "feed.json"), "utf8")) as { items: unknown[] }).items).toHaveLength(4);
    expect(loadPage(site, "/")(".issue-list > li")).toHaveLength(3);
    expect(loadPage(site, "/page/2/")(".issue-list > li")).toHaveLength(2);
  });

  test("its issues render their headings, footnote, code and tags", () => {
    const $ = loadPage(site, "/issues/tiefgang-sqlite/");
    expect($("article h2").map((_, heading) => $(heading).text().trim()).get()).toEqual(expect.arrayContaining(["Was man gewinnt", "Was man bedenken muss", "Zum Nachmachen"]));
    expect($("article h3").length).toBe(3);
    expect($("pre code.language-sql .token.keyword").first().text()).toBe("CREATE");
    expect($(".footnote-item").text()).toContain("Application File Format");
    expect(loadPage(site, "/issues/wochenbrief-2/")(".footnote-item").length).toBe(1);
    // The hashtag paragraph of Wochenbrief #2 is a tag of it, beside its front matter's.
    expect(loadPage(site, "/tags/sommerzeit/")(".issue-card__title a").map((_, link) => loadPage(site, "/tags/sommerzeit/")(link).attr("href")).get()).toEqual(["/issues/wochenbrief-2/"]);
    expect(loadPage(site, "/tags/werkzeuge/")(".issue-card__title a")).toHaveLength(2);
  });

  test("its publisher: the logo published from beside newsletter.yml, the profiles as rel=me, dates in Berlin's offset", () => {
    expect(readFileSync(path.join(site, "logo.svg"))).toEqual(readFileSync(path.join(fixture, "logo.svg")));
    const $ = loadPage(site, "/issues/wochenbrief-1/");
    expect($('link[rel="me"]').map((_, link) => $(link).attr("href")).get()).toEqual(["https://mastodon.social/@werkbank", "https://github.com/werkbank-brief"]);
    const jsonLd = JSON.parse($('script[type="application/ld+json"]').text()) as Record<string, unknown>;
    expect(jsonLd).toMatchObject({
      inLanguage: "de",
      datePublished: "2024-01-12T00:00:00+01:00",
      publisher: { "@type": "Organization", name: "Werkbank-Redaktion", logo: { url: `${baseUrl}logo.svg` } },
    });
  });

  test("every issue page and /subscribe/ have the Buttondown form: its action, the email field, the hidden field, the button", () => {
    for (const url of [...issuePages, "/subscribe/"]) {
      const $ = loadPage(site, url);
      const form = $("form.subscribe-form");
      expect(form, url).toHaveLength(1);
      expect(form.attr("action"), url).toBe(buttondown);
      expect(form.attr("method"), url).toBe("post");
      const email = form.find('input[name="email"]');
      expect(email.attr("type"), url).toBe("email");
      expect(email.attr("required"), url).toBeDefined();
      expect(form.find(`label[for="${email.attr("id")}"]`).text().trim(), url).not.toBe("");
      expect(form.find('input[type="hidden"]').map((_, input) => [[$(input).attr("name"), $(input).attr("value")]]).get(), url).toEqual([["embed", "1"]]);
      expect(form.find('button[type="submit"]').text().trim(), url).toBe("Abonnieren");
      expect(form.text(), url).toContain("Jede neue Ausgabe per E-Mail, kostenlos und jederzeit abbestellbar.");
    }
    // A reader without email subscribes by feed, from the same page.
    const subscribe = loadPage(site, "/subscribe/");
    expect(subscribe('a[href="/series/wochenbrief/feed.xml"]').text()).toBe("Der Wochenbrief");
    expect(subscribe('a[href="/feed.xml"]')).toHaveLength(1);
  });

  test("_headers lets every page's form post to Buttondown, and to nowhere else", async () => {
    const headersText = readFileSync(path.join(site, "_headers"), "utf8");
    const policies = headersText.split("\n").filter((line) => line.trim().startsWith("Content-Security-Policy:"));
    expect(policies.length).toBeGreaterThan(5);
    for (const policy of policies) expect(policy).toMatch(/; form-action 'self' https:\/\/buttondown\.com;/);
    const rules = await readHeaderRules(site);
    for (const url of ["/", ...issuePages, "/subscribe/", "/series/tiefgang/"]) {
      expect(headersForPath(rules, url)["content-security-policy"], url).toContain("form-action 'self' https://buttondown.com;");
    }
  });

  test("the site checker finds no problem: valid HTML, no broken link, no inline code, headers that allow what pages use", async () => {
    const report = await runSiteChecks(site, { baseUrl });
    expect(report.problems).toEqual([]);
    expect(report.pagesChecked).toBeGreaterThan(25);
  });
});

describe("the second newsletter in Chromium, served with its _headers", () => {
  let server: StaticServer | undefined;
  let browser: Browser | undefined;
  let context: BrowserContext | undefined;
  let axeSource = "";

  beforeAll(async () => {
    const require = createRequire(import.meta.url);
    const axeFile = path.join(path.dirname(require.resolve("axe-core")), "axe.min.js");
    let served: Awaited<ReturnType<typeof serveAsHost>>;
    [served, browser] = await Promise.all([serveAsHost(site), launchBrowser()]);
    axeSource = readFileSync(axeFile, "utf8");
    server = served.server;
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await logCspViolations(context);
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.close();
  });

  /** Opens `url`, runs `interact`, and returns the response, the CSP violations and the failed requests. */
  async function visit(url: string, interact?: (page: Page) => Promise<void>) {
    if (!context || !server) throw new Error("the browser or the server did not start");
    const page = await context.newPage();
    const violations: string[] = [];
    const failures: string[] = [];
    page.on("console", (message) => {
      const text = message.text();
      if (text.startsWith("securitypolicyviolation:") || text.includes("Content Security Policy")) violations.push(text);
    });
    page.on("pageerror", (error) => failures.push(error.message));
    page.on("requestfailed", (request) => failures.push(`${request.url()}: ${request.failure()?.errorText ?? "failed"}`));
    try {
      const response = await page.goto(server.url + url, { waitUntil: "load" });
      await interact?.(page);
      // Violation events are dispatched asynchronously; let any pending one arrive.
      await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 100)));
      return { response, violations, failures };
    } finally {
      await page.close();
    }
  }

  test.each([
    ["home", "/", 200],
    ["page 2", "/page/2/", 200],
    ...issuePages.map((url) => ["issue", url, 200] as const),
    ["series index", "/series/", 200],
    ["series page", "/series/tiefgang/", 200],
    ["tag page", "/tags/zeitzonen/", 200],
    ["tag index", "/tags/", 200],
    ["year archive", "/archive/2024/", 200],
    ["feeds page", "/feeds/", 200],
    ["subscribe page", "/subscribe/", 200],
    ["search page", "/search/", 200],
    ["missing page (404.html)", "/gibt-es-nicht/", 404],
  ] as const)("%s (%s): no CSP violation, every request served", async (_name, url, status) => {
    const { response, violations, failures } = await visit(url);
    expect(response?.status()).toBe(status);
    if (status === 200) expect(response?.headers()["content-security-policy"]).toContain("form-action 'self' https://buttondown.com");
    expect(violations).toEqual([]);
    expect(failures).toEqual([]);
  });

  test("a search for a German word finds its issue without a violation (Pagefind's WebAssembly runs under the policy)", async () => {
    const { violations, failures } = await visit("/search/", async (page) => {
      await page.locator("pagefind-input input").fill("Normalisierung");
      await expect.poll(() => page.locator(".search-result__link").first().getAttribute("href"), { timeout: 20_000 }).toBe("/issues/tiefgang-unicode/");
    });
    expect(violations).toEqual([]);
    expect(failures).toEqual([]);
  });

  test("the form submits to Buttondown under the policy, with the email and the hidden field", async () => {
    if (!context) throw new Error("the browser did not start");
    // Answered here: nothing reaches the network. The policy is checked before the request is made.
    const posted: { url: string; method: string; body: string }[] = [];
    await context.route("https://buttondown.com/**", async (route) => {
      posted.push({ url: route.request().url(), method: route.request().method(), body: route.request().postData() ?? "" });
      await route.fulfill({ status: 200, contentType: "text/html", body: "<!doctype html><title>Danke</title><p>Danke!</p>" });
    });
    try {
      const { violations } = await visit("/issues/wochenbrief-2/", async (page) => {
        await page.locator('form.subscribe-form input[name="email"]').fill("leserin@example.org");
        await Promise.all([page.waitForURL(buttondown), page.locator("form.subscribe-form button[type=submit]").click()]);
      });
      expect(violations).toEqual([]);
      expect(posted).toEqual([{ url: buttondown, method: "POST", body: "email=leserin%40example.org&embed=1" }]);
    } finally {
      await context.unroute("https://buttondown.com/**");
    }
  });

  test.each(["/issues/tiefgang-sqlite/", "/subscribe/"])("axe finds no WCAG 2.x A/AA violation on %s", async (url) => {
    if (!browser || !server) throw new Error("the browser or the server did not start");
    // axe is injected as an inline script, which the policy rightly blocks; the policy is the tests' above.
    const axeContext = await browser.newContext({ viewport: { width: 1280, height: 900 }, bypassCSP: true });
    try {
      const page = await axeContext.newPage();
      expect((await page.goto(server.url + url, { waitUntil: "load" }))?.status()).toBe(200);
      await page.addScriptTag({ content: axeSource });
      const violations = await page.evaluate(async (values) => {
        const { axe } = window as unknown as { axe: { run: (context: Document, options: object) => Promise<AxeResults> } };
        const results = await axe.run(document, { runOnly: { type: "tag", values }, resultTypes: ["violations"] });
        return results.violations.map((violation) => `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(" ")).join(", ")})`);
      }, ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]);
      expect(violations).toEqual([]);
    } finally {
      await axeContext.close();
    }
  });
});

describe("a bad configuration", () => {
  test("npm run build -- --config BAD exits 1, names every problem with its line, and writes nothing", () => {
    const folder = tempFolder("werkbank-bad-");
    const bad = path.join(folder, "newsletter.yml");
    const text = readFileSync(configFile, "utf8")
      .replace("  language: de\n", "  language: deutsch\n")
      .replace("  - id: tiefgang\n", "  - id: Tief Gang\n")
      .replace("page_size: 3\n", "page_size: 0\n");
    writeFileSync(bad, text);
    const lineOf = (needle: string) => text.split("\n").findIndex((line) => line.includes(needle)) + 1;
    const outputParent = path.join(folder, "out");
    mkdirSync(outputParent);
    const result = buildWith(bad, path.join(outputParent, "_site"));
    expect(result.status).toBe(1);
    expect(result.stdout).toBe("");
    // The logo is beside the good file, not this one: a problem too.
    expect(result.stderr).toBe(
      [
        "Build failed; nothing was written.",
        "Invalid newsletter configuration (4 problems); fix them to build the site:",
        `${bad}:${lineOf("language:")}: site.language: expected a BCP 47 language tag like "en" or "pt-BR", got "deutsch"`,
        `${bad}:${lineOf("logo:")}: site.publisher.logo: expected the path of an image file (.png, .jpg, .jpeg, .webp, .svg, .gif), relative to the configuration file, got "logo.svg", which is not a file (looked for ${path.relative(projectRoot, path.join(folder, "logo.svg"))})`,
        `${bad}:${lineOf("Tief Gang")}: series[1].id: expected lowercase letters, digits and hyphens, got "Tief Gang"`,
        `${bad}:${lineOf("page_size:")}: page_size: expected a whole number of issues per archive page, from 1 to 100, got 0`,
        "",
      ].join("\n"),
    );
    expect(readdirSync(outputParent)).toEqual([]);
  });
});
