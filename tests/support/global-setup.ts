import type { TestProject } from "vitest/node";
import { runBuild } from "./run-build.ts";

declare module "vitest" {
  export interface ProvidedContext {
    /** The real site (issues/), built once for every build test. */
    realSite: string;
  }
}

export default function setup(project: TestProject): void {
  const build = runBuild({ content: "issues" });
  if (build.status !== 0) throw new Error(`building the real site failed:\n${build.stdout}\n${build.stderr}`);
  project.provide("realSite", build.output);
}
