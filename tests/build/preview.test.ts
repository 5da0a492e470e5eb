// `npm run preview` serves a built site as the host will: the real command (package.json's preview
// script) as a child process, on the real site the global setup built, over HTTP.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { afterAll, describe, expect, inject, test } from "vitest";
import { freePort } from "../../src/bench/dev-server.ts";
import { packageScript, scriptArguments } from "../../src/bench/package-scripts.ts";
import { headersForPath, readHeaderRules } from "../../src/check/host-headers.ts";
import { projectRoot, tempFolder } from "../support/run-build.ts";

const site = inject("realSite");
const rules = await readHeaderRules(site);
const tsxCli = path.join(projectRoot, "node_modules/tsx/dist/cli.mjs");
const previewArguments = () => [tsxCli, ...scriptArguments("preview test", "preview", "tsx", packageScript("preview"))];
const issuePath = "/issues/zeta-alpha-trends-march-2022/";

interface Preview {
  child: ChildProcess;
  /** The address it said to open. */
  url: string;
  output: () => string;
}

const started = new Set<ChildProcess>();
// tsx runs the script in a child of its own: a failed test stops the whole process group.
afterAll(() => {
  for (const child of started) if (child.pid) process.kill(-child.pid, "SIGKILL");
});

/** Starts `npm run preview` with `args` and waits for the address it prints. */
async function startPreview(args: string[], env: Record<string, string> = {}): Promise<Preview> {
  const child = spawn(process.execPath, [...previewArguments(), ...args], { cwd: projectRoot, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"], detached: true });
  started.add(child);
  let output = "";
  for (const stream of [child.stdout, child.stderr]) stream?.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`preview: no address within 30 s; it printed:\n${output}`)), 30_000);
    const look = () => {
      // Started once both lines are in: the address, then that it runs until Ctrl-C.
      const match = /at (http:\/\/\S+)\n[^\n]*\n/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout?.on("data", look);
    child.once("exit", (code) => reject(new Error(`preview exited with status ${code}; it printed:\n${output}`)));
  });
  return { child, url, output: () => output };
}

/** Stops the preview as Ctrl-C does; its exit code. */
async function stopPreview(preview: Preview): Promise<number | null> {
  const exited = new Promise<number | null>((resolve) => preview.child.once("exit", (code) => resolve(code)));
  preview.child.kill("SIGINT");
  const code = await exited;
  started.delete(preview.child);
  return code;
}

/** The response's headers that the site's _headers sets for `sitePath`, each with the value it sends. */
function hostHeadersOf(response: Response, sitePath: string): Record<string, string | null> {
  return Object.fromEntries(Object.keys(headersForPath(rules, sitePath)).map((name) => [name, response.headers.get(name)]));
}

describe("npm run preview", () => {
  test("serves the built site with its _headers per path, 404.html for a missing page, until Ctrl-C", async () => {
    const port = await freePort();
    const preview = await startPreview(["--dir", site, "--port", String(port)]);
    expect(preview.url).toBe(`http://127.0.0.1:${port}/`);
    expect(preview.output()).toContain("Ctrl-C");

    const home = await fetch(preview.url);
    expect(home.status).toBe(200);
    expect(await home.text()).toBe(readFileSync(path.join(site, "index.html"), "utf8"));
    expect(home.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(home.headers.get("content-security-policy")).toContain("default-src 'self'");
    expect(hostHeadersOf(home, "/")).toEqual(headersForPath(rules, "/"));

    const issue = await fetch(new URL(issuePath, preview.url));
    expect(issue.status).toBe(200);
    expect(await issue.text()).toContain("Hierarchical Perceiver");
    expect(hostHeadersOf(issue, issuePath)).toEqual(headersForPath(rules, issuePath));
    expect(issue.headers.get("cache-control")).toBe("public, max-age=0, must-revalidate");

    const missing = await fetch(new URL("/no-such-page/deeper/", preview.url));
    expect(missing.status).toBe(404);
    expect(await missing.text()).toBe(readFileSync(path.join(site, "404.html"), "utf8"));
    expect(missing.headers.get("x-frame-options")).toBe("DENY");
    expect(hostHeadersOf(missing, "/no-such-page/deeper/")).toEqual(headersForPath(rules, "/no-such-page/deeper/"));

    const feed = await fetch(new URL("/feed.xml", preview.url));
    expect(feed.headers.get("content-type")).toBe("application/atom+xml; charset=utf-8");
    const stylesheet = /href="(\/assets\/site\.[^"]+\.css)"/.exec(readFileSync(path.join(site, "index.html"), "utf8"))?.[1];
    expect(stylesheet).toBeDefined();
    const css = await fetch(new URL(stylesheet ?? "", preview.url));
    expect(css.headers.get("content-type")).toBe("text/css; charset=utf-8");
    expect(css.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");

    // The host reads _headers and, like Netlify and Cloudflare Pages, never serves it.
    const headersFile = await fetch(new URL("/_headers", preview.url));
    expect(headersFile.status).toBe(404);
    expect(await headersFile.text()).toBe(readFileSync(path.join(site, "404.html"), "utf8"));

    expect(await stopPreview(preview)).toBe(0);
  });

  test("serves a site built for PATH_PREFIX under that path only, matching its _headers' rules inside it", async () => {
    const preview = await startPreview(["--dir", site, "--port", String(await freePort())], { PATH_PREFIX: "/newsletter/" });
    expect(preview.url).toMatch(/\/newsletter\/$/);
    const home = await fetch(preview.url);
    expect(home.status).toBe(200);
    expect(await home.text()).toBe(readFileSync(path.join(site, "index.html"), "utf8"));
    const issue = await fetch(new URL(`newsletter${issuePath}`, new URL("/", preview.url)));
    expect(issue.status).toBe(200);
    expect(hostHeadersOf(issue, issuePath)).toEqual(headersForPath(rules, issuePath));
    const outside = await fetch(new URL(issuePath, preview.url).href.replace("/newsletter/", "/"));
    expect(outside.status).toBe(404);
    expect(await stopPreview(preview)).toBe(0);
  });

  test("without a built site, or on a port in use, says what to do and exits non-zero", async () => {
    const empty = tempFolder("preview-empty-");
    const noSite = spawnSync(process.execPath, [...previewArguments(), "--dir", empty], { cwd: projectRoot, encoding: "utf8" });
    expect(noSite.status).toBe(1);
    expect(noSite.stderr.trim()).toBe(`preview: ${empty}: no built site (no index.html); run npm run build first`);

    const taken = net.createServer();
    await new Promise<void>((resolve) => taken.listen(0, "127.0.0.1", resolve));
    const port = (taken.address() as net.AddressInfo).port;
    try {
      const busy = spawnSync(process.execPath, [...previewArguments(), "--dir", site], { cwd: projectRoot, encoding: "utf8", env: { ...process.env, PORT: String(port) } });
      expect(busy.status).toBe(1);
      expect(busy.stderr).toContain(`preview: port ${port} is in use`);
    } finally {
      await new Promise((resolve) => taken.close(resolve));
    }
  });
});
