import { readFileSync } from "node:fs";
import path from "node:path";
import type { CheerioAPI } from "cheerio";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { runImport, type ImportOptions, type ImportOutcome } from "../../src/import/run-import.ts";
import type { ImportKind } from "../../src/import/source-post.ts";
import { runBuild, tempFolder, type BuildRun } from "../support/run-build.ts";
import { loadPage, pageExists } from "../support/site.ts";
import { buttondownZip, ghostExport, jsonFeed, png, rssFeed, substackZip, wordpressWxr, writeFiles } from "../fixtures/import/exports.ts";

const now = new Date("2026-01-01T00:00:00Z");

describe("an archive imported from every kind, built", () => {
  let content: string;
  let before: BuildRun;
  let build: BuildRun;
  const outcomes: ImportOutcome[] = [];

  beforeAll(async () => {
    const folder = tempFolder("import-build-");
    writeFiles(folder, {
      "substack.zip": substackZip(),
      "ghost.json": JSON.stringify(ghostExport),
      "content/images/2021/05/diagram.png": png(1),
      "content/images/2021/05/cover.png": png(2),
      "buttondown.zip": buttondownZip(),
      "wordpress.xml": wordpressWxr,
      "rss.xml": rssFeed,
      "feed.json": jsonFeed,
    });
    content = path.join(folder, "issues");
    const run = (kind: ImportKind, source: string, extra: Partial<ImportOptions> = {}) =>
      runImport({ kind, source: path.join(folder, source), content, series: "lab-notes", seriesFromTag: new Map(), dryRun: false, force: false, now, ...extra });
    outcomes.push(await run("substack", "substack.zip"));
    outcomes.push(await run("ghost", "ghost.json", { seriesFromTag: new Map([["research", "link-digest"]]) }));
    outcomes.push(await run("buttondown", "buttondown.zip"));
    outcomes.push(await run("wordpress", "wordpress.xml"));
    outcomes.push(await run("feed", "rss.xml"));
    outcomes.push(await run("feed", "feed.json"));
    // Before the remote images are fetched, the build names each one missing.
    before = runBuild({ content });
    // The publisher runs images-to-fetch.txt through a downloader: here, files at its paths.
    for (const line of readFileSync(path.join(content, "images-to-fetch.txt"), "utf8").split("\n")) {
      if (line && !line.startsWith("#")) writeFiles(content, { [line.split(" ")[1] as string]: png(9) });
    }
    build = runBuild({ content });
  });

  it("every post but the undated draft imported; the build fails only on the images still to fetch, then succeeds", () => {
    expect(outcomes.flatMap((outcome) => outcome.failures)).toEqual([expect.stringContaining("103.unfinished-thoughts): date: expected a publication date, got none")]);
    expect(before.status).toBe(1);
    const missing = before.stderr.split("\n").filter((line) => line.includes(": image: "));
    expect(missing).toEqual([
      expect.stringMatching(/2020-02-03-compilers-and-me\.md:\d+: image: expected a PNG, JPEG, GIF, WebP, AVIF or SVG image at "compilers-and-me\/compiler\.png", got/),
      expect.stringMatching(/2021-03-04-field-notes-one\.md:\d+: image: expected a PNG, JPEG, GIF, WebP, AVIF or SVG image at "field-notes-one\/loss-curve\.png", got/),
    ]);
    expect(build.status, build.stderr).toBe(0);
  });

  it("shows each kind's issue with its figure, footnote, maths and code as the site renders them; drafts not built", () => {
    const substack = loadPage(build.output, "/issues/field-notes-one/");
    expect(substack("h1").text()).toContain("Field notes, one");
    expect(substack("figure figcaption").first().text().trim()).toBe("The loss after 10 epochs");
    expect(substack(".issue-body .footnotes li").first().text()).toContain("Smith, On losses, 2020.");
    expect(substack('annotation[encoding="application/x-tex"]').text().trim()).toBe("\\nabla L = 0");
    expect(substack("pre code").text()).toContain('print("hi")');
    const ghost = loadPage(build.output, "/issues/ghost-in-the-machine/");
    expect(ghost(".issue-body table th").map((_, th) => ghost(th).text()).get()).toEqual(["Model", "Score"]);
    expect(ghost('.issue-body img[alt="A block diagram"]').length).toBe(1);
    expect(loadPage(build.output, "/issues/weekly-digest-1/")('annotation[encoding="application/x-tex"]').text()).toBe("a^2 + b^2");
    expect(loadPage(build.output, "/issues/compilers-and-me/")('annotation[encoding="application/x-tex"]').text()).toBe("e^{i\\pi} + 1 = 0");
    expect(pageExists(build.output, "/issues/full-text-item/")).toBe(true);
    expect(pageExists(build.output, "/issues/json-note/")).toBe(true);
    for (const draft of ["members-corner", "paid-deep-dive", "next-week", "premium-notes", "classic-editor-post"]) expect(pageExists(build.output, `/issues/${draft}/`)).toBe(false);
  });

  it("writes _redirects from every published issue's old path", () => {
    const redirects = readFileSync(path.join(build.output, "_redirects"), "utf8").trim().split("\n");
    expect(redirects).toEqual(
      expect.arrayContaining([
        "/p/field-notes-one /issues/field-notes-one/ 301",
        "/p/episode-one /issues/episode-one/ 301",
        "/ghost-in-the-machine/ /issues/ghost-in-the-machine/ 301",
        "/2020/02/03/compilers-and-me/ /issues/compilers-and-me/ 301",
        "/posts/full-text-item/ /issues/full-text-item/ 301",
        "/notes/json-note/ /issues/json-note/ 301",
      ]),
    );
    // Drafts are not on the site, so nothing redirects to them.
    expect(redirects.some((line) => line.includes("members-corner"))).toBe(false);
  });
});

