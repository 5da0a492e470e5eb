// `npm run build` has Eleventy generate its templates a few at a time, so that pages are written
// (and released) while others are still to render, rather than the whole site rendered first.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "vitest";
import { generateEleventyTemplatesInTurn, generateTemplatesInTurn, type GeneratingTemplate } from "../../src/eleventy/internals/templates-in-turn.ts";

test("at most `limit` templates generate at a time; each gets its own result, and a failure frees its turn", async () => {
  let running = 0;
  let mostAtOnce = 0;
  class Stand {
    constructor(readonly name: string) {}
    async generateMapEntry(fail: boolean): Promise<string> {
      running++;
      mostAtOnce = Math.max(mostAtOnce, running);
      await new Promise((resolve) => setTimeout(resolve, 5));
      running--;
      if (fail) throw new Error(`${this.name} failed`);
      return `${this.name} written`;
    }
  }
  generateTemplatesInTurn(Stand.prototype as Partial<GeneratingTemplate>, 3);
  generateTemplatesInTurn(Stand.prototype as Partial<GeneratingTemplate>, 3); // not wrapped twice

  const outcomes = await Promise.allSettled(Array.from({ length: 10 }, (_, index) => new Stand(`t${index}`).generateMapEntry(index === 2)));
  expect(mostAtOnce).toBe(3);
  expect(outcomes.map((outcome) => (outcome.status === "fulfilled" ? outcome.value : String(outcome.reason)))).toEqual([
    "t0 written",
    "t1 written",
    "Error: t2 failed",
    ...Array.from({ length: 7 }, (_, index) => `t${index + 3} written`),
  ]);
});

test("Eleventy writes pages while other templates are still to render, every page whole", async () => {
  const folder = mkdtempSync(path.join(tmpdir(), "templates-in-turn-"));
  const input = path.join(folder, "in");
  const output = path.join(folder, "out");
  mkdirSync(path.join(input, "_includes"), { recursive: true });
  const count = 12;
  for (let index = 0; index < count; index++) {
    writeFileSync(path.join(input, `page-${index}.njk`), `---\npermalink: /page-${index}/\nlayout: layout.njk\n---\nPage ${index}`);
  }
  // Eleventy renders the pages' layouts as it generates them (their content it renders before):
  // the layout calls a filter that counts the pages written by then.
  writeFileSync(path.join(input, "_includes/layout.njk"), "{{ content | safe }}, {{ page.url | pagesOnDisk }} on disk.\n");
  const config = `export default function (config) {
  config.addFilter("pagesOnDisk", () => {
    const fs = globalThis.process.getBuiltinModule("node:fs");
    return fs.existsSync(${JSON.stringify(output)}) ? fs.readdirSync(${JSON.stringify(output)}).length : 0;
  });
}
`;
  writeFileSync(path.join(folder, "eleventy.config.mjs"), config);

  await generateEleventyTemplatesInTurn();
  const { Eleventy } = (await import("@11ty/eleventy")) as unknown as {
    Eleventy: new (input: string, output: string, options: object) => { write(): Promise<unknown>; disableLogger(): void };
  };
  const eleventy = new Eleventy(input, output, { quietMode: true, configPath: path.join(folder, "eleventy.config.mjs") });
  eleventy.disableLogger();
  await eleventy.write();

  const onDisk = Array.from({ length: count }, (_, index) => {
    const file = path.join(output, `page-${index}/index.html`);
    expect(existsSync(file), file).toBe(true);
    const text = readFileSync(file, "utf8");
    expect(text).toMatch(new RegExp(`^Page ${index}, \\d+ on disk\\.\\n$`));
    return Number(/, (\d+) on disk/.exec(text)?.[1]);
  });
  // All at once, every page would render before the first is written: 0 on disk each time.
  expect(Math.max(...onDisk)).toBeGreaterThanOrEqual(count - 4 - 1);
});
