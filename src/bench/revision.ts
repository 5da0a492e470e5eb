import { spawnSync } from "node:child_process";

/**
 * The commit measured, and whether the work tree of `projectRoot` had changes on top of it
 * (earlier results aside); undefined outside a Git work tree.
 */
export function revision(projectRoot: string): { commit: string; dirty: boolean } | undefined {
  const git = (...args: string[]) => spawnSync("git", args, { cwd: projectRoot, encoding: "utf8" });
  const head = git("rev-parse", "HEAD");
  if (head.status !== 0) return undefined;
  return { commit: head.stdout.trim(), dirty: git("status", "--porcelain", "--untracked-files=no", "--", ".", ":!bench/results").stdout.trim() !== "" };
}
