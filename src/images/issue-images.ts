import path from "node:path";
import type MarkdownIt from "markdown-it";
import type { Token } from "markdown-it";
import { createMarkdown } from "../markdown/create-markdown.ts";
import { decorativeMarker, imageSource, type FigureMeta, type ImageTokenMeta } from "../markdown/images.ts";
import { inspectImageFile, isImageFileProblem, type ImageFile } from "./image-file.ts";

/** An image an issue shows, checked: where it is written and what file it is. */
export interface IssueImage extends ImageFile {
  /** The path as written in the issue: `chart.png`. */
  src: string;
  /** Absolute path of the file. */
  path: string;
  /** Line of the issue file it is written on. */
  line: number;
  /** Alt text as plain text; empty when decorative. */
  alt: string;
  decorative: boolean;
}

/** One image reference as the Markdown renderer reads it. */
export interface ImageReference {
  src: string;
  /** Line within the body, from 1. */
  line: number;
  alt: string;
  decorative: boolean;
}

let parser: MarkdownIt | undefined;

/**
 * Every image of a body, found by the renderer's own parser (so code spans and fences hold none),
 * in order. A body without `![` has none and is not parsed again.
 */
export function findImageReferences(body: string): ImageReference[] {
  if (!body.includes("![")) return [];
  parser ??= createMarkdown();
  const references: ImageReference[] = [];
  const tokens = parser.parse(body, {});
  const add = (image: Token, line: number) => {
    const decorative = (image.meta as ImageTokenMeta | null)?.decorative === true;
    references.push({ src: imageSource(image), line, alt: decorative ? "" : plainAlt(image), decorative });
  };
  // A table cell's inline token has no line of its own: its row's is the last seen.
  let lastLine = 0;
  tokens.forEach((block, index) => {
    if (block.map) lastLine = block.map[0];
    // A figure's image was taken out of its first paragraph (images.ts): it is on that paragraph's first line.
    const figureImage = block.type === "container_figure_open" ? (block.meta as FigureMeta | null)?.image : undefined;
    if (figureImage) add(figureImage, (tokens[index + 1]?.map?.[0] ?? 0) + 1);
    if (block.type !== "inline" || !block.children) return;
    let line = lastLine + 1;
    for (const child of block.children) {
      if (child.type === "softbreak" || child.type === "hardbreak") line++;
      if (child.type === "image") add(child, line);
    }
  });
  return references;
}

function plainAlt(token: Token): string {
  parser ??= createMarkdown();
  return parser.renderer.renderInlineAsText(token.children ?? [], parser.options, {});
}

export interface IssueImagesResult {
  images: IssueImage[];
  /** Every path the text writes, valid or not. */
  sources: string[];
  problems: string[];
}

/**
 * The images of one issue, each checked as validation checks fields: a remote or site address, a
 * path leaving `contentRoot`, a missing, unreadable, corrupt, too large or unsafe file, and
 * missing alt text are each a problem naming the file, line and image.
 */
export function checkIssueImages(issue: { file: string; absolutePath: string }, body: string, bodyFirstLine: number, contentRoot: string): IssueImagesResult {
  const images: IssueImage[] = [];
  const problems: string[] = [];
  const folder = path.dirname(issue.absolutePath);
  const references = findImageReferences(body);
  for (const reference of references) {
    const line = reference.line + bodyFirstLine - 1;
    const problem = (expected: string, got: string) => problems.push(`${issue.file}:${line}: image: expected ${expected}, got ${got}`);
    const { src } = reference;
    const shown = JSON.stringify(src);
    if (!reference.decorative && reference.alt.trim() === "") {
      problems.push(`${issue.file}:${line}: image: expected alt text describing ${src || "the image"}, as in ![A chart of ...](${src}), or ![](${src})${decorativeMarker} for an image that only decorates`);
    }
    if (/^[a-z][a-z\d+.-]*:/i.test(src) || src.startsWith("//")) {
      const scheme = src.startsWith("//") ? "a remote address" : /^data:/i.test(src) ? "a data: URL" : /^https?:/i.test(src) ? "the remote address" : "the address";
      problem("the path of an image file beside the issue", `${scheme} ${scheme === "a data: URL" ? "" : shown}`.trim() + `; download it into ${path.relative(process.cwd(), folder) || "."} and write its file name, as ![...](chart.png)`);
      continue;
    }
    if (src === "") {
      problem("the path of an image file beside the issue", "an empty path");
      continue;
    }
    if (src.startsWith("/") || src.includes("?") || src.includes("#")) {
      problem("a path relative to the issue's file, like chart.png or images/chart.png", shown);
      continue;
    }
    const absolute = path.resolve(folder, src);
    const inside = path.relative(contentRoot, absolute);
    if (inside.startsWith("..") || path.isAbsolute(inside)) {
      problem("an image inside the content folder", `${shown}, a path leaving it; move the image beside the issue`);
      continue;
    }
    const file = inspectImageFile(absolute);
    if (isImageFileProblem(file)) {
      problem(`a PNG, JPEG, GIF, WebP, AVIF or SVG image at ${shown}`, file.got);
      continue;
    }
    images.push({ ...file, src, path: absolute, line, alt: reference.alt, decorative: reference.decorative });
  }
  return { images, sources: references.map((reference) => reference.src), problems };
}

/** The issue's chosen image: the front matter's `image:` (one of its images, by path), else its first. */
export function chosenImage(images: readonly IssueImage[], frontMatterImage: string | undefined): IssueImage | undefined {
  if (frontMatterImage === undefined) return images[0];
  return images.find((image) => sameImage(image.src, frontMatterImage));
}

/** The front matter's `image:` problem, if it names none of the paths the text writes (`sources`). */
export function frontMatterImageProblem(sources: readonly string[], frontMatterImage: string | undefined): { expected: string; got: string } | undefined {
  if (frontMatterImage === undefined || sources.some((source) => sameImage(source, frontMatterImage))) return undefined;
  const listed = [...new Set(sources)];
  return {
    expected: listed.length ? `the path of one of the issue's images (${listed.join(", ")})` : "the path of an image the issue shows (it shows none)",
    got: JSON.stringify(frontMatterImage),
  };
}

function sameImage(a: string, b: string): boolean {
  return path.posix.normalize(a) === path.posix.normalize(b.trim());
}

/** The content folder the build reads (`--content`, else `issues/`), which no image may leave. */
export function contentRoot(env: Record<string, string | undefined> = process.env): string {
  return path.resolve(env.NEWSLETTER_CONTENT || "issues");
}
