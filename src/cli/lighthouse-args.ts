import { chromiumPath } from "./chromium.ts";

/** Options of `npm run lighthouse`. */
export interface LighthouseOptions {
  /** The built site to serve and audit.
   *  @default "_site" */
  dir: string;
  /** `--chrome PATH`, else CHROME_PATH: the Chromium that Lighthouse drives.
   *  @default "/usr/bin/chromium" (Debian's) */
  chromePath: string;
}

const flags = ["--dir", "--chrome"] as const;
type Flag = (typeof flags)[number];

/** Parses `--dir DIR --chrome PATH` (also `--dir=DIR`), with CHROME_PATH as the browser's default; anything else is an error. */
export function parseLighthouseArgs(argv: readonly string[], env: Record<string, string | undefined> = {}): LighthouseOptions {
  const given: Partial<Record<Flag, string>> = {};
  for (let index = 0; index < argv.length; index++) {
    const [flag, inline] = (argv[index] ?? "").split(/=(.*)/s, 2) as [string, string | undefined];
    if (!flags.includes(flag as Flag)) {
      throw new Error(`lighthouse: expected --dir DIR or --chrome PATH, got ${JSON.stringify(argv[index])}`);
    }
    const value = inline ?? argv[++index];
    if (!value || value.startsWith("--")) throw new Error(`lighthouse: ${flag}: expected a value, got nothing`);
    given[flag as Flag] = value;
  }
  return {
    dir: given["--dir"] ?? "_site",
    chromePath: given["--chrome"] || env.CHROME_PATH || chromiumPath,
  };
}
