import { loadEleventyTemplate } from "./eleventy-template.ts";

/** The part of Eleventy's `Template` this patches. */
interface WritingTemplate {
  _write(page: unknown, content: unknown): Promise<unknown>;
}

/**
 * Calls `listener` with the output path of each page Eleventy has written, once it is on disk
 * (`npm run build`, whose search index starts as soon as the issue pages are: src/cli/build.ts).
 */
export async function observeWrittenPages(listener: (outputPath: string) => void): Promise<void> {
  const { url, Template } = await loadEleventyTemplate<WritingTemplate>();
  const write = Template.prototype._write;
  if (typeof write !== "function") {
    throw new Error(`observeWrittenPages: expected Eleventy's Template.prototype._write in ${url.pathname}; Eleventy's internals changed`);
  }
  Template.prototype._write = async function (this: WritingTemplate, page: unknown, content: unknown): Promise<unknown> {
    // Read before writing: releaseWrittenPages may clear the page's fields once it is written.
    const outputPath = (page as { outputPath?: unknown } | undefined)?.outputPath;
    const written = await write.call(this, page, content);
    if (typeof outputPath === "string") listener(outputPath);
    return written;
  };
}
