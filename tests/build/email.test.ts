// The email edition of the five shipped issues, made by `npm run email -- --all` from the real
// site (built by globalSetup with the shipped newsletter.yml, which has an email section), read
// with real parsers: html-validate, cheerio, mailparser. Plus feeds with email-safe maths, and
// the command's refusals.
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import * as cheerio from "cheerio";
import { HtmlValidate } from "html-validate";
import { simpleParser, type ParsedMail } from "mailparser";
import { beforeAll, describe, expect, inject, test } from "vitest";
import { pngFileSize } from "../../src/email/maths-images.ts";
import { projectRoot, runBuild, tempFolder } from "../support/run-build.ts";

const tsxCli = path.join(projectRoot, "node_modules/tsx/dist/cli.mjs");
const baseUrl = "https://newsletter-archive.example.org/";
const labNotes = "lab-notes-gpt3-contrastive-hebbian";

function runEmail(args: string[], env: Record<string, string> = {}) {
  return spawnSync(process.execPath, [tsxCli, "src/cli/email.ts", ...args], { cwd: projectRoot, encoding: "utf8", env: { ...process.env, ...env } });
}

// The site's own html-validate rules, and two departures email needs: styles are inline because
// Gmail and Outlook drop <style>, and Outlook sizes tables by width/cellpadding/border attributes.
const validator = new HtmlValidate({
  root: true,
  extends: ["html-validate:recommended"],
  rules: {
    "no-inline-style": "off",
    "no-deprecated-attr": "off",
    "valid-id": ["error", { relaxed: true }],
    "aria-label-misuse": ["error", { allowAnyNamable: true }],
    "long-title": "off",
  },
});

let site = "";
let out = "";
let run: ReturnType<typeof runEmail>;
let slugs: string[] = [];
const messages = new Map<string, ParsedMail>();

beforeAll(async () => {
  site = inject("realSite");
  out = tempFolder("email-out-");
  run = runEmail(["--all", "--site", site, "--out", out]);
  slugs = readdirSync(path.join(site, "issues")).sort();
  for (const slug of slugs) {
    if (existsSync(path.join(out, `${slug}.eml`))) messages.set(slug, await simpleParser(readFileSync(path.join(out, `${slug}.eml`))));
  }
});

const html = (slug: string) => readFileSync(path.join(out, `${slug}.html`), "utf8");
const text = (slug: string) => readFileSync(path.join(out, `${slug}.txt`), "utf8");

