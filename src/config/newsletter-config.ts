import { existsSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { IANAZone } from "luxon";
import { isMap, isScalar, isSeq, parseDocument, visit, type Document, type YAMLError } from "yaml";
import { z } from "zod";
import { lineFinder } from "../model/front-matter.ts";

/** A newsletter series: every issue belongs to exactly one. */
export interface SeriesConfig {
  id: string;
  title: string;
  description: string;
  /** The series feeds' title. @default the series' title */
  feedTitle?: string;
  /** The name of the series' list at the email provider (the email edition's `List-Id`). */
  emailList?: string;
}

/** The signup form shown on issue pages and `/subscribe/`; without it the site shows none. */
export interface SubscribeConfig {
  /** The provider's form action (its embed form's `action`), an https URL. */
  action: string;
  /** The name the provider expects for the address field. @default "email" */
  emailField: string;
  /** Fields the provider's embed form sends as `type="hidden"`, by name. */
  hiddenFields: Readonly<Record<string, string>>;
  /** A line of text above the form. */
  text: string;
  /** The button's label. @default "Subscribe" */
  button: string;
}

/** The email edition's sender and list headers (`npm run email`); without it there is no edition. */
export interface EmailConfig {
  /** The sender, `Name <address>` or an address. */
  from: string;
  /** Where replies go, when not to the sender. */
  replyTo?: string;
  /** The `List-Id` of issues whose series names no `email_list`, like `letters.example.org`. */
  listId: string;
  /** The `List-Unsubscribe` target: an https URL (placeholders such as `{{ unsubscribe_url }}` kept for the provider), a provider's placeholder, or a `mailto:`. */
  unsubscribe: string;
}

/** Everything a publisher sets, read from `newsletter.yml` (src/config/newsletter-config.ts). */
export interface NewsletterConfig {
  /** The file as messages name it, relative to the working folder. */
  file: string;
  site: {
    title: string;
    description: string;
    /** Where the site is served; `SITE_URL`, `URL` and `PATH_PREFIX` override it. */
    url: string;
    /** BCP 47 language tag, canonical (`en`, `pt-BR`). */
    language: string;
    /** IANA time zone that decides "today" for scheduled issues and the offset of publication times. */
    timeZone: string;
    publisher: {
      name: string;
      url?: string;
      /** Absolute path of the logo image; published as `/<logo file name>`. */
      logo?: string;
    };
    /** The publisher's profiles elsewhere, for `rel="me"` and JSON-LD `sameAs`. */
    social: readonly string[];
  };
  series: readonly SeriesConfig[];
  /** The series an issue without `series:` belongs to. */
  defaultSeries?: string;
  /** Issues per archive page. */
  pageSize: number;
  /** Issues in each feed, newest first. */
  feedSize: number;
  subscribe?: SubscribeConfig;
  email?: EmailConfig;
  feeds: {
    /** Formulas in the feeds as the email edition's PNG images rather than MathML, for RSS-to-email. @default false */
    emailSafeMaths: boolean;
  };
}

/** The configuration file a command reads: `--config FILE`, else `NEWSLETTER_CONFIG`, else `newsletter.yml`. */
export const configVariable = "NEWSLETTER_CONFIG";
export const defaultConfigFile = "newsletter.yml";

export function configPath(env: Record<string, string | undefined> = process.env): string {
  return env[configVariable]?.trim() || defaultConfigFile;
}

/** Thrown when the configuration is unreadable or invalid; its message lists every problem. */
export class NewsletterConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    const count = `${problems.length} problem${problems.length === 1 ? "" : "s"}`;
    super(`Invalid newsletter configuration (${count}); fix them to build the site:\n${problems.join("\n")}`);
    this.name = "NewsletterConfigError";
  }
}

const text = z.string().trim().min(1);
const httpUrl = z.url({ protocol: /^https?$/ });
const logoExtensions = [".png", ".jpg", ".jpeg", ".webp", ".svg", ".gif"];

const seriesSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/),
  title: text,
  description: text,
  feed_title: text.optional(),
  email_list: text.optional(),
});

// `Name <address>` or a bare address; the provider checks deliverability, this catches a typo's shape.
const mailbox = z.string().trim().regex(/^(?:[^<>@\n]*<[^\s<>@]+@[^\s<>@]+\.[^\s<>@]+>|[^\s<>@]+@[^\s<>@]+\.[^\s<>@]+)$/);
const unsubscribeTarget = z
  .string()
  .trim()
  .regex(/^(?:https:\/\/[^\s{]+(?:\{\{\{?\s*[\w.:]+\s*\}?\}\}[^\s{]*)*|mailto:[^\s@]+@\S+|\{\{\{?\s*[\w.:]+\s*\}?\}\}|\*\|[A-Z_]+\|\*)$/);

const configSchema = z.strictObject({
  site: z.strictObject({
    title: text,
    description: text,
    url: httpUrl,
    language: z.string().refine(isLanguageTag).default("en"),
    time_zone: z.string().refine((zone) => IANAZone.isValidZone(zone)).default("UTC"),
    publisher: z.strictObject({ name: text, url: httpUrl.optional(), logo: text.optional() }),
    social: z.array(z.url({ protocol: /^https$/ })).default([]),
  }),
  series: z.array(seriesSchema).min(1),
  default_series: z.string().optional(),
  page_size: z.number().int().min(1).max(100).default(10),
  feed_size: z.number().int().min(1).max(1000).default(20),
  subscribe: z
    .strictObject({
      action: z.url({ protocol: /^https$/ }),
      email_field: z.string().regex(/^[\w.[\]-]+$/).default("email"),
      hidden_fields: z.record(z.string().regex(/^[\w.[\]-]+$/), z.union([z.string(), z.number(), z.boolean()])).default({}),
      text: text.default("Get each new issue by email."),
      button: text.default("Subscribe"),
    })
    .optional(),
  email: z
    .strictObject({
      from: mailbox,
      reply_to: mailbox.optional(),
      list_id: z.string().regex(/^[a-z0-9-]+(?:\.[a-z0-9-]+)+$/i),
      unsubscribe: unsubscribeTarget,
    })
    .optional(),
  feeds: z.strictObject({ email_safe_maths: z.boolean().default(false) }).default({ email_safe_maths: false }),
});

/**
 * What each field should hold, in the words an error message uses, by its path with list indexes
 * written `[]` (and a mapping's names `{}`). A field missing here falls back to zod's own message.
 */
const expectations: Record<string, string> = {
  "": "a mapping with site, series and optionally default_series, page_size, feed_size, subscribe, email and feeds",
  site: "a mapping with title, description, url, publisher and optionally language, time_zone and social",
  "site.title": "the newsletter's name",
  "site.description": "a sentence describing the newsletter",
  "site.url": "the http(s) URL the site is served from, like https://example.org/",
  "site.language": 'a BCP 47 language tag like "en" or "pt-BR"',
  "site.time_zone": 'an IANA time zone like "Europe/Berlin" or "UTC"',
  "site.publisher": "a mapping with name and optionally url and logo",
  "site.publisher.name": "the publisher's name",
  "site.publisher.url": "the publisher's http(s) URL",
  "site.publisher.logo": `the path of an image file (${logoExtensions.join(", ")}), relative to the configuration file`,
  "site.social": "a list of https URLs of the publisher's profiles",
  "site.social[]": "an https URL of a profile, like https://mastodon.social/@name",
  series: "a list of at least one series, each with id, title and description",
  "series[]": "a mapping with id, title, description and optionally feed_title and email_list",
  "series[].id": "lowercase letters, digits and hyphens",
  "series[].title": "the series' name",
  "series[].description": "a sentence describing the series",
  "series[].feed_title": "the title of the series' feeds",
  "series[].email_list": "the name of the series' list at the email provider",
  default_series: "the id of one of the series",
  page_size: "a whole number of issues per archive page, from 1 to 100",
  feed_size: "a whole number of issues per feed, from 1 to 1000",
  subscribe: "a mapping with action and optionally email_field, hidden_fields, text and button",
  "subscribe.action": "the https URL the provider's signup form posts to",
  "subscribe.email_field": 'the name of the form\'s address field, like "email"',
  "subscribe.hidden_fields": "a mapping of field names to values",
  "subscribe.hidden_fields{}": 'a field name of letters, digits and "_", "-", ".", "[" or "]"',
  "subscribe.hidden_fields[]": "a text value",
  "subscribe.text": "a line of text shown above the form",
  "subscribe.button": "the button's label",
  email: "a mapping with from, list_id, unsubscribe and optionally reply_to",
  "email.from": 'the sender, like "Letters <letters@example.org>" or an address',
  "email.reply_to": 'where replies go, like "Editor <editor@example.org>" or an address',
  "email.list_id": 'the list\'s id, a domain-like name such as "letters.example.org"',
  "email.unsubscribe": 'an https URL, a provider\'s placeholder such as "{{ unsubscribe_url }}" or "*|UNSUB|*", or a mailto: address',
  feeds: "a mapping with email_safe_maths",
  "feeds.email_safe_maths": "true or false",
};

/** Fields each mapping may hold, for the message about an unknown one. */
const knownFields: Record<string, string[]> = {
  "": ["site", "series", "default_series", "page_size", "feed_size", "subscribe", "email", "feeds"],
  site: ["title", "description", "url", "language", "time_zone", "publisher", "social"],
  "site.publisher": ["name", "url", "logo"],
  "series[]": ["id", "title", "description", "feed_title", "email_list"],
  subscribe: ["action", "email_field", "hidden_fields", "text", "button"],
  email: ["from", "reply_to", "list_id", "unsubscribe"],
  feeds: ["email_safe_maths"],
};

const languageNames = new Intl.DisplayNames(["en"], { type: "language", fallback: "none" });

/** A well-formed tag whose language exists: `english` is well-formed BCP 47, but names no language. */
function isLanguageTag(tag: string): boolean {
  try {
    return Intl.getCanonicalLocales(tag).length === 1 && languageNames.of(new Intl.Locale(tag).language) !== undefined;
  } catch {
    return false;
  }
}

type PathKey = string | number;

/** `series[2].id` for messages; `series[].id` for the tables above. */
function formatPath(keys: readonly PathKey[], generic = false): string {
  let out = "";
  for (const key of keys) {
    if (typeof key === "number") out += generic ? "[]" : `[${key}]`;
    else if (generic && out.endsWith("hidden_fields")) out += "[]";
    else out += out ? `.${key}` : key;
  }
  return out;
}

function describe(value: unknown): string {
  if (value === undefined) return "nothing";
  if (value === null) return "an empty value";
  const shown = JSON.stringify(value) ?? String(value);
  return shown.length > 80 ? `${shown.slice(0, 77)}...` : shown;
}

function valueAt(data: unknown, keys: readonly PathKey[]): unknown {
  let current = data;
  for (const key of keys) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<PathKey, unknown>)[key];
  }
  return current;
}

