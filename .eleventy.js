// Eleventy's configuration only composes plugins; each concern lives in src/eleventy/.
// Run through tsx (see package.json) so the TypeScript plugins load on Node 20.
import path from "node:path";
import { HtmlBasePlugin } from "@11ty/eleventy";
import {
  cardsPlugin,
  eleventyLookupsPlugin,
  emailMathsPlugin,
  feedsPlugin,
  filtersPlugin,
  headersPlugin,
  imagesPlugin,
  issuesPlugin,
  markdownPlugin,
  mathStylesPlugin,
  outputFolder,
  pagesPlugin,
  publishingPlugin,
  redirectsPlugin,
  scriptsPlugin,
  searchPlugin,
  siteMetadata,
  stylesPlugin,
} from "./src/eleventy/index.ts";

// A folder inside the project is named relative to it, as Eleventy names templates: its watcher reports a
// changed file by the path it watches, and --incremental (npm start) finds the changed template only by
// that name. (A folder outside the project keeps its absolute path: npm start then rebuilds everything.)
const contentDir = projectRelative(process.env.NEWSLETTER_CONTENT || "issues");

function projectRelative(folder) {
  const relative = path.relative(process.cwd(), path.resolve(folder));
  return relative.startsWith("..") || path.isAbsolute(relative) ? folder : relative || ".";
}

export default function (eleventyConfig) {
  // The input folder holds only issues: the project's .gitignore (which lists bench/corpus/) must not hide any.
  eleventyConfig.setUseGitIgnore(false);
  // Eleventy's lookups of its templates and their paths, made cheap for an archive of thousands.
  eleventyConfig.addPlugin(eleventyLookupsPlugin);
  eleventyConfig.setNunjucksEnvironmentOptions({ autoescape: true, throwOnUndefined: false, trimBlocks: true, lstripBlocks: true });
  eleventyConfig.addPlugin(markdownPlugin);
  eleventyConfig.addPlugin(issuesPlugin);
  eleventyConfig.addPlugin(filtersPlugin);
  eleventyConfig.addPlugin(stylesPlugin, { entry: "assets/styles/main.scss" });
  eleventyConfig.addPlugin(mathStylesPlugin);
  eleventyConfig.addPlugin(feedsPlugin);
  eleventyConfig.addPlugin(imagesPlugin);
  eleventyConfig.addPlugin(emailMathsPlugin);
  eleventyConfig.addPlugin(publishingPlugin);
  eleventyConfig.addPlugin(scriptsPlugin, { entries: { search: "src/search/browser/search-page.ts" } });
  eleventyConfig.addPlugin(pagesPlugin, { pagesDir: "layouts/pages" });
  eleventyConfig.addPlugin(headersPlugin);
  eleventyConfig.addPlugin(cardsPlugin);
  eleventyConfig.addPlugin(redirectsPlugin);
  // Last, with the plugins' eleventy.after handlers run one after another: npm start indexes search
  // once the images, formula images and cards it serves are in place.
  eleventyConfig.setEventEmitterMode("sequential");
  eleventyConfig.addPlugin(searchPlugin);
  // Prefixes every root-relative URL in the HTML with `pathPrefix`, so layouts write `/tags/`.
  eleventyConfig.addPlugin(HtmlBasePlugin);
  // Its transform re-serialises pages with PostHTML: keep boolean attributes bare (`hidden`, not `hidden=""`).
  eleventyConfig.htmlTransformer.setPosthtmlProcessOptions({ recognizeNoValueAttribute: true });
}

export const config = {
  dir: {
    input: contentDir,
    // Layouts live beside the content folder, wherever the content folder is.
    includes: path.relative(contentDir, "layouts"),
    // Global data comes from the plugins: Eleventy's `_data` folder (JavaScript it would run) is
    // looked for beside the layouts, which holds none, never in the content folder.
    data: path.relative(contentDir, "layouts/_data"),
    // `_dev` for npm start (Eleventy sets ELEVENTY_RUN_MODE before it loads this file), else `_site`.
    output: outputFolder(),
  },
  // `/` or, for a site served under a path (PATH_PREFIX), `/newsletter/`: src/site.ts decides.
  pathPrefix: siteMetadata().pathPrefix,
  templateFormats: ["md", "njk"],
  // An issue that quotes {{ x }} or {% for %} shows it as text.
  markdownTemplateEngine: false,
  htmlTemplateEngine: "njk",
};
