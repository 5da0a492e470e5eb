// `npm start` picks up edits: the real dev server (package.json's start script, --incremental) on a
// small content folder inside the project, as an author edits an issue's text and then its title.
// It builds where `npm start` does, `_dev/`, drafts included, and never touches `_site/`.
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { appendFile, readdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Element } from "@xmldom/xmldom";
import * as cheerio from "cheerio";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { DevServer } from "../../src/bench/dev-server.ts";
import { issueHref, issueSlug } from "../../src/model/issue-url.ts";
import { newsletterSeries } from "../../src/model/series.ts";
import { writeFixtureCorpus } from "../support/fixture-corpus.ts";
import { pagefindStandIn } from "../support/pagefind-stand-in.ts";
import { siteManifest } from "../support/manifest.ts";
import { projectRoot, tempFolder } from "../support/run-build.ts";
import { childElements, childText, parseXmlStrictly } from "../support/xml.ts";

const atom = "http://www.w3.org/2005/Atom";
const poll = { timeout: 30_000, interval: 100 };
/** A word found in no page, unique to this run. */
const word = `devserver${Date.now().toString(36)}`;
const devFolder = path.join(projectRoot, "_dev");
const siteFolder = path.join(projectRoot, "_site");
/** A draft, which npm start shows and `_site` must never hold, with a word of its own. */
const draftFile = "2019-02-01-unfinished-draft.md";
const draftWord = `unfinished${Date.now().toString(36)}`;
let content: string;
let scratch: string;
let server: DevServer | undefined;
let niceness: string;
let devFolderExisted = false;
/** `_site` before the server started: its files and their hashes, or undefined if there was none. */
let siteBefore: Record<string, string> | undefined;

const siteNow = () => (existsSync(siteFolder) ? siteManifest(siteFolder) : undefined);

async function issueFile(index: number): Promise<string> {
  const file = (await readdir(content)).find((name) => name.endsWith(`-fixture-${String(index).padStart(3, "0")}.md`));
  if (!file) throw new Error(`no fixture issue ${index} in ${content}`);
  return file;
}

/** The Atom entry of the issue at `url` in a served feed, parsed strictly. */
function atomEntry(feedText: string, label: string, url: string): Element {
  const feed = parseXmlStrictly(feedText, label).documentElement as Element;
  const entry = childElements(feed, atom, "entry").find((candidate) => new URL(childText(candidate, atom, "id") ?? "").pathname === url);
  if (!entry) throw new Error(`${label}: no entry for ${url}`);
  return entry;
}

const served = () => {
  if (!server) throw new Error("the dev server did not start");
  return server;
};

beforeAll(async () => {
  // Inside the project, where npm start rebuilds one issue at a time; .gitignore lists `.site-*/`.
  content = mkdtempSync(path.join(projectRoot, ".site-dev-"));
  scratch = tempFolder("dev-server-");
  // Issue i is `<date>-fixture-<i>.md`, in series i of the registry.
  writeFixtureCorpus(content, 5);
  writeFileSync(
    path.join(content, draftFile),
    `---\ntitle: "Unfinished ${draftWord}"\ndate: "2019-02-01"\nseries: ${newsletterSeries()[0]?.id}\nsummary: "Not ready."\ndraft: true\n---\nDraft text ${draftWord}.\n`,
  );
  devFolderExisted = existsSync(devFolder);
  siteBefore = siteNow();
  // Pagefind through a stand-in that notes the CPU priority of each run.
  niceness = path.join(scratch, "pagefind-niceness");
  const standIn = pagefindStandIn(scratch, niceness);
  // No output folder: the server builds where npm start does.
  server = await DevServer.start({ content: path.relative(projectRoot, content), env: { PAGEFIND_EXTENDED_BINARY_PATH: standIn } });
  await server.waitUntilSettled(90_000, 300);
});

afterAll(async () => {
  await server?.stop();
  if (content) await rm(content, { recursive: true, force: true });
  if (scratch) await rm(scratch, { recursive: true, force: true });
  if (!devFolderExisted) await rm(devFolder, { recursive: true, force: true });
});

