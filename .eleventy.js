// Eleventy's configuration only composes plugins; each concern lives in src/eleventy/.
// Run through tsx (see package.json) so the TypeScript plugins load on Node 20.
import path from "node:path";
import { filtersPlugin, issuesPlugin, markdownPlugin, mathStylesPlugin, pagesPlugin, stylesPlugin } from "./src/eleventy/index.ts";

const contentDir = process.env.NEWSLETTER_CONTENT || "issues";

export default function (eleventyConfig) {
  eleventyConfig.setNunjucksEnvironmentOptions({ autoescape: true, throwOnUndefined: false, trimBlocks: true, lstripBlocks: true });
  eleventyConfig.addPlugin(markdownPlugin);
  eleventyConfig.addPlugin(issuesPlugin);
  eleventyConfig.addPlugin(filtersPlugin);
  eleventyConfig.addPlugin(stylesPlugin, { entry: "assets/styles/main.scss" });
  eleventyConfig.addPlugin(mathStylesPlugin);
  eleventyConfig.addPlugin(pagesPlugin, { pagesDir: "layouts/pages" });
}

export const config = {
  dir: {
    input: contentDir,
    // Layouts live beside the content folder, wherever the content folder is.
    includes: path.relative(contentDir, "layouts"),
    output: process.env.NEWSLETTER_OUTPUT || "_site",
  },
  templateFormats: ["md", "njk"],
  // An issue that quotes {{ x }} or {% for %} shows it as text.
  markdownTemplateEngine: false,
  htmlTemplateEngine: "njk",
};
