// The arguments of `npm run send`, and the SMTP address they or SMTP_URL give, kept apart from the
// password it holds: nothing this command prints shows it.

/** Options of `npm run send`. */
export interface SendOptions {
  slug: string;
  /** `--to LIST.csv`: the subscriber list (required unless `--test`). */
  list?: string;
  /** `--smtp URL`, else `SMTP_URL`. */
  smtp?: string;
  /** Messages per second.
   *  @default 10 */
  rate: number;
  /** `--test ADDRESS`: one copy to that address only, no journal. */
  test?: string;
  /** `--yes`: send; without it, a dry run. */
  yes: boolean;
  /** `--retry-failed`: send again to the addresses the server refused before. */
  retryFailed: boolean;
  /** Folder of the edition, where `npm run email` wrote `SLUG.eml`.
   *  @default "_email" */
  edition: string;
}

export const sendUsage =
  "usage: npm run send -- SLUG --to LIST.csv [--smtp URL] [--rate N/s] [--test ADDRESS] [--yes] [--retry-failed] [--edition DIR] [--config FILE]";

export const defaultRate = 10;

/** Mistakes in the arguments, all of them in one message. */
export class SendUsageError extends Error {
  override name = "SendUsageError";
}

const valueFlags = ["--to", "--smtp", "--rate", "--test", "--edition"] as const;
type ValueFlag = (typeof valueFlags)[number];
const expected: Record<ValueFlag, string> = {
  "--to": "the subscriber list, a CSV file",
  "--smtp": "an SMTP URL like smtp://user:password@smtp.example.org:587",
  "--rate": "a rate like 10/s, 600/min or 3600/h",
  "--test": "an email address",
  "--edition": "the folder npm run email wrote the edition into",
};

/** Parses the arguments (`--config` is taken out before, by takeConfigFlag); every problem is reported at once. */
export function parseSendArgs(argv: readonly string[], env: Record<string, string | undefined> = process.env): SendOptions {
  const problems: string[] = [];
  const positional: string[] = [];
  const values: Partial<Record<ValueFlag, string>> = {};
  let yes = false;
  let retryFailed = false;
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index] ?? "";
    if (arg === "--yes") yes = true;
    else if (arg === "--retry-failed") retryFailed = true;
    else if (!arg.startsWith("--")) positional.push(arg);
    else {
      const [flag, inline] = arg.split(/=(.*)/s, 2) as [string, string | undefined];
      if (!(valueFlags as readonly string[]).includes(flag)) {
        // An --smtp=URL typo must not echo the URL, password and all.
        problems.push(`send: expected one of ${valueFlags.join(", ")}, --yes, --retry-failed or the edition's slug, got ${JSON.stringify(flag)}`);
        continue;
      }
      const value = inline ?? argv[++index];
      if (!value || value.startsWith("--")) {
        problems.push(`send: ${flag}: expected ${expected[flag as ValueFlag]}, got nothing`);
        if (value?.startsWith("--")) index--;
        continue;
      }
      values[flag as ValueFlag] = value;
    }
  }
  if (positional.length !== 1) {
    const got = positional.length === 0 ? "nothing" : `${positional.length} (${positional.map((value) => JSON.stringify(value)).join(" ")})`;
    problems.push(`send: expected the edition's slug (the issue's, like 2024-05-01-hello), got ${got}`);
  } else if (!/^[\w.-]+$/.test(positional[0] ?? "") || positional[0]?.startsWith(".")) {
    problems.push(`send: slug: expected the issue's slug, letters, digits and hyphens, got ${JSON.stringify(positional[0])}`);
  }
  if (!values["--to"] && !values["--test"]) problems.push("send: --to: expected the subscriber list, a CSV file (or --test ADDRESS for one copy), got nothing");
  if (values["--test"] && values["--to"] && yes) problems.push("send: --test: expected either --test ADDRESS (one copy) or --to LIST --yes (the list), got both");
  let rate = defaultRate;
  if (values["--rate"] !== undefined) {
    const parsed = parseRate(values["--rate"]);
    if (parsed === undefined) problems.push(`send: --rate: expected ${expected["--rate"]}, got ${JSON.stringify(values["--rate"])}`);
    else rate = parsed;
  }
  if (problems.length) throw new SendUsageError(`${problems.join("\n")}\n${sendUsage}`);
  const smtp = values["--smtp"] ?? env.SMTP_URL?.trim();
  return {
    slug: positional[0] ?? "",
    ...(values["--to"] ? { list: values["--to"] } : {}),
    ...(smtp ? { smtp } : {}),
    rate,
    ...(values["--test"] ? { test: values["--test"] } : {}),
    yes,
    retryFailed,
    edition: values["--edition"] ?? "_email",
  };
}

