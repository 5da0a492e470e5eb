import { expect, test } from "vitest";
import { buildScriptArguments, packageScript, scriptArguments } from "../../src/bench/package-scripts.ts";

test("the bench and the tests build with the Node arguments of package.json's build script", () => {
  expect(packageScript("build")).toBe(`node ${buildScriptArguments().join(" ")}`);
  expect(buildScriptArguments()).toContain("src/cli/build.ts");
  expect(buildScriptArguments("node --import tsx src/cli/build.ts")).toEqual(["--import", "tsx", "src/cli/build.ts"]);
});

test("a build script they could not run as npm does is refused, saying why", () => {
  for (const script of ["tsx src/cli/build.ts", "node", "node a.ts && rm -rf x", "NODE_OPTIONS=1 node a.ts"]) {
    expect(() => buildScriptArguments(script)).toThrow(`build: expected package.json's build script to be "node" and plain arguments, got ${JSON.stringify(script)}`);
  }
  expect(() => packageScript("no-such-script")).toThrow(/expected a "no-such-script" script in .*package\.json/);
});

test("npm start names no output folder, so it builds into _dev/ (src/run-mode.ts), and npm run preview runs as the preview test runs it", () => {
  expect(packageScript("start")).not.toMatch(/_site|--output/);
  expect(scriptArguments("preview", "preview", "tsx", packageScript("preview"))).toEqual(["src/cli/preview.ts"]);
});
