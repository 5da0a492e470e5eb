// What the build (src/cli/render-site.ts) and its render process (src/cli/render-process.ts) say to
// each other: the request, in an environment variable, and the messages back over the IPC channel.
import type { HookFigure, ProcessUsage } from "../bench/phase-timings.ts";

/** What the render process is given: the content folder and the staging folder to write into. */
export interface RenderRequest {
  content: string;
  folder: string;
  /** Eleventy's configuration file: `.eleventy.js`, or its bundle (src/cli/render-bundle.ts). */
  configPath: string;
  /** Whether to time the plugins' hooks (`npm run bench`). */
  timed: boolean;
}

/** What it answers: the pages written, or the failure as the publisher reads it. */
export type RenderOutcome = { ok: true; pages: number; hooks: HookFigure[]; usage: ProcessUsage } | { ok: false; message: string };

/** What it says before it answers: every issue page is written (src/cli/issue-pages-written.ts). */
export const issuePagesWrittenMessage = { kind: "issue-pages-written" } as const;

export function isIssuePagesWritten(message: unknown): boolean {
  return (message as { kind?: unknown } | null)?.kind === issuePagesWrittenMessage.kind;
}

/** The environment variable that carries a `RenderRequest`, as JSON, to the render process. */
export const requestVariable = "NEWSLETTER_RENDER_REQUEST";
