import { describe, expect, test } from "vitest";
import { runSiteChecks } from "../../src/check/check-site.ts";
import { allows, requestPath } from "../../src/check/headers-check.ts";
import { headersFile, hostHeaderRules } from "../../src/model/headers.ts";
import { tinyPage, writeTinySite } from "../support/tiny-site.ts";

const baseUrl = "https://letters.example/";
const subscribe = { action: "https://buttondown.com/api/emails/embed-subscribe/letters", emailField: "email", hiddenFields: {}, text: "By email.", button: "Subscribe" };
const signup = '<form action="https://buttondown.com/api/emails/embed-subscribe/letters" method="post">\n<label>Email <input name="email" type="email"></label>\n<button>Subscribe</button>\n</form>';

/** The host-headers problems of a tiny site, as page, line and rule. */
async function headerProblems(files: Record<string, string>) {
  const { problems } = await runSiteChecks(writeTinySite(files), { baseUrl });
  return problems.filter((problem) => problem.rule.startsWith("host-headers/")).map(({ page, line, rule, message }) => ({ page, line, rule, message }));
}

describe("the host-headers check", () => {
  test("passes the build's own headers on pages that load only the site's files", async () => {
    const headers = headersFile(hostHeaderRules({ publisher: { name: "Letters" } }));
    expect(await headerProblems({ _headers: headers, "index.html": tinyPage('<img src="/favicon.svg" alt="">'), "favicon.svg": "<svg/>", "issues/a/index.html": tinyPage("<p>A</p>") })).toEqual([]);
  });

  test("fails a signup form whose provider the policy's form-action does not allow, and passes it once allowed", async () => {
    const page = tinyPage(signup);
    const strict = await headerProblems({ _headers: headersFile(hostHeaderRules({ publisher: { name: "Letters" } })), "issues/a/index.html": page });
    expect(strict).toEqual([
      {
        page: "issues/a/index.html",
        line: 10,
        rule: "host-headers/blocked",
        message: `form[action] "${subscribe.action}": the page's Content-Security-Policy form-action "'self'" blocks it; allow it in src/model/headers.ts`,
      },
    ]);
    expect(await headerProblems({ _headers: headersFile(hostHeaderRules({ publisher: { name: "Letters" }, subscribe })), "issues/a/index.html": page })).toEqual([]);
  });

  test("fails scripts, stylesheets and images from elsewhere, by the directive or default-src", async () => {
    const headers = "/*\n  Content-Security-Policy: default-src 'self'; img-src 'self' data:\n";
    const page = tinyPage('<img src="data:image/gif;base64,R0lGOD" alt="">\n<img src="https://cdn.example/a.png" alt="">', {
      head: '<link rel="stylesheet" href="https://cdn.example/a.css">\n<script src="/own.js"></script>\n<script src="https://cdn.example/a.js"></script>',
    });
    const found = await headerProblems({ _headers: headers, "index.html": page, "own.js": "" });
    const blocks = (what: string) => `${what}" blocks it; allow it in src/model/headers.ts`;
    expect(found.map(({ line, message }) => [line, message])).toEqual([
      [6, `link[href] "https://cdn.example/a.css": the page's Content-Security-Policy style-src (by default-src) "${blocks("'self'")}`],
      [8, `script[src] "https://cdn.example/a.js": the page's Content-Security-Policy script-src (by default-src) "${blocks("'self'")}`],
      [13, `img[src] "https://cdn.example/a.png": the page's Content-Security-Policy img-src "${blocks("'self' data:")}`],
    ]);
  });

  test("fails a page without a policy, and a file two rules give one header", async () => {
    const headers = "/issues/*\n  Content-Security-Policy: default-src 'self'\n  Cache-Control: max-age=0\n/issues/*.css\n  Cache-Control: immutable\n";
    expect(await headerProblems({ _headers: headers, "index.html": tinyPage("<p>Home</p>"), "issues/a/index.html": tinyPage("<p>A</p>"), "issues/a/a.css": "" })).toEqual([
      { page: "index.html", line: undefined, rule: "host-headers/no-policy", message: "expected a Content-Security-Policy for / in _headers, found none" },
      {
        page: "issues/a/a.css",
        line: undefined,
        rule: "host-headers/conflict",
        message: "expected one rule to set cache-control for /issues/a/a.css, found /issues/*, /issues/*.css, whose values the host would join",
      },
    ]);
  });

  test("fails lines the hosts would not read, and lines longer than Cloudflare Pages reads", async () => {
    const headers = `/*\n  Content-Security-Policy: default-src 'self'\n  X-Frame-Options DENY\n  X-Long: ${"a".repeat(2000)}\n`;
    expect((await headerProblems({ _headers: headers, "index.html": tinyPage("<p>Home</p>") })).map(({ page, line, rule }) => [page, line, rule])).toEqual([
      ["_headers", 3, "host-headers/syntax"],
      ["_headers", 4, "host-headers/line-too-long"],
    ]);
  });

  test("a site without _headers (for a host that reads none) has nothing to check", async () => {
    expect(await headerProblems({ "index.html": tinyPage('<script src="https://cdn.example/a.js"></script>') })).toEqual([]);
  });
});

describe("allows", () => {
  const self = new URL(baseUrl);
  test.each([
    [["'self'"], "https://letters.example/x", true],
    [["'self'"], "https://other.example/x", false],
    [["'none'"], "https://letters.example/x", false],
    [["data:"], "data:image/png;base64,AA", true],
    [["'self'"], "data:image/png;base64,AA", false],
    [["*"], "https://any.example/", true],
    [["https://buttondown.com"], "https://buttondown.com/api/emails/embed-subscribe/x", true],
    [["https://buttondown.com"], "http://buttondown.com/api", false],
    [["https://buttondown.com"], "https://buttondown.com:8443/api", false],
    [["buttondown.com"], "https://buttondown.com/api", true],
    [["*.list-manage.com"], "https://letters.us1.list-manage.com/subscribe/post", true],
    [["*.list-manage.com"], "https://list-manage.com/subscribe/post", false],
    [["https://x.example/api/"], "https://x.example/api/sub", true],
    [["https://x.example/api"], "https://x.example/api/sub", false],
  ])("%j allows %s: %s", (sources, url, expected) => {
    expect(allows(sources, new URL(url), self)).toBe(expected);
  });
});

test.each([
  ["index.html", "/"],
  ["issues/x/index.html", "/issues/x/"],
  ["feed.xml", "/feed.xml"],
])("%s is asked for as %s", (file, path) => {
  expect(requestPath(file)).toBe(path);
});
