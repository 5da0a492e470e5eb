import { eleventyModule } from "./eleventy-module.ts";

/**
 * Eleventy's `Template` class, which `npm run build` patches to keep a large build's memory down
 * (release-written-pages.ts, templates-in-turn.ts). It is not exported, so it is loaded by file
 * from the installed package: the same module instance Eleventy itself imported.
 */
export async function loadEleventyTemplate<Prototype>(): Promise<{ url: URL; Template: { prototype: Partial<Prototype> } }> {
  const url = eleventyModule("Template.js");
  const { default: Template } = (await import(url.href)) as { default: { prototype: Partial<Prototype> } };
  return { url, Template };
}
