// `npm run corpus -- --issues N --out DIR [--seed S] [--replace]`: writes a synthetic archive of N
// issues in the project's own format, the same files for the same seed.
import { parseFlags, required } from "./args.ts";
import { corpusStats, generateCorpus, writeCorpus } from "./corpus.ts";

async function main(): Promise<void> {
  const flags = parseFlags("corpus", process.argv.slice(2), { issues: "count", out: "folder", seed: "seed", replace: "switch" });
  const issues = required("corpus", "--issues N", flags.issues);
  const out = required("corpus", "--out DIR", flags.out);
  const seed = flags.seed ?? 1;
  const corpus = generateCorpus({ issues, seed });
  await writeCorpus(out, corpus, flags.replace ?? false);
  const stats = corpusStats(corpus);
  console.log(
    `corpus: ${stats.issues} issues (seed ${seed}) in ${out}: ${stats.words} words, ${(stats.bytes / 1024 / 1024).toFixed(1)} MiB, ${stats.distinctTags} tags, ${stats.images} figures in ${stats.issuesWithImages} issues`,
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
});
