// The render process runs its modules bundled by esbuild, without tsx (src/cli/render-bundle.ts).
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { expect, onTestFinished, test } from "vitest";
import { bundleRenderProcess } from "../../src/cli/render-bundle.ts";
import { projectRoot } from "../support/run-build.ts";

const bundlesFolder = path.join(projectRoot, "node_modules", ".cache", "newsletter-render");

async function bundled() {
  const bundle = await bundleRenderProcess();
  if (!bundle) throw new Error("expected the render process to be bundled in this project");
  onTestFinished(() => bundle.dispose());
  return bundle;
}

test("plain Node, without tsx, loads the bundled render process and Eleventy's configuration", async () => {
  const bundle = await bundled();
  const config = path.resolve(process.cwd(), bundle.config);
  expect(path.basename(config)).toBe("eleventy-config.mjs");
  // A TypeScript module left outside the bundle would fail to load here: Node 20 cannot run one.
  const script = `await import(${JSON.stringify(pathToFileURL(config).href)}); await import(${JSON.stringify(pathToFileURL(bundle.entry).href)}); console.log("loaded");`;
  const run = spawnSync(process.execPath, ["--input-type=module", "-e", script], { cwd: projectRoot, encoding: "utf8" });
  expect(run.stderr).toBe("");
  expect(run.stdout.trim()).toBe("loaded");
});

test("the bundled render process starts the bundled render worker, which is beside it", async () => {
  const bundle = await bundled();
  const folder = path.dirname(bundle.entry);
  const modules = readdirSync(folder);
  expect(modules).toContain("render-worker.mjs");
  // Every module is at the top of the folder, so a module's `./render-worker.mjs` is the worker.
  expect(modules.every((name) => name.endsWith(".mjs"))).toBe(true);
  const starting = modules.filter((name) => readFileSync(path.join(folder, name), "utf8").includes('"./render-worker.mjs"'));
  expect(starting).toHaveLength(1);
  expect(starting[0]).not.toBe("render-worker.mjs");
});

test("each build has a folder of its own, removed once done, and those of stopped builds are removed", async () => {
  // A build stopped before it could remove its bundle: no process has this pid (above pid_max).
  const left = path.join(bundlesFolder, "build-99999999-abc123");
  mkdirSync(left, { recursive: true });
  writeFileSync(path.join(left, "render-process.mjs"), "");
  const [first, second] = await Promise.all([bundleRenderProcess(), bundleRenderProcess()]);
  if (!first || !second) throw new Error("expected both bundles");
  expect(path.dirname(first.entry)).not.toBe(path.dirname(second.entry));
  expect(existsSync(left)).toBe(false);
  await first.dispose();
  expect(existsSync(first.entry)).toBe(false);
  expect(existsSync(second.entry)).toBe(true);
  await second.dispose();
  expect(existsSync(path.dirname(second.entry))).toBe(false);
});

test("where it cannot bundle, it says so with undefined and leaves nothing behind", async () => {
  // A project without the sources: esbuild finds no entry point.
  const empty = mkdtempSync(path.join(tmpdir(), "render-bundle-"));
  onTestFinished(() => rmSync(empty, { recursive: true, force: true }));
  expect(await bundleRenderProcess(empty)).toBeUndefined();
  expect(readdirSync(path.join(empty, "node_modules", ".cache", "newsletter-render"))).toEqual([]);
  // A node_modules that is a file: no folder can be made in it.
  const blocked = mkdtempSync(path.join(tmpdir(), "render-bundle-"));
  onTestFinished(() => rmSync(blocked, { recursive: true, force: true }));
  writeFileSync(path.join(blocked, "node_modules"), "");
  expect(await bundleRenderProcess(blocked)).toBeUndefined();
});
