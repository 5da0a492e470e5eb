import { describe, expect, test } from "vitest";
import { absoluteUrl, normaliseBaseUrl, siteMetadata } from "../../src/site.ts";

describe("normaliseBaseUrl", () => {
  test.each([
    ["https://example.org", "https://example.org/"],
    ["https://example.org/", "https://example.org/"],
    ["https://example.org/news", "https://example.org/news/"],
    ["https://example.org/news/", "https://example.org/news/"],
    ["https://example.org/news///", "https://example.org/news/"],
    ["http://localhost:8080", "http://localhost:8080/"],
    ["  https://example.org/news  ", "https://example.org/news/"],
    ["https://example.org/news?utm=1#top", "https://example.org/news/"],
    ["HTTPS://EXAMPLE.ORG/News", "https://example.org/News/"],
  ])("%j becomes %j: absolute, one trailing slash, no query or hash", (raw, expected) => {
    expect(normaliseBaseUrl(raw)).toBe(expected);
  });

  test.each(["ftp://example.org/", "file:///srv/site/", "mailto:editor@example.org", "javascript:alert(1)"])(
    "rejects the non-http(s) URL %j, naming it",
    (raw) => {
      expect(() => normaliseBaseUrl(raw)).toThrow(`site base URL: expected an http(s) URL, got "${raw}"`);
    },
  );

  test.each(["", "example.org", "/news/"])("rejects the relative or empty URL %j", (raw) => {
    expect(() => normaliseBaseUrl(raw)).toThrow();
  });
});

describe("siteMetadata", () => {
  test("without SITE_URL or URL the site uses its default address", () => {
    expect(siteMetadata({}).baseUrl).toBe("https://newsletter-archive.example.org/");
  });

  test.each([
    [{ SITE_URL: "https://letters.example/archive" }, "https://letters.example/archive/"],
    [{ URL: "https://deploy-preview.example.app" }, "https://deploy-preview.example.app/"],
    [{ SITE_URL: "https://letters.example/", URL: "https://deploy-preview.example.app" }, "https://letters.example/"],
    [{ SITE_URL: "", URL: "https://deploy-preview.example.app" }, "https://deploy-preview.example.app/"],
    [{ SITE_URL: undefined, URL: "https://deploy-preview.example.app/" }, "https://deploy-preview.example.app/"],
  ])("environment %j gives base URL %j (SITE_URL wins over Netlify's URL)", (env, expected) => {
    expect(siteMetadata(env).baseUrl).toBe(expected);
  });

  test("a bad SITE_URL stops the build instead of producing broken links", () => {
    expect(() => siteMetadata({ SITE_URL: "ftp://letters.example/" })).toThrow("expected an http(s) URL");
  });

  test("carries the identity layouts and feeds read", () => {
    const site = siteMetadata({});
    expect(site.title).toBe("Machine Learning Letters");
    expect(site.description).not.toBe("");
    expect(site.language).toBe("en");
    expect(site.author.name).toBe("Machine Learning Letters");
    expect(site.pageSize).toBe(10);
  });
});

describe("absoluteUrl", () => {
  test.each([
    ["/issues/gradient-update-20/", "https://example.org/", "https://example.org/issues/gradient-update-20/"],
    ["/issues/gradient-update-20/", "https://example.org/news/", "https://example.org/news/issues/gradient-update-20/"],
    ["issues/x/", "https://example.org/news/", "https://example.org/news/issues/x/"],
    ["//issues/x/", "https://example.org/news/", "https://example.org/news/issues/x/"],
    ["/", "https://example.org/news/", "https://example.org/news/"],
    ["/feed.xml", "http://localhost:8080/", "http://localhost:8080/feed.xml"],
  ])("%j on %j is %j (kept under the base path)", (path, baseUrl, expected) => {
    expect(absoluteUrl(path, baseUrl)).toBe(expected);
  });
});
