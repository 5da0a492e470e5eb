import { chromiumPath } from "./chromium.ts";

/** Options of `npm run lighthouse`. */
export interface LighthouseOptions {
  /** The built site to serve and audit.
   *  @default "_site" */
  dir: string;
  /** `--chrome PATH`, else CHROME_PATH: the Chromium that Lighthouse drives.
   *  @default "/usr/bin/chromium" (Debian's) */
  chromePath: string;
  /** `--runs N`: audits of each page and form factor, of which the table shows the median; one run's
   *  performance score moves by a few points with the machine's load.
   *  @default 3 */
  runs: number;
}

const flags = ["--dir", "--chrome", "--runs"] as const;
type Flag = (typeof flags)[number];

/** Parses `--dir DIR --chrome PATH --runs N` (also `--dir=DIR`), with CHROME_PATH as the browser's default; anything else is an error. */
export function parseLighthouseArgs(argv: readonly string[], env: Record<string, string | undefined> = {}): LighthouseOptions {
  const given: Partial<Record<Flag, string>> = {};
  for (let index = 0; index < argv.length; index++) {
    const [flag, inline] = (argv[index] ?? "").split(/=(.*)/s, 2) as [string, string | undefined];
    if (!flags.includes(flag as Flag)) {
      throw new Error(`lighthouse: expected --dir DIR, --chrome PATH or --runs N, got ${JSON.stringify(argv[index])}`);
    }
    const value = inline ?? argv[++index];
    if (!value || value.startsWith("--")) throw new Error(`lighthouse: ${flag}: expected a value, got nothing`);
    given[flag as Flag] = value;
  }
  const runs = given["--runs"] ?? "3";
  if (!/^[1-9][0-9]?$/.test(runs)) throw new Error(`lighthouse: --runs: expected a whole number from 1 to 99, got ${JSON.stringify(runs)}`);
  return {
    dir: given["--dir"] ?? "_site",
    runs: Number(runs),
    chromePath: given["--chrome"] || env.CHROME_PATH || chromiumPath,
  };
}
