// A fixture site with hostile and unusual input that must still build, safely.
import { cpSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, test } from "vitest";
import { projectRoot, runBuild, tempFolder, type BuildRun } from "../support/run-build.ts";
import { loadPage } from "../support/site.ts";

let build: BuildRun;
beforeAll(() => {
  build = runBuild({ content: path.join(projectRoot, "tests/fixtures/sites/edge-cases/issues") });
});

describe("edge-case fixture site", () => {
  test("builds", () => {
    expect(build.stderr).toBe("");
    expect(build.status).toBe(0);
  });

  test("template syntax in an issue is shown literally, never run", () => {
    const $ = loadPage(build.output, "/issues/templating/");
    const text = $(".issue-body").text();
    expect(text).toContain("{{ site.title }}");
    expect(text).toContain("{% for item in collections.all %}{{ item }}{% endfor %}");
    expect(text).toContain("{# a comment #}");
    expect($(".issue-body code").text()).toBe("{{ code }}");
  });

  test("tags that differ only in case and # are one tag", () => {
    const $ = loadPage(build.output, "/issues/templating/");
    const tags = $(".issue-header .tag-list a").map((_, a) => $(a).attr("href")).get();
    expect(tags).toEqual(["/tags/machine-learning/", "/tags/templates/"]);
  });

  test("a title with markup, quotes and ampersands is escaped everywhere it appears", () => {
    const title = `Quotes "double" & 'single' <script>alert(1)</script>`;
    const $ = loadPage(build.output, "/issues/escaping/");
    expect($("script").not('[type="application/ld+json"]').length).toBe(0);
    expect($("h1").text()).toBe(title);
    expect($(".issue-authors").text()).toBe("by Ada <Lovelace>");
    expect($("title").text()).toBe(`${title} · Machine Learning Letters`);
    expect($('meta[property="og:title"]').attr("content")).toBe(title);
    expect($('meta[name="twitter:title"]').attr("content")).toBe(title);
    const jsonLd = $('script[type="application/ld+json"]').html() ?? "";
    expect(jsonLd).not.toContain("</script");
    expect((JSON.parse(jsonLd) as { headline: string }).headline).toBe(title);
    const home = loadPage(build.output, "/");
    const card = home(".issue-card").filter((_, element) => home(element).find('a[href="/issues/escaping/"]').length > 0);
    expect(card.find("h2 a").text()).toBe(title);
    expect(card.find(".issue-card__summary").text()).toBe(`A summary with <b>tags</b> & ampersands "quoted".`);
    expect(home("b").length).toBe(0);
  });

  test("a javascript: link is not a link and raw HTML is text", () => {
    const $ = loadPage(build.output, "/issues/escaping/");
    expect($('a[href^="javascript"]').length).toBe(0);
    expect($(".issue-body").text()).toContain("<script>alert(2)</script>");
  });

  test("table alignment is a class, not an inline style", () => {
    const $ = loadPage(build.output, "/issues/escaping/");
    expect($("[style]").length).toBe(0);
    expect($("td.align-right").text().trim()).toBe("1");
    expect($("th.align-center").text().trim()).toBe("Centre");
  });
});

describe("inputs that must build", () => {
  test("a UTF-8 byte order mark and CRLF line endings", () => {
    const $ = loadPage(build.output, "/issues/windows-line-endings/");
    expect($("h1").text()).toBe("Windows line endings");
    expect($(".issue-body li").length).toBe(2);
    expect($(".issue-body").text()).not.toContain("---");
  });

  test("a 2 MB issue", () => {
    const content = path.join(tempFolder("large-"), "issues");
    mkdirSync(content);
    const paragraph = "A long newsletter paragraph about transformers, retrieval and scaling laws. ".repeat(20);
    const sections = Array.from({ length: 1400 }, (_, index) => `## Section ${index + 1}\n\n${paragraph}\n`);
    const body = sections.join("\n");
    expect(body.length).toBeGreaterThan(2_000_000);
    writeFileSync(
      path.join(content, "2022-05-01-large.md"),
      `---\ntitle: "A very long issue"\ndate: "2022-05-01"\nseries: link-digest\nsummary: "Two megabytes of text."\n---\n${body}`,
    );
    const large = runBuild({ content });
    expect(large.status).toBe(0);
    const $ = loadPage(large.output, "/issues/large/");
    expect($(".issue-body h2").length).toBe(1400);
    expect($(".toc li").length).toBe(1400);
  });
});

test("a content folder the project's .gitignore lists still builds every issue page", () => {
  const content = path.join(projectRoot, "bench/corpus", `gitignored-${process.pid}`);
  cpSync(path.join(projectRoot, "tests/fixtures/sites/edge-cases/issues"), content, { recursive: true });
  try {
    const ignored = runBuild({ content });
    expect(ignored.status).toBe(0);
    expect(loadPage(ignored.output, "/issues/escaping/")("h1").length).toBe(1);
  } finally {
    rmSync(content, { recursive: true, force: true });
  }
});
