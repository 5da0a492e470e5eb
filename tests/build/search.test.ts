// Search: `npm run build` indexes the issue pages with Pagefind into _site/pagefind/, inside the
// atomic build; the issue pages mark what Pagefind reads; every page can search without JavaScript.
import { cpSync, existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, inject, test } from "vitest";
import { siteManifest } from "../support/manifest.ts";
import { projectRoot, runBuild, runServeModeBuild, tempFolder } from "../support/run-build.ts";
import { loadPage } from "../support/site.ts";

const site = inject("realSite");

/** Every HTML page of a built site, as site URLs (`/issues/x/`). */
function pageUrls(folder: string): string[] {
  return readdirSync(folder, { recursive: true, encoding: "utf8" })
    .filter((file) => file.endsWith(".html") && !file.startsWith("pagefind/"))
    .map((file) => `/${file.split(path.sep).join("/")}`.replace(/index\.html$/, ""))
    .sort();
}

/** The issue pages: one per Markdown file in the content folder. */
function issueUrls(folder: string): string[] {
  return pageUrls(folder).filter((url) => /^\/issues\/[^/]+\/$/.test(url));
}

interface PagefindEntry {
  version: string;
  languages: Record<string, { page_count: number }>;
}

function pagefindEntry(folder: string): PagefindEntry {
  return JSON.parse(readFileSync(path.join(folder, "pagefind/pagefind-entry.json"), "utf8")) as PagefindEntry;
}

function indexedPages(folder: string): number {
  return Object.values(pagefindEntry(folder).languages).reduce((sum, language) => sum + language.page_count, 0);
}

describe("the real site's search index", () => {
  const issues = issueUrls(site);

  test("is in pagefind/: Pagefind's script, WebAssembly, Component UI, and the index of one language", () => {
    expect(issues).toHaveLength(readdirSync(path.join(projectRoot, "issues")).filter((file) => file.endsWith(".md")).length);
    for (const file of ["pagefind.js", "pagefind-worker.js", "wasm.en.pagefind", "pagefind-component-ui.js", "pagefind-component-ui.css"]) {
      expect(existsSync(path.join(site, "pagefind", file)), file).toBe(true);
    }
    expect(Object.keys(pagefindEntry(site).languages)).toEqual(["en"]);
    expect(readdirSync(path.join(site, "pagefind/index")).length).toBeGreaterThan(0);
    // The playground (a debugging UI) is not published.
    expect(existsSync(path.join(site, "pagefind/playground"))).toBe(false);
  });

  test("holds the issue pages and nothing else: as many indexed pages as issues, one fragment each", () => {
    expect(indexedPages(site)).toBe(issues.length);
    expect(readdirSync(path.join(site, "pagefind/fragment"))).toHaveLength(issues.length);
  });

  test("only issue pages mark content to index, each with exactly one data-pagefind-body: its article", () => {
    for (const url of pageUrls(site)) {
      const $ = loadPage(site, url);
      const bodies = $("[data-pagefind-body]");
      if (issues.includes(url)) {
        expect(bodies.length, url).toBe(1);
        expect(bodies.is("article.issue"), url).toBe(true);
      } else {
        expect(bodies.length, url).toBe(0);
      }
    }
  });

  test("every issue page has a date sort key, a year and series filter, and date and summary metadata", () => {
    for (const url of issues) {
      const $ = loadPage(site, url);
      const article = $("article[data-pagefind-body]");
      const date = $(".issue-meta time").attr("datetime") ?? "";
      expect(date, url).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect($("[data-pagefind-sort]").map((_, element) => $(element).attr("data-pagefind-sort")).get(), url).toEqual([`date:${date}`]);
      expect(article.attr("data-pagefind-filter"), url).toBe(`year:${date.slice(0, 4)}`);
      expect(article.attr("data-pagefind-meta"), url).toBe(`summary:${$('meta[name="description"]').attr("content")}`);
      expect($('[data-pagefind-filter="series"]').text(), url).toBe($(".issue-series a").text());
      expect($('[data-pagefind-meta="series"]').is(".issue-series a"), url).toBe(true);
      expect($('time[data-pagefind-meta="date[datetime]"]').length, url).toBe(1);
      const tags = $(".issue-header .tag-list a").map((_, a) => $(a).text()).get();
      expect($('[data-pagefind-filter="tags"]').map((_, a) => $(a).text()).get(), url).toEqual(tags);
      expect($(".issue-header .tag-list").attr("data-pagefind-meta"), url).toBe(`tags:${tags.join(", ")}`);
    }
  });

  test("the title is weighted above body text; header details, contents, source, related issues and pager are not indexed", () => {
    const $ = loadPage(site, "/issues/gradient-update-20/");
    expect($("h1#issue-title").attr("data-pagefind-weight")).toBe("10");
    expect($(".issue-number").attr("data-pagefind-meta")).toBe("number:20");
    for (const selector of [".issue-series", ".issue-meta", ".issue-header .tag-list", "nav.toc"]) {
      expect($(selector).is("[data-pagefind-ignore]"), selector).toBe(true);
    }
    expect($("article [data-pagefind-ignore]").length).toBeGreaterThanOrEqual(4);
    // Related issues, the pager, header and footer lie outside the article Pagefind reads.
    expect($("[data-pagefind-body] aside.related, [data-pagefind-body] nav.pager, [data-pagefind-body] .site-header").length).toBe(0);
    expect($("aside.related").length + $("nav.pager").length).toBeGreaterThan(0);
    const zeta = loadPage(site, "/issues/zeta-alpha-trends-march-2022/");
    expect(zeta(".issue-source").is("[data-pagefind-ignore]")).toBe(true);
  });

  test("every heading in an issue's body has an id, so a match deep in a roundup lands on its section", () => {
    for (const url of issues) {
      const $ = loadPage(site, url);
      const headings = $(".issue-body h2, .issue-body h3, .issue-body h4");
      expect(headings.length, url).toBeGreaterThan(0);
      headings.each((_, heading) => {
        expect($(heading).attr("id"), `${url}: ${$(heading).text()}`).toBeTruthy();
      });
    }
  });
});

