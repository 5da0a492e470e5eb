import { createMarkdown } from "../markdown/create-markdown.ts";
import type { EleventyConfig } from "./eleventy-config.ts";

/** Issues render with the project's markdown-it and never through a template language. */
export function markdownPlugin(eleventyConfig: EleventyConfig): void {
  eleventyConfig.setLibrary("md", createMarkdown());
}
