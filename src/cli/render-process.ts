// The render process of `npm run build` (started by src/cli/render-site.ts): Eleventy renders the
// site into the staging folder, the issues validated and their bodies rendered on a worker thread
// meanwhile, and the process answers with the pages written or what failed.
import { existsSync } from "node:fs";
import path from "node:path";
import { PhaseTimings, type HookFigure } from "../bench/phase-timings.ts";
import { NoIssuesError, noIssuesMessage } from "../eleventy/content-folder.ts";
import { listIssueFiles } from "../eleventy/issue-files.ts";
import { startRenderWorkerEarly } from "../markdown/render-worker-start.ts";
import { errorMessage } from "./error-message.ts";
import { IssuePagesWritten } from "./issue-pages-written.ts";
import { releaseWrittenPages } from "../eleventy/internals/release-written-pages.ts";
import { issuePagesWrittenMessage, requestVariable, type RenderOutcome, type RenderRequest } from "./render-protocol.ts";
import { generateEleventyTemplatesInTurn } from "../eleventy/internals/templates-in-turn.ts";

/** Renders the site into `folder`; returns the number of pages written. */
async function renderSite({ content, folder, configPath, timed }: RenderRequest): Promise<{ pages: number; hooks: HookFigure[] }> {
  const timings = timed ? new PhaseTimings("") : undefined;
  // Eleventy refuses a missing input folder in words of its own, before the issues plugin can.
  if (!existsSync(content)) throw new NoIssuesError(noIssuesMessage(content, { missing: true, otherFiles: 0 }));
  // Issues are validated and their bodies rendered on a worker thread from now, while Eleventy
  // loads and prepares (src/markdown/prerender.ts). The worker starts before the prerenderer's own
  // modules load, and loads its own meanwhile, so less validation is left to Eleventy's thread.
  startRenderWorkerEarly();
  const { startPrerendering } = await import("../markdown/prerender.ts");
  const prerenderer = startPrerendering();
  prerenderer.start(path.resolve(content), listIssueFiles);
  try {
    const { Eleventy } = (await import("@11ty/eleventy")) as unknown as { Eleventy: EleventyConstructor };
    const issuePages = new IssuePagesWritten(folder, () => tell(issuePagesWrittenMessage));
    await releaseWrittenPages((outputPath) => issuePages.written(outputPath));
    await generateEleventyTemplatesInTurn();
    const eleventy = new Eleventy(path.resolve(content), folder, {
      configPath,
      quietMode: true,
      config: (config: QuietableConfig) => {
        // quietMode does not reach the configuration's own benchmarks, which warn on stderr
        // whenever a transform or filter passes 8% of the build, however fast the build is.
        config.benchmarks?.config?.setIsVerbose?.(false);
        timings?.instrument(config as unknown as Parameters<PhaseTimings["instrument"]>[0]);
        // Emitted once every page's URL is known, before any page renders.
        config.on("eleventy.contentMap", ({ urlToInputPath }: { urlToInputPath: Record<string, unknown> }) => {
          issuePages.expect(Object.keys(urlToInputPath));
        });
      },
    });
    // The build reports for itself: one summary, or the error chain without Eleventy's stack dump.
    eleventy.disableLogger();
    eleventy.errorHandler.logger.overrideLogger(false);
    const [, templates] = await eleventy.write();
    return { pages: templates.length, hooks: timings?.hookFigures() ?? [] };
  } finally {
    await prerenderer.close();
  }
}

interface QuietableConfig {
  benchmarks?: { config?: { setIsVerbose?(verbose: boolean): void } };
  on(event: "eleventy.contentMap", listener: (map: { urlToInputPath: Record<string, unknown> }) => void): void;
}

interface EleventyConstructor {
  new (input: string, output: string, options: Record<string, unknown>): {
    write(): Promise<[unknown, unknown[]]>;
    disableLogger(): void;
    errorHandler: { logger: { overrideLogger(enabled: boolean): void } };
  };
}

/**
 * Sends `message` to the build while the channel is open: a page may be written after the answer
 * (a failure) closed it, and a send on a closed channel throws ERR_IPC_CHANNEL_CLOSED.
 */
function tell(message: unknown, then: () => void = () => undefined): void {
  if (process.connected) process.send?.(message, then);
}

// Loaded as the render process's entry: render, answer, and let the process end.
const requested = process.env[requestVariable];
if (requested && process.send) {
  const answer = (outcome: RenderOutcome) => tell(outcome, () => process.disconnect());
  renderSite(JSON.parse(requested) as RenderRequest).then(
    ({ pages, hooks }) => answer({ ok: true, pages, hooks, usage: PhaseTimings.processUsage() }),
    (error: unknown) => answer({ ok: false, message: errorMessage(error) }),
  );
}
