import { describe, expect, test } from "vitest";
import { parsePreviewArgs } from "../../src/cli/preview-args.ts";

describe("npm run preview's options", () => {
  test.each([
    [[], {}, { dir: "_site", port: 8081, host: "127.0.0.1" }],
    [[], { PORT: "3000" }, { dir: "_site", port: 3000, host: "127.0.0.1" }],
    [["--port", "9000"], { PORT: "3000" }, { dir: "_site", port: 9000, host: "127.0.0.1" }],
    [["--port=9001", "--dir=/tmp/site"], {}, { dir: "/tmp/site", port: 9001, host: "127.0.0.1" }],
    [["--dir", "out", "--host", "0.0.0.0"], { PORT: "" }, { dir: "out", port: 8081, host: "0.0.0.0" }],
  ])("%j with %j", (argv, env, options) => {
    expect(parsePreviewArgs(argv, env)).toEqual(options);
  });

  test.each([
    [["--port", "http"], {}, 'preview: --port: expected a port from 1 to 65535, got "http"'],
    [["--port", "70000"], {}, 'preview: --port: expected a port from 1 to 65535, got "70000"'],
    [["--port", "0"], {}, 'preview: --port: expected a port from 1 to 65535, got "0"'],
    [[], { PORT: "8o8o" }, 'preview: PORT: expected a port from 1 to 65535, got "8o8o"'],
    [["--port"], {}, "preview: --port: expected a value, got nothing"],
    [["--dir", "--port", "1"], {}, "preview: --dir: expected a value, got nothing"],
    [["--site", "x"], {}, 'preview: expected --dir DIR, --port N or --host H, got "--site"'],
    [["_site"], {}, 'preview: expected --dir DIR, --port N or --host H, got "_site"'],
  ])("%j with %j is refused: %s", (argv, env, message) => {
    expect(() => parsePreviewArgs(argv, env)).toThrow(message);
  });
});
