/**
 * Eleventy 3.1 keeps every page it has written until `write()` returns: the page's final HTML stays
 * cached on its template (`_cacheRenderedTransformsAndLayoutsPromise`) and is listed again in the
 * results `write()` resolves with. On a large archive that is most of the heap (about 0.6 MB per
 * issue: a 20,000-issue build ran out of memory), and collecting it is a tenth of the build.
 *
 * `npm run build` reads nothing but the number of pages from those results, so once a page is on
 * disk this drops both references. `npm start` does not use it: the dev server reads the results to
 * patch the open page in place. Eleventy's `Template` is not exported, so it is loaded by file from
 * the installed package, which is the same module instance Eleventy itself imported.
 */
export async function releaseWrittenPages(): Promise<void> {
  const templateUrl = new URL("./Template.js", import.meta.resolve("@11ty/eleventy"));
  const { default: Template } = (await import(templateUrl.href)) as { default: { prototype: Partial<TemplateInternals> } };
  const prototype = Template.prototype;
  const write = prototype._write;
  if (typeof write !== "function") {
    throw new Error(`releaseWrittenPages: expected Eleventy's Template.prototype._write in ${templateUrl.pathname}; Eleventy's internals changed`);
  }
  if ((write as { released?: boolean }).released) return;
  const releasing = async function (this: TemplateInternals, page: WrittenPage, content: unknown): Promise<unknown> {
    const written = (await write.call(this, page, content)) as { content?: unknown } | undefined;
    // A paginated template caches each page's HTML on that page's own clone of the template.
    delete page.template?._cacheRenderedTransformsAndLayoutsPromise;
    delete this._cacheRenderedTransformsAndLayoutsPromise;
    if (written) written.content = undefined;
    return written;
  };
  prototype._write = Object.assign(releasing, { released: true });
}

interface WrittenPage {
  template?: TemplateInternals;
}

interface TemplateInternals {
  _write(page: unknown, content: unknown): Promise<unknown>;
  _cacheRenderedTransformsAndLayoutsPromise?: Promise<unknown>;
}
