// `npm run bench:edit -- --issues N [--edits E] [--seed S]`: how long an edit to one issue's text
// takes to be served by `npm start`. Generates a corpus inside the project (npm start rebuilds
// incrementally only there), starts the dev server on it, then E times appends a paragraph with a
// new word to an issue and polls that issue's page until the word is served, and waits for the
// build and the background search indexing to settle. Writes the figures to bench/results/.
import { rmSync } from "node:fs";
import { appendFile, mkdir, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { issueHref, issueSlug } from "../model/issue-url.ts";
import { parseFlags, required } from "./args.ts";
import { corpusStats, generateCorpus, writeCorpus } from "./corpus.ts";
import { DevServer } from "./dev-server.ts";
import {
  editLine,
  editMarker,
  editParagraph,
  editResultFileName,
  editSummaryLine,
  pickEditFiles,
  summariseEdits,
  type EditFigures,
} from "./edit-bench.ts";
import { projectRoot } from "./project-root.ts";
import { revision } from "./revision.ts";
import { machineFigures, scratchFolder } from "./scratch-and-machine.ts";

/** Give up on an edit not served after this long. */
const servedTimeoutMs = 120_000;
/** The first build and search index of a large corpus take minutes on two cores. */
const startTimeoutMs = 20 * 60_000;
/** Builds and indexing after an edit, a full rebuild among them. */
const settleTimeoutMs = 10 * 60_000;
/** Quiet after the server settles, before the next edit. */
const quietMs = 1000;

async function main(): Promise<void> {
  const flags = parseFlags("bench:edit", process.argv.slice(2), { issues: "count", edits: "count", seed: "seed" });
  const issues = required("bench:edit", "--issues N", flags.issues);
  const edits = flags.edits ?? 5;
  const seed = flags.seed ?? 1;

  // Inside the project, so npm start names changed files as its templates and rebuilds one issue.
  const content = path.join("bench/corpus", `edit-${issues}-seed-${seed}`);
  log(`bench:edit: writing ${issues} issues (seed ${seed}) to ${content}`);
  const corpusStarted = performance.now();
  const corpus = generateCorpus({ issues, seed });
  await writeCorpus(path.join(projectRoot, content), corpus, true);
  const corpusMs = performance.now() - corpusStarted;
  const stats = corpusStats(corpus);
  const output = await scratchFolder("newsletter-edit-bench-");

  const load = [os.loadavg()];
  const figures: EditFigures[] = [];
  let startup: { readyMs: number; files: number | undefined; eleventyMs: number | undefined };
  let server: DevServer | undefined;
  // The server runs in a process group of its own, which Ctrl-C does not reach.
  const stopOnSignal = (signal: NodeJS.Signals) => {
    server?.kill("SIGKILL");
    rmSync(output.folder, { recursive: true, force: true });
    process.kill(process.pid, signal);
  };
  process.once("SIGINT", stopOnSignal);
  process.once("SIGTERM", stopOnSignal);
  try {
    log(`bench:edit: starting npm start's dev server, output in ${output.folder}${output.tmpfs ? " (tmpfs)" : ""}`);
    const started = performance.now();
    server = await DevServer.start({ content, output: output.folder });
    await server.waitUntilSettled(startTimeoutMs, quietMs);
    const firstBuild = server.eventsSince(started).find((event) => event.kind === "built");
    startup = {
      readyMs: Math.round(performance.now() - started),
      files: firstBuild?.files,
      eleventyMs: firstBuild?.eleventyMs,
    };
    log(`bench:edit: first build (${startup.files} files) and search index ready after ${(startup.readyMs / 1000).toFixed(1)} s, at ${server.url}`);

    const run = Date.now().toString(36);
    const files = pickEditFiles(
      corpus.map((issue) => issue.fileName),
      edits,
    );
    for (const [index, file] of files.entries()) {
      const url = issueHref(issueSlug(file));
      const marker = editMarker(run, index);
      // The page is there before the edit: a wrong URL fails here, not after the timeout.
      await server.text(url);
      const wroteAt = performance.now();
      await appendFile(path.join(projectRoot, content, file), editParagraph(marker));
      let servedAt: number | undefined;
      await server.waitUntil(
        async () => {
          const { text } = await server!.fetch(url);
          if (text.includes(marker)) servedAt = performance.now();
          return servedAt !== undefined;
        },
        servedTimeoutMs,
        `${url} with ${marker}`,
      );
      await server.waitUntilSettled(settleTimeoutMs, quietMs);
      const events = server.eventsSince(wroteAt);
      const edit: EditFigures = {
        file,
        url,
        servedMs: Math.round((servedAt as number) - wroteAt),
        builds: events.flatMap((event) =>
          event.kind === "built"
            ? [{ loggedMs: Math.round(event.atMs - wroteAt), eleventyMs: event.eleventyMs, files: event.files, skipped: event.skipped }]
            : [],
        ),
        indexedMs: Math.round((events.filter((event) => event.kind === "indexed").at(-1)?.atMs ?? Number.NaN) - wroteAt),
      };
      figures.push(edit);
      load.push(os.loadavg());
      log(editLine(index + 1, edits, edit));
    }
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
    return;
  } finally {
    await server?.stop();
    process.off("SIGINT", stopOnSignal);
    process.off("SIGTERM", stopOnSignal);
    await rm(output.folder, { recursive: true, force: true });
  }

  const summary = summariseEdits(issues, figures);
  const resultsFolder = path.join(projectRoot, "bench/results");
  const resultFile = path.join(resultsFolder, editResultFileName({ issues, seed }));
  await mkdir(resultsFolder, { recursive: true });
  const result = {
    command: `npm run bench:edit -- --issues ${issues} --edits ${edits} --seed ${seed}`,
    date: new Date().toISOString(),
    revision: revision(projectRoot),
    /** Load averages before the dev server started and after each edit. */
    machine: machineFigures(output.tmpfs, load),
    corpus: { ...stats, seed, folder: content, generateMs: Math.round(corpusMs) },
    /** From spawning the dev server to its first build served and indexed. */
    startup,
    summary,
    edits: figures,
  };
  await writeFile(resultFile, `${JSON.stringify(result, null, 2)}\n`);
  log(`bench:edit: wrote ${path.relative(process.cwd(), resultFile)}`);
  log(`bench:edit: load average (1 min) ${load.map((averages) => averages[0]?.toFixed(2)).join(" → ")} on ${os.cpus().length} CPUs`);
  console.log(editSummaryLine(summary));
}

function log(line: string): void {
  console.log(line);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
});
