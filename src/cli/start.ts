// `npm start [-- --config FILE --content DIR]`: Eleventy's own server (--serve --incremental), on
// the configuration and content given; Eleventy builds drafts too, into _dev/ (src/run-mode.ts).
import { spawn } from "node:child_process";
import path from "node:path";
import { newsletterConfig } from "../config/newsletter-config.ts";
import { takeConfigFlag } from "./config-flag.ts";
import { errorMessage } from "./error-message.ts";

/** Splits off `--content DIR`; everything else goes to Eleventy (`--port 8090`, say). */
function takeContentFlag(argv: readonly string[]): { content?: string; rest: string[] } {
  const rest: string[] = [];
  let content: string | undefined;
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index] ?? "";
    if (arg !== "--content" && !arg.startsWith("--content=")) {
      rest.push(arg);
      continue;
    }
    content = arg === "--content" ? argv[++index] : arg.slice("--content=".length);
    if (!content || content.startsWith("--")) throw new Error("start: --content: expected a folder, got nothing");
  }
  return { ...(content ? { content } : {}), rest };
}

function main(): void {
  const { content, rest } = takeContentFlag(takeConfigFlag(process.argv.slice(2)));
  if (content) process.env.NEWSLETTER_CONTENT = path.resolve(content);
  // A configuration problem is told before Eleventy starts, in the same words as the build's.
  newsletterConfig();
  const eleventy = path.resolve("node_modules/@11ty/eleventy/cmd.cjs");
  const child = spawn(
    process.execPath,
    ["--max-semi-space-size=64", "--import", import.meta.resolve("tsx"), eleventy, "--config=.eleventy.js", "--serve", "--incremental", ...rest],
    { stdio: "inherit" },
  );
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => child.kill(signal));
  child.on("exit", (code, signal) => {
    process.exitCode = code ?? (signal ? 1 : 0);
  });
}

try {
  main();
} catch (error) {
  console.error(errorMessage(error));
  process.exitCode = 1;
}
