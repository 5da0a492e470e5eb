import { contentHash } from "../fingerprint.ts";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import * as esbuild from "esbuild";
import type { EleventyConfig } from "./eleventy-config.ts";
import { watchQueueFor } from "./watch-queue.ts";

/** Options for the scripts plugin. */
export interface ScriptsOptions {
  /** Browser scripts by name: each TypeScript entry is bundled into one file. */
  entries: Record<string, string>;
  /** Folder, inside the site, the scripts are written to.
   *  @default "assets" */
  outputFolder?: string;
}

/** A bundled script: its code and its fingerprinted site URL. */
export interface BundledScript {
  code: string;
  href: string;
}

/**
 * Bundles a TypeScript entry and what it imports into one minified script for today's browsers,
 * named after its content like the stylesheet.
 */
export async function bundleScript(name: string, entry: string, outputFolder = "assets"): Promise<BundledScript> {
  const result = await esbuild.build({
    entryPoints: [entry],
    bundle: true,
    format: "iife",
    target: "es2022",
    minify: true,
    legalComments: "none",
    write: false,
    logLevel: "silent",
  });
  const code = result.outputFiles[0]?.text ?? "";
  const hash = contentHash(code);
  return { code, href: `/${outputFolder}/${name}.${hash}.js` };
}

/**
 * The site's few scripts are TypeScript in `src/`, bundled per build; layouts link one with
 * `{% scriptHref "name" %}`. Pages work without them.
 */
export function scriptsPlugin(eleventyConfig: EleventyConfig, options: ScriptsOptions): void {
  const outputFolder = options.outputFolder ?? "assets";
  const scripts = new Map<string, BundledScript>();
  const watchQueue = watchQueueFor(eleventyConfig);
  eleventyConfig.on("eleventy.before", async () => {
    // In `npm start`, an edited issue leaves the scripts as they were: keep them.
    if (scripts.size && watchQueue.onlyIssuesChanged()) return;
    scripts.clear();
    for (const [name, entry] of Object.entries(options.entries)) scripts.set(name, await bundleScript(name, entry, outputFolder));
  });
  eleventyConfig.addShortcode("scriptHref", (name: string) => {
    const script = scripts.get(name);
    if (!script) throw new Error(`scripts: expected one of ${[...scripts.keys()].join(", ") || "no scripts"}, got ${JSON.stringify(name)}`);
    return script.href;
  });
  eleventyConfig.on("eleventy.after", async ({ directories }: { directories: { output: string } }) => {
    for (const script of scripts.values()) {
      const file = path.join(directories.output, script.href);
      await mkdir(path.dirname(file), { recursive: true });
      await writeFile(file, script.code);
    }
  });
  for (const entry of Object.values(options.entries)) eleventyConfig.addWatchTarget(path.dirname(entry));
}
