import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { cardPathFor, homeCard, issueCard, seriesCard, siteAddress } from "../../src/cards/card-content.ts";
import { designCard, type CardDrawing } from "../../src/cards/card-design.ts";
import { cardKey } from "../../src/cards/card-key.ts";
import { cardPalette } from "../../src/cards/palette.ts";
import { fitText, wrapWords, type FitBox } from "../../src/cards/title-fit.ts";
import { issue } from "../support/issue-builder.ts";

// Every character one unit wide at size 1, a space too: widths are easy to reason about.
const monospace = (text: string) => [...text].length;
const box = (width: number, lines: number, sizes: number[]): FitBox => ({ width, height: lines * Math.min(...sizes) * 1.2 + 0.5, lineHeight: 1.2, sizes });

describe("fitText", () => {
  test("keeps the largest size at which every line fits", () => {
    // At 10 px, 20 characters a line: "alpha beta gamma" fits one line.
    expect(fitText("alpha beta gamma", box(200, 1, [10, 8]), monospace)).toEqual({ fontSize: 10, lines: ["alpha beta gamma"], ellipsised: false });
  });

  test("shrinks when the text takes more lines than the box holds, and wraps only between words", () => {
    const fitted = fitText("alpha beta gamma delta", { width: 120, height: 30, lineHeight: 1, sizes: [15, 10] }, monospace);
    // At 15 px, 8 characters a line: 4 lines, taller than 30 px; at 10 px, 12 a line: 2 lines of 10 px.
    expect(fitted).toEqual({ fontSize: 10, lines: ["alpha beta", "gamma delta"], ellipsised: false });
    for (const line of fitted.lines) expect(line.split(" ").every((word) => "alpha beta gamma delta".split(" ").includes(word))).toBe(true);
  });

  test("ends with … after the last whole word that fits when even the smallest size is too big", () => {
    const fitted = fitText("one two three four five six seven", { width: 90, height: 20, lineHeight: 1, sizes: [10] }, monospace);
    // 9 characters a line, 2 lines: "one two" / "three" then the rest does not fit.
    expect(fitted.ellipsised).toBe(true);
    expect(fitted.lines).toEqual(["one two", "three…"]);
    expect(fitted.lines.join(" ").replace("…", "").split(" ")).toEqual(["one", "two", "three"]);
  });

  test("a last line whose one word leaves no room for … goes, and … ends the line before", () => {
    // 9 characters a line, 2 lines: "one two" / "elephants", which fills its line and leaves no room for "…".
    const fitted = fitText("one two elephants three", { width: 90, height: 20, lineHeight: 1, sizes: [10] }, monospace);
    expect(fitted).toEqual({ fontSize: 10, lines: ["one two…"], ellipsised: true });
  });

  test("a word wider than the box at the smallest size is shrunk, never cut", () => {
    const fitted = fitText("supercalifragilistic", { width: 100, height: 100, lineHeight: 1, sizes: [10, 8] }, monospace);
    expect(fitted.lines).toEqual(["supercalifragilistic"]);
    expect(fitted.fontSize).toBe(5);
  });

  test("collapses runs of white space and gives no lines for an empty text", () => {
    expect(fitText("  a \n\t b  ", box(100, 1, [10]), monospace).lines).toEqual(["a b"]);
    expect(fitText("   ", box(100, 1, [10]), monospace).lines).toEqual([]);
  });

  test("costs time linear in the text: each distinct word is measured once per call", () => {
    let calls = 0;
    const counting = (text: string) => ((calls += 1), monospace(text));
    const title = Array.from({ length: 20_000 }, (_, index) => `w${index % 50}`).join(" ");
    const fitted = fitText(title, box(1000, 4, [80, 60, 46]), counting);
    expect(fitted.ellipsised).toBe(true);
    // One call per word, the space and the ellipsis: not one per size, line or retry.
    expect(calls).toBeLessThanOrEqual(20_000 + 2);
  });
});

describe("wrapWords", () => {
  test("fills each line greedily and refuses a word wider than a line", () => {
    expect(wrapWords([3, 3, 3], 1, 7)).toEqual([{ start: 0, end: 2 }, { start: 2, end: 3 }]);
    expect(wrapWords([3, 8], 1, 7)).toBeUndefined();
  });
});

