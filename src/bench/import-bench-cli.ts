// `npm run bench:import -- [--posts N]`: times `npm run import --from substack` of a generated
// export of N posts (default 1,000), each with a captioned image inside the zip, into an empty
// folder, then a second, identical run (which must change nothing). Target: 10 s for 1,000.
import { writeFile, rm } from "node:fs/promises";
import path from "node:path";
import { runImport } from "../import/run-import.ts";
import { parseFlags } from "./args.ts";
import { substackBenchZip } from "./import-bench.ts";
import { scratchFolder } from "./scratch-and-machine.ts";

async function main(): Promise<void> {
  const flags = parseFlags("bench:import", process.argv.slice(2), { posts: "count" });
  const posts = flags.posts ?? 1000;
  const { folder } = await scratchFolder("import-bench-");
  try {
    const zip = path.join(folder, "export.zip");
    await writeFile(zip, substackBenchZip(posts));
    const content = path.join(folder, "issues");
    const options = { kind: "substack" as const, source: zip, content, seriesFromTag: new Map(), dryRun: false, force: false, series: "lab-notes" };
    const first = performance.now();
    const outcome = await runImport(options);
    const firstMs = performance.now() - first;
    const second = performance.now();
    const again = await runImport(options);
    const secondMs = performance.now() - second;
    const written = outcome.issues.filter((issue) => issue.action === "new").length;
    const unchanged = again.issues.filter((issue) => issue.action === "unchanged").length;
    console.log(`Imported ${written} of ${posts} posts and ${outcome.imagesWritten} images in ${(firstMs / 1000).toFixed(2)} s (${outcome.failures.length} failures); the second run left ${unchanged} unchanged in ${(secondMs / 1000).toFixed(2)} s`);
    if (outcome.failures.length || written !== posts || unchanged !== posts) process.exitCode = 1;
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
