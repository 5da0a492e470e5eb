// `npm run import -- --from <kind> SOURCE [--series ID] [--series-from-tag tag=series] [--old-site URL]
// [--content DIR] [--config FILE] [--dry-run] [--force]`: an archive exported from another platform
// to issue files, images beside them, and the old addresses as aliases.
import { importReport } from "../import/report.ts";
import { parseImportArgs } from "../import/import-args.ts";
import { runImport } from "../import/run-import.ts";
import { takeConfigFlag } from "./config-flag.ts";
import { errorMessage } from "./error-message.ts";

async function main(): Promise<void> {
  const options = parseImportArgs(takeConfigFlag(process.argv.slice(2)));
  const tty = process.stderr.isTTY;
  let last = -1;
  const outcome = await runImport(options, (done, total) => {
    // A bar on a terminal, redrawn at each percent; nothing per post elsewhere (the report lists each file).
    if (!tty) return;
    const percent = Math.floor((done / total) * 100);
    if (percent === last) return;
    last = percent;
    const width = 30;
    const filled = Math.round((done / total) * width);
    process.stderr.write(`\r[${"#".repeat(filled)}${" ".repeat(width - filled)}] ${done}/${total}${done === total ? "\n" : ""}`);
  });
  for (const line of importReport(outcome)) console.log(line);
  if (outcome.failures.length) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(errorMessage(error));
  process.exitCode = 1;
});
