/**
 * Whether an Eleventy run mode is development (`npm start`: `serve` or `watch`) rather than a
 * production `build`. The one test of it: drafts, the search plugin and the output folder all ask here.
 * @see https://www.11ty.dev/docs/environment-vars/#eleventy-supplied
 */
export function isDevelopmentRun(runMode: string | undefined): boolean {
  return runMode === "serve" || runMode === "watch";
}

/** The folder `npm run build` makes and the host publishes. */
export const productionOutput = "_site";
/** The folder `npm start` builds into, drafts included, so `_site` only ever holds a production build. */
export const developmentOutput = "_dev";

/**
 * Eleventy's output folder: NEWSLETTER_OUTPUT when set (the build's render process sets it to the
 * folder it swaps in), else `_dev` for a development run and `_site` for a production one.
 */
export function outputFolder(env: Record<string, string | undefined> = process.env): string {
  return env.NEWSLETTER_OUTPUT || (isDevelopmentRun(env.ELEVENTY_RUN_MODE) ? developmentOutput : productionOutput);
}
