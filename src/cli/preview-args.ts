/** Options of `npm run preview`. */
export interface PreviewOptions {
  /** The built site to serve.
   *  @default "_site" */
  dir: string;
  /** `--port N`, else PORT.
   *  @default 8081 (npm start's server has 8080) */
  port: number;
  /** `--host H`; 127.0.0.1 keeps the preview off the network.
   *  @default "127.0.0.1" */
  host: string;
}

const flags = ["--dir", "--port", "--host"] as const;

/** Parses `--dir DIR --port N --host H` (also `--port=N`), with PORT as the port's default; anything else is an error. */
export function parsePreviewArgs(argv: readonly string[], env: Record<string, string | undefined> = {}): PreviewOptions {
  const given: Partial<Record<(typeof flags)[number], string>> = {};
  for (let index = 0; index < argv.length; index++) {
    const [flag, inline] = (argv[index] ?? "").split(/=(.*)/s, 2) as [string, string | undefined];
    if (!flags.includes(flag as (typeof flags)[number])) {
      throw new Error(`preview: expected --dir DIR, --port N or --host H, got ${JSON.stringify(argv[index])}`);
    }
    const value = inline ?? argv[++index];
    if (!value || value.startsWith("--")) throw new Error(`preview: ${flag}: expected a value, got nothing`);
    given[flag as (typeof flags)[number]] = value;
  }
  const port = given["--port"] ?? env.PORT;
  return {
    dir: given["--dir"] ?? "_site",
    port: port === undefined || port === "" ? 8081 : portNumber(port, given["--port"] === undefined ? "PORT" : "--port"),
    host: given["--host"] ?? "127.0.0.1",
  };
}

function portNumber(text: string, field: string): number {
  const port = /^\d{1,5}$/.test(text) ? Number(text) : Number.NaN;
  if (!(port >= 1 && port <= 65535)) throw new Error(`preview: ${field}: expected a port from 1 to 65535, got ${JSON.stringify(text)}`);
  return port;
}
