import { mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { MathsImages, MathsImageError, mathsImageName, pngFileSize } from "../../src/email/maths-images.ts";

describe("MathsImages", () => {
  test("renders each formula once to a 2x PNG, and a second build takes every one from the cache", async () => {
    const cache = mkdtempSync(path.join(tmpdir(), "newsletter-maths-cache-"));
    const first = new MathsImages(cache);
    await first.ready();
    const inline = first.image("\\frac{a}{b} + \\mathbb{R}^n", false);
    const display = first.image("\\frac{a}{b} + \\mathbb{R}^n", true);
    expect(first.image("\\frac{a}{b} + \\mathbb{R}^n", false)).toBe(inline);
    expect(display.height).toBeGreaterThan(inline.height);
    expect(inline.name).toBe(mathsImageName("\\frac{a}{b} + \\mathbb{R}^n", false));
    const site = mkdtempSync(path.join(tmpdir(), "newsletter-maths-site-"));
    expect(await first.writeTo(site, 2)).toEqual({ rendered: 2, cached: 0 });
    expect(readdirSync(site).sort()).toEqual([inline.name, display.name].sort());
    expect(pngFileSize(path.join(site, inline.name))).toEqual({ width: 2 * inline.width, height: 2 * inline.height });

    const second = new MathsImages(cache);
    // Sized from the cached PNG, without MathJax: ready() is not even needed.
    expect(second.image("\\frac{a}{b} + \\mathbb{R}^n", false)).toEqual(inline);
    const again = mkdtempSync(path.join(tmpdir(), "newsletter-maths-site-"));
    expect(await second.writeTo(again)).toEqual({ rendered: 0, cached: 1 });
  });

  test("a formula MathJax cannot set is an error naming it", async () => {
    const images = new MathsImages(mkdtempSync(path.join(tmpdir(), "newsletter-maths-cache-")));
    await images.ready();
    expect(() => images.image("\\frac{a}{b", false)).toThrow(MathsImageError);
    expect(() => images.image("\\notamacro x", false)).toThrow(/MathJax could not set the formula "\\\\notamacro x": Undefined control sequence \\notamacro/);
  });
});
