/**
 * The files whose change started the current rebuild in `npm start` (Eleventy's watch queue; in
 * `--incremental` mode, one file per rebuild), so plugins can keep what a change cannot affect.
 * Empty for a first build or a production build.
 * https://www.11ty.dev/docs/events/#eleventy.beforewatch
 */
export interface WatchQueue {
  files(): readonly string[];
  /** Whether only issue files (Markdown) changed: stylesheets, scripts and layouts are as they were. */
  onlyIssuesChanged(): boolean;
}

export function watchQueueFor(eleventyConfig: { on(event: string, listener: (arg: never) => unknown): void }): WatchQueue {
  let queue: readonly string[] = [];
  eleventyConfig.on("eleventy.beforeWatch", (changed: readonly string[]) => {
    queue = [...changed];
  });
  return {
    files: () => queue,
    onlyIssuesChanged: () => queue.length > 0 && queue.every((file) => file.endsWith(".md")),
  };
}