describe("round trip: this site's Atom feed imported into an empty folder and built", () => {
  let original: string;
  let imported: BuildRun;
  let outcome: ImportOutcome;

  beforeAll(async () => {
    original = inject("realSite");
    const content = path.join(tempFolder("import-round-trip-"), "issues");
    outcome = await runImport({ kind: "feed", source: path.join(original, "feed.xml"), content, series: "lab-notes", seriesFromTag: new Map(), dryRun: false, force: false, now });
    imported = runBuild({ content });
  });

  const shape = ($: CheerioAPI) => {
    const body = $(".issue-body");
    const texts = (selector: string) => body.find(selector).map((_, element) => $(element).text().replace(/\s+/g, " ").trim()).get();
    return {
      headings: texts("h2, h3, h4, h5, h6").map((text) => `${text}`),
      levels: body.find("h2, h3, h4, h5, h6").map((_, element) => (element as { tagName: string }).tagName).get(),
      footnotes: texts(".footnotes li"),
      maths: body.find('annotation[encoding="application/x-tex"]').map((_, element) => $(element).text()).get(),
      figures: texts("figure figcaption"),
      callouts: body.find(".callout").map((_, element) => $(element).attr("class")).get(),
      tags: $(".issue-header .tag-list a").map((_, element) => $(element).text().trim()).get(),
      text: body.text().replace(/\s+/g, " ").trim(),
    };
  };

  it("gives the five issue pages the text and structure of the originals: headings, footnotes, maths, figures, callouts, tags", () => {
    expect(outcome.failures).toEqual([]);
    expect(imported.status, imported.stderr).toBe(0);
    const slugs = outcome.issues.map((issue) => issue.planned.slug).sort();
    expect(slugs).toEqual(["gradient-update-20", "lab-notes-gpt3-contrastive-hebbian", "link-digest-moores-law-ai-progress", "neurips-2020-takeaways", "zeta-alpha-trends-march-2022"]);
    for (const slug of slugs) {
      const before = shape(loadPage(original, `/issues/${slug}/`));
      const after = shape(loadPage(imported.output, `/issues/${slug}/`));
      expect(after, slug).toEqual(before);
    }
    const maths = slugs.flatMap((slug) => shape(loadPage(imported.output, `/issues/${slug}/`)).maths);
    expect(maths.length).toBeGreaterThan(0);
    // Their own addresses: nothing to redirect.
    expect(pageExists(imported.output, "/_redirects")).toBe(false);
  });
});
