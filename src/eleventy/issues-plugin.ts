import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { activePrerenderer } from "../markdown/prerender.ts";
import { parseYamlData } from "../model/front-matter.ts";
import type { Issue } from "../model/issue.ts";
import { publicationPolicy } from "../model/publication.ts";
import { IssueValidationError } from "../model/validate-issues.ts";
import { contentStateFor } from "./content-state.ts";
import type { EleventyConfig } from "./eleventy-config.ts";
import { isDevelopmentRun } from "../run-mode.ts";
import { NoIssuesError, noIssuesMessage, scanContentFolder } from "./content-folder.ts";
import { readIssueBytes } from "./issue-files.ts";
import { IssueValidationCache } from "./issue-validation-cache.ts";
import { watchQueueFor } from "./watch-queue.ts";

/**
 * Validates every issue before anything renders, then gives Eleventy each issue's model,
 * layout and URL, and the issue, tag and series collections the pages list. Drafts and
 * future-dated issues are left out of production builds entirely (see publication.ts).
 */
export function issuesPlugin(eleventyConfig: EleventyConfig): void {
  const state = contentStateFor(eleventyConfig);
  const validation = new IssueValidationCache();
  const watchQueue = watchQueueFor(eleventyConfig);
  const fullBuild = isDevelopmentRun(process.env.ELEVENTY_RUN_MODE) ? fullBuildTrigger() : undefined;
  if (fullBuild) eleventyConfig.addWatchTarget(fullBuild.file);
  // Issues changed by rebuilds whose validation failed: compared again once the site builds.
  const pending = new Set<string>();

  keepContentInert(eleventyConfig);

  eleventyConfig.on("eleventy.before", async ({ directories, incremental }: { directories: { input: string }; incremental?: boolean }) => {
    // `npm start --incremental` rebuilds for one changed file at a time: when that is an issue (or
    // the request below), only changed files are validated again. Any other build validates every
    // file, so a full build always reports every problem in every file.
    const queue = watchQueue.files();
    const requested = queue.some((file) => fullBuild?.is(file));
    const issuesOnly = incremental === true && queue.length > 0 && queue.every((file) => /\.md$/i.test(file) || fullBuild?.is(file));
    if (!issuesOnly) validation.clear();
    // Before Eleventy reads any template or data file: what the content folder may hold.
    const scan = await scanContentFolder(directories.input);
    const files = scan.issues;
    if (!files.length && !scan.problems.length) throw new NoIssuesError(noIssuesMessage(directories.input, scan));
    // `npm run build` has validated the files on worker threads already (src/markdown/prerender.ts).
    const prerendered = issuesOnly ? undefined : await activePrerenderer()?.validated(files);
    const { issues, problems, changed } = prerendered ?? (await validation.update(files, readIssueBytes));
    for (const file of changed) pending.add(file);
    const allProblems = [...scan.problems, ...problems, ...(files.length ? [] : [noIssuesMessage(directories.input, scan)])];
    if (allProblems.length) throw new IssueValidationError(allProblems);
    if (!issuesOnly || requested) {
      // A requested full build renders every page from a fresh index.
      state.replace(issues, publicationPolicy());
    } else if (state.update(issues, publicationPolicy(), [...pending])) {
      // An incremental build renders the changed issue and the pages Eleventy knows read it, but
      // the archives (paginated over global data, see below) and the other issues' related and
      // previous/next links read the site index, which this change altered: ask for a full build,
      // which renders the archives and feeds, rather than render them twice.
      state.deferListings();
      await fullBuild?.request();
    }
    pending.clear();
    // Only `npm start` compares files with their previous bytes; a build lets them go.
    if (!fullBuild) validation.clear();
  });

  // Returning false skips the template: no page, no collection entry, nothing for search to index.
  // https://www.11ty.dev/docs/config-preprocessors/
  eleventyConfig.addPreprocessor("unpublished-issues", "md", (data: EleventyData) => (state.isHidden(data.page.inputPath) ? false : undefined));

  // Defaults for every issue file; the site's own pages set their own layout and permalink.
  // A permalink function and a filter, not eleventyComputed: computed data costs a dependency
  // analysis on every page of a large archive. https://www.11ty.dev/docs/permalinks/
  eleventyConfig.addGlobalData("layout", "issue.njk");
  eleventyConfig.addGlobalData("permalink", () => (data: EleventyData) => state.issueAt(data.page.inputPath)?.url);
  eleventyConfig.addFilter("issueAt", (inputPath: string) => state.issueAt(inputPath));

  eleventyConfig.addCollection("issues", () => state.index().issues);
  eleventyConfig.addCollection("archivePages", () => state.index().archives.pages);
  // The home, tag and series archives paginate over this global data rather than the collection
  // above: a template that paginates a collection depends, for Eleventy's --incremental mode, on
  // every issue, and three thousand archive pages would render again for each edit of one issue's
  // text. A change the archives show makes the issues plugin request a full build instead.
  // In an incremental build after an edit to issues, the data is empty (no archive changed, or a
  // full build follows), and the archive templates import `collections.all` so that Eleventy reads
  // it again: it renders every page a paginated template last had, even those it will not write.
  const unlessListingsDue = <Page>(pages: readonly Page[]) => (state.listingsDue() ? [] : pages);
  eleventyConfig.addGlobalData("archivePages", () => unlessListingsDue(state.index().archives.pages));
  eleventyConfig.addCollection("tagSummaries", () => state.index().archives.tags);
  eleventyConfig.addCollection("seriesSummaries", () => state.index().archives.series);
  eleventyConfig.addCollection("years", () => state.index().years);
  // The year pages paginate global data, as the archives do, for the same reasons.
  eleventyConfig.addGlobalData("yearPages", () => unlessListingsDue(state.index().years));
  eleventyConfig.addFilter("issueNeighbours", (url: string) => state.index().neighbours.get(url) ?? {});
  eleventyConfig.addFilter("relatedIssues", (url: string) => state.index().related.get(url) ?? []);
  eleventyConfig.addFilter("publicationStatus", (issue: Issue) => state.status(issue));
  eleventyConfig.addWatchTarget(path.resolve("src"));
  // Eleventy rebuilds once a changed file has kept its size for 150 ms; an editor saves an issue
  // in one write, and a file caught half-written fails validation and is rebuilt when it settles.
  // 50 ms is a tenth of the one second an edit in `npm start` has to show.
  // https://www.11ty.dev/docs/watch-serve/#advanced-chokidar-configuration
  eleventyConfig.setChokidarConfig({ awaitWriteFinish: { stabilityThreshold: 50, pollInterval: 10 } });
}

