// `serveStatic`'s compression, which `npm run lighthouse` turns on: the bytes after decoding are the
// file's, and a client that accepts no encoding, or a file already compressed, gets them as they are.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { get } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { chooseEncoding, serveStatic, type StaticServer } from "../../src/preview/static-server.ts";

describe("chooseEncoding", () => {
  test.each([
    { header: "gzip, deflate, br", expected: "br" },
    { header: "gzip", expected: "gzip" },
    { header: "GZIP;q=0.5", expected: "gzip" },
    { header: "br;q=0, gzip", expected: "gzip" },
    { header: "*", expected: "gzip" },
    { header: "identity", expected: undefined },
    { header: "gzip;q=0", expected: undefined },
    { header: "", expected: undefined },
    { header: undefined, expected: undefined },
  ])("$header", ({ header, expected }) => {
    expect(chooseEncoding(header)).toBe(expected);
  });
});

describe("serveStatic with compress", () => {
  const page = `<!doctype html><title>t</title>${"<p>A paragraph that repeats. </p>".repeat(500)}`;
  const image = Buffer.from(Array.from({ length: 4096 }, (_, index) => (index * 7919) % 256));
  let root: string;
  let compressed: StaticServer;
  let plain: StaticServer;

  beforeAll(async () => {
    root = mkdtempSync(path.join(tmpdir(), "static-compression-"));
    writeFileSync(path.join(root, "index.html"), page);
    writeFileSync(path.join(root, "picture.png"), image);
    compressed = await serveStatic(root, { compress: true });
    plain = await serveStatic(root);
  });
  afterAll(async () => {
    await Promise.all([compressed.close(), plain.close()]);
    rmSync(root, { recursive: true, force: true });
  });

  /** The raw response: undecoded body and headers, as a browser receives them. */
  const raw = (url: string, acceptEncoding: string) =>
    new Promise<{ headers: Record<string, string | string[] | undefined>; body: Buffer }>((resolve, reject) => {
      get(url, { headers: { "accept-encoding": acceptEncoding } }, (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk)).on("end", () => resolve({ headers: response.headers, body: Buffer.concat(chunks) }));
      }).on("error", reject);
    });

  test("a page goes out as brotli or gzip, as asked, smaller, and decodes to the file", async () => {
    const brotli = await raw(`${compressed.url}/`, "gzip, br");
    expect(brotli.headers["content-encoding"]).toBe("br");
    expect(brotli.headers["vary"]).toBe("Accept-Encoding");
    expect(brotli.body.length).toBeLessThan(page.length / 10);
    expect(brotliDecompressSync(brotli.body).toString("utf8")).toBe(page);

    const gzip = await raw(`${compressed.url}/`, "gzip");
    expect(gzip.headers["content-encoding"]).toBe("gzip");
    expect(gunzipSync(gzip.body).toString("utf8")).toBe(page);
  });

  test("a client that accepts no encoding, an image, and a server without the option get the file's own bytes", async () => {
    const identity = await raw(`${compressed.url}/`, "identity");
    expect(identity.headers["content-encoding"]).toBeUndefined();
    expect(identity.body.toString("utf8")).toBe(page);

    const picture = await raw(`${compressed.url}/picture.png`, "br, gzip");
    expect(picture.headers["content-encoding"]).toBeUndefined();
    expect(picture.body.equals(image)).toBe(true);

    const uncompressed = await raw(`${plain.url}/`, "br, gzip");
    expect(uncompressed.headers["content-encoding"]).toBeUndefined();
    expect(uncompressed.headers["content-length"]).toBe(String(Buffer.byteLength(page)));
    expect(uncompressed.body.toString("utf8")).toBe(page);
  });
});
