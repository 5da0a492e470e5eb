import { describe, expect, test } from "vitest";
import { absoluteUrl, normaliseBaseUrl, normalisePathPrefix, siteMetadata } from "../../src/site.ts";

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
    expect(site.publisher.name).toBe("Machine Learning Letters");
    expect(site.pageSize).toBe(10);
    expect(site.feedSize).toBe(20);
  });

  test.each([
    [{}, "/", "https://newsletter-archive.example.org/"],
    [{ PATH_PREFIX: "/newsletter/" }, "/newsletter/", "https://newsletter-archive.example.org/newsletter/"],
    [{ PATH_PREFIX: "newsletter" }, "/newsletter/", "https://newsletter-archive.example.org/newsletter/"],
    [{ PATH_PREFIX: "" }, "/", "https://newsletter-archive.example.org/"],
    [{ SITE_URL: "https://user.github.io", PATH_PREFIX: "/newsletter" }, "/newsletter/", "https://user.github.io/newsletter/"],
    [{ SITE_URL: "https://user.github.io/newsletter/", PATH_PREFIX: "/newsletter/" }, "/newsletter/", "https://user.github.io/newsletter/"],
    [{ SITE_URL: "https://user.github.io/newsletter" }, "/newsletter/", "https://user.github.io/newsletter/"],
    [{ URL: "https://letters.netlify.app", PATH_PREFIX: "/a/b/" }, "/a/b/", "https://letters.netlify.app/a/b/"],
  ])("environment %j serves the site under %j at %j", (env, pathPrefix, baseUrl) => {
    const site = siteMetadata(env);
    expect(site.pathPrefix).toBe(pathPrefix);
    expect(site.baseUrl).toBe(baseUrl);
  });

  test("a base URL path and a PATH_PREFIX that disagree stop the build, naming both", () => {
    expect(() => siteMetadata({ SITE_URL: "https://user.github.io/letters/", PATH_PREFIX: "/newsletter/" })).toThrow(
      'the path of "https://user.github.io/letters/" and PATH_PREFIX "/newsletter/" disagree',
    );
  });

  test("deploy-preview addresses never become the base URL", () => {
    const env = {
      URL: "https://letters.example",
      DEPLOY_URL: "https://5f1e--letters.netlify.app",
      DEPLOY_PRIME_URL: "https://deploy-preview-7--letters.netlify.app",
    };
    expect(siteMetadata(env).baseUrl).toBe("https://letters.example/");
  });
});

describe("normalisePathPrefix", () => {
  test.each([
    ["", "/"],
    ["/", "/"],
    ["newsletter", "/newsletter/"],
    ["/newsletter", "/newsletter/"],
    ["/newsletter/", "/newsletter/"],
    ["//newsletter//archive//", "/newsletter/archive/"],
    ["  /news-letter_2.0~x/  ", "/news-letter_2.0~x/"],
  ])("%j becomes %j", (raw, expected) => {
    expect(normalisePathPrefix(raw)).toBe(expected);
  });

  test.each(["/../etc/", "/./", "/news letter/", "/news?x=1", "/news#top", "https://example.org/news/", "/ünï/"])(
    "rejects %j, naming it",
    (raw) => {
      expect(() => normalisePathPrefix(raw)).toThrow(`site path prefix: expected a path like /newsletter/, got "${raw}"`);
    },
  );
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
