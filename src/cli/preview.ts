// `npm run preview [-- --dir DIR --port N --host H]`: serves the built site (default `_site`) as the
// host will, without rebuilding: the site's _headers per path, 404.html with status 404, folders
// by their index.html, under PATH_PREFIX when the site was built with one. Runs until Ctrl-C.
import { existsSync } from "node:fs";
import path from "node:path";
import { serveAsHost } from "../preview/serve-site.ts";
import { takeConfigFlag } from "./config-flag.ts";
import { errorMessage } from "./error-message.ts";
import { parsePreviewArgs } from "./preview-args.ts";

async function main(): Promise<void> {
  const options = parsePreviewArgs(takeConfigFlag(process.argv.slice(2)), process.env);
  if (!existsSync(path.join(options.dir, "index.html"))) {
    throw new Error(`preview: ${options.dir}: no built site (no index.html); run npm run build first`);
  }
  const { server, pathPrefix } = await serveAsHost(options.dir, { port: options.port, host: options.host }).catch((error: unknown) => {
    if ((error as NodeJS.ErrnoException).code === "EADDRINUSE") {
      throw new Error(`preview: port ${options.port} is in use; pass another with --port N (npm run preview -- --port 8081) or PORT`);
    }
    throw error;
  });
  // One write, so whoever reads the first line has the second too.
  console.log(`Serving ${options.dir.replace(/\/+$/, "")}/ with its _headers at ${server.url}${pathPrefix}\nOpen that address in a browser; this command runs until you press Ctrl-C.`);
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      void server.close().then(() => console.log("Preview stopped."));
    });
  }
}

main().catch((error: unknown) => {
  console.error(errorMessage(error));
  process.exitCode = 1;
});
