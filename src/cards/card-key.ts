import { createHash } from "node:crypto";
import type { CardDrawing } from "./card-design.ts";

/**
 * The name of a card in the cache: a hash of everything it draws (text, layout, colours, the
 * logo's hash), the fonts' hash and the renderers' versions. Equal keys give equal bytes.
 */
export function cardKey(drawing: CardDrawing, renderer: { fonts: string; versions: string }): string {
  return createHash("sha256").update(JSON.stringify([drawing, renderer.fonts, renderer.versions])).digest("hex");
}
