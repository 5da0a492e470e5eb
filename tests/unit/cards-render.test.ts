import { writeFileSync } from "node:fs";
import path from "node:path";
import { Resvg } from "@resvg/resvg-js";
import { beforeAll, describe, expect, test } from "vitest";
import { issueCard } from "../../src/cards/card-content.ts";
import { designCard, type CardDrawing } from "../../src/cards/card-design.ts";
import { cardMeasures } from "../../src/cards/measure.ts";
import { cardPalette } from "../../src/cards/palette.ts";
import { cardRenderer } from "../../src/cards/render-card.ts";
import { readFileSync } from "node:fs";
import { issue } from "../support/issue-builder.ts";
import { tempFolder } from "../support/run-build.ts";

/** Width and height from a PNG's IHDR chunk, which follows the 8-byte signature. */
function pngSize(png: Buffer): { width: number; height: number } {
  expect(png.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe(true);
  expect(png.subarray(12, 16).toString("latin1")).toBe("IHDR");
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

let drawing: CardDrawing;
let pngLogo: string;

beforeAll(() => {
  const palette = cardPalette(readFileSync("assets/styles/_tokens.scss", "utf8"), "assets/styles/_tokens.scss");
  const site = { title: "Letters", description: "A newsletter.", baseUrl: "https://example.org/", publisherName: "Letters Ltd" };
  const long = { ...issue("long", "2022-04-12"), title: "Chinchilla’s wild implications, and why compute-optimal training of large language models changes what everyone builds next year, what it costs, who can afford it and what the rest of us should read first", number: 21 };
  drawing = designCard(issueCard(long, { id: "g", title: "The Gradient Updates", description: "" }, "12 April 2022", site), {
    publisher: "Letters Ltd",
    logo: { hash: "h", type: "image/svg+xml" },
    palette,
    measures: cardMeasures(),
  });
  pngLogo = path.join(tempFolder("card-logo-"), "logo.png");
  writeFileSync(pngLogo, new Resvg(readFileSync("assets/favicon.svg"), { fitTo: { mode: "width", value: 64 } }).render().asPng());
});

describe("a card as drawn", () => {
  test("a long title is shrunk, then ends with … at a word within the box", () => {
    expect(drawing.title.fontSize).toBe(46);
    expect(drawing.title.ellipsised).toBe(true);
    expect(drawing.title.lines.at(-1)).toMatch(/\S…$/);
    // Every line is whole words of the title.
    const words = new Set(drawing.title.lines.join(" ").replace("…", "").split(" "));
    for (const word of words) expect(drawing.title.lines.join(" ")).toContain(word);
  });

  test("is a 1200x630 PNG, the same bytes from two renderers (no system font, nothing of the machine)", async () => {
    const first = await cardRenderer({ file: "assets/favicon.svg", type: "image/svg+xml" }).render(drawing);
    const second = await cardRenderer({ file: "assets/favicon.svg", type: "image/svg+xml" }).render(drawing);
    expect(pngSize(first)).toEqual({ width: 1200, height: 630 });
    expect(first.equals(second)).toBe(true);
  });

  test("draws a PNG logo, and a card without a logo", async () => {
    const withPng = await cardRenderer({ file: pngLogo, type: "image/png" }).render(drawing);
    const without = await cardRenderer(undefined).render(drawing);
    expect(pngSize(withPng)).toEqual({ width: 1200, height: 630 });
    expect(pngSize(without)).toEqual({ width: 1200, height: 630 });
    expect(withPng.equals(without)).toBe(false);
  });
});
