// Highlighted code's contrast in real headless Chromium: the seed has no fenced code, so a fixture
// of every highlighted language is rendered with the site's markdown-it and put into a real issue
// page of the built site, with its real stylesheet, then axe's color-contrast rule runs on it.
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import type { AxeResults } from "axe-core";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { createMarkdown } from "../../src/markdown/create-markdown.ts";
import { launchBrowser } from "../support/browser.ts";
import { serveStatic, type StaticServer } from "../support/static-server.ts";

const issuePage = "/issues/lab-notes-gpt3-contrastive-hebbian/";
const fixtureUrl = "/code-contrast-fixture/";

const samples: [language: string, code: string][] = [
  ["python", '@dataclass\nclass Model(nn.Module):\n    """Doc."""\n    def forward(self, x: int = 3) -> None:\n        print(f"{x}", True, None)  # comment\n        return x ** 2 + 0x1F'],
  ["sh", 'export CUDA=1 # comment\nfor f in *.md; do echo "$f" | grep -c "x"; done\npip install torch==2.1'],
  ["json", '{"name": "a", "n": 1.5, "ok": true, "none": null}'],
  ["js", "// comment\nconst re = /a+b/g;\nasync function f(a) { return await g(`t${a}`, 42, false); }"],
  ["ts", "interface A { b?: string }\nexport const c: A = { b: 'x' } as const;"],
  ["yaml", "key: value # comment\nlist:\n  - 1\n  - true"],
  ["diff", "--- a\n+++ b\n@@ -1 +1 @@\n-old\n+new"],
  ["sql", "SELECT id, COUNT(*) FROM t WHERE x = 'y' -- comment"],
  ["cpp", '#include <vector>\nint main() { std::vector<int> v{1}; return v.size() > 0 ? 0 : 1; }'],
  ["rust", "fn main() { let v: Vec<u8> = vec![1]; println!(\"{}\", v.len()); }"],
  ["html", '<!DOCTYPE html>\n<a href="x" class="y">&amp; text</a>'],
  ["css", "@media (x) { .a::before { color: #fff !important; content: 'x'; } }"],
  ["latex", "\\begin{equation} x^2 % comment\n\\end{equation}"],
];

let server: StaticServer | undefined;
let browser: Browser | undefined;
let axeSource = "";
let fixtureHtml = "";

beforeAll(async () => {
  const require = createRequire(import.meta.url);
  const axeFile = path.join(path.dirname(require.resolve("axe-core")), "axe.min.js");
  const site = inject("realSite");
  let page: string;
  [server, browser, axeSource, page] = await Promise.all([
    serveStatic(site),
    launchBrowser(),
    readFile(axeFile, "utf8"),
    readFile(path.join(site, issuePage, "index.html"), "utf8"),
  ]);
  const md = createMarkdown();
  const code = samples.map(([language, text]) => md.render(`\`\`\`${language}\n${text}\n\`\`\`\n`)).join("\n");
  expect(page).toContain("</main>");
  fixtureHtml = page.replace("</main>", `<section id="code-fixture">${code}</section></main>`);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe.each(["light", "dark"] as const)("highlighted code, %s colour scheme", (colorScheme) => {
  test("every token passes axe's color-contrast, and tokens are coloured", async () => {
    if (!browser || !server) throw new Error("the browser or the static server did not start");
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, colorScheme, bypassCSP: true });
    try {
      const page = await context.newPage();
      await page.emulateMedia({ colorScheme });
      // Served from the site's own origin, so the page's stylesheet links resolve as on the issue page.
      await page.route(server.url + fixtureUrl, (route) => route.fulfill({ status: 200, contentType: "text/html", body: fixtureHtml }));
      await page.goto(server.url + fixtureUrl, { waitUntil: "load" });

      const colours = await page.evaluate(() => {
        const pre = document.querySelector("#code-fixture pre");
        const tokens = [...document.querySelectorAll("#code-fixture .token")];
        return {
          dark: matchMedia("(prefers-color-scheme: dark)").matches,
          tokens: tokens.length,
          text: pre ? getComputedStyle(pre).color : "",
          distinct: new Set(tokens.map((token) => getComputedStyle(token).color)).size,
        };
      });
      expect(colours.dark).toBe(colorScheme === "dark");
      expect(colours.tokens).toBeGreaterThan(100);
      // Highlighting shows: several colours besides the text's own (the stylesheet applied).
      expect(colours.distinct).toBeGreaterThanOrEqual(7);

      await page.addScriptTag({ content: axeSource });
      const results = await page.evaluate(async () => {
        const { axe } = window as unknown as { axe: { run: (context: object, options: object) => Promise<AxeResults> } };
        const run = await axe.run({ include: [["#code-fixture"]] }, { runOnly: { type: "rule", values: ["color-contrast"] } });
        const nodes = (list: AxeResults["violations"]) =>
          list.flatMap((result) => result.nodes.map((node) => `${node.target.join(" ")}: ${node.failureSummary ?? ""}`));
        return { violations: nodes(run.violations), incomplete: nodes(run.incomplete), passed: run.passes.flatMap((p) => p.nodes).length };
      });
      expect(results.violations).toEqual([]);
      expect(results.incomplete).toEqual([]);
      // axe checked the tokens themselves, not only the block around them.
      expect(results.passed).toBeGreaterThan(100);
    } finally {
      await context.close();
    }
  });
});
