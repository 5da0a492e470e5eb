import pLimit from "p-limit";
import { internalChanged } from "./eleventy-module.ts";
import { loadEleventyTemplate } from "./eleventy-template.ts";

/**
 * How many templates `npm run build` generates at a time. One would do; a few leave Eleventy room
 * should one template's generation wait on something outside it; more gain nothing
 * (docs/decisions.md).
 */
export const templatesAtOnce = 4;

/** The part of Eleventy's `Template` this patches. */
export interface GeneratingTemplate {
  generateMapEntry(...args: unknown[]): Promise<unknown>;
}

/**
 * Eleventy 3.1 starts generating every template at once (`TemplateWriter.generateTemplates`), and
 * Nunjucks hands a rendered page back only once the microtask queue is empty (its top-level
 * callback goes through `asap`), so every template renders its pages before the first is written,
 * and the whole site is in memory as strings at once (the peaks: docs/decisions.md). Here at most `limit`
 * templates generate at a time: each renders and writes its pages (which releaseWrittenPages then
 * drops) before the next starts.
 * `prototype` is Eleventy's `Template.prototype`, or a stand-in in tests.
 */
export function generateTemplatesInTurn(prototype: Partial<GeneratingTemplate>, limit = templatesAtOnce): void {
  const generate = prototype.generateMapEntry;
  if (typeof generate !== "function") {
    throw internalChanged("Template.js", "Template.prototype.generateMapEntry", generate, "generateTemplatesInTurn");
  }
  if ((generate as { inTurn?: boolean }).inTurn) return;
  const inTurn = pLimit(limit);
  const generateInTurn = function (this: unknown, ...args: unknown[]): Promise<unknown> {
    return inTurn(() => generate.apply(this, args));
  };
  prototype.generateMapEntry = Object.assign(generateInTurn, { inTurn: true });
}

/** Patches the `Template` class Eleventy uses in this process (`npm run build`). */
export async function generateEleventyTemplatesInTurn(): Promise<void> {
  const { Template } = await loadEleventyTemplate<GeneratingTemplate>();
  generateTemplatesInTurn(Template.prototype);
}