/** `10/s`, `600/min`, `3600/h` (or a bare number, per second) as messages per second. */
export function parseRate(text: string): number | undefined {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(?:\/\s*(s|sec|second|m|min|minute|h|hour))?\s*$/i.exec(text);
  if (!match) return undefined;
  const count = Number(match[1]);
  const unit = (match[2] ?? "s").toLowerCase();
  const seconds = unit.startsWith("h") ? 3600 : unit.startsWith("m") ? 60 : 1;
  const rate = count / seconds;
  return rate > 0 && Number.isFinite(rate) ? rate : undefined;
}

/** An SMTP server to send through, with what may be shown of it and what must never be. */
export interface SmtpServer {
  url: string;
  /** `smtp://user:***@host:port`. */
  shown: string;
  /** The password as written in the URL and decoded: each is hidden in everything printed. */
  secrets: string[];
}

export function parseSmtpUrl(text: string): SmtpServer {
  const secrets = passwordForms(text);
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    // URL's own error carries the input; this one does not.
    throw new SendUsageError(`send: SMTP URL (--smtp or SMTP_URL): expected a URL like smtp://user:password@smtp.example.org:587, got text that is not a URL${text.includes("@") ? " (a password with / ? # or @ in it must be percent-encoded)" : ""}`);
  }
  const shownUrl = new URL(url.href);
  if (shownUrl.password) shownUrl.password = "***";
  const shown = hideSecrets(shownUrl.href.replace(/\/$/, ""), secrets);
  if (url.protocol !== "smtp:" && url.protocol !== "smtps:") {
    // The scheme only: in "user:password@host" the "password@host" is no URL's path to show.
    throw new SendUsageError(`send: SMTP URL (--smtp or SMTP_URL): expected a URL like smtp://user:password@smtp.example.org:587 (or smtps://), got one starting ${JSON.stringify(url.protocol)}`);
  }
  if (!url.hostname) throw new SendUsageError(`send: SMTP URL (--smtp or SMTP_URL): expected a host name, got none in ${shown}`);
  return { url: url.href, shown, secrets };
}

/** The password between `:` and `@` of the authority, raw and percent-decoded. */
function passwordForms(text: string): string[] {
  const authority = /^[a-z][a-z0-9+.-]*:\/\/([^/?#]*)@/i.exec(text)?.[1] ?? "";
  const colon = authority.indexOf(":");
  if (colon === -1) return [];
  const raw = authority.slice(colon + 1);
  let decoded = raw;
  try {
    decoded = decodeURIComponent(raw);
  } catch {
    // A malformed escape: the raw form is what could be printed.
  }
  return [...new Set([raw, decoded, encodeURIComponent(decoded)])].filter((secret) => secret.length > 0);
}

/** `text` with every form of the password replaced by `***`. */
export function hideSecrets(text: string, secrets: readonly string[]): string {
  let hidden = text;
  for (const secret of [...secrets].sort((a, b) => b.length - a.length)) hidden = hidden.split(secret).join("***");
  return hidden;
}
