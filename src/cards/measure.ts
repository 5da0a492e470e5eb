import { readFileSync } from "node:fs";
import { parse } from "@shuding/opentype.js";
import type { CardMeasures } from "./card-design.ts";
import { cardFonts } from "./fonts.ts";
import type { MeasureText } from "./title-fit.ts";

/** Widths at font size 1 in the shipped fonts, read with satori's own font reader; memoised, as titles share words. */
export function cardMeasures(): CardMeasures {
  const [regular, bold] = cardFonts.map(({ file }) => {
    const bytes = readFileSync(file);
    return memoise(parse(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength)));
  });
  if (!regular || !bold) throw new Error("social cards: expected a regular and a bold font");
  return { regular, bold };
}

function memoise(font: { getAdvanceWidth(text: string, fontSize?: number): number }): MeasureText {
  const widths = new Map<string, number>();
  return (text) => {
    let width = widths.get(text);
    if (width === undefined) {
      width = font.getAdvanceWidth(text, 1);
      // Titles repeat words across thousands of issues; a bound keeps hostile titles from growing it without end.
      if (widths.size < 100_000) widths.set(text, width);
    }
    return width;
  };
}
