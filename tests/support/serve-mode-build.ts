// Builds a site as `npm start` does (Eleventy's `serve` run mode), without starting a server:
// `tsx tests/support/serve-mode-build.ts CONTENT OUTPUT`. Eleventy sets ELEVENTY_RUN_MODE from its
// `runMode` option before it loads the config, so the variable cannot be set from outside.
import path from "node:path";

const [content, output] = process.argv.slice(2);
if (!content || !output) throw new Error("serve-mode build: expected CONTENT and OUTPUT folders");
process.env.NEWSLETTER_CONTENT = path.relative(process.cwd(), path.resolve(content)) || ".";
process.env.NEWSLETTER_OUTPUT = output;
const { Eleventy } = (await import("@11ty/eleventy")) as unknown as { Eleventy: EleventyConstructor };
const eleventy = new Eleventy(path.resolve(content), output, { configPath: ".eleventy.js", quietMode: true, runMode: "serve" });
await eleventy.write();

interface EleventyConstructor {
  new (input: string, output: string, options: Record<string, unknown>): { write(): Promise<unknown> };
}
