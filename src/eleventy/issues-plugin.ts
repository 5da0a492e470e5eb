import path from "node:path";
import { parseYamlData } from "../model/front-matter.ts";
import { IssueValidationError, validateIssueSources } from "../model/validate-issues.ts";
import { ContentState } from "./content-state.ts";
import type { EleventyConfig } from "./eleventy-config.ts";
import { readIssueSources } from "./read-issue-sources.ts";

/**
 * Validates every issue before anything renders, then gives Eleventy each issue's model,
 * layout and URL, and the issue, tag and series collections the pages list.
 */
export function issuesPlugin(eleventyConfig: EleventyConfig): void {
  const state = new ContentState();

  // Eleventy parses front matter with the same YAML 1.2 engine validation used.
  eleventyConfig.setFrontMatterParsingOptions({ engines: { yaml: parseYamlData } });

  eleventyConfig.on("eleventy.before", async ({ directories }: { directories: { input: string } }) => {
    const { issues, problems } = validateIssueSources(await readIssueSources(directories.input));
    if (problems.length) throw new IssueValidationError(problems);
    state.replace(issues);
  });

  eleventyConfig.addGlobalData("layout", "issue.njk");
  eleventyConfig.addGlobalData("eleventyComputed", {
    issue: (data: EleventyData) => state.issueAt(data.page.inputPath),
    permalink: (data: EleventyData) => state.issueAt(data.page.inputPath)?.url ?? data.permalink,
  });

  eleventyConfig.addCollection("issues", () => state.index().issues);
  eleventyConfig.addCollection("archivePages", () => state.index().archives.pages);
  eleventyConfig.addCollection("tagSummaries", () => state.index().archives.tags);
  eleventyConfig.addCollection("seriesSummaries", () => state.index().archives.series);
  eleventyConfig.addCollection("years", () => state.index().years);
  eleventyConfig.addFilter("issueNeighbours", (url: string) => state.index().neighbours.get(url) ?? {});
  eleventyConfig.addFilter("relatedIssues", (url: string) => state.index().related.get(url) ?? []);
  eleventyConfig.addWatchTarget(path.resolve("src"));
}

interface EleventyData {
  page: { inputPath: string };
  permalink?: unknown;
}
