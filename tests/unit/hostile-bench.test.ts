import { describe, expect, test } from "vitest";
import { doublingSizes, hostileInputs, hostileTable, median, repeatTo, sizeLabel } from "../../src/bench/hostile.ts";

describe("bench:hostile", () => {
  test("sizes double from the smallest to the largest", () => {
    expect(doublingSizes(64 * 1024, 1024 * 1024).map(sizeLabel)).toEqual(["64 KB", "128 KB", "256 KB", "512 KB", "1 MB"]);
    expect(sizeLabel(1000)).toBe("1000 B");
  });

  test("a unit repeats to exactly the size asked", () => {
    expect(repeatTo("](", 5)).toBe("](](]");
    expect(repeatTo("abc", 0)).toBe("");
  });

  test("the median is the middle time, the lower of two middles", () => {
    expect(median([30, 10, 20])).toBe(20);
    expect(median([4, 1, 3, 2])).toBe(2);
  });

  test("each input at a size is a file of about that size, with front matter", () => {
    for (const input of hostileInputs) {
      const text = input.make(64 * 1024);
      expect(text.startsWith("---\n"), input.name).toBe(true);
      expect(text.length, input.name).toBeGreaterThanOrEqual(64 * 1024);
      expect(text.length, input.name).toBeLessThan(64 * 1024 + 4096);
    }
    expect(new Set(hostileInputs.map((input) => input.name)).size).toBe(hostileInputs.length);
  });

  test("the table gives each stage's ratio to the same input's size before, and says what was not timed", () => {
    const table = hostileTable(
      [
        { input: "`[`", bytes: 1024, stages: { validate: { ms: 2 }, render: { ms: 10 } } },
        { input: "`[`", bytes: 2048, stages: { validate: { ms: 4.4 }, render: { ms: 40, error: "MathsError" } } },
        { input: "`[`", bytes: 4096, stages: { validate: { skipped: "over budget at 2 KB" }, render: { ms: 80 } } },
        { input: "`*`", bytes: 1024, stages: { validate: { ms: 0.5 }, render: { ms: 3 } } },
        { input: "`*`", bytes: 2048, stages: { validate: { ms: 0.9 }, render: { ms: 6 } } },
      ],
      ["validate", "render"],
    );
    expect(table.split("\n")).toEqual([
      "| input | size | validate ms | × | render ms | × |",
      "| --- | --- | --- | --- | --- | --- |",
      "| `[` | 1 KB | 2.00 |  | 10.0 |  |",
      "| `[` | 2 KB | 4.40 | 2.2 | 40.0 (MathsError) | 4.0 |",
      "| `[` | 4 KB | over budget at 2 KB |  | 80.0 | 2.0 |",
      "| `*` | 1 KB | 0.50 |  | 3.00 |  |",
      "| `*` | 2 KB | 0.90 | ~ | 6.00 | 2.0 |",
    ]);
  });
});