describe("npm run email -- --all on the shipped issues", () => {
  test("writes the three files of each of the five issues and says so", () => {
    expect(run.status, run.stderr).toBe(0);
    expect(slugs).toHaveLength(5);
    expect(run.stdout).toMatch(/^Wrote 5 editions \(15 files\) into .+ in \d+\.\d\d s\.\n$/);
    expect(readdirSync(out).sort()).toEqual(slugs.flatMap((slug) => [`${slug}.eml`, `${slug}.html`, `${slug}.txt`]).sort());
  });

  test("each HTML part is valid HTML under 100 KB, with no script, form or external CSS", async () => {
    for (const slug of slugs) {
      const page = html(slug);
      const report = await validator.validateString(page, `${slug}.html`);
      expect(report.results.flatMap((result) => result.messages.map((message) => `${message.ruleId}: ${message.message}`)), slug).toEqual([]);
      expect(Buffer.byteLength(page), slug).toBeLessThan(100 * 1024);
      expect(page, slug).not.toMatch(/<script|<form|<link|<iframe|class="katex/);
    }
  });

  test("every element is styled inline: the one <style> left holds only the dark scheme", () => {
    for (const slug of slugs) {
      const $ = cheerio.load(html(slug));
      const styles = $("style").map((_, style) => $(style).text().trim()).get();
      expect(styles.length, slug).toBe(1);
      expect(styles[0]?.startsWith("@media (prefers-color-scheme: dark)"), slug).toBe(true);
      const unstyled = $("body, body *").filter((_, element) => !["br", "tbody", "tr", "sup"].includes(element.tagName) && !$(element).attr("style"));
      expect(unstyled.map((_, element) => $.html(element).slice(0, 80)).get(), slug).toEqual([]);
      const container = $("table.container");
      expect(container.attr("width")).toBe("600");
      expect(container.attr("style")).toContain("max-width: 600px");
    }
  });

  test("meta for dark mode, the summary as a hidden preheader, the page linked, the site's name and logo, links and images absolute", () => {
    for (const slug of slugs) {
      const $ = cheerio.load(html(slug));
      const pageUrl = `${baseUrl}issues/${slug}/`;
      expect($('meta[name="color-scheme"]').attr("content")).toBe("light dark");
      expect($('meta[name="supported-color-schemes"]').attr("content")).toBe("light dark");
      const summary = cheerio.load(readFileSync(path.join(site, "issues", slug, "index.html"), "utf8"))('meta[name="description"]').attr("content") ?? "";
      expect($(".preheader").text().startsWith(summary), slug).toBe(true);
      expect($(".preheader").attr("style")).toContain("display: none");
      expect($("a").filter((_, a) => $(a).text() === "View in your browser").attr("href")).toBe(pageUrl);
      expect($(".masthead").text().trim()).toBe("Machine Learning Letters");
      const logo = $(".masthead img");
      expect(logo.attr("src")).toBe(`${baseUrl}email/logo.png`);
      expect(existsSync(path.join(site, "email/logo.png"))).toBe(true);
      expect(logo.attr("height")).toBe("40");
      for (const img of $("img").toArray()) {
        expect($(img).attr("src"), slug).toMatch(/^https:\/\//);
        expect($(img).attr("width"), slug).toMatch(/^\d+$/);
        expect($(img).attr("height"), slug).toMatch(/^\d+$/);
        expect($(img).attr("alt"), slug).toBeDefined();
      }
      for (const a of $("a[href]").toArray()) {
        const href = $(a).attr("href") ?? "";
        if (href === "{{ unsubscribe_url }}") continue;
        if (href.startsWith("#")) expect($(`[id="${href.slice(1)}"]`).length, `${slug} ${href}`).toBe(1);
        else expect(href, slug).toMatch(/^(https?:|mailto:)/);
      }
    }
  });

  test("every formula of the lab notes is an <img> of a PNG the site publishes, at 2x its stated size, with the TeX as alt", () => {
    const $ = cheerio.load(html(labNotes));
    const page = cheerio.load(readFileSync(path.join(site, "issues", labNotes, "index.html"), "utf8"));
    const tex = page('annotation[encoding="application/x-tex"]').map((_, annotation) => page(annotation).text()).get();
    expect(tex.length).toBe(5);
    const images = $("img.maths");
    expect(images.map((_, img) => $(img).attr("alt")).get()).toEqual(tex);
    for (const img of images.toArray()) {
      const src = $(img).attr("src") ?? "";
      expect(src).toMatch(/^https:\/\/newsletter-archive\.example\.org\/email\/maths\/[0-9a-f]{20}\.png$/);
      const file = path.join(site, src.slice(baseUrl.length));
      expect(existsSync(file), src).toBe(true);
      const size = pngFileSize(file);
      expect(size).toEqual({ width: 2 * Number($(img).attr("width")), height: 2 * Number($(img).attr("height")) });
      expect(Number($(img).attr("height"))).toBeGreaterThan(10);
    }
  });

  test("footnotes are a numbered list whose notes link back into the message; callouts and captions styled", () => {
    const $ = cheerio.load(html("zeta-alpha-trends-march-2022"));
    const notes = $(".footnotes li.footnote-item");
    expect(notes.length).toBeGreaterThan(5);
    // A note the text never marks (the third, in this source) has no link back.
    expect($(".footnotes a.footnote-backref").length).toBeGreaterThan(5);
    for (const back of $(".footnotes a.footnote-backref").toArray()) {
      const href = $(back).attr("href") ?? "";
      expect(href, href).toMatch(/^#fnref\d/);
      expect($(`[id="${href.slice(1)}"]`).length, href).toBe(1);
    }
    for (const note of notes.toArray()) {
      expect($(note).find(".footnote-label").text()).toMatch(/^\d+$/);
    }
    const neurips = cheerio.load(html("neurips-2020-takeaways"));
    expect(neurips(".callout-takeaway").first().attr("style")).toMatch(/border-left: 4px solid #8a4b00; background-color: #e6f4ea;/);
    expect(neurips("figcaption").first().attr("style")).toContain("font-style: italic");
  });

  test("the text part: headings underlined, links numbered and listed after the text, notes after them, maths as TeX, 72 columns", () => {
    const lab = text(labNotes);
    expect(lab).toMatch(/^Lab Notes · \d+ \w+ 2020\n\nLab notes: GPT-3/);
    expect(lab).toContain("\nGPT3\n----\n");
    expect(lab).toContain("Ref: video, paper [1]");
    expect(lab).toContain("\nLinks:\n[1] https://arxiv.org/abs/2005.14165\n");
    expect(lab.replace(/\s+/g, " ")).toContain("$\\Delta w_{i,j} = \\eta_w (A_w o_i o_j + B_w o_i +C_w o_j + D_w)$");
    const zeta = text("zeta-alpha-trends-march-2022");
    expect(zeta.indexOf("\nNotes:\n[^1] ")).toBeGreaterThan(zeta.indexOf("\nLinks:\n[1] "));
    for (const slug of slugs) {
      const lines = text(slug).split("\n");
      const numbers = [...text(slug).matchAll(/ \[(\d+)\]/g)].map((match) => Number(match[1]));
      const listed = lines.filter((line) => /^\[\d+\] https?:\/\//.test(line)).length;
      expect(Math.max(0, ...numbers), slug).toBe(listed);
      // Lines longer than 72 columns are a single word or a link's reference: an address is never cut.
      expect(lines.filter((line) => line.length > 72 && /\s/.test(line.trim()) && !/^\[\d+\] https?:\/\/\S+$/.test(line)), slug).toEqual([]);
    }
  });

  test("the .eml parses back as multipart/alternative with the configured headers", () => {
    for (const slug of slugs) {
      const parsed = messages.get(slug);
      expect(parsed, slug).toBeDefined();
      if (!parsed) continue;
      const header = (name: string) => parsed.headerLines.find((line) => line.key === name)?.line;
      expect(parsed.from?.value).toEqual([{ name: "Machine Learning Letters", address: "letters@newsletter-archive.example.org" }]);
      const title = cheerio.load(html(slug))("h1").text();
      expect(parsed.subject).toBe(title);
      expect(parsed.messageId).toBe(`<${slug}@letters.newsletter-archive.example.org>`);
      expect(parsed.date?.toISOString().slice(0, 10)).toBe(cheerio.load(readFileSync(path.join(site, "issues", slug, "index.html"), "utf8"))('meta[property="article:published_time"]').attr("content")?.slice(0, 10));
      expect(header("list-id")).toMatch(/^List-Id: ".+" <letters\.newsletter-archive\.example\.org>$/i);
      expect(header("list-unsubscribe")).toBe("List-Unsubscribe: <{{ unsubscribe_url }}>");
      expect(header("list-unsubscribe-post")).toBe("List-Unsubscribe-Post: List-Unsubscribe=One-Click");
      expect(parsed.headers.get("content-type")).toMatchObject({ value: "multipart/alternative" });
      expect(parsed.text).toBe(text(slug));
      expect(parsed.html).toBe(html(slug));
    }
  });
});

describe("refusals", () => {
  test("a site built without the formulas' images: exit 1, the formula and the fix named, nothing written", () => {
    const bare = tempFolder("email-bare-site-");
    mkdirSync(path.join(bare, "issues", labNotes), { recursive: true });
    copyFileSync(path.join(site, "index.html"), path.join(bare, "index.html"));
    copyFileSync(path.join(site, "issues", labNotes, "index.html"), path.join(bare, "issues", labNotes, "index.html"));
    const target = tempFolder("email-bare-out-");
    const result = runEmail([labNotes, "--site", bare, "--out", target]);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/^email: 5 problems; nothing written:\n/);
    expect(result.stderr).toContain(`issues/${labNotes}/index.html: the formula "F_i" has no image in the built site: build it (npm run build) with newsletter.yml's email section`);
    expect(readdirSync(target)).toEqual([]);
  });

  test("a slug that is not published and --check: named, nothing written; --check of a good one writes nothing either", () => {
    const target = tempFolder("email-check-out-");
    const missing = runEmail(["no-such-issue", "--check", "--site", site, "--out", target]);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain("no-such-issue: expected a published issue, but");
    const check = runEmail([labNotes, "--check", "--site", site, "--out", target]);
    expect(check.status, check.stderr).toBe(0);
    expect(check.stdout).toMatch(/^Checked 1 edition: no problems, in \d+\.\d\d s\.\n$/);
    expect(readdirSync(target)).toEqual([]);
  });

  test("a configuration without an email section names what to add", () => {
    const folder = tempFolder("email-config-");
    const config = path.join(folder, "newsletter.yml");
    writeFileSync(config, readFileSync(path.join(projectRoot, "newsletter.yml"), "utf8").replace(/^email:\n(?: .*\n)+/m, "").replace(/^ {4}logo: .*\n/m, ""));
    const result = runEmail([labNotes, "--site", site, "--config", config]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("email: expected a mapping with from, list_id and unsubscribe to make the email edition");
  });
});

describe("feeds.email_safe_maths", () => {
  let feeds = "";
  beforeAll(() => {
    const config = path.join(tempFolder("email-feeds-config-"), "newsletter.yml");
    const shipped = readFileSync(path.join(projectRoot, "newsletter.yml"), "utf8");
    writeFileSync(config, shipped.replace("email_safe_maths: false", "email_safe_maths: true").replace(/^(\s+logo: )(.*)$/m, (_, key: string, logo: string) => `${key}${path.join(projectRoot, logo)}`));
    const build = runBuild({ content: path.join(projectRoot, "issues"), env: { NEWSLETTER_CONFIG: config } });
    expect(build.status, build.stderr).toBe(0);
    feeds = build.output;
  });

  test("the feeds carry each formula as the edition's published PNG, sized, with the TeX as alt, and no MathML", () => {
    for (const feed of ["feed.xml", "rss.xml", "feed.json"]) {
      const body = readFileSync(path.join(feeds, feed), "utf8");
      expect(body, feed).not.toContain("<math");
      const images = [...body.matchAll(/<img src=\\?"(https:\/\/newsletter-archive\.example\.org\/email\/maths\/[0-9a-f]{20}\.png)\\?" width=\\?"(\d+)\\?" height=\\?"(\d+)\\?"/g)];
      expect(images.length, feed).toBe(5);
      for (const [, src = "", width, height] of images) {
        expect(pngFileSize(path.join(feeds, src.slice(baseUrl.length))), src).toEqual({ width: 2 * Number(width), height: 2 * Number(height) });
      }
    }
  });
});
