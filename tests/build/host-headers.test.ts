// The site's _headers, as the build writes it for Netlify and Cloudflare Pages: the security
// headers every path gets, one Cache-Control per file, long immutable caching only for files named
// after their content, and the feeds' content types. Checked against every file of a real build,
// Pagefind's bundle included; and netlify.toml, which holds only how Netlify builds the site.
import { cpSync, existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import * as pagefind from "pagefind";
import { parse } from "smol-toml";
import { beforeAll, describe, expect, inject, test } from "vitest";
import { conflictingHeaders, headersForPath, readHeaderRules, type HeaderRule } from "../../src/check/host-headers.ts";
import { headersFile, hostHeaderRules } from "../../src/model/headers.ts";
import { siteMetadata } from "../../src/site.ts";
import { runSiteChecks } from "../../src/check/check-site.ts";
import { projectRoot, runBuild, tempFolder } from "../support/run-build.ts";

const config = parse(readFileSync(path.join(projectRoot, "netlify.toml"), "utf8")) as Record<string, Record<string, unknown>>;
let rules: HeaderRule[] = [];

const expectedCsp = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
];
/** Pagefind compiles WebAssembly on the search page and in its worker, and nowhere else. */
const compilesWasm = (requestPath: string) => requestPath.startsWith("/search/") || requestPath === "/pagefind/pagefind-worker.js";
const cspFor = (requestPath: string) => (compilesWasm(requestPath) ? expectedCsp.map((each) => (each === "script-src 'self'" ? "script-src 'self' 'wasm-unsafe-eval'" : each)) : expectedCsp);
const immutable = "public, max-age=31536000, immutable";
const revalidate = "public, max-age=0, must-revalidate";
/** A file name carrying a hash of its content: `site.e7e91fea80.css`, `en_18eab97.pf_fragment`. */
const fingerprinted = /(?:^|[._])[0-9a-f]{7,}(?:\.[a-z_]+)+$/;

/** The paths a browser requests for a site's files: `issues/x/index.html` is requested as `/issues/x/`. */
function requestPaths(siteFolder: string): string[] {
  return readdirSync(siteFolder, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && !(entry.name === "_headers" && entry.parentPath === siteFolder))
    .map((entry) => path.relative(siteFolder, path.join(entry.parentPath, entry.name)).split(path.sep).join("/"))
    .map((file) => (file === "index.html" ? "/" : file.endsWith("/index.html") ? `/${file.slice(0, -"index.html".length)}` : `/${file}`))
    .sort();
}

let paths: string[] = [];
beforeAll(async () => {
  // The site as deployed: with Pagefind's bundle, indexed here when this build did not index it.
  let site = inject("realSite");
  rules = await readHeaderRules(site);
  if (!existsSync(path.join(site, "pagefind"))) {
    const copy = path.join(tempFolder("netlify-"), "_site");
    cpSync(site, copy, { recursive: true });
    const { index } = await pagefind.createIndex({});
    await index?.addDirectory({ path: copy });
    await index?.writeFiles({ outputPath: path.join(copy, "pagefind") });
    await pagefind.close();
    site = copy;
  }
  paths = requestPaths(site);
  expect(paths.filter((each) => each.startsWith("/pagefind/fragment/")).length).toBeGreaterThan(0);
});

describe("netlify.toml", () => {
  test("builds with npm run build on Node 20 and publishes _site, leaving the headers to _headers", () => {
    expect(config.build).toMatchObject({ command: "npm run build", publish: "_site", environment: { NODE_VERSION: "20" } });
    expect(Object.keys(config)).toEqual(["build", "plugins"]);
  });

  test("keeps the encoded images' and cards' cache (.cache/) between deploys, and nothing else", () => {
    expect(config.plugins).toEqual([{ package: "netlify-plugin-cache", inputs: { paths: [".cache"] } }]);
  });
});

