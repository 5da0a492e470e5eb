import { describe, expect, test } from "vitest";
import { parseHeadersFile } from "../../src/check/host-headers.ts";
import { contentSecurityPolicy, headersFile, hostHeaderRules, type HostHeaderRule } from "../../src/model/headers.ts";

const subscribe = { action: "https://buttondown.com/api/emails/embed-subscribe/letters?x=1", emailField: "email", hiddenFields: {}, text: "By email.", button: "Subscribe" };
const plain = { publisher: { name: "Letters" } };
const policies = (rules: readonly HostHeaderRule[]) => rules.flatMap((rule) => (rule.values["Content-Security-Policy"] ? [[rule.path, rule.values["Content-Security-Policy"]] as const] : []));
const formAction = (policy: string) => policy.split("; ").find((directive) => directive.startsWith("form-action"));

describe("hostHeaderRules", () => {
  test("every path gets the security headers from one /* rule, which sets no policy", () => {
    const [first, ...rest] = hostHeaderRules(plain);
    expect(first?.path).toBe("/*");
    expect(first?.values).toMatchObject({ "X-Frame-Options": "DENY", "X-Content-Type-Options": "nosniff", "Strict-Transport-Security": "max-age=31536000" });
    expect(first?.values["Content-Security-Policy"]).toBeUndefined();
    expect(rest.some((rule) => "X-Frame-Options" in rule.values)).toBe(false);
  });

  test("without a signup form, forms may post only to the site itself", () => {
    for (const [path, policy] of policies(hostHeaderRules(plain))) expect([path, formAction(policy)]).toEqual([path, "form-action 'self'"]);
  });

  test("with a signup form, every policy also allows its provider's origin, and only that", () => {
    const found = policies(hostHeaderRules({ ...plain, subscribe }));
    expect(found.length).toBeGreaterThan(20);
    for (const [path, policy] of found) expect([path, formAction(policy)]).toEqual([path, "form-action 'self' https://buttondown.com"]);
  });

  test("only the search page and Pagefind's worker may compile WebAssembly", () => {
    const loosened = policies(hostHeaderRules(plain)).filter(([, policy]) => policy.includes("'wasm-unsafe-eval'"));
    expect(loosened.map(([path]) => path)).toEqual(["/search/*", "/pagefind/pagefind-worker.js"]);
  });

  test("each path has one rule, and the publisher's logo one of its own", () => {
    const paths = hostHeaderRules(plain).map((rule) => rule.path);
    expect(new Set(paths).size).toBe(paths.length);
    expect(paths).not.toContain("/logo.png");
    const withLogo = hostHeaderRules({ publisher: { name: "Letters", logo: "/logo.png" } }).find((rule) => rule.path === "/logo.png");
    expect(withLogo?.values).toEqual({ "Content-Security-Policy": contentSecurityPolicy(), "Cache-Control": "public, max-age=0, must-revalidate" });
  });

  test("feeds get their own content types", () => {
    const types = Object.fromEntries(hostHeaderRules(plain).flatMap((rule) => (rule.values["Content-Type"] ? [[rule.path, rule.values["Content-Type"]]] : [])));
    expect(types).toEqual({
      "/feed.xml": "application/atom+xml; charset=utf-8",
      "/rss.xml": "application/rss+xml; charset=utf-8",
      "/feed.json": "application/feed+json; charset=utf-8",
      "/series/:id/feed.xml": "application/atom+xml; charset=utf-8",
      "/tags/:slug/feed.xml": "application/atom+xml; charset=utf-8",
    });
  });
});

describe("headersFile", () => {
  test("writes each path with its headers indented below it, which reads back as the same rules", () => {
    const rules = hostHeaderRules({ ...plain, subscribe });
    const text = headersFile(rules);
    expect(text).toMatch(/^# .+\n\n\/\*\n {2}Strict-Transport-Security: max-age=31536000\n/);
    expect(text.endsWith("\n")).toBe(true);
    const { rules: read, problems } = parseHeadersFile(text);
    expect(problems).toEqual([]);
    expect(read.map((rule) => ({ path: rule.for, values: rule.values }))).toEqual(rules);
  });

  test("refuses more rules or longer lines than Cloudflare Pages reads", () => {
    const many = Array.from({ length: 101 }, (_, index) => ({ path: `/p${index}`, values: { "X-A": "b" } }));
    expect(() => headersFile(many)).toThrow(/_headers: expected at most 100 rules of lines up to 2000 characters \(Cloudflare Pages' limits\), got 101 rules$/);
    expect(() => headersFile([{ path: "/", values: { "X-A": "b".repeat(2000) } }])).toThrow(/got 1 rules and a line of 2007/);
    expect(() => headersFile(many.slice(0, 100))).not.toThrow();
  });
});
