import path from "node:path";
import { parseYamlData } from "../model/front-matter.ts";
import type { Issue } from "../model/issue.ts";
import { publicationPolicy } from "../model/publication.ts";
import { IssueValidationError, validateIssueSources } from "../model/validate-issues.ts";
import { contentStateFor } from "./content-state.ts";
import type { EleventyConfig } from "./eleventy-config.ts";
import { readIssueSources } from "./read-issue-sources.ts";

/**
 * Validates every issue before anything renders, then gives Eleventy each issue's model,
 * layout and URL, and the issue, tag and series collections the pages list. Drafts and
 * future-dated issues are left out of production builds entirely (see publication.ts).
 */
export function issuesPlugin(eleventyConfig: EleventyConfig): void {
  const state = contentStateFor(eleventyConfig);

  // Eleventy parses front matter with the same YAML 1.2 engine validation used.
  eleventyConfig.setFrontMatterParsingOptions({ engines: { yaml: parseYamlData } });

  eleventyConfig.on("eleventy.before", async ({ directories }: { directories: { input: string } }) => {
    const { issues, problems } = validateIssueSources(await readIssueSources(directories.input));
    if (problems.length) throw new IssueValidationError(problems);
    state.replace(issues, publicationPolicy());
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
  eleventyConfig.addCollection("tagSummaries", () => state.index().archives.tags);
  eleventyConfig.addCollection("seriesSummaries", () => state.index().archives.series);
  eleventyConfig.addCollection("years", () => state.index().years);
  eleventyConfig.addFilter("issueNeighbours", (url: string) => state.index().neighbours.get(url) ?? {});
  eleventyConfig.addFilter("relatedIssues", (url: string) => state.index().related.get(url) ?? []);
  eleventyConfig.addFilter("publicationStatus", (issue: Issue) => state.status(issue));
  eleventyConfig.addWatchTarget(path.resolve("src"));
}

interface EleventyData {
  page: { inputPath: string };
}
