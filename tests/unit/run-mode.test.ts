import { expect, test } from "vitest";
import { isDevelopmentRun, outputFolder } from "../../src/run-mode.ts";

test.each([
  [{ ELEVENTY_RUN_MODE: "serve" }, "_dev"],
  [{ ELEVENTY_RUN_MODE: "watch" }, "_dev"],
  [{ ELEVENTY_RUN_MODE: "build" }, "_site"],
  [{}, "_site"],
  [{ ELEVENTY_RUN_MODE: "serve", NEWSLETTER_OUTPUT: "/tmp/x/_site" }, "/tmp/x/_site"],
  [{ ELEVENTY_RUN_MODE: "build", NEWSLETTER_OUTPUT: ".site-builds/_site-1" }, ".site-builds/_site-1"],
  [{ ELEVENTY_RUN_MODE: "serve", NEWSLETTER_OUTPUT: "" }, "_dev"],
])("environment %j builds into %s", (env, folder) => {
  expect(outputFolder(env)).toBe(folder);
});

test("only serve and watch are development runs", () => {
  expect(["serve", "watch", "build", undefined, "SERVE"].map(isDevelopmentRun)).toEqual([true, true, false, false, false]);
});
