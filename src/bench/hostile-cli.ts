// `npm run bench:hostile -- [--runs N] [--smallest KB] [--largest KB] [--budget MS] [--build]`:
// times each stage over issue text (validation, Markdown rendering, the page and feed filters over
// the HTML) on adversarial inputs at doubling sizes, and prints a table with each time's ratio to
// the size before: about 2 is linear. A stage slower than the budget is not run at larger sizes.
// `--build` also times one real `npm run build` of each input at the largest size.
import { spawnSync } from "node:child_process";
import { mkdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { createMarkdown } from "../markdown/create-markdown.ts";
import { tableOfContents } from "../markdown/table-of-contents.ts";
import { feedContentHtml } from "../model/feed-content.ts";
import { validateIssueSource, type IssueSource } from "../model/validate-issues.ts";
import { parseFlags } from "./args.ts";
import { doublingSizes, hostileInputs, hostileTable, median, sizeLabel, type HostileRow, type StageTime } from "./hostile.ts";
import { buildScriptArguments } from "./package-scripts.ts";
import { projectRoot } from "./project-root.ts";
import { revision } from "./revision.ts";
import { scratchFolder } from "./scratch-and-machine.ts";

const stages = ["validate", "render", "pages"] as const;
/** A run this long is timed once, not `--runs` times. */
const singleRunMs = 2000;
const file = "issues/2022-03-10-hostile.md";

async function main(): Promise<void> {
  const flags = parseFlags("bench:hostile", process.argv.slice(2), { runs: "count", smallest: "count", largest: "count", budget: "count", build: "switch" });
  const runs = flags.runs ?? 3;
  const sizes = doublingSizes((flags.smallest ?? 64) * 1024, (flags.largest ?? 1024) * 1024);
  const budgetMs = flags.budget ?? 10_000;
  const at = revision(projectRoot);
  log(`bench:hostile at ${at ? `${at.commit.slice(0, 7)}${at.dirty ? " with changes" : ""}` : "an unknown revision"}: ${hostileInputs.length} inputs, ${sizes.map(sizeLabel).join(", ")}, median of ${runs} runs, budget ${budgetMs} ms a stage`);

  const rows: HostileRow[] = [];
  for (const input of hostileInputs) {
    const overBudget = new Map<string, string>();
    for (const bytes of sizes) {
      const text = input.make(bytes);
      const source: IssueSource = { file, absolutePath: path.join(projectRoot, file), bytes: new TextEncoder().encode(text) };
      const row: HostileRow = { input: input.name, bytes, stages: {} };
      const stage = (name: (typeof stages)[number], work: () => unknown): StageTime => {
        const skipped = overBudget.get(name);
        return skipped ? { skipped } : timed(runs, work);
      };
      row.stages.validate = stage("validate", () => validateIssueSource(source));
      // The body as the renderer gets it; front matter inputs render their short body.
      const body = text.slice(text.indexOf("\n---\n", 3) + 5);
      let html = "";
      row.stages.render = stage("render", () => (html = createMarkdown().render(body, {})));
      row.stages.pages = html === ""
        ? { skipped: "no HTML" }
        : stage("pages", () => [tableOfContents(html), feedContentHtml(html, "https://example.com/issues/hostile/", "https://example.com/")]);
      for (const stage of stages) {
        const time = row.stages[stage];
        if (time && "ms" in time && time.ms > budgetMs && !overBudget.has(stage)) overBudget.set(stage, `over budget at ${sizeLabel(bytes)}`);
      }
      rows.push(row);
      log(`${input.name} ${sizeLabel(bytes)}: ${stages.map((stage) => `${stage} ${describe(row.stages[stage])}`).join(", ")}`);
    }
  }
  console.log(`\n${hostileTable(rows, stages)}`);

  if (flags.build) {
    const largest = sizes[sizes.length - 1] ?? 0;
    const scratch = await scratchFolder("newsletter-hostile-");
    const lines = ["| input | size | build exit | build s |", "| --- | --- | --- | --- |"];
    try {
      for (const input of hostileInputs) {
        const content = path.join(scratch.folder, "issues");
        await rm(content, { recursive: true, force: true });
        await mkdir(content, { recursive: true });
        await writeFile(path.join(content, path.basename(file)), input.make(largest));
        const started = performance.now();
        const build = spawnSync(process.execPath, [...buildScriptArguments(), "--content", content, "--output", path.join(scratch.folder, "_site")], {
          cwd: projectRoot,
          encoding: "utf8",
          maxBuffer: 64 * 1024 * 1024,
        });
        const seconds = ((performance.now() - started) / 1000).toFixed(1);
        lines.push(`| ${input.name} | ${sizeLabel(largest)} | ${build.status ?? build.signal} | ${seconds} |`);
        log(`build of ${input.name} ${sizeLabel(largest)}: exit ${build.status ?? build.signal} in ${seconds} s`);
      }
    } finally {
      await rm(scratch.folder, { recursive: true, force: true });
    }
    console.log(`\n${lines.join("\n")}`);
  }
}

/** The median time of `runs` calls of `work` (one call when the first is slow), or the error it threw. */
function timed(runs: number, work: () => unknown): StageTime {
  const times: number[] = [];
  let error: string | undefined;
  for (let run = 0; run < runs; run++) {
    const started = performance.now();
    try {
      work();
    } catch (thrown) {
      error = thrown instanceof Error ? thrown.name : "error";
    }
    times.push(performance.now() - started);
    if (times[0] !== undefined && times[0] > singleRunMs) break;
  }
  return error ? { ms: median(times), error } : { ms: median(times) };
}

function describe(time: StageTime | undefined): string {
  if (!time) return "-";
  if ("skipped" in time) return time.skipped;
  return `${time.ms.toFixed(1)} ms${time.error ? ` (${time.error})` : ""}`;
}

function log(line: string): void {
  console.error(line);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
