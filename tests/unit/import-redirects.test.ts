import { describe, expect, it } from "vitest";
import { aliasCollisionProblems, aliasFormatProblem, redirectsFile } from "../../src/model/redirects.ts";

describe("redirectsFile", () => {
  it("writes one sorted 301 line per alias, both paths under the path prefix", () => {
    const issues = [
      { url: "/issues/b/", aliases: ["/p/old-b"] },
      { url: "/issues/a/", aliases: ["/2020/01/a/", "/p/a"] },
      { url: "/issues/c/" },
    ];
    expect(redirectsFile(issues, "/")).toBe("/2020/01/a/ /issues/a/ 301\n/p/a /issues/a/ 301\n/p/old-b /issues/b/ 301\n");
    expect(redirectsFile(issues, "/news/")).toBe("/news/2020/01/a/ /news/issues/a/ 301\n/news/p/a /news/issues/a/ 301\n/news/p/old-b /news/issues/b/ 301\n");
    expect(redirectsFile([{ url: "/issues/c/" }], "/")).toBe("");
  });
});

describe("aliasFormatProblem", () => {
  it.each([
    ["/p/old-slug", undefined],
    ["/2020/08/25/post/", undefined],
    ["p/old", "a site path starting with one /"],
    ["//evil.example/x", "a site path starting with one /"],
    ["/p/a b", "a path of printable ASCII without spaces, ?, #, % or \\"],
    ["/p/a?x=1", "a path of printable ASCII without spaces, ?, #, % or \\"],
    ["/p/a\n/x /y 200", "a path of printable ASCII without spaces, ?, #, % or \\"],
    ["/p/../x", "a path without . or .. segments"],
    ["/", "a path that is not a page of this site"],
    ["/tags/x/", "a path that is not a page of this site"],
    ["/tags", "a path that is not a page of this site"],
    ["/feed.xml", "a path that is not a page of this site"],
    ["/_redirects", "a path that is not a page of this site"],
  ])("%j: %s", (alias, problem) => {
    expect(aliasFormatProblem(alias)).toBe(problem);
  });
});

describe("aliasCollisionProblems", () => {
  it("names an alias that is another issue's page or another issue's alias, trailing slash or not", () => {
    const problems = aliasCollisionProblems([
      { file: "issues/2020-01-01-a.md", slug: "a", aliases: ["/p/x", "/issues/b"] },
      { file: "issues/2020-01-02-b.md", slug: "b", aliases: ["/p/x/"] },
      { file: "issues/2020-01-03-c.md", slug: "c", aliases: ["/p/c"] },
    ]);
    expect(problems).toEqual([
      "issues/2020-01-01-a.md: aliases: expected a path that is not a page of this site, got /issues/b, the address of issues/2020-01-02-b.md",
      "issues/2020-01-02-b.md: aliases: expected a path no other alias has, got /p/x/, also an alias of issues/2020-01-01-a.md",
    ]);
  });
});
