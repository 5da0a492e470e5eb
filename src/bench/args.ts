/** How a command-line flag's value is read. */
type FlagKind = "count" | "seed" | "folder" | "switch";

export type ParsedFlags<Spec extends Record<string, FlagKind>> = {
  [Name in keyof Spec]?: Spec[Name] extends "switch" ? boolean : Spec[Name] extends "folder" ? string : number;
};

/**
 * Parses `--name value`, `--name=value` and bare `--switch` flags for the corpus and bench
 * commands. Counts are whole numbers of 1 or more, seeds whole numbers of 0 or more (below 2^32).
 */
export function parseFlags<Spec extends Record<string, FlagKind>>(command: string, argv: readonly string[], spec: Spec): ParsedFlags<Spec> {
  const parsed: Record<string, number | string | boolean> = {};
  const known = Object.keys(spec).map((name) => `--${name}`).join(", ");
  for (let index = 0; index < argv.length; index++) {
    const argument = argv[index] ?? "";
    const [flag = "", inline] = argument.split(/=(.*)/s, 2) as [string, string | undefined];
    const name = flag.replace(/^--/, "");
    const kind = flag.startsWith("--") ? spec[name] : undefined;
    if (!kind) throw new Error(`${command}: expected one of ${known}, got ${JSON.stringify(argument)}`);
    if (kind === "switch") {
      if (inline !== undefined) throw new Error(`${command}: ${flag}: expected no value, got ${JSON.stringify(inline)}`);
      parsed[name] = true;
      continue;
    }
    const value = inline ?? argv[++index];
    if (value === undefined || value === "" || value.startsWith("--")) {
      throw new Error(`${command}: ${flag}: expected ${describe(kind)}, got nothing`);
    }
    if (kind === "folder") {
      parsed[name] = value;
      continue;
    }
    const number = /^\d+$/.test(value) ? Number(value) : Number.NaN;
    const valid = kind === "count" ? Number.isSafeInteger(number) && number >= 1 : Number.isInteger(number) && number < 2 ** 32;
    if (!valid) throw new Error(`${command}: ${flag}: expected ${describe(kind)}, got ${JSON.stringify(value)}`);
    parsed[name] = number;
  }
  return parsed as ParsedFlags<Spec>;
}

function describe(kind: Exclude<FlagKind, "switch">): string {
  return { count: "a whole number of 1 or more", seed: "a whole number from 0 to 4294967295", folder: "a folder" }[kind];
}

/** Throws when a required flag is missing. */
export function required<T>(command: string, flag: string, value: T | undefined): T {
  if (value === undefined) throw new Error(`${command}: expected ${flag}, got nothing`);
  return value;
}
