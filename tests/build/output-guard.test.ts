// An output folder that would replace the issues or the project is refused before any write.
import { cpSync, existsSync, readdirSync } from "node:fs";
import { homedir } from "node:os";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { siteManifest } from "../support/manifest.ts";
import { projectRoot, runBuild, tempFolder } from "../support/run-build.ts";

/** A copy of the seed issues in a new folder, and the folder that holds it. */
function contentCopy(): { parent: string; content: string } {
  const parent = tempFolder("guard-");
  const content = path.join(parent, "issues");
  cpSync(path.join(projectRoot, "issues"), content, { recursive: true });
  return { parent, content };
}

/** What a build could have written beside or inside the project: its builds folder. */
const projectBuildsFolders = () => [path.join(projectRoot, ".site-builds"), path.join(path.dirname(projectRoot), ".site-builds")].filter(existsSync);

describe("the output guard", () => {
  test.each([
    ["the content folder itself", (content: string) => content, "is the content folder"],
    ["a folder inside the content folder", (content: string) => path.join(content, "site"), "lies inside the content folder"],
    ["the folder holding the content folder", (content: string) => path.dirname(content), "contains the content folder"],
  ])("refuses %s and leaves everything in it byte for byte", (_, outputOf, reason) => {
    const { parent, content } = contentCopy();
    const output = outputOf(content);
    const before = { parent: siteManifest(parent), entries: readdirSync(parent, { recursive: true }) };

    const build = runBuild({ content, output });

    expect(build.status).not.toBe(0);
    expect(build.stderr).toContain(
      `Build failed; nothing was written.\nbuild: --output ${JSON.stringify(output)} ${reason} ${JSON.stringify(content)}; pass an output folder`,
    );
    expect(build.stdout).not.toContain("Built");
    expect(siteManifest(parent)).toEqual(before.parent);
    expect(readdirSync(parent, { recursive: true })).toEqual(before.entries);
  });

  test.each([
    [".", `is the project folder ${JSON.stringify(projectRoot)}`],
    ["..", `contains the project folder ${JSON.stringify(projectRoot)}`],
    ["/", "is the file system root"],
    [homedir(), `is the home folder ${JSON.stringify(homedir())}`],
    ["src", 'is the project\'s folder "src"'],
    ["node_modules/site", 'lies inside the project\'s folder "node_modules"'],
  ])("--output %s is refused before any write", (output, reason) => {
    const build = runBuild({ content: "issues", output });
    expect(build.status).not.toBe(0);
    expect(build.stderr).toContain(`Build failed; nothing was written.\nbuild: --output ${JSON.stringify(output)} ${reason}; pass an output folder of its own, like --output _site\n`);
    expect(projectBuildsFolders()).toEqual([]);
    expect(existsSync(path.join(projectRoot, "package.json"))).toBe(true);
  });
});
