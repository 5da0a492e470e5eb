import path from "node:path";
import type { Issue } from "../model/issue.ts";

/**
 * What one build knows about its issues, filled by validation before Eleventy renders anything.
 * Each Eleventy config gets its own, so builds in one process do not share state.
 */
export class ContentState {
  #byPath = new Map<string, Issue>();

  replace(issues: readonly Issue[]): void {
    this.#byPath = new Map(issues.map((issue) => [issue.absolutePath, issue]));
  }

  /** The issue an Eleventy input path (relative or absolute) was validated as. */
  issueAt(inputPath: string): Issue | undefined {
    return this.#byPath.get(path.resolve(inputPath));
  }

  all(): Issue[] {
    return [...this.#byPath.values()];
  }
}
