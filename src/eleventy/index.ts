export { emailMathsPlugin } from "./email-maths-plugin.ts";
export { cardsPlugin } from "./cards-plugin.ts";
export { feedsPlugin } from "./feeds-plugin.ts";
export { filtersPlugin } from "./filters-plugin.ts";
export { headersPlugin } from "./headers-plugin.ts";
export { imagesPlugin } from "./images-plugin.ts";
export { issuesPlugin } from "./issues-plugin.ts";
export { markdownPlugin } from "./markdown-plugin.ts";
export { pagesPlugin } from "./pages-plugin.ts";
export { publishingPlugin } from "./publishing-plugin.ts";
export { redirectsPlugin } from "./redirects-plugin.ts";
export { scriptsPlugin } from "./scripts-plugin.ts";
export { searchPlugin } from "./search-plugin.ts";
export { mathStylesPlugin, stylesPlugin } from "./styles-plugin.ts";
export { eleventyLookupsPlugin } from "./internals/eleventy-lookups.ts";
// For .eleventy.js, whose imports Eleventy's watcher parses as JavaScript: this file is plain re-exports.
export { siteMetadata } from "../site.ts";
export { outputFolder } from "../run-mode.ts";
