import { createHash } from "node:crypto";
import { copyFileSync, existsSync, mkdirSync, openSync, readSync, closeSync, renameSync, writeFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import path from "node:path";
import { liteAdaptor } from "@mathjax/src/js/adaptors/liteAdaptor.js";
import { RegisterHTMLHandler } from "@mathjax/src/js/handlers/html.js";
import { TeX } from "@mathjax/src/js/input/tex.js";
import { mathjax } from "@mathjax/src/js/mathjax.js";
import { SVG } from "@mathjax/src/js/output/svg.js";
import "@mathjax/src/js/input/tex/base/BaseConfiguration.js";
import "@mathjax/src/js/input/tex/ams/AmsConfiguration.js";
import "@mathjax/src/js/input/tex/newcommand/NewcommandConfiguration.js";
import "@mathjax/src/js/input/tex/boldsymbol/BoldsymbolConfiguration.js";
import "@mathjax/src/js/input/tex/cancel/CancelConfiguration.js";
import "@mathjax/src/js/input/tex/color/ColorConfiguration.js";
import "@mathjax/src/js/input/tex/braket/BraketConfiguration.js";
import "@mathjax/src/js/input/tex/mathtools/MathtoolsConfiguration.js";
import "@mathjax/src/js/input/tex/textmacros/TextMacrosConfiguration.js";
import { MathJaxNewcmFont } from "@mathjax/mathjax-newcm-font/js/svg.js";
import { renderAsync } from "@resvg/resvg-js";
import pLimit from "p-limit";

/** Where the site publishes the formulas' images: `/email/maths/<hash>.png`. */
export const mathsImageFolder = "email/maths";

/** The pixels of one TeX `ex` at 1x: the email's 16 px text, whose x-height is about half an em. */
const exPixels = 8;
/** The formulas' colour: the site's light text colour, on the email's white column. */
const inkColour = "#1d1f23";

/** A formula's image: its file name and its size at 1x (the PNG holds twice as many pixels). */
export interface MathsImage {
  name: string;
  width: number;
  height: number;
}

/** A formula in rendered HTML: its TeX source and whether it is set on its own line. */
export interface TexFormula {
  tex: string;
  display: boolean;
}

/** Thrown when MathJax cannot set a formula KaTeX accepted; names the TeX. */
export class MathsImageError extends Error {
  override name = "MathsImageError";
}

/** How formulas are drawn: part of their names, so a new drawing gets a new address and hosts may cache them for good. */
const drawing = `MathJax ${mathjax.version}, ${exPixels} px an ex, ${inkColour}`;

/** `<hash>.png`, the same for the same TeX and style in every build, so its URL is stable. */
export function mathsImageName(tex: string, display: boolean): string {
  return `${createHash("sha256").update(`${drawing}\n${display ? "display" : "inline"}\n${tex}`).digest("hex").slice(0, 20)}.png`;
}

const mathElement = /<math\b([^>]*)>([\s\S]*?)<\/math>/g;
const texAnnotation = /<annotation encoding="application\/x-tex">([^<]*)<\/annotation>/;
const entities: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', "#39": "'", "#x27": "'" };

/** The TeX of a KaTeX `<math>` element (its annotation), or undefined for MathML without one. */
export function mathElementFormula(attributes: string, inner: string): TexFormula | undefined {
  const annotation = texAnnotation.exec(inner);
  if (!annotation) return undefined;
  const tex = (annotation[1] ?? "").replace(/&(amp|lt|gt|quot|#39|#x27);/g, (_, name: string) => entities[name] ?? "");
  return { tex, display: /\sdisplay="block"/.test(attributes) };
}

/** Every formula KaTeX wrote into rendered HTML, in order, read from its MathML's TeX annotation. */
export function texFormulas(html: string): TexFormula[] {
  const found: TexFormula[] = [];
  if (!html.includes("application/x-tex")) return found;
  for (const match of html.matchAll(mathElement)) {
    const formula = mathElementFormula(match[1] ?? "", match[2] ?? "");
    if (formula) found.push(formula);
  }
  return found;
}

/** A PNG's size from its header (the IHDR chunk), or undefined if the bytes are no PNG. */
export function pngSize(header: Uint8Array): { width: number; height: number } | undefined {
  const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (header.length < 24 || signature.some((byte, index) => header[index] !== byte)) return undefined;
  const view = new DataView(header.buffer, header.byteOffset, header.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

/** The size of the PNG file at `file`, reading only its header. */
export function pngFileSize(file: string): { width: number; height: number } | undefined {
  const descriptor = openSync(file, "r");
  try {
    const header = new Uint8Array(24);
    readSync(descriptor, header, 0, 24, 0);
    return pngSize(header);
  } finally {
    closeSync(descriptor);
  }
}

type Converter = (tex: string, display: boolean) => string;

let converter: Promise<Converter> | undefined;

/** MathJax set up once: TeX in, SVG with glyphs as paths out (no fonts needed to render it). */
function mathJaxConverter(): Promise<Converter> {
  converter ??= (async () => {
    // Glyph tables beyond the basic ones load on first use; all are loaded here, so converting is synchronous.
    mathjax.asyncLoad = (name: string) => import(name);
    const adaptor = liteAdaptor();
    RegisterHTMLHandler(adaptor);
    const tex = new TeX({
      packages: ["base", "ams", "newcommand", "boldsymbol", "cancel", "color", "braket", "mathtools", "textmacros"],
      // A formula MathJax cannot set is an error naming it, not a red box in someone's inbox.
      formatError: (_jax: unknown, error: Error) => {
        throw error;
      },
    });
    // One image per formula: MathJax 4 would split a long inline one into several SVGs at its breakpoints.
    const svg = new SVG({ fontCache: "local", fontData: MathJaxNewcmFont, linebreaks: { inline: false } });
    const document = mathjax.document("", { InputJax: tex, OutputJax: svg });
    await svg.font.loadDynamicFiles();
    return (source: string, display: boolean) => adaptor.innerHTML(document.convert(source, { display, em: 2 * exPixels, ex: exPixels, containerWidth: 600 }));
  })();
  return converter;
}

/** The largest width or height of a formula image at 1x: the email's column. */
export const maxImagePixels = 600;

/** MathJax's SVG sized in whole pixels at 2x, inked in the text colour; and its size at 1x. */
export function sizedSvg(svg: string): { svg: string; width: number; height: number } {
  const open = /^<svg\b[^>]*>/.exec(svg)?.[0];
  const width = open && /\swidth="([\d.]+)ex"/.exec(open)?.[1];
  const height = open && /\sheight="([\d.]+)ex"/.exec(open)?.[1];
  if (!open || !width || !height) throw new MathsImageError(`expected MathJax's SVG to give its width and height in ex, got ${svg.slice(0, 120)}`);
  const natural = { width: Number(width) * exPixels, height: Number(height) * exPixels };
  // Scaled down, never cut, to the email's 600 px column (and as high): a formula sized in thousands of
  // ems (`\rule{100000em}{1em}`) otherwise asks resvg for terabytes, and its process dies.
  const scale = Math.min(1, maxImagePixels / natural.width, maxImagePixels / natural.height);
  const size = { width: Math.max(1, Math.ceil(natural.width * scale)), height: Math.max(1, Math.ceil(natural.height * scale)) };
  const resized = open
    .replace(/\swidth="[^"]*"/, ` width="${2 * size.width}"`)
    .replace(/\sheight="[^"]*"/, ` height="${2 * size.height}"`)
    .replace(/\sstyle="[^"]*"/, "");
  return { svg: (resized + svg.slice(open.length)).replaceAll("currentColor", inkColour), ...size };
}

/**
 * The formulas' PNG images of one build: `image` sizes each formula (MathJax, synchronous once
 * `ready` resolved) and remembers it; `writeTo` publishes them all, rendering with resvg only
 * those the cache folder lacks, a few at a time, so a rebuild renders none.
 */
export class MathsImages {
  private readonly wanted = new Map<string, { image: MathsImage; svg?: string; tex: string }>();
  private convert: Converter | undefined;
  /** Milliseconds MathJax spent setting the formulas not in the cache. */
  convertMs = 0;

  constructor(readonly cacheFolder: string) {}

  async ready(): Promise<void> {
    this.convert ??= await mathJaxConverter();
  }

  image(tex: string, display: boolean): MathsImage {
    const name = mathsImageName(tex, display);
    const known = this.wanted.get(name);
    if (known) return known.image;
    const cached = path.join(this.cacheFolder, name);
    const size = existsSync(cached) ? pngFileSize(cached) : undefined;
    if (size) {
      const image = { name, width: Math.round(size.width / 2), height: Math.round(size.height / 2) };
      this.wanted.set(name, { image, tex });
      return image;
    }
    if (!this.convert) throw new Error("maths images: expected ready() to have resolved before the first image");
    let sized: ReturnType<typeof sizedSvg>;
    const started = performance.now();
    try {
      sized = sizedSvg(this.convert(tex, display));
      this.convertMs += performance.now() - started;
    } catch (error) {
      // MathJax's TexError is no Error, but carries a message.
      const message = (error as { message?: unknown } | null)?.message;
      const reason = typeof message === "string" ? message : String(error);
      throw new MathsImageError(`maths image: MathJax could not set the formula ${JSON.stringify(tex.length > 120 ? `${tex.slice(0, 117)}...` : tex)}: ${reason}`);
    }
    const image = { name, width: sized.width, height: sized.height };
    this.wanted.set(name, { image, svg: sized.svg, tex });
    return image;
  }

  /** Writes every image asked for into `folder`; says how many were rendered and how many came from the cache. */
  async writeTo(folder: string, concurrency = Math.max(1, availableParallelism())): Promise<{ rendered: number; cached: number }> {
    mkdirSync(folder, { recursive: true });
    mkdirSync(this.cacheFolder, { recursive: true });
    const limit = pLimit(concurrency);
    let rendered = 0;
    await Promise.all(
      [...this.wanted.values()].map((entry) =>
        limit(async () => {
          const cached = path.join(this.cacheFolder, entry.image.name);
          if (entry.svg !== undefined && !existsSync(cached)) {
            const png = (await renderAsync(entry.svg, { font: { loadSystemFonts: false } })).asPng();
            // Written beside and renamed, so a build killed midway leaves no half PNG in the cache.
            const partial = `${cached}.${process.pid}.partial`;
            writeFileSync(partial, png);
            renameSync(partial, cached);
            rendered += 1;
          }
          copyFileSync(cached, path.join(folder, entry.image.name));
        }),
      ),
    );
    return { rendered, cached: this.wanted.size - rendered };
  }

  get size(): number {
    return this.wanted.size;
  }
}

/** Where formula images are kept between builds, beside the encoded images and the cards (.cache/ is
 *  ignored by git, and netlify.toml keeps it between deploys). */
export const defaultMathsCacheFolder = path.resolve(".cache/maths");

let shared: MathsImages | undefined;

/** The build's one set of formula images, shared by the issue pages' and the feeds' plugins. */
export function siteMathsImages(): MathsImages {
  shared ??= new MathsImages(process.env.NEWSLETTER_MATHS_CACHE || defaultMathsCacheFolder);
  return shared;
}
