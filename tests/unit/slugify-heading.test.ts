import { describe, expect, test } from "vitest";
import { slugifyHeading } from "../../src/markdown/slugify-heading.ts";

describe("slugifyHeading", () => {
  test.each([
    ["Why does it matter?", "why-does-it-matter"],
    ["Key insights", "key-insights"],
    ["  Mixed   CASE  ", "mixed-case"],
    ["1. Transformer Memory as a Differentiable Search Index", "1-transformer-memory-as-a-differentiable-search-index"],
    ["Naïve Café", "naive-cafe"],
    ["Señor Müller", "senor-muller"],
    ["🔬 Research", "research"],
    ["GPT-3 vs. BERT", "gpt-3-vs-bert"],
    ["Moore’s Law, AI, and the pace of progress", "moore-s-law-ai-and-the-pace-of-progress"],
    ["ＦＵＬＬＷＩＤＴＨ", "fullwidth"],
    ["Straße", "straße"],
  ])("%j has the anchor %j", (text, slug) => {
    expect(slugifyHeading(text)).toBe(slug);
  });

  test.each(["", "   ", "???", "🔬", "—"])("a heading with no letters or digits (%j) gets the anchor 'section'", (text) => {
    expect(slugifyHeading(text)).toBe("section");
  });

  test("gives every heading the anchor of the full Unicode path, ASCII or not", () => {
    // The rule before ASCII headings had a shortcut: decompose, drop accents, lower case in English.
    const fullPath = (text: string) =>
      text
        .normalize("NFKD")
        .replace(/[\u0300-\u036f]/g, "")
        .toLocaleLowerCase("en")
        .replace(/[^\p{L}\p{M}\p{N}]+/gu, "-")
        .replace(/^-+|-+$/g, "") || "section";
    const ascii = Array.from({ length: 0x7f - 0x20 }, (_, offset) => String.fromCharCode(0x20 + offset));
    const others = ["İstanbul", "ǅemal", "ΣΊΣΥΦΟΣ", "Ωmega", "ﬁne", "Ⅻ", "\t tab", "x\u0301"];
    const headings = [...ascii.map((char) => `Heading ${char}${char}X ${char}`), ascii.join(""), ...others];
    for (const heading of headings) expect(slugifyHeading(heading), heading).toBe(fullPath(heading));
  });
});