describe("the built _headers", () => {
  test("is what src/model/headers.ts makes of newsletter.yml", () => {
    expect(readFileSync(path.join(inject("realSite"), "_headers"), "utf8")).toBe(headersFile(hostHeaderRules(siteMetadata({}))));
  });

  test("with a signup form configured, lets forms post to its provider's origin, and the site passes its checks", async () => {
    const config = path.join(tempFolder("signup-config-"), "newsletter.yml");
    const shipped = readFileSync(path.join(projectRoot, "newsletter.yml"), "utf8").replace(/^ {4}logo: .*\n/m, "");
    writeFileSync(config, `${shipped}\nsubscribe:\n  action: https://buttondown.com/api/emails/embed-subscribe/letters\n  text: Get each new issue by email.\n`);
    const build = runBuild({ content: path.join(projectRoot, "tests/fixtures/sites/edge-cases/issues"), env: { NEWSLETTER_CONFIG: config } });
    expect(build.status, build.stderr).toBe(0);
    const built = await readHeaderRules(build.output);
    const policies = built.flatMap((rule) => (rule.values["Content-Security-Policy"] ? [rule.values["Content-Security-Policy"]] : []));
    expect(policies.length).toBeGreaterThan(20);
    for (const policy of policies) expect(policy).toContain("; form-action 'self' https://buttondown.com; ");
    const { problems } = await runSiteChecks(build.output, { baseUrl: siteMetadata({ NEWSLETTER_CONFIG: config }).baseUrl });
    expect(problems).toEqual([]);
  });

  test("every path gets the security headers, with a strict Content-Security-Policy", () => {
    for (const requestPath of paths) {
      const headers = headersForPath(rules, requestPath);
      expect(headers["content-security-policy"]?.split(/\s*;\s*/), requestPath).toEqual(cspFor(requestPath));
      expect(headers["strict-transport-security"], requestPath).toMatch(/^max-age=(\d{8,})/);
      expect(headers["x-content-type-options"], requestPath).toBe("nosniff");
      expect(headers["referrer-policy"], requestPath).toBe("strict-origin-when-cross-origin");
      expect(headers["permissions-policy"], requestPath).toMatch(/camera=\(\), .*microphone=\(\)/);
      expect(headers["cross-origin-opener-policy"], requestPath).toBe("same-origin");
      expect(headers["cross-origin-resource-policy"], requestPath).toBe("same-origin");
      expect(headers["x-frame-options"], requestPath).toBe("DENY");
    }
  });

  test("'wasm-unsafe-eval' only on the search page and Pagefind's worker", () => {
    const loosened = paths.filter((requestPath) => headersForPath(rules, requestPath)["content-security-policy"]?.includes("'wasm-unsafe-eval'"));
    expect(loosened).toEqual(["/pagefind/pagefind-worker.js", "/search/"]);
  });

  test("a path outside the site's folders gets the other security headers and no second policy", () => {
    for (const requestPath of ["/no-such-page/", "/no/such/page", "/searchless/"]) {
      expect(headersForPath(rules, requestPath), requestPath).toMatchObject({ "x-frame-options": "DENY", "x-content-type-options": "nosniff", "cross-origin-opener-policy": "same-origin" });
      expect(conflictingHeaders(rules, requestPath), requestPath).toEqual({});
    }
  });

  test("no two rules that match the same path set the same header, so no host has to combine them", () => {
    const conflicts = paths.map((requestPath) => [requestPath, conflictingHeaders(rules, requestPath)] as const).filter(([, found]) => Object.keys(found).length);
    expect(conflicts).toEqual([]);
  });

  test("every path has a Cache-Control: immutable only for fingerprinted files, revalidation for the rest", () => {
    const uncovered = paths.filter((requestPath) => !headersForPath(rules, requestPath)["cache-control"]);
    expect(uncovered, "paths without a Cache-Control rule: add one to src/model/headers.ts").toEqual([]);
    for (const requestPath of paths) {
      const cacheControl = headersForPath(rules, requestPath)["cache-control"];
      const name = path.posix.basename(requestPath);
      if (cacheControl === immutable) expect(name, `${requestPath} is cached as immutable`).toMatch(fingerprinted);
      else expect([requestPath, cacheControl]).toEqual([requestPath, revalidate]);
      if (fingerprinted.test(name)) expect([requestPath, cacheControl]).toEqual([requestPath, immutable]);
    }
  });

  test("HTML, feeds and Pagefind's unhashed files revalidate", () => {
    const samples = ["/", "/404.html", "/issues/gradient-update-20/", "/tags/", "/feed.xml", "/rss.xml", "/feed.json", "/series/lab-notes/feed.xml", "/sitemap.xml", "/pagefind/pagefind.js", "/pagefind/pagefind-entry.json", "/pagefind/wasm.en.pagefind"];
    for (const sample of samples) {
      expect(paths, sample).toContain(sample);
      expect([sample, headersForPath(rules, sample)["cache-control"]]).toEqual([sample, revalidate]);
    }
    expect(paths.filter((each) => headersForPath(rules, each)["cache-control"] === immutable).length).toBeGreaterThan(10);
  });

  test("feeds are served with their own content types", () => {
    const feeds = paths.filter((each) => /(^|\/)(feed\.xml|rss\.xml|feed\.json)$/.test(each));
    expect(feeds.length).toBeGreaterThan(10);
    for (const feed of feeds) {
      const type = feed.endsWith("rss.xml") ? "application/rss+xml" : feed.endsWith(".json") ? "application/feed+json" : "application/atom+xml";
      expect([feed, headersForPath(rules, feed)["content-type"]]).toEqual([feed, `${type}; charset=utf-8`]);
    }
  });
});
