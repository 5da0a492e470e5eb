/**
 * Whether an Eleventy run mode is development (`npm start`: `serve` or `watch`) rather than a
 * production `build`. The one test of it: drafts and the search plugin both ask here.
 * @see https://www.11ty.dev/docs/environment-vars/#eleventy-supplied
 */
export function isDevelopmentRun(runMode: string | undefined): boolean {
  return runMode === "serve" || runMode === "watch";
}
