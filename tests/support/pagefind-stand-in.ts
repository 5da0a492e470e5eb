import { chmodSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

/** The Pagefind binary `npm ci` installed for this machine. */
export function pagefindItself(): string {
  return createRequire(import.meta.url).resolve(`@pagefind/${process.platform}-${process.arch}/bin/pagefind_extended`);
}

/**
 * A stand-in for Pagefind's binary, for PAGEFIND_EXTENDED_BINARY_PATH: it appends its CPU priority
 * (`nice` prints it) and its first argument (`--site` to index, `--version`) to `notes`, then runs
 * `then`, by default Pagefind itself with the same arguments.
 */
export function pagefindStandIn(folder: string, notes: string, then = `exec "${pagefindItself()}" "$@"`): string {
  const script = path.join(folder, "pagefind-stand-in.sh");
  writeFileSync(script, `#!/bin/sh\necho "$(nice) $1" >> "${notes}"\n${then}\n`);
  chmodSync(script, 0o755);
  return script;
}
