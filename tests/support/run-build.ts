import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { buildScriptArguments } from "../../src/bench/package-scripts.ts";

export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const tsxCli = path.join(projectRoot, "node_modules/tsx/dist/cli.mjs");

export interface BuildRun {
  status: number | null;
  stdout: string;
  stderr: string;
  output: string;
}

/** Runs `npm run build`'s script exactly as a publisher would, as a child process. */
export function runBuild(options: { content: string; output?: string; env?: Record<string, string> }): BuildRun {
  const output = options.output ?? path.join(tempFolder("site-"), "_site");
  const result = spawnSync(
    process.execPath,
    [...buildScriptArguments(), "--content", options.content, "--output", output],
    { cwd: projectRoot, encoding: "utf8", env: { ...process.env, ...options.env } },
  );
  return { status: result.status, stdout: result.stdout, stderr: result.stderr, output };
}

/**
 * Builds as `npm start` does, in Eleventy's `serve` run mode (drafts shown), without a server;
 * see serve-mode-build.ts.
 */
export function runServeModeBuild(options: { content: string; env?: Record<string, string> }): BuildRun {
  const output = path.join(tempFolder("serve-site-"), "_site");
  const result = spawnSync(process.execPath, [tsxCli, "tests/support/serve-mode-build.ts", options.content, output], {
    cwd: projectRoot,
    encoding: "utf8",
    env: { ...process.env, ...options.env },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr, output };
}

export function tempFolder(prefix: string): string {
  return mkdtempSync(path.join(tmpdir(), `newsletter-${prefix}`));
}
