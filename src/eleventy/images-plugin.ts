import path from "node:path";
import { featuredImage } from "../images/featured-image.ts";
import { imageCacheFolder, rememberImageFile, saveInspections } from "../images/image-file.ts";
import type { Issue } from "../model/issue.ts";
import { siteMetadata } from "../site.ts";
import { publishImages, type PublishResult } from "../images/encode-images.ts";
import { contentStateFor } from "./content-state.ts";
import type { EleventyConfig } from "./eleventy-config.ts";

/** Thrown when an image that passed validation cannot be encoded; names each issue and line showing it. */
export class ImageEncodingError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Images that cannot be published (${problems.length}); fix them to build the site:\n${problems.join("\n")}`);
    this.name = "ImageEncodingError";
  }
}

/**
 * Publishes the images of the issues the build shows into the site's `img/` folder: encoded into
 * the cache folder (`.cache/images/`, see src/images/encode-images.ts) unless already there, then
 * copied. Encoding starts once Eleventy has read the templates, before it renders them: sharp
 * encodes on libuv's threads while Eleventy's thread renders pages. The build waits for it at
 * the end and fails, naming every image, if any cannot be encoded.
 */
export function imagesPlugin(eleventyConfig: EleventyConfig): void {
  const state = contentStateFor(eleventyConfig);
  const site = siteMetadata();
  eleventyConfig.addFilter("featuredImage", (issue: Issue | undefined) => (issue ? featuredImage(issue, site.baseUrl) : undefined));
  let running: Promise<PublishResult> | undefined;
  const start = (outputDir: string) => {
    running ??= publishImages(
      state.index().issues.flatMap((issue) => (issue.images ?? []).map((image) => ({ ...image, file: issue.file }))),
      { cacheDir: imageCacheFolder(), outputDir },
    );
    return running;
  };
  eleventyConfig.on("eleventy.contentMap", () => {
    // Validated on a worker thread: the pages rendered here take each file's size and hash from that.
    for (const issue of state.index().issues) for (const image of issue.images ?? []) rememberImageFile(image.path, image);
    void start(eleventyConfig.directories.output).catch(() => undefined);
  });
  eleventyConfig.on("eleventy.after", async ({ directories }: { directories: { output: string } }) => {
    const result = await start(directories.output);
    running = undefined;
    if (result.problems.length) throw new ImageEncodingError(result.problems);
    if (result.encoded + result.cached === 0) return;
    saveInspections(state.index().issues.flatMap((issue) => (issue.images ?? []).map((image) => image.path)));
    const cache = path.relative(process.cwd(), imageCacheFolder()) || ".";
    console.log(`Images: ${result.encoded} encoded in ${(result.encodingMs / 1000).toFixed(1)} s, ${result.cached} from the cache (${cache}), ${result.files} files in img/`);
  });
}
