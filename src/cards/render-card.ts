import { readFileSync } from "node:fs";
import { Resvg } from "@resvg/resvg-js";
import satori from "satori";
import { cardSize } from "./card-content.ts";
import { cardLayout, type CardDrawing } from "./card-design.ts";
import { cardMarkup } from "./card-markup.ts";
import { cardFonts } from "./fonts.ts";

type SatoriFont = Parameters<typeof satori>[1]["fonts"][number];

/** What a thread needs to draw cards: the fonts, read once, and the logo as a data URL. */
export interface CardRenderer {
  render(drawing: CardDrawing): Promise<Buffer>;
}

/** A renderer with the shipped fonts and the publisher's logo (a file, with its MIME type). */
export function cardRenderer(logo: { file: string; type: string } | undefined): CardRenderer {
  // One array for every card: satori keeps the fonts it has parsed per array.
  const fonts: SatoriFont[] = cardFonts.map(({ file, weight }) => ({ name: "Card Sans", data: readFileSync(file), weight, style: "normal" }));
  const logoSrc = logo ? logoDataUrl(logo) : undefined;
  return {
    async render(drawing) {
      const svg = await satori(cardMarkup(drawing, logoSrc) as unknown as Parameters<typeof satori>[0], { ...cardSize, fonts });
      // Text is paths already (satori draws the glyphs); no system font may change a pixel.
      const png = new Resvg(svg, { font: { loadSystemFonts: false }, fitTo: { mode: "original" } }).render().asPng();
      return png;
    },
  };
}

/**
 * The logo as a data URL the card embeds. An SVG logo is drawn once, at twice its size on the card,
 * into a PNG: embedded as SVG, resvg parsed it again for every card, most of a card's time.
 */
function logoDataUrl(logo: { file: string; type: string }): string {
  const bytes = readFileSync(logo.file);
  if (logo.type !== "image/svg+xml") return `data:${logo.type};base64,${bytes.toString("base64")}`;
  const png = new Resvg(bytes, { font: { loadSystemFonts: false }, fitTo: { mode: "width", value: cardLayout.logoSize * 2 } }).render().asPng();
  return `data:image/png;base64,${png.toString("base64")}`;
}
