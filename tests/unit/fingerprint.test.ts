import { expect, test } from "vitest";
import { contentHash } from "../../src/fingerprint.ts";

test("names content by the first ten hex digits of its sha256, the same every time", () => {
  expect(contentHash("")).toBe("e3b0c44298");
  expect(contentHash("body{}")).toBe(contentHash("body{}"));
  expect(contentHash("body{}")).not.toBe(contentHash("body{ }"));
});