describe("the search page", () => {
  const $ = loadPage(site, "/search/");

  test("loads Pagefind's Component UI from the bundle and the site's script, as files that exist", () => {
    const stylesheets = $('link[rel="stylesheet"]').map((_, link) => $(link).attr("href")).get();
    const scripts = $("script[src]").map((_, script) => $(script).attr("src")).get();
    expect(stylesheets).toContain("/pagefind/pagefind-component-ui.css");
    expect(scripts[0]).toBe("/pagefind/pagefind-component-ui.js");
    expect(scripts[1]).toMatch(/^\/assets\/search\.[0-9a-f]{10}\.js$/);
    for (const href of [...stylesheets, ...scripts]) expect(existsSync(path.join(site, href)), href).toBe(true);
    expect($("script[src]").toArray().every((script) => script.attribs.defer !== undefined)).toBe(true);
    // Pagefind's result template is a data block, never run.
    expect($('script:not([src]):not([type="text/pagefind-template"])').length).toBe(0);
  });

  test("has the Component UI's input, summary, filters and results, a sort order, and a no-results message", () => {
    expect($("[data-search][hidden] pagefind-input").length).toBe(1);
    expect($("[data-search] pagefind-summary").length).toBe(1);
    expect($("[data-search] pagefind-filter-pane").length).toBe(1);
    expect($("[data-search] pagefind-results").length).toBe(1);
    expect($("select#search-sort option").map((_, option) => $(option).attr("value")).get()).toEqual(["relevance", "newest", "oldest"]);
    expect($('label[for="search-sort"]').text()).toBe("Sort by");
    expect($("[data-search-empty][hidden]").length).toBe(1);
  });

  test("without JavaScript, says that search needs it and links the tag, series and date archives", () => {
    const fallback = $("noscript").text();
    expect(fallback).toContain("needs JavaScript");
    const links = [...fallback.matchAll(/href="([^"]+)"/g)].map((match) => match[1]);
    expect(links).toEqual(["/tags/", "/series/", "/archive/"]);
  });

  test("the site's script is bundled: no imports left, small", () => {
    const src = $("script[src^='/assets/']").attr("src") ?? "";
    const code = readFileSync(path.join(site, src), "utf8");
    expect(code).not.toMatch(/^\s*import\s/m);
    expect(code).toContain("PagefindComponents");
    expect(code.length).toBeLessThan(20_000);
  });
});

