import { cardSize, type CardContent } from "./card-content.ts";
import type { CardPalette } from "./palette.ts";
import { fitText, type FitBox, type FittedText, type MeasureText } from "./title-fit.ts";

/** The publisher's logo as a card draws it: its bytes travel apart, named by their hash. */
export interface CardLogo {
  /** SHA-256 of the file's bytes, hex. */
  hash: string;
  /** `image/png`, `image/svg+xml`, …: how the renderer reads the bytes. */
  type: string;
}

/** Everything a card draws, laid out: the renderer turns it into pixels and nothing else. */
export interface CardDrawing {
  eyebrow?: string;
  title: FittedText;
  subtitle?: FittedText;
  meta: string;
  publisher: string;
  logo?: CardLogo;
  palette: CardPalette;
}

/** The fonts' widths: bold for the title and eyebrow, regular for the rest. */
export interface CardMeasures {
  bold: MeasureText;
  regular: MeasureText;
}

/** Margins and sizes of the card, in pixels, shared by the layout and the markup. */
export const cardLayout = {
  paddingX: 80,
  paddingY: 64,
  accentBar: 14,
  logoSize: 60,
  headerSize: 30,
  eyebrowSize: 32,
  metaSize: 30,
  titleLineHeight: 1.12,
  subtitleLineHeight: 1.3,
} as const;

// Widths measured by our font reader and by the renderer's shaping differ by a fraction of a
// percent (hinting, kerning across spaces): a little room keeps every line on one line.
const widthSlack = 0.97;
const textWidth = (cardSize.width - 2 * cardLayout.paddingX) * widthSlack;

const titleSizes = [80, 72, 64, 58, 52, 46];
const issueTitleBox: FitBox = { width: textWidth, height: 300, lineHeight: cardLayout.titleLineHeight, sizes: titleSizes };
const siteTitleBox: FitBox = { width: textWidth, height: 180, lineHeight: cardLayout.titleLineHeight, sizes: titleSizes };
const subtitleBox: FitBox = { width: textWidth, height: 100, lineHeight: cardLayout.subtitleLineHeight, sizes: [34, 30, 28] };

/** Lays out a card's content: the title (and description) wrapped and sized to fit. */
export function designCard(content: CardContent, context: { publisher: string; logo?: CardLogo; palette: CardPalette; measures: CardMeasures }): CardDrawing {
  const { measures } = context;
  return {
    ...(content.eyebrow ? { eyebrow: fitText(content.eyebrow, oneLine(cardLayout.eyebrowSize), measures.bold).lines[0] ?? "" } : {}),
    title: fitText(content.title, content.subtitle ? siteTitleBox : issueTitleBox, measures.bold),
    ...(content.subtitle ? { subtitle: fitText(content.subtitle, subtitleBox, measures.regular) } : {}),
    meta: fitText(content.meta, oneLine(cardLayout.metaSize), measures.regular).lines[0] ?? "",
    publisher: fitText(context.publisher, oneLine(cardLayout.headerSize, textWidth - cardLayout.logoSize - 24), measures.regular).lines[0] ?? "",
    ...(context.logo ? { logo: context.logo } : {}),
    palette: context.palette,
  };
}

/** A single line at one size, ellipsised at a word when too long. */
function oneLine(size: number, width = textWidth): FitBox {
  return { width, height: size * 1.2, lineHeight: 1.2, sizes: [size] };
}
