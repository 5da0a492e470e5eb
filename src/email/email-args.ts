/** `npm run email`'s arguments, after `--config` was taken out (src/cli/config-flag.ts). */
export interface EmailArgs {
  slugs: string[];
  all: boolean;
  /** Where the files are written. @default "_email" */
  out: string;
  /** The built site the editions are made from. @default "_site" */
  site: string;
  /** Run the checks, write nothing. */
  check: boolean;
}

export class EmailArgsError extends Error {
  override name = "EmailArgsError";
}

const usage = "usage: npm run email -- SLUG... | --all [--out DIR] [--site DIR] [--check] [--config FILE]";

/** Parses the arguments; every mistake is named in one error. */
export function parseEmailArgs(argv: readonly string[]): EmailArgs {
  const args: EmailArgs = { slugs: [], all: false, out: "_email", site: "_site", check: false };
  const problems: string[] = [];
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index] ?? "";
    const [flag, inline] = arg.startsWith("--") && arg.includes("=") ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)] : [arg, undefined];
    if (flag === "--all") args.all = true;
    else if (flag === "--check") args.check = true;
    else if (flag === "--out" || flag === "--site") {
      const next = argv[index + 1];
      const value = inline ?? (next !== undefined && !next.startsWith("--") ? argv[++index] : undefined);
      if (!value) problems.push(`${flag}: expected a folder, got nothing`);
      else if (flag === "--out") args.out = value;
      else args.site = value;
    } else if (arg.startsWith("-")) problems.push(`${arg}: expected one of --all, --out, --site, --check, --config, got an unknown option`);
    else if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(arg)) problems.push(`${JSON.stringify(arg)}: expected an issue's slug, like lab-notes-gpt3 (its address /issues/<slug>/)`);
    else args.slugs.push(arg);
  }
  if (args.all && args.slugs.length) problems.push("--all: expected either --all or slugs, got both");
  if (!args.all && !args.slugs.length && !problems.length) problems.push("expected the slug of an issue, or --all");
  if (problems.length) throw new EmailArgsError(`email: ${problems.join("; ")}\n${usage}`);
  return args;
}
