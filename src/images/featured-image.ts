import type { Issue } from "../model/issue.ts";
import { absoluteUrl } from "../site.ts";
import { imageUrlFolder, mimeTypes, planImage } from "./image-plan.ts";

/** An issue's picture as other sites show it: feeds' thumbnails, search results, social cards. */
export interface FeaturedImage {
  /** Absolute URL of its 1x fallback file (PNG, JPEG, GIF or SVG). */
  url: string;
  /** Site path of that file (`/img/<key>-672.png`), without the path prefix. */
  path: string;
  width: number;
  height: number;
  /** Its alt text; empty for a decorative image. */
  alt: string;
  /** MIME type of the file. */
  type: string;
}

/**
 * The issue's chosen image (front matter's `image:`, else its first), with its absolute URL, width,
 * height and alt; undefined when it shows none. `baseUrl` is the site's, with its path prefix.
 */
export function featuredImage(issue: Pick<Issue, "image">, baseUrl: string): FeaturedImage | undefined {
  const image = issue.image;
  if (!image) return undefined;
  const { fallback } = planImage(image);
  const path = `${imageUrlFolder}${fallback.name}`;
  return { url: absoluteUrl(path, baseUrl), path, width: fallback.width, height: fallback.height, alt: image.alt, type: mimeTypes[fallback.format] };
}