describe("npm start, on a running dev server", () => {
  test("builds into _dev/, drafts included, and leaves _site/ as it was", async () => {
    const draftUrl = issueHref(issueSlug(draftFile));
    const page = cheerio.load(await served().text(draftUrl));
    expect(page("h1").text()).toContain(draftWord);
    expect(page(".draft-mark").first().text()).toBe("Draft");
    expect(readFileSync(path.join(devFolder, draftUrl, "index.html"), "utf8")).toContain(`Draft text ${draftWord}.`);
    expect(readFileSync(path.join(devFolder, "index.html"), "utf8")).toContain("Fixture issue 0");
    expect(siteNow()).toEqual(siteBefore);
    expect(existsSync(path.join(siteFolder, draftUrl))).toBe(false);
  });

  test("an edit to an issue's text shows on its page, in the site-wide Atom feed and in its series' feed", async () => {
    const file = await issueFile(0);
    const url = issueHref(issueSlug(file));
    const seriesFeed = `/series/${newsletterSeries()[0]?.id}/feed.xml`;
    const sentence = `A sentence added while the server runs, ${word}.`;
    const before = await Promise.all([url, "/feed.xml", seriesFeed].map((pathname) => served().text(pathname)));
    expect(before[0]).toContain("Body of issue 0.");
    for (const text of before) expect(text).not.toContain(word);

    await appendFile(path.join(content, file), `\n${sentence}\n`);

    await expect.poll(() => served().text(url), poll).toContain(sentence);
    const page = cheerio.load(await served().text(url));
    expect(page("article p").filter((_, p) => page(p).text() === sentence)).toHaveLength(1);
    for (const feed of ["/feed.xml", seriesFeed]) {
      await expect.poll(() => served().text(feed), poll).toContain(word);
      const entry = atomEntry(await served().text(feed), feed, url);
      expect(childText(entry, atom, "content"), feed).toContain(sentence);
    }
  });

  test("a new title shows on the home page, on the issue's page and in its neighbour's links (a full rebuild)", async () => {
    await served().waitUntilSettled(60_000, 300);
    const file = await issueFile(1);
    const url = issueHref(issueSlug(file));
    const title = `Renamed while served ${word}`;
    const source = await readFile(path.join(content, file), "utf8");
    expect(source).toContain('title: "Fixture issue 1"\n');
    expect(await served().text("/")).not.toContain(title);

    await writeFile(path.join(content, file), source.replace('title: "Fixture issue 1"\n', `title: "${title}"\n`));

    await expect.poll(() => served().text("/"), poll).toContain(title);
    const home = cheerio.load(await served().text("/"));
    expect(home(`.issue-card h2 a[href="${url}"]`).text()).toBe(title);
    expect(home.text()).not.toContain("Fixture issue 1");
    await expect.poll(async () => cheerio.load(await served().text(url))("h1").text(), poll).toBe(title);
    // Issue 2 links to issue 1 as its previous issue: only a full rebuild renders it again.
    const neighbourUrl = issueHref(issueSlug(await issueFile(2)));
    await expect.poll(async () => cheerio.load(await served().text(neighbourUrl))('a[rel="prev"]').text(), poll).toContain(title);
    expect(cheerio.load(await served().text(neighbourUrl))('a[rel="prev"]').attr("href")).toBe(url);
  });

  test("indexes for search in the background at the lowest CPU priority, so the next edit's rebuild comes first", () => {
    const indexings = readFileSync(niceness, "utf8").trim().split("\n").filter((line) => line.endsWith(" --site"));
    // The first build's at least, and those after the edits above.
    expect(indexings.length).toBeGreaterThanOrEqual(1);
    expect(new Set(indexings)).toEqual(new Set(["19 --site"]));
  });

  test("stops with its whole process group, having written nothing into _site/", async () => {
    await served().stop();
    expect(served().groupAlive()).toBe(false);
    expect(siteNow()).toEqual(siteBefore);
  });
});