/**
 * The line of the deepest of `keys` the document has: a field's name (its value may start lines
 * below), a list item's first line; for a missing field, its mapping's name.
 */
function lineOf(document: Document, keys: readonly PathKey[], lines: (offset: number) => number): number {
  for (let depth = keys.length; depth >= 1; depth--) {
    const parent: unknown = depth === 1 ? document.contents : document.getIn(keys.slice(0, depth - 1), true);
    const key = keys[depth - 1];
    let node: unknown;
    if (isMap(parent)) node = parent.items.find((pair) => String(isScalar(pair.key) ? pair.key.value : pair.key) === String(key))?.key;
    else if (isSeq(parent) && typeof key === "number") node = parent.items[key];
    const range = (node as { range?: [number, number, number] } | undefined)?.range;
    if (range) return lines(range[0]);
  }
  const range = (document.contents as { range?: [number, number, number] } | null)?.range;
  return range ? lines(range[0]) : 1;
}

/**
 * Where a YAML error is: yaml puts an unclosed quote's at the end of the file, where the quoted
 * text it swallowed ends, so it is moved to the line the quote opens.
 */
function errorOffset(document: Document, error: YAMLError): number {
  let offset = error.pos[0];
  if (error.code !== "MISSING_CHAR" || !error.message.startsWith("Missing closing")) return offset;
  visit(document, {
    Scalar(_key, node) {
      if ((node.type === "QUOTE_DOUBLE" || node.type === "QUOTE_SINGLE") && node.range?.[1] === error.pos[0]) offset = node.range[0];
    },
  });
  return offset;
}