/**
 * Keeps Eleventy from reading, let alone running, anything of the content folder but its issues,
 * should a file get past the check of content-folder.ts (which runs first, in `eleventy.before`).
 * `.eleventy.js` points the global data folder (`_data`) away from it.
 */
export function keepContentInert(eleventyConfig: EleventyConfig): void {
  const config = eleventyConfig as EleventyConfig & InertContentConfig;
  // No template or directory data files (`*.11tydata.js`, `issues.json`), which would run or set data.
  // https://www.11ty.dev/docs/config/#change-file-suffix-for-data-files
  config.setDataFileSuffixes([]);
  // The site's own pages are Nunjucks templates added as virtual ones (pages-plugin.ts), which need
  // `njk` among the template formats: Nunjucks files of the content folder are ignored instead.
  // Named from the working folder: Eleventy reads an absolute ignore as relative to it.
  const input = path.relative(process.cwd(), path.resolve(config.directories.input)).split(path.sep).join("/");
  config.ignores.add(input ? `${input}/**/*.njk` : "**/*.njk");
  // Front matter is YAML, parsed with the engine validation used; `---js` front matter would run
  // code (Eleventy's `javascript` engine and gray-matter's eval, which `js` and `jsLegacy` reach).
  const refuse = () => {
    throw new Error("front matter: expected YAML front matter, got JavaScript, which could run code");
  };
  config.setFrontMatterParsingOptions({ engines: { yaml: parseYamlData, javascript: refuse, js: refuse, jsLegacy: refuse, node: refuse } });
}

/** What keepContentInert uses of Eleventy's config beyond the project's common slice. */
interface InertContentConfig {
  setDataFileSuffixes(suffixes: string[]): void;
  ignores: Set<string>;
}

interface EleventyData {
  page: { inputPath: string };
}

/**
 * A file outside the site that `npm start` watches: writing it makes Eleventy's --incremental mode
 * run a full build next, as any changed file that is not a template does.
 * https://www.11ty.dev/docs/usage/incremental/
 */
function fullBuildTrigger(): { file: string; is(file: string): boolean; request(): Promise<void> } {
  const folder = path.join(tmpdir(), `newsletter-archive-${process.pid}`);
  const file = path.join(folder, "full-build-request.txt");
  mkdirSync(folder, { recursive: true });
  writeFileSync(file, "");
  process.once("exit", () => rmSync(folder, { recursive: true, force: true }));
  return {
    file,
    is: (changed) => path.resolve(changed) === file,
    request: () => writeFile(file, `full build requested at ${new Date().toISOString()}\n`),
  };
}
