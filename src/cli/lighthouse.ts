// `npm run lighthouse [-- --dir DIR --chrome PATH --runs N]`: serves the built site (default `_site`) with
// the site's _headers and compression, audits issue 18's four pages on mobile and desktop with
// Lighthouse in Debian's Chromium, and prints the median of N runs (3 unless --runs says) of their scores. A report, not a test: it always exits 0
// once the audits ran, whatever the scores.
import { existsSync } from "node:fs";
import path from "node:path";
import * as chromeLauncher from "chrome-launcher";
import lighthouse, { desktopConfig, type Config, type Result } from "lighthouse";
import { serveAsHost } from "../preview/serve-site.ts";
import { takeConfigFlag } from "./config-flag.ts";
import { errorMessage } from "./error-message.ts";
import { parseLighthouseArgs } from "./lighthouse-args.ts";
import { auditedPages, categories, formatLighthouseTable, formatShortfalls, formFactors, medianRows, type AuditRow, type CategoryId } from "./lighthouse-report.ts";
import { chromiumFlags } from "./chromium.ts";

const chromeFlags = [
  "--headless",
  ...chromiumFlags,
  // Everything but loopback goes to a proxy that is not there, so nothing a page or Chromium asks
  // for can leave the machine.
  "--proxy-server=http://127.0.0.1:9",
];

async function main(): Promise<void> {
  const options = parseLighthouseArgs(takeConfigFlag(process.argv.slice(2)), process.env);
  if (!existsSync(path.join(options.dir, "index.html"))) {
    throw new Error(`lighthouse: ${options.dir}: no built site (no index.html); run npm run build first`);
  }
  const missing = auditedPages.filter((page) => !existsSync(path.join(options.dir, page.file)));
  if (missing.length) {
    throw new Error(`lighthouse: ${options.dir}: expected the audited pages, got none at ${missing.map((page) => page.file).join(", ")}; run npm run build first`);
  }
  if (!existsSync(options.chromePath)) {
    throw new Error(`lighthouse: ${options.chromePath}: no Chromium there; install Debian's (apt-get install chromium) or pass --chrome PATH`);
  }

  const { server, pathPrefix } = await serveAsHost(options.dir, { compress: true });
  const chrome = await chromeLauncher.launch({ chromePath: options.chromePath, chromeFlags, logLevel: "silent" }).catch(async (error: unknown) => {
    await server.close();
    throw new Error(`lighthouse: ${options.chromePath}: Chromium did not start`, { cause: error });
  });
  const rows: AuditRow[] = [];
  try {
    // Runs interleave (every page once, then again) so a burst of load on the machine spreads over pages.
    for (let run = 1; run <= options.runs; run++) {
      for (const page of auditedPages) {
        for (const formFactor of formFactors) {
          const url = `${server.url}${pathPrefix}${page.path.slice(1)}`;
          process.stderr.write(`Auditing ${page.label} (${formFactor}, run ${run} of ${options.runs}): ${url}\n`);
          // Without a config Lighthouse emulates a phone; its desktop config sets the screen and throttling of a desktop.
          const config: Config | undefined = formFactor === "desktop" ? desktopConfig : undefined;
          rows.push(auditRow(page.label, formFactor, await audit(url, chrome.port, config)));
        }
      }
    }
  } finally {
    await chrome.kill();
    await server.close();
  }
  const medians = medianRows(rows);
  if (options.runs > 1) console.log(`Median of ${options.runs} runs of each page and form factor.\n`);
  console.log(formatLighthouseTable(medians));
  const shortfalls = formatShortfalls(medians);
  if (shortfalls.length) console.log(`\nBelow 100:\n${shortfalls.map((line) => `  ${line}`).join("\n")}`);
}

/** One Lighthouse run of a page. A trace Lighthouse failed to record (NO_NAVSTART and the like, seen
 *  on a loaded machine) is a fault of the run, not the page: tried again, up to three times in all. */
async function audit(url: string, port: number, config: Config | undefined): Promise<Result> {
  for (let attempt = 1; ; attempt++) {
    const result = await lighthouse(url, { port, logLevel: "error", output: "json", onlyCategories: categories.map((category) => category.id) }, config);
    if (!result) throw new Error(`lighthouse: ${url}: expected a result, got none`);
    if (!result.lhr.runtimeError || attempt === 3) return result.lhr;
    process.stderr.write(`  ${result.lhr.runtimeError.code}: running it again\n`);
  }
}

/** A run's four category scores and the titles of the weighted audits in them that did not pass. */
function auditRow(page: string, formFactor: AuditRow["formFactor"], lhr: Result): AuditRow {
  if (lhr.runtimeError) throw new Error(`lighthouse: ${lhr.finalDisplayedUrl}: ${lhr.runtimeError.code}: ${lhr.runtimeError.message}`);
  const scores = {} as Record<CategoryId, number | null>;
  const shortfalls = new Set<string>();
  for (const { id } of categories) {
    const category = lhr.categories[id];
    scores[id] = category?.score ?? null;
    for (const ref of category?.auditRefs ?? []) {
      const audit = lhr.audits[ref.id];
      if (ref.weight > 0 && audit && audit.score !== null && audit.score < 1) {
        shortfalls.add(audit.displayValue ? `${audit.title} (${audit.displayValue})` : audit.title);
      }
    }
  }
  return { page, formFactor, scores, shortfalls: [...shortfalls] };
}

main().catch((error: unknown) => {
  console.error(errorMessage(error));
  process.exitCode = 1;
});
