// `npm run check [-- --site DIR]`: check a built site (default `_site`); exits 1 on any problem.
import { runSiteChecks, siteChecks } from "../check/check-site.ts";
import { takeConfigFlag } from "./config-flag.ts";
import { errorMessage } from "./error-message.ts";

/** Reads `--site DIR` (also `--site=DIR`); anything else is an error. */
function siteFolder(argv: readonly string[]): string {
  const args = argv.flatMap((arg) => (arg.startsWith("--site=") ? ["--site", arg.slice("--site=".length)] : [arg]));
  if (args.length === 0) return "_site";
  const [flag, value] = args;
  if (args.length !== 2 || flag !== "--site" || !value || value.startsWith("--")) {
    throw new Error(`check: expected --site DIR, got ${JSON.stringify(argv.join(" "))}`);
  }
  return value;
}

async function main(): Promise<void> {
  const folder = siteFolder(takeConfigFlag(process.argv.slice(2)));
  const started = performance.now();
  const { pagesChecked, problems } = await runSiteChecks(folder);
  const milliseconds = Math.round(performance.now() - started);
  for (const { page, line, rule, message } of problems) console.log(`${page}${line ? `:${line}` : ""}  ${rule}  ${message}`);
  const outcome = problems.length ? `${problems.length} problem${problems.length === 1 ? "" : "s"}` : "no problems";
  console.log(`Checked ${pagesChecked} pages in ${folder} (${siteChecks.join(", ")}) in ${milliseconds} ms: ${outcome}.`);
  if (problems.length) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(errorMessage(error));
  process.exitCode = 1;
});
