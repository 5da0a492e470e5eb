// Measures a first search on a built site: `tsx tests/support/measure-search.ts SITE QUERY`.
// Prints the bytes transferred (see search-transfer.ts) and the size of the Pagefind bundle.
import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { launchBrowser } from "./browser.ts";
import { measureFirstSearch } from "./search-transfer.ts";

const [site, query] = process.argv.slice(2);
if (!site || !query) throw new Error("measure-search: expected a built site folder and a query");
const bundle = path.join(site, "pagefind");
const sizes = readdirSync(bundle, { recursive: true, encoding: "utf8" })
  .map((file) => ({ file, bytes: statSync(path.join(bundle, file)).size }))
  .filter(({ file }) => statSync(path.join(bundle, file)).isFile());
const sum = (entries: { bytes: number }[]) => entries.reduce((total, entry) => total + entry.bytes, 0);
const browser = await launchBrowser();
try {
  const transfer = await measureFirstSearch(browser, site, query);
  const { files, ...totals } = transfer;
  console.log(
    JSON.stringify(
      {
        query,
        firstSearchBytes: totals,
        requests: files.length,
        pagefindSearchGzip: files.filter((file) => file.path.startsWith("/pagefind/") && !file.path.includes("component-ui")).reduce((total, file) => total + file.gzipBytes, 0),
        files,
        bundleBytes: sum(sizes),
        indexBytes: sum(sizes.filter(({ file }) => /^(index|fragment|filter)\//.test(file) || file.endsWith(".pf_meta"))),
        bundleFiles: sizes.length,
      },
      null,
      2,
    ),
  );
} finally {
  await browser.close();
}
