import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { runImport, type ImportOptions } from "../../src/import/run-import.ts";
import { importReport } from "../../src/import/report.ts";
import type { ImportKind } from "../../src/import/source-post.ts";
import { tempFolder } from "../support/run-build.ts";
import { buttondownZip, ghostExport, jsonFeed, png, rssFeed, substackZip, wordpressWxr, writeFiles } from "../fixtures/import/exports.ts";

const now = new Date("2026-01-01T00:00:00Z");

async function importOnce(kind: ImportKind, files: Record<string, string | Uint8Array>, source: string, extra: Partial<ImportOptions> = {}) {
  const folder = tempFolder(`import-${kind}-`);
  writeFiles(folder, files);
  const content = path.join(folder, "issues");
  const outcome = await runImport({ kind, source: path.join(folder, source), content, series: "lab-notes", seriesFromTag: new Map(), dryRun: false, force: false, now, ...extra });
  const read = (name: string) => readFileSync(path.join(content, name), "utf8");
  return { outcome, content, read, report: importReport(outcome) };
}

describe("substack", () => {
  let run: Awaited<ReturnType<typeof importOnce>>;
  beforeAll(async () => {
    run = await importOnce("substack", { "export.zip": substackZip() }, "export.zip", { oldSite: "https://example.substack.com" });
  });

  it("writes each post but the thread, dated in newsletter.yml's zone, with its subtitle, old path and source", () => {
    expect(readdirSync(run.content).sort()).toEqual([
      "2021-03-04-field-notes-one.md",
      "2021-04-01-members-corner.md",
      "2021-05-01-episode-one.md",
      "images-to-fetch.txt",
      // The unpublished post has no date: a reported failure, not a file.
    ]);
    const text = run.read("2021-03-04-field-notes-one.md");
    expect(text).toMatch(/^---\ntitle: "Field notes, one"\ndate: "2021-03-04"\nseries: lab-notes\nsummary: "A subtitle, with a comma"\nsource: "https:\/\/example.substack.com\/p\/field-notes-one"\naliases: \["\/p\/field-notes-one"\]\nimported: sha256-[0-9a-f]{64}\n---\n/);
    expect(run.outcome.skipped).toEqual([{ origin: "posts.csv:6 (105.a-thread)", reason: "a thread, not a post" }]);
    expect(run.outcome.failures).toEqual([expect.stringContaining("posts.csv:4 (103.unfinished-thoughts): date: expected a publication date, got none")]);
  });

  it("converts the body: headings from ##, $ escaped, the figure with its original image, footnote, LaTeX and code; chrome gone", () => {
    const body = run.read("2021-03-04-field-notes-one.md").split("\n---\n")[1] ?? "";
    expect(body).toContain("## Opening\n\nHello **readers**, this costs \\$5 and _time_.");
    expect(body).toContain('![A falling loss curve](field-notes-one/loss-curve.png "The loss after 10 epochs")');
    expect(body).toContain("A claim that needs a source[^1].");
    expect(body).toContain("$$\n\\nabla L = 0\n$$");
    expect(body).toContain("### Details\n\n```python\nprint(\"hi\")\n```");
    expect(body).toContain("[An older post](https://other.substack.com/p/older)");
    expect(body).toContain("[^1]: Smith, _On losses_, 2020.");
    for (const gone of ["Subscribe", "subscribe", "open.png", "paywall", "\n\n\n"]) expect(body).not.toContain(gone);
    expect(readFileSync(path.join(run.content, "images-to-fetch.txt"), "utf8")).toContain(
      "https://substack-post-media.s3.amazonaws.com/public/images/loss-curve.png field-notes-one/loss-curve.png\n",
    );
  });

  it("imports paid-only posts as drafts, keeps the podcast as a link, and never mentions the subscribers beyond one line", () => {
    expect(run.read("2021-04-01-members-corner.md")).toContain("\ndraft: true\n");
    expect(run.read("2021-05-01-episode-one.md")).toContain("[Listen to the episode](https://example.com/ep1.mp3)");
    expect(run.report.filter((line) => line.includes("email_list"))).toEqual([expect.stringMatching(/email_list\.example\.csv: the subscriber list, skipped without reading it$/)]);
    expect(run.report.join("\n")).not.toContain("reader@example.com");
    expect(run.report.some((line) => /^draft .*members-corner\.md: paid-only on the old site$/.test(line))).toBe(true);
    expect(run.report.at(-1)).toMatch(/^Imported 3 posts from .*export\.zip \(1 draft, 1 paid-only, 1 skipped, 1 failure\), 0 images copied, 3 redirects; 1 image to fetch: see .*images-to-fetch\.txt$/);
  });
});

