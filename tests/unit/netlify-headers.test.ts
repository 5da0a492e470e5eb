import { describe, expect, test } from "vitest";
import { conflictingHeaders, forPathPattern, headerRules, headersForPath } from "../../src/check/netlify-headers.ts";

describe("forPathPattern", () => {
  test.each([
    ["/*", "/", true],
    ["/*", "/issues/x/", true],
    ["/*", "/assets/site.0123456789.css", true],
    ["/", "/", true],
    ["/", "/index.html", false],
    ["/issues/*", "/issues/", true],
    ["/issues/*", "/issues/x/", true],
    ["/issues/*", "/issues", true],
    // Netlify's own parser makes the slash before a `*` optional, so `/page/*` would match `/pagefind/`.
    ["/issues/*", "/issuesx/", true],
    ["/page/:number", "/page/2/", true],
    ["/page/:number", "/pagefind/pagefind.js", false],
    ["/feed.xml", "/feed.xml", true],
    ["/feed.xml", "/FEED.XML", true],
    ["/feed.xml", "/feed.xml/", true],
    ["/feed.xml", "/feedxxml", false],
    ["/feed.xml", "/tags/x/feed.xml", false],
    ["/tags/:slug/feed.xml", "/tags/bias/feed.xml", true],
    ["/tags/:slug/feed.xml", "/tags/feed.xml", false],
    ["/tags/:slug/feed.xml", "/tags/a/b/feed.xml", false],
    ["/assets/site.*.css", "/assets/site.0123456789.css", true],
    ["/assets/site.*.css", "/assets/site.css", false],
    ["/assets/site.*.css", "/assets/site.x/y.css", true],
    ["/assets/site.*.css", "/assets/sitex0123.css", false],
    ["/pagefind/*.js", "/pagefind/pagefind.js", true],
    ["/pagefind/*.js", "/pagefind/pagefind.json", false],
    ["/pagefind/pagefind.*.pf_meta", "/pagefind/pagefind.en_e51ea4457d.pf_meta", true],
    ["/pagefind/pagefind-worker.js", "/pagefind/pagefind-worker.js", true],
    ["/pagefind/pagefind-worker.js", "/pagefind/pagefindxworker.js", false],
    ["/pagefind/pagefind-*ui.js", "/pagefind/pagefind-component-ui.js", true],
    ["/pagefind/pagefind-*ui.js", "/pagefind/pagefind-worker.js", false],
  ])("%s matches %s: %s", (forPath, requestPath, matches) => {
    expect(forPathPattern(forPath).test(requestPath)).toBe(matches);
  });
});

describe("headerRules", () => {
  test("reads the [[headers]] tables in order, ignoring the rest of the config", () => {
    const rules = headerRules({
      build: { command: "npm run build" },
      headers: [
        { for: "/*", values: { "X-Content-Type-Options": "nosniff" } },
        { for: "/feed.xml", values: { "Content-Type": "application/atom+xml" } },
      ],
    });
    expect(rules.map((rule) => [rule.for, rule.values])).toEqual([
      ["/*", { "X-Content-Type-Options": "nosniff" }],
      ["/feed.xml", { "Content-Type": "application/atom+xml" }],
    ]);
  });

  test("a config without headers has no rules", () => {
    expect(headerRules({ build: {} })).toEqual([]);
  });

  test.each([
    [{ headers: [{ for: "feed.xml", values: {} }] }, "headers.0.for"],
    [{ headers: [{ for: "/x", values: { "Cache-Control": 3 } }] }, "headers.0.values.Cache-Control"],
    [{ headers: { for: "/x" } }, "headers:"],
  ])("rejects %j, naming where", (config, where) => {
    expect(() => headerRules(config)).toThrow(`netlify.toml: ${where}`);
  });
});

describe("headersForPath and conflictingHeaders", () => {
  const rules = headerRules({
    headers: [
      { for: "/*", values: { "X-Content-Type-Options": "nosniff" } },
      { for: "/tags/*", values: { "Cache-Control": "max-age=0" } },
      { for: "/tags/:slug/feed.xml", values: { "Content-Type": "application/atom+xml" } },
      { for: "/assets/*", values: { "Cache-Control": "max-age=0" } },
      { for: "/assets/site.*.css", values: { "cache-control": "immutable" } },
    ],
  });

  test.each([
    ["/tags/bias/", { "x-content-type-options": "nosniff", "cache-control": "max-age=0" }],
    ["/tags/bias/feed.xml", { "x-content-type-options": "nosniff", "cache-control": "max-age=0", "content-type": "application/atom+xml" }],
    ["/other/", { "x-content-type-options": "nosniff" }],
  ])("%s gets %j", (requestPath, headers) => {
    expect(headersForPath(rules, requestPath)).toEqual(headers);
    expect(conflictingHeaders(rules, requestPath)).toEqual({});
  });

  test("a header two matching rules set is a conflict, whatever the case of its name", () => {
    expect(conflictingHeaders(rules, "/assets/site.0123456789.css")).toEqual({ "cache-control": ["/assets/*", "/assets/site.*.css"] });
  });
});
