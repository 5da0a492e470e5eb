import { internalChanged } from "./eleventy-module.ts";
import { loadEleventyTemplate } from "./eleventy-template.ts";

/**
 * Eleventy 3.1 keeps every page it renders until `write()` returns: the page's content before its
 * layout (`templateContent`, also cached on its template as `_cacheRenderedPromise`), its final
 * HTML (cached as `_cacheRenderedTransformsAndLayoutsPromise`), and that HTML again in the results
 * `write()` resolves with. On a large archive that is most of the heap: a 20,000-issue build ran
 * out of memory (docs/decisions.md).
 *
 * `npm run build` reads nothing but the number of pages from those results, and no template reads
 * another page's `templateContent` once that page is written (feeds take the issues' HTML as it is
 * rendered: src/eleventy/feeds-plugin.ts), so once a page is on disk this drops every reference.
 * `npm start` does not use it: the dev server reads the results to patch the open page in place.
 * Eleventy's `Template` is loaded as src/eleventy/internals/eleventy-template.ts loads it.
 *
 * `onWritten` is told each page's output path once the page is on disk (the build starts its
 * search index as soon as the issue pages are: src/cli/build.ts). The method is wrapped once per
 * process; a later call only replaces the listener.
 */
export async function releaseWrittenPages(onWritten: (outputPath: string) => void = () => undefined): Promise<void> {
  writtenListener = onWritten;
  const { url: templateUrl, Template: loaded } = await loadEleventyTemplate<TemplateInternals>();
  const Template = loaded as TemplateClass;
  const prototype = Template.prototype;
  const write = prototype._write;
  if (typeof write !== "function") {
    throw internalChanged(templateUrl.pathname, "Template.prototype._write", write, "releaseWrittenPages");
  }
  if ((write as { released?: boolean }).released) return;
  const releasing = async function (this: TemplateInternals, page: WrittenPage, content: unknown): Promise<unknown> {
    const outputPath = page.outputPath;
    const written = (await write.call(this, page, content)) as { content?: unknown; rawInput?: unknown } | undefined;
    if (typeof outputPath === "string") writtenListener(outputPath);
    // A paginated template renders each page on that page's own clone of the template.
    for (const template of [this, page.template]) {
      if (!template) continue;
      delete template._cacheRenderedTransformsAndLayoutsPromise;
      delete template._cacheRenderedPromise;
    }
    // Eleventy's setter: `undefined` marks the content as released rather than not yet rendered.
    if ("templateContent" in page) page.templateContent = undefined;
    // The source file, read once and kept by path, on the template, as parsed front matter and in
    // the compiled render function (cached by path and source); a paginated template's source is
    // left, as its other pages may still be rendering from it.
    if (page.template === this && typeof page.inputPath === "string") {
      Template.deleteFromInputCache?.(page.inputPath);
      if (typeof this.inputPath === "string") Template._compileCache?.get(this.inputPath)?.clear();
      delete this.inputContent;
      delete this.readingPromise;
      page.rawInput = undefined;
      if (page.data?.page) page.data.page.rawInput = undefined;
    }
    if (written) {
      written.content = undefined;
      written.rawInput = undefined;
    }
    return written;
  };
  prototype._write = Object.assign(releasing, { released: true });
}

let writtenListener: (outputPath: string) => void = () => undefined;

interface WrittenPage {
  outputPath?: unknown;
  template?: TemplateInternals;
  templateContent?: unknown;
  inputPath?: unknown;
  rawInput?: unknown;
  data?: { page?: { rawInput?: unknown } };
}

interface TemplateClass {
  prototype: Partial<TemplateInternals>;
  deleteFromInputCache?(inputPath: string): void;
  _compileCache?: Map<string, Map<string, unknown>>;
}

interface TemplateInternals {
  _write(page: unknown, content: unknown): Promise<unknown>;
  _cacheRenderedTransformsAndLayoutsPromise?: Promise<unknown>;
  _cacheRenderedPromise?: Promise<unknown>;
  inputPath?: unknown;
  inputContent?: unknown;
  readingPromise?: unknown;
}
