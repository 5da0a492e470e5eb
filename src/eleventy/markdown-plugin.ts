import path from "node:path";
import { createMarkdown } from "../markdown/create-markdown.ts";
import { activePrerenderer } from "../markdown/prerender.ts";
import type { EleventyConfig } from "./eleventy-config.ts";

/**
 * Issues render with the project's markdown-it and never through a template language. When the
 * build has started a prerenderer (src/markdown/prerender.ts), an issue's body may come from one
 * of its worker threads.
 */
export function markdownPlugin(eleventyConfig: EleventyConfig): void {
  const md = createMarkdown();
  const prerenderer = activePrerenderer();
  if (prerenderer) {
    const render = md.render.bind(md);
    md.render = (source: string, env?: { page?: { inputPath?: unknown } }) => {
      const inputPath = env?.page?.inputPath;
      const key = typeof inputPath === "string" ? path.resolve(inputPath) : undefined;
      return prerenderer.take(key, source, () => render(source, env));
    };
  }
  eleventyConfig.setLibrary("md", md);
}
