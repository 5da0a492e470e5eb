import { describe, expect, test } from "vitest";
import { extractHashtags, parseHashtagLine } from "../../src/model/hashtags.ts";

describe("parseHashtagLine", () => {
  test.each([
    ["#performance", ["#performance"]],
    ["#performance, #machine-learning", ["#performance", "#machine-learning"]],
    ["#performance #machine-learning", ["#performance", "#machine-learning"]],
    ["#performance,#bias", ["#performance", "#bias"]],
    ["#performance, #bias,", ["#performance", "#bias"]],
    ["  #performance  ", ["#performance"]],
    ["#performance\n#bias", ["#performance", "#bias"]],
    ["#a-b_c", ["#a-b_c"]],
    ["#NeurIPS2020", ["#NeurIPS2020"]],
    ["#1", ["#1"]],
    ["#Ünïcode", ["#Ünïcode"]],
  ])("the paragraph %j is the tags %j", (text, tags) => {
    expect(parseHashtagLine(text)).toEqual(tags);
  });

  test.each([
    ["Read #performance here", "prose containing a hashtag"],
    ["#performance is up", "a hashtag starting prose"],
    ["text #performance", "prose ending in a hashtag"],
    ["# Heading", "an ATX heading"],
    ["#", "a lone #"],
    ["#_private", "a hashtag starting with an underscore"],
    ["#-dash", "a hashtag starting with a hyphen"],
    ["#a,, #b", "a doubled comma"],
    ["#a; #b", "a semicolon"],
    ["", "an empty paragraph"],
  ])("%j is not a hashtag paragraph (%s)", (text) => {
    expect(parseHashtagLine(text)).toBeUndefined();
  });
});

describe("extractHashtags", () => {
  test("collects the tags of every hashtag paragraph, normalised and de-duplicated in order", () => {
    const body = [
      "## First item",
      "",
      "Some text about speed.",
      "",
      "#performance, #Machine-Learning",
      "",
      "## Second item",
      "",
      "#bias #machine-learning #performance",
    ].join("\n");
    expect(extractHashtags(body)).toEqual([
      { slug: "performance", name: "performance" },
      { slug: "machine-learning", name: "Machine-Learning" },
      { slug: "bias", name: "bias" },
    ]);
  });

  test.each([
    ["backtick fence", "```\n#in-code\n```"],
    ["tilde fence", "~~~\n#in-code\n~~~"],
    ["fence with an info string", "```markdown\n#in-code\n```"],
    ["longer fence containing a shorter one", "````\n```\n#in-code\n````"],
    ["indented fence", "   ```\n#in-code\n   ```"],
    ["fence left open to the end", "```\n#in-code\n\n#also-code"],
  ])("ignores hashtags inside fenced code (%s)", (_, code) => {
    const body = `#before\n\n${code}\n\n#after`;
    const slugs = extractHashtags(body).map((tag) => tag.slug);
    expect(slugs).not.toContain("in-code");
    expect(slugs).not.toContain("also-code");
    expect(slugs[0]).toBe("before");
  });

  test("a tilde fence is not closed by backticks", () => {
    expect(extractHashtags("~~~\n```\n#in-code\n\n~~~\n\n#after").map((tag) => tag.slug)).toEqual(["after"]);
  });

  test("hashtags after a closed fence count again", () => {
    expect(extractHashtags("```\n#in-code\n```\n\n#after").map((tag) => tag.slug)).toEqual(["after"]);
  });

  test("hashtags inside prose are not tags", () => {
    expect(extractHashtags("We rank #1 in #performance this week.\n\nMore text.")).toEqual([]);
  });

  test("CRLF line endings are read like LF", () => {
    expect(extractHashtags("Text.\r\n\r\n#performance, #bias\r\n")).toEqual([
      { slug: "performance", name: "performance" },
      { slug: "bias", name: "bias" },
    ]);
  });

  test("a body without hashtags has no tags", () => {
    expect(extractHashtags("")).toEqual([]);
    expect(extractHashtags("Just prose.\n\nMore prose.")).toEqual([]);
  });
});
