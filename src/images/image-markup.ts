import { columnWidth, imageUrlFolder, mimeTypes, type ImageOutput, type ImagePlan } from "./image-plan.ts";

/** `sizes` for an image in the text column: the column's 42rem, or the viewport on narrower screens. */
export const columnSizes = "(min-width: 42rem) 42rem, 100vw";

export interface PictureOptions {
  /** Alt text, plain (escaped here); empty for a decorative image. */
  alt: string;
  /** Tooltip of an image inside a line of text, plain. */
  title?: string;
  /** The first image of the page is fetched at once; the others when they near the screen. */
  eager: boolean;
}

/**
 * The markup of one planned image: `<picture>` with an AVIF and WebP source and the fallback's
 * `<img>` (its 1x file as `src`, with its width and height), or an SVG's `<img>`. URLs are site
 * paths (`/img/...`): the site's base plugin prefixes them, feeds make them absolute.
 */
export function pictureHtml(plan: ImagePlan, options: PictureOptions): string {
  const { fallback } = plan;
  const attributes = [
    `src="${url(fallback)}"`,
    ...(plan.source === "svg" ? [] : [`srcset="${srcset(plan, fallback.format)}"`, `sizes="${sizes(plan)}"`]),
    `width="${fallback.width}"`,
    `height="${fallback.height}"`,
    `alt="${escapeAttribute(options.alt)}"`,
    ...(options.title ? [`title="${escapeAttribute(options.title)}"`] : []),
    ...(options.eager ? ['fetchpriority="high"'] : ['loading="lazy"', 'decoding="async"']),
  ];
  const img = `<img ${attributes.join(" ")}>`;
  if (plan.source === "svg") return img;
  const sources = plan.formats
    .filter((format) => format !== fallback.format)
    .map((format) => `<source type="${mimeTypes[format]}" srcset="${srcset(plan, format)}" sizes="${sizes(plan)}">`);
  return `<picture>${sources.join("")}${img}</picture>`;
}

/** An image narrower than the column is shown at its own width, whatever the screen. */
function sizes(plan: ImagePlan): string {
  return plan.fallback.width < columnWidth ? `${plan.fallback.width}px` : columnSizes;
}

function srcset(plan: ImagePlan, format: string): string {
  return plan.outputs
    .filter((output) => output.format === format)
    .map((output) => `${url(output)} ${output.width}w`)
    .join(", ");
}

function url(output: ImageOutput): string {
  return `${imageUrlFolder}${output.name}`;
}

export function escapeAttribute(text: string): string {
  return text.replace(/[&<>"]/g, (character) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[character] ?? character);
}