const palette = cardPalette(readFileSync("assets/styles/_tokens.scss", "utf8"), "assets/styles/_tokens.scss");
const site = { title: "Letters", description: "A newsletter.", baseUrl: "https://example.org/letters/", publisherName: "Letters Ltd" };

describe("cardPalette", () => {
  test("reads the light scheme, not the dark one", () => {
    expect(palette).toEqual({ text: "#1d1f23", muted: "#4f5663", background: "#fdfdfb", surface: "#f1f2ee", border: "#c9cdc4", accent: "#8a4b00" });
  });

  test("names the file and every missing token", () => {
    expect(() => cardPalette(":root { --color-text: #000; }", "tokens.scss")).toThrow(
      "tokens.scss: social cards: expected a colour like #1d1f23 for --color-muted, --color-background, --color-surface, --color-border, --color-accent in the first :root block",
    );
  });
});

describe("card content", () => {
  const numbered = { ...issue("chinchilla", "2022-04-12"), title: "Chinchilla", number: 21 };
  const series = { id: "gradient-updates", title: "The Gradient Updates", description: "Updates." };

  test("an issue's card shows its series, number and date, and says so in its alt text", () => {
    expect(issueCard(numbered, series, "12 April 2022", site)).toEqual({
      path: "/cards/issues/chinchilla.png",
      eyebrow: "The Gradient Updates",
      title: "Chinchilla",
      meta: "#21 · 12 April 2022",
      alt: "Chinchilla (The Gradient Updates #21, 12 April 2022), from Letters Ltd",
    });
    expect(issueCard({ ...numbered, number: undefined }, undefined, "12 April 2022", site).meta).toBe("12 April 2022");
  });

  test("series and home cards show the description and the site's address", () => {
    expect(seriesCard(series, site)).toMatchObject({ path: "/cards/series/gradient-updates.png", title: "The Gradient Updates", subtitle: "Updates.", meta: "example.org/letters" });
    expect(homeCard(site)).toMatchObject({ path: "/cards/home.png", title: "Letters", subtitle: "A newsletter." });
    expect(siteAddress("https://example.org/")).toBe("example.org");
  });

  test("each page names its own card, and pages without one the site's", () => {
    expect(cardPathFor(numbered, undefined)).toBe("/cards/issues/chinchilla.png");
    expect(cardPathFor(undefined, { kind: "series", key: "series:lab-notes" })).toBe("/cards/series/lab-notes.png");
    expect(cardPathFor(undefined, { kind: "tag", key: "tag:bias" })).toBe("/cards/home.png");
    expect(cardPathFor(undefined, undefined)).toBe("/cards/home.png");
  });
});

describe("cardKey", () => {
  const measures = { bold: monospace, regular: monospace };
  const drawing = (title: string): CardDrawing =>
    designCard({ ...issueCard({ ...issue("a", "2022-01-01"), title }, undefined, "1 January 2022", site) }, { publisher: "Letters Ltd", palette, measures });
  const renderer = { fonts: "f1", versions: "satori@0.63.2 @resvg/resvg-js@2.6.2" };

  test("is the same for the same drawing, fonts and renderers", () => {
    expect(cardKey(drawing("A title"), renderer)).toBe(cardKey(drawing("A title"), renderer));
  });

  test("changes with anything drawn, the fonts, the renderers' versions and the logo", () => {
    const key = cardKey(drawing("A title"), renderer);
    expect(cardKey(drawing("Another title"), renderer)).not.toBe(key);
    expect(cardKey({ ...drawing("A title"), palette: { ...palette, accent: "#000000" } }, renderer)).not.toBe(key);
    expect(cardKey({ ...drawing("A title"), logo: { hash: "abc", type: "image/png" } }, renderer)).not.toBe(key);
    expect(cardKey(drawing("A title"), { ...renderer, fonts: "f2" })).not.toBe(key);
    expect(cardKey(drawing("A title"), { ...renderer, versions: "satori@0.64.0 @resvg/resvg-js@2.6.2" })).not.toBe(key);
  });
});
