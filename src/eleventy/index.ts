export { filtersPlugin } from "./filters-plugin.ts";
export { issuesPlugin } from "./issues-plugin.ts";
export { markdownPlugin } from "./markdown-plugin.ts";
export { pagesPlugin } from "./pages-plugin.ts";
export { mathStylesPlugin, stylesPlugin } from "./styles-plugin.ts";
