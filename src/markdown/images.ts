import path from "node:path";
import type MarkdownIt from "markdown-it";
import type { Options, Renderer, RendererRule, Token } from "markdown-it";
import { inspectImageFile, isImageFileProblem } from "../images/image-file.ts";
import { pictureHtml } from "../images/image-markup.ts";
import { planImage } from "../images/image-plan.ts";

/** What marks an image as decorative, right after it: `![](rule.png){decorative}`. */
export const decorativeMarker = "{decorative}";

/** What the core rule records on an image token. */
export interface ImageTokenMeta {
  decorative?: boolean;
  /** The image has a title and is a paragraph of its own: shown as a figure captioned by the title. */
  standalone?: boolean;
  /** The first image of the body: not lazy. */
  first?: boolean;
}

/**
 * Images of issues: a path beside the issue becomes a `<picture>` of the encoded files (see
 * src/images/), a titled image alone in its paragraph a `<figure>`, captioned by its title
 * (`![alt](chart.png "Caption")`). Validation (src/images/issue-images.ts) has checked every
 * reference before anything renders; the markup is written from the file's size and hash, read
 * synchronously, so the worker threads and Eleventy's thread write the same HTML.
 * Without an issue to resolve paths against (`env.page.inputPath`), markdown-it's own `<img>`.
 */
export function markdownImagesPlugin(md: MarkdownIt): void {
  md.core.ruler.after("inline", "issue_images", (state) => {
    markImages(state.tokens);
    takeFigureImages(state.tokens);
  });
  const defaultImage = md.renderer.rules.image as RendererRule;
  // The <p> around a figure's image is left out only where images become figures (an issue's page).
  for (const rule of ["paragraph_open", "paragraph_close"] as const) {
    const defaultRule = md.renderer.rules[rule] ?? ((tokens, index, options, _env, self) => self.renderToken(tokens, index, options));
    md.renderer.rules[rule] = (tokens, index, options, env: ImageEnv, self) =>
      (tokens[index]?.meta as { imageFigure?: boolean } | null)?.imageFigure && typeof env?.page?.inputPath === "string" ? "" : defaultRule(tokens, index, options, env, self);
  }
  md.renderer.rules.image = (tokens, index, options, env: ImageEnv, self) => {
    const token = tokens[index] as Token;
    const issuePath = env?.page?.inputPath;
    if (typeof issuePath !== "string") return defaultImage(tokens, index, options, env, self);
    return imageHtml(token, path.resolve(issuePath), self, options, env);
  };
}

interface ImageEnv {
  page?: { inputPath?: unknown };
}

function imageHtml(token: Token, issuePath: string, self: Renderer, options: Options, env: unknown): string {
  const meta = (token.meta ?? {}) as ImageTokenMeta;
  const src = imageSource(token);
  const file = inspectImageFile(path.resolve(path.dirname(issuePath), src));
  // Validation refused this reference already; a file changed since then fails loudly here.
  if (isImageFileProblem(file)) throw new Error(`${path.relative(process.cwd(), issuePath)}: image: expected an image at ${src}, got ${file.got}`);
  const alt = meta.decorative ? "" : self.renderInlineAsText(token.children ?? [], options, env);
  const title = token.attrGet("title") ?? "";
  const picture = pictureHtml(planImage(file), { alt, eager: meta.first === true, ...(!meta.standalone && title ? { title } : {}) });
  if (!meta.standalone) return picture;
  return `<figure class="figure">${picture}<figcaption>${escapeText(title)}</figcaption></figure>\n`;
}

/** The path an image token names, as written: markdown-it percent-encodes it. */
export function imageSource(token: Token): string {
  const src = token.attrGet("src") ?? "";
  try {
    return decodeURI(src);
  } catch {
    return src;
  }
}

/**
 * Marks decorative images (dropping their marker), the first image, and titled images alone in
 * their paragraph (whose `<p>` an issue's page leaves out: a figure cannot sit in one). Figures'
 * images are taken by `takeFigureImages`, next.
 */
export function markImages(tokens: Token[]): void {
  let first = true;
  for (let index = 0; index < tokens.length; index++) {
    const inline = tokens[index] as Token;
    if (inline.type !== "inline" || !inline.children) continue;
    const children = inline.children;
    for (let at = 0; at < children.length; at++) {
      const child = children[at] as Token;
      if (child.type !== "image") continue;
      const meta: ImageTokenMeta = (child.meta ??= {});
      const next = children[at + 1];
      if (next?.type === "text" && next.content.startsWith(decorativeMarker)) {
        meta.decorative = true;
        next.content = next.content.slice(decorativeMarker.length);
        if (next.content === "") children.splice(at + 1, 1);
      }
      if (first) meta.first = true;
      first = false;
    }
    const open = tokens[index - 1];
    const close = tokens[index + 1];
    const only = children.filter((child) => !(child.type === "text" && child.content.trim() === ""));
    // A titled image alone in its paragraph becomes a figure, which cannot sit in a <p>.
    if (only.length === 1 && only[0]?.type === "image" && only[0].attrGet("title") && open?.type === "paragraph_open" && close?.type === "paragraph_close") {
      (only[0].meta as ImageTokenMeta).standalone = true;
      open.meta = { ...open.meta, imageFigure: true };
      close.meta = { ...close.meta, imageFigure: true };
      inline.children = only;
    }
  }
}

/** What a `::: figure` container's tokens carry once its image is taken out (containers.ts renders it). */
export interface FigureMeta {
  image?: Token;
  /** Anything left after the image: the caption. */
  caption: boolean;
}

/**
 * A `::: figure` whose text starts with an image shows that image, the rest of its text as the
 * caption. One without an image keeps its caption alone (a figure whose image the source lost).
 */
export function takeFigureImages(tokens: Token[]): void {
  for (let index = 0; index < tokens.length; index++) {
    const open = tokens[index] as Token;
    if (open.type !== "container_figure_open") continue;
    let closeAt = index + 1;
    while (closeAt < tokens.length && !((tokens[closeAt] as Token).type === "container_figure_close" && (tokens[closeAt] as Token).level === open.level)) closeAt++;
    const close = tokens[closeAt];
    const paragraph = tokens[index + 1];
    const inline = tokens[index + 2];
    const image = inline?.children?.[0];
    if (!close || paragraph?.type !== "paragraph_open" || inline?.type !== "inline" || image?.type !== "image") continue;
    const rest = (inline.children ?? []).slice(1);
    while (rest[0] && (rest[0].type === "softbreak" || (rest[0].type === "text" && rest[0].content.trim() === ""))) rest.shift();
    inline.children = rest;
    (image.meta as ImageTokenMeta).standalone = false;
    if (rest.length === 0) {
      paragraph.hidden = true;
      (tokens[index + 3] as Token).hidden = true;
    }
    const caption = rest.length > 0 || closeAt > index + 4;
    open.meta = { image, caption } satisfies FigureMeta;
    close.meta = { caption } satisfies FigureMeta;
  }
}

function escapeText(text: string): string {
  return text.replace(/[&<>]/g, (character) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;" })[character] ?? character);
}
