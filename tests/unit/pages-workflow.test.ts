// .github/workflows/pages.yml, the GitHub Pages deployment a publisher can enable: read as
// GitHub Actions reads it, it builds with the Pages address and path prefix and uploads _site.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { parse } from "yaml";
import { projectRoot } from "../support/run-build.ts";

interface Step {
  id?: string;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
}
interface Job {
  if?: string;
  needs?: string | string[];
  steps: Step[];
  environment?: { name: string };
}

const workflow = parse(readFileSync(path.join(projectRoot, ".github/workflows/pages.yml"), "utf8")) as {
  on: Record<string, unknown>;
  permissions: Record<string, string>;
  jobs: Record<string, Job>;
};
const packageJson = JSON.parse(readFileSync(path.join(projectRoot, "package.json"), "utf8")) as { scripts: Record<string, string> };
const steps = Object.values(workflow.jobs).flatMap((job) => job.steps);
const action = (name: string) => steps.find((step) => step.uses?.split("@")[0] === name);

describe("the GitHub Pages workflow", () => {
  const build = workflow.jobs.build;

  test("runs on a push to main, or by hand, only where the publisher enabled it", () => {
    expect(workflow.on).toHaveProperty("push", { branches: ["main"] });
    expect(workflow.on).toHaveProperty("workflow_dispatch");
    expect(build?.if).toBe("vars.DEPLOY_TO_GITHUB_PAGES == 'true'");
  });

  test("installs with npm ci on Node 20, then builds with the Pages address and path prefix", () => {
    const runs = build?.steps.map((step) => step.run ?? step.uses?.split("@")[0]) ?? [];
    expect(runs).toEqual(["actions/checkout", "actions/setup-node", "npm ci", "actions/configure-pages", "npm run build", "actions/upload-pages-artifact"]);
    expect(action("actions/setup-node")?.with?.["node-version"]).toBe(20);
    const pages = action("actions/configure-pages");
    expect(pages?.id).toBeTruthy();
    expect(build?.steps.find((step) => step.run === "npm run build")?.env).toEqual({
      SITE_URL: `\${{ steps.${pages?.id}.outputs.base_url }}`,
      PATH_PREFIX: `\${{ steps.${pages?.id}.outputs.base_path }}`,
    });
    expect(packageJson.scripts).toHaveProperty("build");
  });

  test("uploads _site, and a job after the build deploys it to the github-pages environment", () => {
    expect(action("actions/upload-pages-artifact")?.with).toEqual({ path: "_site" });
    const deploy = Object.values(workflow.jobs).find((job) => job.steps.some((step) => step.uses?.startsWith("actions/deploy-pages@")));
    expect(deploy?.needs).toBe("build");
    expect(deploy?.environment?.name).toBe("github-pages");
    expect(workflow.permissions).toEqual({ contents: "read", pages: "write", "id-token": "write" });
  });

  test("uses each action by a major version", () => {
    const uses = steps.flatMap((step) => (step.uses ? [step.uses] : []));
    expect(uses.length).toBe(5);
    for (const each of uses) expect(each).toMatch(/^actions\/[a-z-]+@v\d+$/);
  });
});
