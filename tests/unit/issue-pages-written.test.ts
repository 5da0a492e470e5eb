// Told once every issue page is on disk, so that the search index can start on them.
import path from "node:path";
import { expect, test } from "vitest";
import { IssuePagesWritten } from "../../src/cli/issue-pages-written.ts";

const folder = path.resolve("/tmp/site-build");
const at = (relative: string) => path.join(folder, relative);

test("told once, as the last issue page is written, whatever other pages are written around them", () => {
  let told = 0;
  const pages = new IssuePagesWritten(folder, () => told++);
  pages.expect(["/", "/issues/one/", "/tags/x/", "/issues/two/", "/feed.xml", "/issues/two/extra/"]);
  pages.written(at("index.html"));
  pages.written(at("issues/two/index.html"));
  pages.written(at("tags/x/index.html"));
  expect(told).toBe(0);
  pages.written(at("issues/two/index.html")); // again: still one page to come
  expect(told).toBe(0);
  pages.written(path.join(folder, "issues", "..", "issues", "one", "index.html"));
  expect(told).toBe(1);
  pages.written(at("feed.xml"));
  pages.written(at("issues/one/index.html"));
  expect(told).toBe(1);
});

test("never told for a site without issue pages, nor before the pages are known", () => {
  let told = 0;
  const pages = new IssuePagesWritten(folder, () => told++);
  pages.written(at("issues/one/index.html"));
  pages.expect(["/", "/tags/", "/feed.xml"]);
  pages.written(at("index.html"));
  pages.written(at("issues/one/index.html"));
  expect(told).toBe(0);
});