describe("ghost", () => {
  let run: Awaited<ReturnType<typeof importOnce>>;
  beforeAll(async () => {
    run = await importOnce(
      "ghost",
      { "ghost.json": JSON.stringify(ghostExport), "content/images/2021/05/diagram.png": png(1), "content/images/2021/05/cover.png": png(2) },
      "ghost.json",
      { seriesFromTag: new Map([["research", "link-digest"]]) },
    );
  });

  it("writes posts, not pages: tags and authors in sort order without internal tags, the excerpt, a mapped series, scheduled as a draft", () => {
    expect(readdirSync(run.content).sort()).toEqual(["2021-05-10-ghost-in-the-machine.md", "2021-06-01-paid-deep-dive.md", "2031-06-01-next-week.md", "ghost-in-the-machine"]);
    const text = run.read("2021-05-10-ghost-in-the-machine.md");
    expect(text).toContain('series: link-digest\nsummary: "How the machine works."\ntags: ["Machine Learning", "Research"]\nauthors: ["Ada Lovelace", "Alan Turing"]\naliases: ["/ghost-in-the-machine/"]\n');
    expect(run.read("2031-06-01-next-week.md")).toContain("draft: true");
    expect(run.read("2021-06-01-paid-deep-dive.md")).toContain("draft: true");
    expect(run.outcome.skipped).toEqual([{ origin: expect.stringContaining("db[0].data.posts[1] (about)"), reason: "a page, not a post" }]);
  });

  it("copies the images beside the export into the issue's folder, feature image first, and converts the cards", () => {
    const body = run.read("2021-05-10-ghost-in-the-machine.md").split("\n---\n")[1] ?? "";
    expect(body.trim().startsWith('![A cover](ghost-in-the-machine/cover.png "Cover art")')).toBe(true);
    expect(body).toContain('![A block diagram](ghost-in-the-machine/diagram.png "The pipeline")');
    expect(body).toContain("| Model | Score |\n| --- | --- |\n| A | 1 |");
    expect(body).toContain("[A paper](https://example.com/paper)");
    expect(body).toContain("[Embedded iframe: https://www.youtube.com/embed/xyz](https://www.youtube.com/embed/xyz)");
    expect(body).toContain("[link](/older-post/)");
    expect(body).not.toContain("Sign up");
    expect(body).not.toContain("kg-card");
    expect(readFileSync(path.join(run.content, "ghost-in-the-machine/diagram.png"))).toEqual(Buffer.from(png(1)));
    expect(run.outcome.imagesWritten).toBe(2);
    expect(run.report).toContain(`lossy ${path.relative(process.cwd(), path.join(run.content, "2021-05-10-ghost-in-the-machine.md"))}: an embedded iframe (https://www.youtube.com/embed/xyz), kept as a link`);
  });
});