/**
 * Reads and validates a newsletter configuration: every problem of the file in one message,
 * `newsletter.yml:7: series[2].id: expected lowercase letters, digits and hyphens, got "Lab Notes"`.
 */
export function parseNewsletterConfig(source: string, file: string, folder: string): NewsletterConfig {
  const found: { line: number; text: string }[] = [];
  const lines = lineFinder(source);
  const document = parseDocument(source, { prettyErrors: false, uniqueKeys: true });
  if (document.errors.length) {
    throw new NewsletterConfigError(
      document.errors.slice(0, 20).map((error) => `${file}:${lines(errorOffset(document, error))}: expected valid YAML, got ${error.message.split("\n")[0]}`),
    );
  }
  let data: unknown;
  try {
    data = document.toJS({ maxAliasCount: 100 });
  } catch (error) {
    throw new NewsletterConfigError([`${file}:1: expected valid YAML, got ${error instanceof Error ? error.message : String(error)}`]);
  }
  const problem = (keys: readonly PathKey[], expected: string, got: string, at: readonly PathKey[] = keys) => {
    const where = formatPath(keys) || "configuration";
    const line = lineOf(document, at, lines);
    found.push({ line, text: `${file}:${line}: ${where}: expected ${expected}, got ${got}` });
  };
  const result = configSchema.safeParse(data ?? {});
  // Checks across fields run whether or not the schema passed, so one run names every problem.
  const rawSeries = valueAt(data, ["series"]);
  const ids = Array.isArray(rawSeries) ? rawSeries.map((series) => valueAt(series, ["id"])) : [];
  // The ids a default may name: a malformed one has its own message.
  const validIds = [...new Set(ids.filter((id): id is string => seriesSchema.shape.id.safeParse(id).success))];
  ids.forEach((id, index) => {
    if (typeof id === "string" && ids.indexOf(id) !== index) {
      problem(["series", index, "id"], "an id no other series has", `${JSON.stringify(id)}, also the id of series[${ids.indexOf(id)}]`);
    }
  });
  const defaultSeries = valueAt(data, ["default_series"]);
  if (typeof defaultSeries === "string" && validIds.length && !ids.includes(defaultSeries)) {
    problem(["default_series"], `one of the series ids ${validIds.join(", ")}`, describe(defaultSeries));
  }
  const logoPath = valueAt(data, ["site", "publisher", "logo"]);
  let logo: string | undefined;
  if (typeof logoPath === "string" && logoPath.trim()) {
    logo = path.resolve(folder, logoPath);
    const keys = ["site", "publisher", "logo"];
    if (!logoExtensions.includes(path.extname(logo).toLowerCase())) {
      problem(keys, expectations["site.publisher.logo"] as string, describe(logoPath));
    } else if (!existsSync(logo) || !statSync(logo).isFile()) {
      problem(keys, expectations["site.publisher.logo"] as string, `${describe(logoPath)}, which is not a file (looked for ${path.relative(process.cwd(), logo)})`);
    }
  }
  if (!result.success) {
    const reported = new Set<string>();
    for (const issue of result.error.issues) {
      const keys = issue.path.filter((key): key is PathKey => typeof key !== "symbol");
      if (issue.code === "unrecognized_keys") {
        const fields = knownFields[formatPath(keys, true)] ?? [];
        for (const key of issue.keys) problem([...keys, key], `one of the fields ${fields.join(", ")}`, "an unknown field");
        continue;
      }
      if (issue.code === "invalid_key") {
        // zod's path ends at the key itself; the message names the mapping, shows the key and gives its line.
        problem(keys.slice(0, -1), expectations[`${formatPath(keys.slice(0, -1), true)}{}`] ?? issue.message, describe(keys.at(-1)), keys);
        continue;
      }
      const where = formatPath(keys);
      if (reported.has(where)) continue;
      reported.add(where);
      problem(keys, expectations[formatPath(keys, true)] ?? issue.message, describe(valueAt(data, keys)));
    }
  }
  if (!result.success || found.length) {
    // In file order, as an editor goes through them.
    throw new NewsletterConfigError(found.sort((a, b) => a.line - b.line).map((problem) => problem.text));
  }
  const raw = result.data;
  const subscribe = raw.subscribe;
  const email = raw.email;
  return {
    file,
    site: {
      title: raw.site.title,
      description: raw.site.description,
      url: raw.site.url,
      language: Intl.getCanonicalLocales(raw.site.language)[0] as string,
      timeZone: raw.site.time_zone,
      publisher: { name: raw.site.publisher.name, ...(raw.site.publisher.url ? { url: raw.site.publisher.url } : {}), ...(logo ? { logo } : {}) },
      social: raw.site.social,
    },
    series: raw.series.map((series) => ({
      id: series.id,
      title: series.title,
      description: series.description,
      ...(series.feed_title ? { feedTitle: series.feed_title } : {}),
      ...(series.email_list ? { emailList: series.email_list } : {}),
    })),
    ...(raw.default_series ? { defaultSeries: raw.default_series } : raw.series.length === 1 ? { defaultSeries: raw.series[0]?.id as string } : {}),
    pageSize: raw.page_size,
    feedSize: raw.feed_size,
    ...(subscribe
      ? {
          subscribe: {
            action: subscribe.action,
            emailField: subscribe.email_field,
            hiddenFields: Object.fromEntries(Object.entries(subscribe.hidden_fields).map(([name, value]) => [name, String(value)])),
            text: subscribe.text,
            button: subscribe.button,
          },
        }
      : {}),
    ...(email
      ? { email: { from: email.from, ...(email.reply_to ? { replyTo: email.reply_to } : {}), listId: email.list_id, unsubscribe: email.unsubscribe } }
      : {}),
    feeds: { emailSafeMaths: raw.feeds.email_safe_maths },
  };
}

const loaded = new Map<string, { mtimeMs: number; config: NewsletterConfig }>();

/**
 * The configuration of this run, read once per file (again if it changed, for `npm start`).
 * Throws a `NewsletterConfigError` naming the file and every problem.
 */
export function newsletterConfig(env: Record<string, string | undefined> = process.env): NewsletterConfig {
  const file = configPath(env);
  const absolute = path.resolve(file);
  let mtimeMs: number;
  try {
    mtimeMs = statSync(absolute).mtimeMs;
  } catch {
    throw new NewsletterConfigError([
      `${file}: expected the newsletter's configuration file (pass another with --config FILE or NEWSLETTER_CONFIG), got no such file`,
    ]);
  }
  const cached = loaded.get(absolute);
  if (cached && cached.mtimeMs === mtimeMs) return cached.config;
  const shown = path.relative(process.cwd(), absolute) || file;
  const config = parseNewsletterConfig(readFileSync(absolute, "utf8"), shown.startsWith("..") ? absolute : shown, path.dirname(absolute));
  loaded.set(absolute, { mtimeMs, config });
  return config;
}
