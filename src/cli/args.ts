/** Options of `npm run build`. */
export interface BuildOptions {
  /** Folder of issue Markdown files.
   *  @default "issues" */
  content: string;
  /** Folder the site is written to.
   *  @default "_site" */
  output: string;
}

/** Parses `--content DIR --output DIR` (also `--content=DIR`); unknown flags are an error. */
export function parseBuildArgs(argv: readonly string[]): BuildOptions {
  const options: BuildOptions = { content: "issues", output: "_site" };
  for (let index = 0; index < argv.length; index++) {
    const [flag, inline] = (argv[index] ?? "").split(/=(.*)/s, 2) as [string, string | undefined];
    const value = inline ?? argv[++index];
    if (flag !== "--content" && flag !== "--output") {
      throw new Error(`build: expected --content DIR or --output DIR, got ${JSON.stringify(argv[index - (inline === undefined ? 1 : 0)])}`);
    }
    if (!value || value.startsWith("--")) throw new Error(`build: ${flag}: expected a folder, got nothing`);
    options[flag === "--content" ? "content" : "output"] = value;
  }
  return options;
}
