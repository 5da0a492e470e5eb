import { writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { conflictingHeaders, forPathPattern, headersForPath, parseHeadersFile, readHeaderRules } from "../../src/check/host-headers.ts";
import { tempFolder } from "../support/run-build.ts";

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
    ["/page/:number/", "/page/2/", true],
    ["/page/:number/", "/page/2", true],
    ["/page/:number/", "/page/", false],
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

/** A `_headers` file's rules, failing the test on any problem in it. */
function rulesOf(text: string) {
  const { rules, problems } = parseHeadersFile(text);
  expect(problems).toEqual([]);
  return rules;
}

describe("parseHeadersFile", () => {
  test("reads each path's indented headers in order, skipping comments and blank lines", () => {
    const rules = rulesOf("# Comment\n/*\n  X-Content-Type-Options: nosniff\n  # an aside\n\n/feed.xml\n  Content-Type: application/atom+xml; charset=utf-8\n  Cache-Control: public, max-age=0\n");
    expect(rules.map((rule) => [rule.for, rule.line, rule.values])).toEqual([
      ["/*", 2, { "X-Content-Type-Options": "nosniff" }],
      ["/feed.xml", 6, { "Content-Type": "application/atom+xml; charset=utf-8", "Cache-Control": "public, max-age=0" }],
    ]);
  });

  test("an empty file has no rules", () => {
    expect(rulesOf("")).toEqual([]);
  });

  test.each([
    ["feed.xml\n  X-A: b\n", 1, 'expected a path starting with "/", got "feed.xml"'],
    ["  X-A: b\n", 1, 'expected a path before its headers, got "X-A: b"'],
    ["/x\n  X-A b\n", 2, 'expected an indented "Name: value" header, got "X-A b"'],
    ["/x\n  X-A:\n", 2, 'expected an indented "Name: value" header, got "X-A:"'],
    ["/x\n/y\n  X-A: b\n", 1, "expected headers below /x, found none"],
  ])("%j has a problem on line %i", (text, line, message) => {
    expect(parseHeadersFile(text).problems).toContainEqual({ line, message });
  });
});

describe("readHeaderRules", () => {
  test("a site without _headers is an error saying how to make one", async () => {
    await expect(readHeaderRules(tempFolder("no-headers-"))).rejects.toThrow(/_headers: expected the headers file npm run build writes, found none \(run npm run build first\)/);
  });

  test("a problem in the file is an error naming its line", async () => {
    const site = tempFolder("bad-headers-");
    writeFileSync(path.join(site, "_headers"), "/*\n  X-Frame-Options DENY\n");
    await expect(readHeaderRules(site)).rejects.toThrow(/_headers:2: expected an indented "Name: value" header/);
  });
});

describe("headersForPath and conflictingHeaders", () => {
  const rules = rulesOf(
    ["/*", "  X-Content-Type-Options: nosniff", "/tags/*", "  Cache-Control: max-age=0", "/tags/:slug/feed.xml", "  Content-Type: application/atom+xml", "/assets/*", "  Cache-Control: max-age=0", "/assets/site.*.css", "  cache-control: immutable"].join("\n"),
  );

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
