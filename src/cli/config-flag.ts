import path from "node:path";
import { configVariable } from "../config/newsletter-config.ts";

/**
 * Takes `--config FILE` (also `--config=FILE`) out of a command's arguments and sets
 * NEWSLETTER_CONFIG to it, so this process, its worker threads and the processes it starts all
 * read the same file. Returns the other arguments, for the command's own parser.
 */
export function takeConfigFlag(argv: readonly string[], env: Record<string, string | undefined> = process.env): string[] {
  const rest: string[] = [];
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index] ?? "";
    if (arg !== "--config" && !arg.startsWith("--config=")) {
      rest.push(arg);
      continue;
    }
    const value = arg === "--config" ? argv[++index] : arg.slice("--config=".length);
    if (!value || value.startsWith("--")) throw new Error("--config: expected the path of a newsletter.yml file, got nothing");
    env[configVariable] = path.resolve(value);
  }
  return rest;
}
