import { describe, expect, test } from "vitest";
import { errorMessage } from "../../src/cli/error-message.ts";

function withOriginal(message: string, originalError: unknown): Error {
  return Object.assign(new Error(message), { originalError });
}

describe("errorMessage", () => {
  test.each([
    ["a single error", new Error("boom"), "boom"],
    ["a cause chain", new Error("outer", { cause: new Error("middle", { cause: new Error("inner") }) }), "outer\n  middle\n  inner"],
    [
      "Eleventy's originalError chain ending in a cause",
      withOriginal("Having trouble rendering njk template", new Error("render failed", { cause: new Error("maths: bad TeX") })),
      "Having trouble rendering njk template\n  render failed\n  maths: bad TeX",
    ],
    [
      "originalError preferred over cause",
      Object.assign(new Error("top", { cause: new Error("cause") }), { originalError: new Error("original") }),
      "top\n  original",
    ],
    [
      "the same message repeated down the chain",
      new Error("same", { cause: new Error("same", { cause: new Error("other") }) }),
      "same\n  other",
    ],
    ["surrounding whitespace", new Error("  padded  \n", { cause: new Error("\tinner\n") }), "padded\n  inner"],
    ["an empty message in the chain", new Error("", { cause: new Error("real reason") }), "real reason"],
    ["a thrown string", "plain string", "plain string"],
    ["undefined", undefined, "undefined"],
  ])("%s", (_, error, message) => {
    expect(errorMessage(error)).toBe(message);
  });

  test("an error that is its own cause is listed once", () => {
    const loop = new Error("loop");
    Object.assign(loop, { cause: loop });
    expect(errorMessage(loop)).toBe("loop");
  });

  test("a cycle of two errors ends after each is listed once", () => {
    const a = new Error("a");
    const b = new Error("b", { cause: a });
    Object.assign(a, { cause: b });
    expect(errorMessage(a)).toBe("a\n  b");
  });

  test("no stack traces", () => {
    const error = new Error("outer", { cause: new Error("inner") });
    expect(errorMessage(error)).not.toContain("    at ");
  });
});
