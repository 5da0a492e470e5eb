import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

/** The fonts cards are set in, shipped in assets/fonts/ with their licence (DejaVu Sans, Bitstream Vera licence). */
export const cardFonts = [
  { file: path.resolve("assets/fonts/DejaVuSans.ttf"), weight: 400 as const },
  { file: path.resolve("assets/fonts/DejaVuSans-Bold.ttf"), weight: 700 as const },
];

/** A hash of the fonts' bytes, for the cards' cache keys. */
export function cardFontsHash(): string {
  const hash = createHash("sha256");
  for (const { file } of cardFonts) hash.update(readFileSync(file));
  return hash.digest("hex");
}

/** The renderers' versions, for the cache keys: an upgrade draws every card again. */
export function rendererVersions(): string {
  const require = createRequire(import.meta.url);
  return ["satori", "@resvg/resvg-js"].map((name) => `${name}@${(require(`${name}/package.json`) as { version: string }).version}`).join(" ");
}