describe("every page's header", () => {
  test("has a search form that submits q to /search/ without JavaScript, and Search in the site navigation", () => {
    const pages = pageUrls(site);
    expect(pages.length).toBeGreaterThan(20);
    for (const url of pages) {
      const $ = loadPage(site, url);
      const form = $(".site-header form");
      // The search page's own box is its only one.
      if (url === "/search/") {
        expect(form.length).toBe(0);
        expect($("pagefind-input").length).toBe(1);
        continue;
      }
      expect(form.length, url).toBe(1);
      expect(form.attr("action"), url).toBe("/search/");
      expect(form.attr("method"), url).toBe("get");
      expect(form.attr("role"), url).toBe("search");
      const input = form.find('input[type="search"]');
      expect(input.attr("name"), url).toBe("q");
      expect(form.find(`label[for="${input.attr("id")}"]`).text().trim(), url).not.toBe("");
      expect(form.find('button[type="submit"]').text().trim(), url).toBe("Search");
      expect($('.site-nav a[href="/search/"]').text(), url).toBe("Search");
    }
    expect(loadPage(site, "/search/")('.site-nav a[href="/search/"]').attr("aria-current")).toBe("page");
  });
});

describe("building the index", () => {
  test("a failed index fails the build and leaves the previous site exactly as it was", () => {
    const root = tempFolder("search-atomic-");
    const content = path.join(root, "issues");
    const output = path.join(root, "_site");
    cpSync(path.join(projectRoot, "issues"), content, { recursive: true });
    expect(runBuild({ content, output }).status).toBe(0);
    const before = siteManifest(output);
    expect(Object.keys(before).some((file) => file.startsWith("pagefind/"))).toBe(true);

    // Pagefind's own override of its binary, pointed at nothing: the indexer cannot start.
    const failed = runBuild({ content, output, env: { PAGEFIND_EXTENDED_BINARY_PATH: path.join(root, "no-such-pagefind") } });
    expect(failed.status).not.toBe(0);
    expect(failed.stderr).toContain(`Build failed; the previous site at ${output} is unchanged.`);
    expect(failed.stderr).toMatch(/search index: .+ failed/);
    expect(siteManifest(output)).toEqual(before);
    expect(readdirSync(root).sort()).toEqual([".site-builds", "_site", "issues"]);
  });

  test("npm start indexes the site it serves after each build", () => {
    const content = path.join(tempFolder("search-serve-"), "issues");
    cpSync(path.join(projectRoot, "issues"), content, { recursive: true });
    const build = runServeModeBuild({ content });
    expect(build.stderr).toBe("");
    expect(build.status).toBe(0);
    expect(build.stdout).toMatch(/\[search\] Indexed \d+ issues into .+pagefind in \d+ ms/);
    expect(indexedPages(build.output)).toBe(issueUrls(build.output).length);
  });

  test("an archive whose only issue is a draft builds, with an empty index and a search page that says so", () => {
    const content = tempFolder("search-drafts-only-");
    writeFileSync(
      path.join(content, "2022-01-01-draft.md"),
      '---\ntitle: "A draft about transformers"\ndate: "2022-01-01"\nseries: lab-notes\nsummary: "Not yet."\ndraft: true\n---\n## Transformers\n\nText.\n',
    );
    const build = runBuild({ content });
    expect(build.stderr).toBe("");
    expect(build.status).toBe(0);
    expect(issueUrls(build.output)).toEqual([]);
    expect(indexedPages(build.output)).toBe(0);
    expect(loadPage(build.output, "/search/")("main").text()).toContain("There are no issues to search yet.");
  });
});
