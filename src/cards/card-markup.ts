import { cardSize } from "./card-content.ts";
import { cardLayout, type CardDrawing } from "./card-design.ts";
import type { FittedText } from "./title-fit.ts";

/** An element as satori reads it: React's shape, without React. */
export interface CardNode {
  type: string;
  props: { style?: Record<string, string | number>; src?: string; width?: number; height?: number; children?: (CardNode | string)[] | CardNode | string };
}

function node(type: string, style: Record<string, string | number>, children?: CardNode["props"]["children"]): CardNode {
  return { type, props: { style, ...(children === undefined ? {} : { children }) } };
}

/** One div per line, laid out already (src/cards/title-fit.ts): the renderer must not wrap again. */
function lines(text: FittedText, style: Record<string, string | number>, lineHeight: number): CardNode {
  return node(
    "div",
    { display: "flex", flexDirection: "column", fontSize: text.fontSize, lineHeight, ...style },
    text.lines.map((line) => node("div", { display: "flex", whiteSpace: "nowrap" }, line)),
  );
}

/** The card's markup: an accent bar, the publisher, the eyebrow, the title and a closing line. `logoSrc` is the logo as a data URL. */
export function cardMarkup(drawing: CardDrawing, logoSrc: string | undefined): CardNode {
  const { palette } = drawing;
  const header = node("div", { display: "flex", alignItems: "center", gap: 24, height: cardLayout.logoSize }, [
    ...(logoSrc
      ? [{ type: "img", props: { src: logoSrc, width: cardLayout.logoSize, height: cardLayout.logoSize, style: { objectFit: "contain" as const } } }]
      : []),
    node("div", { display: "flex", fontSize: cardLayout.headerSize, color: palette.muted }, drawing.publisher),
  ]);
  const middle = node("div", { display: "flex", flexDirection: "column", gap: 20 }, [
    ...(drawing.eyebrow ? [node("div", { display: "flex", fontSize: cardLayout.eyebrowSize, fontWeight: 700, color: palette.accent }, drawing.eyebrow)] : []),
    lines(drawing.title, { fontWeight: 700, color: palette.text, letterSpacing: -0.5 }, cardLayout.titleLineHeight),
    ...(drawing.subtitle ? [lines(drawing.subtitle, { color: palette.muted }, cardLayout.subtitleLineHeight)] : []),
  ]);
  const footer = node(
    "div",
    { display: "flex", paddingTop: 22, borderTop: `2px solid ${palette.border}`, fontSize: cardLayout.metaSize, color: palette.muted },
    drawing.meta,
  );
  return node(
    "div",
    {
      width: cardSize.width,
      height: cardSize.height,
      display: "flex",
      flexDirection: "column",
      backgroundColor: palette.background,
      borderTop: `${cardLayout.accentBar}px solid ${palette.accent}`,
      fontFamily: "Card Sans",
    },
    [
      node(
        "div",
        {
          display: "flex",
          flexDirection: "column",
          justifyContent: "space-between",
          flexGrow: 1,
          padding: `${cardLayout.paddingY - cardLayout.accentBar}px ${cardLayout.paddingX}px ${cardLayout.paddingY}px`,
        },
        [header, middle, footer],
      ),
    ],
  );
}