describe("buttondown", () => {
  let run: Awaited<ReturnType<typeof importOnce>>;
  beforeAll(async () => {
    run = await importOnce("buttondown", { "buttondown.zip": buttondownZip() }, "buttondown.zip");
  });

  it("reads Markdown and fancy HTML bodies, removes template tags, copies the zip's image with a marked placeholder alt", () => {
    const markdown = run.read("2022-01-07-weekly-digest-1.md");
    expect(markdown).toContain("## Weekly digest\n\nSome *Markdown* with a footnote[^a] and maths $a^2 + b^2$.");
    expect(markdown).toContain("![TODO: describe photo.png](weekly-digest-1/photo.png)");
    expect(markdown).toContain("### Links");
    expect(markdown).not.toContain("subscribe_form");
    expect(readFileSync(path.join(run.content, "weekly-digest-1/photo.png"))).toEqual(Buffer.from(png(3)));
    const fancy = run.read("2022-01-14-fancy-issue.md");
    expect(fancy).toContain('summary: "A fancy one"');
    expect(fancy).toContain("## Fancy\n\nRich **text**. Hidden");
    expect(run.read("2022-01-21-premium-notes.md")).toContain("draft: true");
    expect(run.report.some((line) => line.endsWith("weekly-digest-1/photo.png has none in the export; its alt says TODO"))).toBe(true);
    expect(run.report.some((line) => /subscribers\.csv: the subscriber list, skipped without reading it$/.test(line))).toBe(true);
  });
});

describe("wordpress", () => {
  let run: Awaited<ReturnType<typeof importOnce>>;
  beforeAll(async () => {
    run = await importOnce("wordpress", { "export.xml": wordpressWxr }, "export.xml");
  });

  it("writes posts with categories and tags, the author's display name, the permalink as alias and source", () => {
    expect(readdirSync(run.content).sort()).toEqual(["2020-02-03-compilers-and-me.md", "2020-02-04-classic-editor-post.md", "images-to-fetch.txt"]);
    const text = run.read("2020-02-03-compilers-and-me.md");
    expect(text).toContain('title: "Compilers & me"');
    expect(text).toContain('tags: ["History", "compilers"]\nauthors: ["Grace Hopper"]\nsource: "https://oldblog.example.com/2020/02/03/compilers-and-me/"\naliases: ["/2020/02/03/compilers-and-me/"]');
    expect(run.outcome.skipped).toEqual([{ origin: expect.stringContaining("item 4 (trashed)"), reason: "status trash" }]);
  });

  it("converts Gutenberg and classic bodies, the caption shortcode to a figure, Jetpack LaTeX to maths, and reports the gallery", () => {
    const body = run.read("2020-02-03-compilers-and-me.md").split("\n---\n")[1] ?? "";
    expect(body).toContain("First paragraph with $e^{i\\pi} + 1 = 0$ inline.");
    expect(body).toContain('![The first compiler](compilers-and-me/compiler.png "The first compiler")');
    expect(body).toContain("```c\nint main(void) { return 0; }\n```");
    expect(body).toContain("## Later");
    expect(body).not.toContain("wp:");
    expect(run.report.some((line) => line.endsWith("compilers-and-me.md: the shortcode [gallery], kept as text"))).toBe(true);
    const classic = run.read("2020-02-04-classic-editor-post.md");
    expect(classic).toContain('summary: "A classic excerpt."');
    expect(classic).toContain("draft: true");
    expect(classic).toContain("Line one of the first paragraph.\n\nSecond paragraph.");
    expect(classic).not.toContain("aliases");
  });
});

describe("feeds", () => {
  it("reads RSS with full content or, said in the report, the summary; JSON Feed too", async () => {
    const rss = await importOnce("feed", { "rss.xml": rssFeed }, "rss.xml");
    expect(rss.read("2022-01-05-full-text-item.md")).toContain('summary: "A short description."\ntags: ["Biology"]\nauthors: ["Rosalind Franklin"]');
    expect(rss.read("2022-01-05-full-text-item.md")).toContain("The full text, with `code`.\n\n> A quote.");
    expect(rss.read("2022-01-06-summary-only.md")).toContain("Only this summary is in the feed.");
    expect(rss.report).toContain(`${path.relative(process.cwd(), path.join(path.dirname(rss.content), "rss.xml"))}: 1 of 2 entries have only a summary, imported as their text: the feed holds no more`);
    const json = await importOnce("feed", { "feed.json": jsonFeed }, "feed.json");
    expect(json.read("2022-02-01-json-note.md")).toContain('tags: ["notes"]\nauthors: ["Barbara Liskov"]\nsource: "https://json.example.org/notes/json-note/"\naliases: ["/notes/json-note/"]');
  });
});
