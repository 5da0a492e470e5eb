import { describe, expect, test } from "vitest";
import { parseBuildArgs } from "../../src/cli/args.ts";

describe("parseBuildArgs", () => {
  test.each([
    [[], { content: "issues", output: "_site" }],
    [["--content", "drafts"], { content: "drafts", output: "_site" }],
    [["--output=public"], { content: "issues", output: "public" }],
    [["--content=drafts", "--output", "public"], { content: "drafts", output: "public" }],
    [["--output", "/tmp/site", "--content", "tests/fixtures"], { content: "tests/fixtures", output: "/tmp/site" }],
    [["--content=a=b"], { content: "a=b", output: "_site" }],
    [["--content", "first", "--content", "second"], { content: "second", output: "_site" }],
    [["--content", "my issues"], { content: "my issues", output: "_site" }],
  ])("%j gives %j", (argv, options) => {
    expect(parseBuildArgs(argv)).toEqual(options);
  });

  test.each([
    [["--content"], "build: --content: expected a folder, got nothing"],
    [["--output"], "build: --output: expected a folder, got nothing"],
    [["--content="], "build: --content: expected a folder, got nothing"],
    [["--content", ""], "build: --content: expected a folder, got nothing"],
    [["--content", "--output", "public"], "build: --content: expected a folder, got nothing"],
    [["--bogus"], 'build: expected --content DIR or --output DIR, got "--bogus"'],
    [["--bogus", "value"], 'build: expected --content DIR or --output DIR, got "--bogus"'],
    [["--bogus=1"], 'build: expected --content DIR or --output DIR, got "--bogus=1"'],
    [["-c", "issues"], 'build: expected --content DIR or --output DIR, got "-c"'],
    [["issues"], 'build: expected --content DIR or --output DIR, got "issues"'],
    [["--content", "issues", "extra"], 'build: expected --content DIR or --output DIR, got "extra"'],
  ])("%j is refused: %s", (argv, message) => {
    expect(() => parseBuildArgs(argv)).toThrow(message);
  });
});
