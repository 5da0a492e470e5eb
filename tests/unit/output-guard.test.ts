import { mkdirSync, symlinkSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { isInside, outputGuardProblem, realPathOfExisting } from "../../src/cli/output-guard.ts";
import { tempFolder } from "../support/run-build.ts";

// A project at /work/site with its issues in /work/site/issues, run from the project, home /home/ann.
const layout = { content: "issues", projectRoot: "/work/site", home: "/home/ann", cwd: "/work/site" };
const asGiven = (folder: string) => folder;
const problem = (output: string, overrides: Partial<typeof layout> = {}) => outputGuardProblem({ ...layout, ...overrides, output }, asGiven);

describe("outputGuardProblem", () => {
  test.each([
    ["issues", 'build: --output "issues" is the content folder "issues"; pass an output folder outside it, like --output _site'],
    ["issues/", 'build: --output "issues/" is the content folder "issues"; pass an output folder outside it, like --output _site'],
    ["issues/site", 'build: --output "issues/site" lies inside the content folder "issues"; pass an output folder outside it, like --output _site'],
    ["/work/site/issues/a/b", 'build: --output "/work/site/issues/a/b" lies inside the content folder "issues"; pass an output folder outside it, like --output _site'],
    [".", 'build: --output "." is the project folder "/work/site"; pass an output folder of its own, like --output _site'],
    ["_site/..", 'build: --output "_site/.." is the project folder "/work/site"; pass an output folder of its own, like --output _site'],
    ["..", 'build: --output ".." contains the project folder "/work/site"; pass an output folder of its own, like --output _site'],
    ["/", 'build: --output "/" is the file system root; pass an output folder of its own, like --output _site'],
    ["/home/ann", 'build: --output "/home/ann" is the home folder "/home/ann"; pass an output folder of its own, like --output _site'],
    ["/home", 'build: --output "/home" contains the home folder "/home/ann"; pass an output folder of its own, like --output _site'],
    ["src", 'build: --output "src" is the project\'s folder "src"; pass an output folder of its own, like --output _site'],
    ["layouts", 'build: --output "layouts" is the project\'s folder "layouts"; pass an output folder of its own, like --output _site'],
    ["assets/site", 'build: --output "assets/site" lies inside the project\'s folder "assets"; pass an output folder of its own, like --output _site'],
    ["node_modules", 'build: --output "node_modules" is the project\'s folder "node_modules"; pass an output folder of its own, like --output _site'],
    [".git/site", 'build: --output ".git/site" lies inside the project\'s folder ".git"; pass an output folder of its own, like --output _site'],
  ])("--output %s is refused", (output, message) => {
    expect(problem(output)).toBe(message);
  });

  test.each([["_site"], ["public"], ["/tmp/site"], ["/home/ann/www/site"], ["../elsewhere/_site"], ["issues-site"], ["srcsite"]])("--output %s is allowed", (output) => {
    expect(problem(output)).toBeUndefined();
  });

  test("a content folder inside the output is named, whoever else the output holds", () => {
    expect(problem("/srv/letters", { content: "/srv/letters/issues" })).toBe(
      'build: --output "/srv/letters" contains the content folder "/srv/letters/issues"; pass an output folder that holds no content, like --output _site',
    );
  });

  test("where _site itself would be refused, the message suggests no _site", () => {
    expect(problem("_site", { content: "_site" })).toBe(
      'build: --output "_site" is the content folder "_site"; pass an output folder outside it, like a new folder beside the project',
    );
  });

  test("folders are compared by their real paths: a link to the content folder's parent is seen through", () => {
    const root = tempFolder("guard-");
    mkdirSync(path.join(root, "project", "issues"), { recursive: true });
    mkdirSync(path.join(root, "project", "src"));
    symlinkSync(path.join(root, "project"), path.join(root, "alias"));
    const request = { content: path.join(root, "project", "issues"), projectRoot: path.join(root, "project"), home: "/home/ann", cwd: root };
    expect(outputGuardProblem({ ...request, output: "alias/issues/site" })).toContain('lies inside the content folder "');
    expect(outputGuardProblem({ ...request, output: "alias/src" })).toContain('is the project\'s folder "src"');
    expect(outputGuardProblem({ ...request, output: "project/../alias/issues" })).toContain("is the content folder");
    expect(outputGuardProblem({ ...request, output: path.join("alias", "_site") })).toBeUndefined();
  });

  test("an output that is a link is checked where it lies and where it points", () => {
    const root = tempFolder("guard-link-");
    mkdirSync(path.join(root, "issues"));
    mkdirSync(path.join(root, ".site-builds", "_site-1-0a0b0c0d"), { recursive: true });
    symlinkSync(".site-builds/_site-1-0a0b0c0d", path.join(root, "_site"));
    symlinkSync("issues", path.join(root, "letters"));
    const request = { content: "issues", projectRoot: "/work/site", home: "/home/ann", cwd: root };
    expect(outputGuardProblem({ ...request, output: "_site" })).toBeUndefined();
    expect(outputGuardProblem({ ...request, output: "letters" })).toBe(
      'build: --output "letters" is the content folder "issues"; pass an output folder outside it, like --output _site',
    );
  });
});

describe("realPathOfExisting", () => {
  test("resolves the links of the part that exists and keeps the rest", () => {
    const root = tempFolder("guard-real-");
    mkdirSync(path.join(root, "real"));
    symlinkSync(path.join(root, "real"), path.join(root, "link"));
    expect(realPathOfExisting(path.join(root, "link", "not", "yet"))).toBe(path.join(realPathOfExisting(root), "real", "not", "yet"));
  });
});

describe("isInside", () => {
  test.each([
    ["/a/b", "/a", true],
    ["/a", "/a", false],
    ["/ab", "/a", false],
    ["/a/..b", "/a", true],
    ["/", "/a", false],
    ["/a", "/", true],
  ])("%s inside %s: %s", (child, parent, inside) => {
    expect(isInside(child, parent)).toBe(inside);
  });
});
