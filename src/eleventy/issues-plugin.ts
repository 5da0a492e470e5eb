import path from "node:path";
import { groupIssuesBySeries, groupIssuesByTag, neighboursByUrl, sortIssuesNewestFirst } from "../model/collections.ts";
import { parseYamlData } from "../model/front-matter.ts";
import type { Issue } from "../model/issue.ts";
import { seriesRegistry } from "../model/series.ts";
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

  let neighbours = new Map<string, { newer?: Issue; older?: Issue }>();
  eleventyConfig.addCollection("issues", () => {
    const issues = sortIssuesNewestFirst(state.all());
    neighbours = neighboursByUrl(issues);
    return issues;
  });
  eleventyConfig.addCollection("tagGroups", () => groupIssuesByTag(sortIssuesNewestFirst(state.all())));
  eleventyConfig.addCollection("seriesGroups", () =>
    groupIssuesBySeries(sortIssuesNewestFirst(state.all()), seriesRegistry),
  );
  eleventyConfig.addFilter("issueNeighbours", (url: string) => neighbours.get(url) ?? {});
  eleventyConfig.addWatchTarget(path.resolve("src"));
}

interface EleventyData {
  page: { inputPath: string };
  permalink?: unknown;
}
