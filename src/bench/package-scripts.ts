// package.json's scripts as the bench and the tests run them: with `process.execPath` from the
// project's folder, without npm and a shell in between, so they measure and test the very commands
// a publisher runs.
import { readFileSync } from "node:fs";
import path from "node:path";
import { projectRoot } from "./project-root.ts";

/** The text of one of package.json's scripts. */
export function packageScript(name: string, root = projectRoot): string {
  const scripts = (JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")) as { scripts?: Record<string, string> }).scripts;
  const script = scripts?.[name];
  if (script === undefined) throw new Error(`expected a "${name}" script in ${path.join(root, "package.json")}`);
  return script;
}

/**
 * The arguments after the runner of a script made of `runner` and plain arguments (no quotes,
 * variables or shell operators); `who` names the caller in the error for any other script.
 */
export function scriptArguments(who: string, name: string, runner: string, script: string): string[] {
  const [first, ...args] = script.trim().split(/\s+/);
  if (first !== runner || args.length === 0 || args.some((arg) => /["'`$\\&|;<>()*?]/.test(arg))) {
    throw new Error(`${who}: expected package.json's ${name} script to be "${runner}" and plain arguments, got ${JSON.stringify(script)}`);
  }
  return args;
}

/** Node's arguments for `npm run build` (`--import tsx src/cli/build.ts`), to which the build's own are added. */
export function buildScriptArguments(script = packageScript("build")): string[] {
  return scriptArguments("build", "build", "node", script);
}
