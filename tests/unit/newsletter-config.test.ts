import { mkdirSync, mkdtempSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, test } from "vitest";
import { configVariable, newsletterConfig, NewsletterConfigError, parseNewsletterConfig } from "../../src/config/newsletter-config.ts";
import { validateIssueSources } from "../../src/model/validate-issues.ts";

// A folder holding the configuration's logo, an image-named folder and a file that is no image.
const folder = mkdtempSync(path.join(tmpdir(), "newsletter-config-"));
writeFileSync(path.join(folder, "logo.svg"), '<svg xmlns="http://www.w3.org/2000/svg"/>\n');
writeFileSync(path.join(folder, "logo.txt"), "not an image\n");
mkdirSync(path.join(folder, "folder.png"));

/** A complete, valid configuration; each case replaces lines by number, so the others keep theirs. */
const validLines = [
  /*  1 */ "site:",
  /*  2 */ "  title: Notes de labo",
  /*  3 */ "  description: Le carnet d'un laboratoire.",
  /*  4 */ "  url: https://labo.example.org/",
  /*  5 */ "  language: fr",
  /*  6 */ "  time_zone: Europe/Paris",
  /*  7 */ "  publisher:",
  /*  8 */ "    name: Le Labo",
  /*  9 */ "    url: https://labo.example.org/about/",
  /* 10 */ "    logo: logo.svg",
  /* 11 */ "  social:",
  /* 12 */ "    - https://mastodon.social/@labo",
  /* 13 */ "series:",
  /* 14 */ "  - id: notes",
  /* 15 */ "    title: Notes",
  /* 16 */ "    description: Les notes de la semaine.",
  /* 17 */ "    feed_title: Notes (flux)",
  /* 18 */ "    email_list: notes",
  /* 19 */ "  - id: liens",
  /* 20 */ "    title: Liens",
  /* 21 */ "    description: Des liens commentés.",
  /* 22 */ "default_series: notes",
  /* 23 */ "page_size: 12",
  /* 24 */ "feed_size: 30",
  /* 25 */ "subscribe:",
  /* 26 */ "  action: https://buttondown.com/api/emails/embed-subscribe/labo",
  /* 27 */ "  email_field: email",
  /* 28 */ "  hidden_fields:",
  /* 29 */ "    embed: 1",
  /* 30 */ "  text: Recevez chaque numéro par courriel.",
  /* 31 */ "  button: S'abonner",
  /* 32 */ "email:",
  /* 33 */ '  from: "Le Labo <lettre@labo.example.org>"',
  /* 34 */ "  reply_to: redaction@labo.example.org",
  /* 35 */ "  list_id: lettre.labo.example.org",
  /* 36 */ '  unsubscribe: "{{ unsubscribe_url }}"',
  /* 37 */ "feeds:",
  /* 38 */ "  email_safe_maths: true",
];

/** The valid file with lines replaced: `{ 5: "  language: english" }`; `null` comments a line out. */
function configText(replacements: Record<number, string | null> = {}): string {
  return `${validLines.map((line, index) => (index + 1 in replacements ? replacements[index + 1] ?? "# (left out)" : line)).join("\n")}\n`;
}

function problemsOf(source: string): readonly string[] {
  try {
    parseNewsletterConfig(source, "newsletter.yml", folder);
  } catch (error) {
    if (error instanceof NewsletterConfigError) return error.problems;
    throw error;
  }
  throw new Error("expected a NewsletterConfigError, but the configuration was accepted");
}

const logoExpectation = "the path of an image file (.png, .jpg, .jpeg, .webp, .svg, .gif), relative to the configuration file";

describe("parseNewsletterConfig: a valid file", () => {
  test("every field is read, in the names the site uses", () => {
    expect(parseNewsletterConfig(configText(), "newsletter.yml", folder)).toEqual({
      file: "newsletter.yml",
      site: {
        title: "Notes de labo",
        description: "Le carnet d'un laboratoire.",
        url: "https://labo.example.org/",
        language: "fr",
        timeZone: "Europe/Paris",
        publisher: { name: "Le Labo", url: "https://labo.example.org/about/", logo: path.join(folder, "logo.svg") },
        social: ["https://mastodon.social/@labo"],
      },
      series: [
        { id: "notes", title: "Notes", description: "Les notes de la semaine.", feedTitle: "Notes (flux)", emailList: "notes" },
        { id: "liens", title: "Liens", description: "Des liens commentés." },
      ],
      defaultSeries: "notes",
      pageSize: 12,
      feedSize: 30,
      subscribe: {
        action: "https://buttondown.com/api/emails/embed-subscribe/labo",
        emailField: "email",
        hiddenFields: { embed: "1" },
        text: "Recevez chaque numéro par courriel.",
        button: "S'abonner",
      },
      email: {
        from: "Le Labo <lettre@labo.example.org>",
        replyTo: "redaction@labo.example.org",
        listId: "lettre.labo.example.org",
        unsubscribe: "{{ unsubscribe_url }}",
      },
      feeds: { emailSafeMaths: true },
    });
  });

  test("without email there is no edition, and feeds keep MathML unless email_safe_maths is set", () => {
    const config = parseNewsletterConfig(configText({ 32: null, 33: null, 34: null, 35: null, 36: null, 37: null, 38: null }), "newsletter.yml", folder);
    expect(config).not.toHaveProperty("email");
    expect(config.feeds).toEqual({ emailSafeMaths: false });
    expect(parseNewsletterConfig(configText({ 34: null }), "newsletter.yml", folder).email).not.toHaveProperty("replyTo");
  });

  test.each([
    ["an https URL with a placeholder", "https://labo.example.org/unsubscribe?id={{ subscriber.id }}"],
    ["Mailchimp's merge tag", "*|UNSUB|*"],
    ["a triple-brace placeholder", "{{{ unsubscribe }}}"],
    ["Postmark's placeholder", "{{{ pm:unsubscribe }}}"],
    ["Resend's placeholder", "{{{RESEND_UNSUBSCRIBE_URL}}}"],
    ["a mailto", "mailto:unsubscribe@labo.example.org"],
  ])("unsubscribe may be %s", (_name, value) => {
    expect(parseNewsletterConfig(configText({ 36: `  unsubscribe: ${JSON.stringify(value)}` }), "newsletter.yml", folder).email?.unsubscribe).toBe(value);
  });

  test("every email field's problem in one run, each at its line", () => {
    expect(
      problemsOf(configText({ 33: "  from: Le Labo", 34: "  reply_to: 12", 35: "  list_id: lettre", 36: "  unsubscribe: http://labo.example.org/u", 38: "  email_safe_maths: yes" })),
    ).toEqual([
      'newsletter.yml:33: email.from: expected the sender, like "Letters <letters@example.org>" or an address, got "Le Labo"',
      'newsletter.yml:34: email.reply_to: expected where replies go, like "Editor <editor@example.org>" or an address, got 12',
      'newsletter.yml:35: email.list_id: expected the list\'s id, a domain-like name such as "letters.example.org", got "lettre"',
      'newsletter.yml:36: email.unsubscribe: expected an https URL, a provider\'s placeholder such as "{{ unsubscribe_url }}" or "*|UNSUB|*", or a mailto: address, got "http://labo.example.org/u"',
      'newsletter.yml:38: feeds.email_safe_maths: expected true or false, got "yes"',
    ]);
    expect(problemsOf(configText({ 33: null, 37: "feeds:\n  maths: png" }))).toEqual([
      'newsletter.yml:32: email.from: expected the sender, like "Letters <letters@example.org>" or an address, got nothing',
      "newsletter.yml:38: feeds.maths: expected one of the fields email_safe_maths, got an unknown field",
    ]);
  });

  test("optional fields left out take their defaults; without subscribe there is no form, without default_series no default", () => {
    const optional = [5, 6, 9, 10, 11, 12, 17, 18, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31];
    const config = parseNewsletterConfig(configText(Object.fromEntries(optional.map((line) => [line, null]))), "newsletter.yml", folder);
    expect(config.site).toMatchObject({ language: "en", timeZone: "UTC", publisher: { name: "Le Labo" }, social: [] });
    expect(config.site.publisher).toEqual({ name: "Le Labo" });
    expect(config.series[0]).toEqual({ id: "notes", title: "Notes", description: "Les notes de la semaine." });
    expect(config).toMatchObject({ pageSize: 10, feedSize: 20 });
    expect(config).not.toHaveProperty("defaultSeries");
    expect(config).not.toHaveProperty("subscribe");
  });

  test("subscribe with only its action: the address field is `email`, the text and button the English defaults", () => {
    const config = parseNewsletterConfig(configText({ 27: null, 28: null, 29: null, 30: null, 31: null }), "newsletter.yml", folder);
    expect(config.subscribe).toEqual({
      action: "https://buttondown.com/api/emails/embed-subscribe/labo",
      emailField: "email",
      hiddenFields: {},
      text: "Get each new issue by email.",
      button: "Subscribe",
    });
  });

  test("hidden fields' numbers and booleans are sent as the text the provider's form has", () => {
    const config = parseNewsletterConfig(configText({ 29: "    embed: 1\n    double_optin: true\n    tag: lecteurs" }), "newsletter.yml", folder);
    expect(config.subscribe?.hiddenFields).toEqual({ embed: "1", double_optin: "true", tag: "lecteurs" });
  });

  test.each([
    ["pt-br", "pt-BR"],
    ["zh-hant-tw", "zh-Hant-TW"],
    ["DE", "de"],
  ])("the language %j is written canonically, %j", (raw, canonical) => {
    expect(parseNewsletterConfig(configText({ 5: `  language: ${raw}` }), "newsletter.yml", folder).site.language).toBe(canonical);
  });

  test("a newsletter of one series makes it the default, so its issues may leave series out", () => {
    const config = parseNewsletterConfig(configText({ 19: null, 20: null, 21: null, 22: null }), "newsletter.yml", folder);
    expect(config.series.map((series) => series.id)).toEqual(["notes"]);
    expect(config.defaultSeries).toBe("notes");
  });

  test("Windows line endings and a byte order mark change no line number", () => {
    const text = `\uFEFF${configText({ 19: '  - id: "Lab Notes"' })}`.replace(/\n/g, "\r\n");
    expect(problemsOf(text)).toEqual(['newsletter.yml:19: series[1].id: expected lowercase letters, digits and hyphens, got "Lab Notes"']);
  });
});

describe("parseNewsletterConfig: each field's errors, with its line", () => {
  const siteFields = "title, description, url, language, time_zone, publisher, social";
  test.each<[string, Record<number, string | null>, string[]]>([
    // site
    ["site not a mapping", Object.fromEntries([[1, "site: Notes de labo"], ...[2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map((line) => [line, null])]), [
      'newsletter.yml:1: site: expected a mapping with title, description, url, publisher and optionally language, time_zone and social, got "Notes de labo"',
    ]],
    ["site missing", Object.fromEntries([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map((line) => [line, null])), [
      "newsletter.yml:13: site: expected a mapping with title, description, url, publisher and optionally language, time_zone and social, got nothing",
    ]],
    ["unknown field in site", { 12: "    - https://mastodon.social/@labo\n  theme:\n    colour: red" }, [
      `newsletter.yml:13: site.theme: expected one of the fields ${siteFields}, got an unknown field`,
    ]],
    // site.title, site.description
    ["title missing", { 2: null }, ["newsletter.yml:1: site.title: expected the newsletter's name, got nothing"]],
    ["title a number", { 2: "  title: 42" }, ["newsletter.yml:2: site.title: expected the newsletter's name, got 42"]],
    ["title blank", { 2: '  title: "   "' }, ['newsletter.yml:2: site.title: expected the newsletter\'s name, got "   "']],
    ["title empty", { 2: "  title:" }, ["newsletter.yml:2: site.title: expected the newsletter's name, got an empty value"]],
    ["description missing", { 3: null }, ["newsletter.yml:1: site.description: expected a sentence describing the newsletter, got nothing"]],
    ["description a list", { 3: "  description: [a, b]" }, ['newsletter.yml:3: site.description: expected a sentence describing the newsletter, got ["a","b"]']],
    // site.url
    ["url missing", { 4: null }, ["newsletter.yml:1: site.url: expected the http(s) URL the site is served from, like https://example.org/, got nothing"]],
    ["url not http(s)", { 4: "  url: ftp://labo.example.org/" }, ['newsletter.yml:4: site.url: expected the http(s) URL the site is served from, like https://example.org/, got "ftp://labo.example.org/"']],
    ["url without a scheme", { 4: "  url: labo.example.org" }, ['newsletter.yml:4: site.url: expected the http(s) URL the site is served from, like https://example.org/, got "labo.example.org"']],
    ["url with a space", { 4: '  url: "https://labo example.org/"' }, ['newsletter.yml:4: site.url: expected the http(s) URL the site is served from, like https://example.org/, got "https://labo example.org/"']],
    // site.language
    ["language with an underscore", { 5: "  language: fr_FR" }, ['newsletter.yml:5: site.language: expected a BCP 47 language tag like "en" or "pt-BR", got "fr_FR"']],
    ["language a word, not a tag", { 5: "  language: english" }, ['newsletter.yml:5: site.language: expected a BCP 47 language tag like "en" or "pt-BR", got "english"']],
    ["language no language has", { 5: "  language: xx" }, ['newsletter.yml:5: site.language: expected a BCP 47 language tag like "en" or "pt-BR", got "xx"']],
    ["language empty", { 5: '  language: ""' }, ['newsletter.yml:5: site.language: expected a BCP 47 language tag like "en" or "pt-BR", got ""']],
    ["language a number", { 5: "  language: 7" }, ['newsletter.yml:5: site.language: expected a BCP 47 language tag like "en" or "pt-BR", got 7']],
    // site.time_zone
    ["time zone unknown", { 6: "  time_zone: Europe/Atlantis" }, ['newsletter.yml:6: site.time_zone: expected an IANA time zone like "Europe/Berlin" or "UTC", got "Europe/Atlantis"']],
    ["time zone an offset", { 6: '  time_zone: "+02:00"' }, ['newsletter.yml:6: site.time_zone: expected an IANA time zone like "Europe/Berlin" or "UTC", got "+02:00"']],
    ["time zone a number", { 6: "  time_zone: 2" }, ['newsletter.yml:6: site.time_zone: expected an IANA time zone like "Europe/Berlin" or "UTC", got 2']],
    // site.publisher
    ["publisher missing", { 7: null, 8: null, 9: null, 10: null }, ["newsletter.yml:1: site.publisher: expected a mapping with name and optionally url and logo, got nothing"]],
    ["publisher a name, not a mapping", { 7: "  publisher: Le Labo", 8: null, 9: null, 10: null }, ['newsletter.yml:7: site.publisher: expected a mapping with name and optionally url and logo, got "Le Labo"']],
    ["publisher name missing", { 8: null }, ["newsletter.yml:7: site.publisher.name: expected the publisher's name, got nothing"]],
    ["publisher name empty", { 8: '    name: ""' }, ['newsletter.yml:8: site.publisher.name: expected the publisher\'s name, got ""']],
    ["publisher url not a URL", { 9: "    url: /about/" }, ['newsletter.yml:9: site.publisher.url: expected the publisher\'s http(s) URL, got "/about/"']],
    ["unknown field in publisher", { 10: "    logo: logo.svg\n    email: labo@example.org" }, [
      "newsletter.yml:11: site.publisher.email: expected one of the fields name, url, logo, got an unknown field",
    ]],
    // site.publisher.logo
    ["logo file missing", { 10: "    logo: images/logo.png" }, [
      `newsletter.yml:10: site.publisher.logo: expected ${logoExpectation}, got "images/logo.png", which is not a file (looked for ${path.relative(process.cwd(), path.join(folder, "images/logo.png"))})`,
    ]],
    ["logo not an image", { 10: "    logo: logo.txt" }, [`newsletter.yml:10: site.publisher.logo: expected ${logoExpectation}, got "logo.txt"`]],
    ["logo a folder", { 10: "    logo: folder.png" }, [
      `newsletter.yml:10: site.publisher.logo: expected ${logoExpectation}, got "folder.png", which is not a file (looked for ${path.relative(process.cwd(), path.join(folder, "folder.png"))})`,
    ]],
    ["logo a number", { 10: "    logo: 3" }, ["newsletter.yml:10: site.publisher.logo: expected " + logoExpectation + ", got 3"]],
    // site.social
    ["social a single address, not a list", { 11: "  social: https://mastodon.social/@labo", 12: null }, [
      'newsletter.yml:11: site.social: expected a list of https URLs of the publisher\'s profiles, got "https://mastodon.social/@labo"',
    ]],
    ["social profiles over http and without a scheme", { 12: "    - http://mastodon.social/@labo\n    - mastodon.social/@labo" }, [
      'newsletter.yml:12: site.social[0]: expected an https URL of a profile, like https://mastodon.social/@name, got "http://mastodon.social/@labo"',
      'newsletter.yml:13: site.social[1]: expected an https URL of a profile, like https://mastodon.social/@name, got "mastodon.social/@labo"',
    ]],
    // series
    ["series missing", Object.fromEntries([13, 14, 15, 16, 17, 18, 19, 20, 21, 22].map((line) => [line, null])), [
      "newsletter.yml:1: series: expected a list of at least one series, each with id, title and description, got nothing",
    ]],
    ["series an empty list", Object.fromEntries([[13, "series: []"], ...[14, 15, 16, 17, 18, 19, 20, 21, 22].map((line) => [line, null])]), [
      "newsletter.yml:13: series: expected a list of at least one series, each with id, title and description, got []",
    ]],
    ["series one mapping, not a list", { 14: "  id: notes", 15: "  title: Notes", 16: "  description: Les notes.", 17: null, 18: null, 19: null, 20: null, 21: null, 22: null }, [
      'newsletter.yml:13: series: expected a list of at least one series, each with id, title and description, got {"id":"notes","title":"Notes","description":"Les notes."}',
    ]],
    ["a series that is a name, not a mapping", { 19: "  - liens", 20: null, 21: null }, [
      'newsletter.yml:19: series[1]: expected a mapping with id, title, description and optionally feed_title and email_list, got "liens"',
    ]],
    ["unknown field in a series", { 21: "    description: Des liens commentés.\n    colour: blue" }, [
      "newsletter.yml:22: series[1].colour: expected one of the fields id, title, description, feed_title, email_list, got an unknown field",
    ]],
    // series[].id
    ["series id missing", { 19: "  - title: Liens", 20: null }, ["newsletter.yml:19: series[1].id: expected lowercase letters, digits and hyphens, got nothing"]],
    ["series id a number", { 19: "  - id: 2022" }, ["newsletter.yml:19: series[1].id: expected lowercase letters, digits and hyphens, got 2022"]],
    ["series id with capitals", { 19: "  - id: Liens" }, ['newsletter.yml:19: series[1].id: expected lowercase letters, digits and hyphens, got "Liens"']],
    ["series id with a leading hyphen", { 19: "  - id: -liens" }, ['newsletter.yml:19: series[1].id: expected lowercase letters, digits and hyphens, got "-liens"']],
    ["series id with a double hyphen", { 19: "  - id: liens--du-jour" }, ['newsletter.yml:19: series[1].id: expected lowercase letters, digits and hyphens, got "liens--du-jour"']],
    ["series id with an accent", { 19: "  - id: liens-commentés" }, ['newsletter.yml:19: series[1].id: expected lowercase letters, digits and hyphens, got "liens-commentés"']],
    ["series id shared", { 19: "  - id: notes" }, ['newsletter.yml:19: series[1].id: expected an id no other series has, got "notes", also the id of series[0]']],
    // series[].title, description, feed_title, email_list
    ["series title missing", { 20: null }, ["newsletter.yml:19: series[1].title: expected the series' name, got nothing"]],
    ["series title empty", { 20: "    title:" }, ["newsletter.yml:20: series[1].title: expected the series' name, got an empty value"]],
    ["series description missing", { 21: null }, ["newsletter.yml:19: series[1].description: expected a sentence describing the series, got nothing"]],
    ["series description a mapping", { 21: "    description: {fr: Des liens}" }, ['newsletter.yml:21: series[1].description: expected a sentence describing the series, got {"fr":"Des liens"}']],
    ["series feed title blank", { 17: '    feed_title: " "' }, ['newsletter.yml:17: series[0].feed_title: expected the title of the series\' feeds, got " "']],
    ["series email list a number", { 18: "    email_list: 12" }, ["newsletter.yml:18: series[0].email_list: expected the name of the series' list at the email provider, got 12"]],
    // default_series
    ["default series not a series", { 22: "default_series: lab-notes" }, ['newsletter.yml:22: default_series: expected one of the series ids notes, liens, got "lab-notes"']],
    ["default series a number", { 22: "default_series: 1" }, ["newsletter.yml:22: default_series: expected the id of one of the series, got 1"]],
    // page_size, feed_size
    ["page size 0", { 23: "page_size: 0" }, ["newsletter.yml:23: page_size: expected a whole number of issues per archive page, from 1 to 100, got 0"]],
    ["page size 101", { 23: "page_size: 101" }, ["newsletter.yml:23: page_size: expected a whole number of issues per archive page, from 1 to 100, got 101"]],
    ["page size a fraction", { 23: "page_size: 7.5" }, ["newsletter.yml:23: page_size: expected a whole number of issues per archive page, from 1 to 100, got 7.5"]],
    ["page size quoted", { 23: 'page_size: "10"' }, ['newsletter.yml:23: page_size: expected a whole number of issues per archive page, from 1 to 100, got "10"']],
    ["feed size 0", { 24: "feed_size: 0" }, ["newsletter.yml:24: feed_size: expected a whole number of issues per feed, from 1 to 1000, got 0"]],
    ["feed size 1001", { 24: "feed_size: 1001" }, ["newsletter.yml:24: feed_size: expected a whole number of issues per feed, from 1 to 1000, got 1001"]],
    ["feed size negative", { 24: "feed_size: -5" }, ["newsletter.yml:24: feed_size: expected a whole number of issues per feed, from 1 to 1000, got -5"]],
    ["feed size a word", { 24: "feed_size: all" }, ['newsletter.yml:24: feed_size: expected a whole number of issues per feed, from 1 to 1000, got "all"']],
    // subscribe
    ["subscribe empty", { 25: "subscribe:", 26: null, 27: null, 28: null, 29: null, 30: null, 31: null }, [
      "newsletter.yml:25: subscribe: expected a mapping with action and optionally email_field, hidden_fields, text and button, got an empty value",
    ]],
    ["subscribe an address, not a mapping", { 25: "subscribe: https://buttondown.com/labo", 26: null, 27: null, 28: null, 29: null, 30: null, 31: null }, [
      'newsletter.yml:25: subscribe: expected a mapping with action and optionally email_field, hidden_fields, text and button, got "https://buttondown.com/labo"',
    ]],
    ["unknown field in subscribe", { 31: "  button: S'abonner\n  provider: buttondown" }, [
      "newsletter.yml:32: subscribe.provider: expected one of the fields action, email_field, hidden_fields, text, button, got an unknown field",
    ]],
    ["subscribe action missing", { 26: null }, ["newsletter.yml:25: subscribe.action: expected the https URL the provider's signup form posts to, got nothing"]],
    ["subscribe action over http", { 26: "  action: http://buttondown.com/api/emails/embed-subscribe/labo" }, [
      'newsletter.yml:26: subscribe.action: expected the https URL the provider\'s signup form posts to, got "http://buttondown.com/api/emails/embed-subscribe/labo"',
    ]],
    ["subscribe action a path", { 26: "  action: /subscribe" }, ['newsletter.yml:26: subscribe.action: expected the https URL the provider\'s signup form posts to, got "/subscribe"']],
    ["email field with a space", { 27: '  email_field: "e mail"' }, ['newsletter.yml:27: subscribe.email_field: expected the name of the form\'s address field, like "email", got "e mail"']],
    ["email field with a quote", { 27: "  email_field: email\"><script>" }, [
      'newsletter.yml:27: subscribe.email_field: expected the name of the form\'s address field, like "email", got "email\\"><script>"',
    ]],
    ["hidden fields a list", { 28: "  hidden_fields: [embed]", 29: null }, ['newsletter.yml:28: subscribe.hidden_fields: expected a mapping of field names to values, got ["embed"]']],
    ["hidden field name with a space", { 29: '    "embed code": 1' }, [
      'newsletter.yml:29: subscribe.hidden_fields: expected a field name of letters, digits and "_", "-", ".", "[" or "]", got "embed code"',
    ]],
    ["hidden field value empty", { 29: "    embed:" }, ["newsletter.yml:29: subscribe.hidden_fields.embed: expected a text value, got an empty value"]],
    ["hidden field value a list", { 29: "    embed: [1, 2]" }, ["newsletter.yml:29: subscribe.hidden_fields.embed: expected a text value, got [1,2]"]],
    ["subscribe text empty", { 30: '  text: ""' }, ['newsletter.yml:30: subscribe.text: expected a line of text shown above the form, got ""']],
    ["subscribe button a number", { 31: "  button: 1" }, ["newsletter.yml:31: subscribe.button: expected the button's label, got 1"]],
    // the top level
    ["unknown field at the top", { 24: "feed_size: 30\ntheme: dark" }, [
      "newsletter.yml:25: theme: expected one of the fields site, series, default_series, page_size, feed_size, subscribe, email, feeds, got an unknown field",
    ]],
    ["a misspelt field at the top, with its value on the lines below", { 25: "subscribe_form:" }, [
      "newsletter.yml:25: subscribe_form: expected one of the fields site, series, default_series, page_size, feed_size, subscribe, email, feeds, got an unknown field",
    ]],
  ])("%s", (_name, replacements, expected) => {
    expect(problemsOf(configText(replacements))).toEqual(expected);
  });

  test('the issue\'s own example: newsletter.yml:7: series[2].id: expected lowercase letters, digits and hyphens, got "Lab Notes"', () => {
    const source = [
      "site: {title: Letters, description: Notes., url: 'https://example.org/', publisher: {name: Me}}",
      "series:",
      "  - {id: notes, title: Notes, description: Notes.}",
      "  - id: links",
      "    title: Links",
      "    description: Links.",
      "  - id: Lab Notes",
      "    title: Lab Notes",
      "    description: The lab's notes.",
    ].join("\n");
    expect(problemsOf(source)).toEqual(['newsletter.yml:7: series[2].id: expected lowercase letters, digits and hyphens, got "Lab Notes"']);
  });
});

describe("parseNewsletterConfig: files that are no configuration", () => {
  const rootExpectation = "a mapping with site, series and optionally default_series, page_size, feed_size, subscribe, email and feeds";

  test.each([
    ["an empty file", ""],
    ["a file of comments only", "# settings to come\n\n"],
  ])("%s names the two fields it must have", (_name, source) => {
    expect(problemsOf(source)).toEqual([
      "newsletter.yml:1: site: expected a mapping with title, description, url, publisher and optionally language, time_zone and social, got nothing",
      "newsletter.yml:1: series: expected a list of at least one series, each with id, title and description, got nothing",
    ]);
  });

  test.each([
    ["a list", "- site\n- series\n", '["site","series"]'],
    ["a sentence", "My newsletter\n", '"My newsletter"'],
    ["a number", "42\n", "42"],
  ])("a file that is %s, not a mapping, says what the top must be", (_name, source, got) => {
    expect(problemsOf(source)).toEqual([`newsletter.yml:1: configuration: expected ${rootExpectation}, got ${got}`]);
  });

  test.each<[string, Record<number, string | null>, string[]]>([
    ["an unclosed list", { 12: "    - [https://mastodon.social/@labo" }, ["newsletter.yml:13: expected valid YAML, got Flow sequence in block collection must be sufficiently indented and end with a ]"]],
    ["a tab as indentation", { 20: "\ttitle: Liens" }, [
      "newsletter.yml:20: expected valid YAML, got Tabs are not allowed as indentation",
      "newsletter.yml:20: expected valid YAML, got Nested mappings are not allowed in compact mappings",
      "newsletter.yml:20: expected valid YAML, got Implicit keys need to be on a single line",
    ]],
    ["a field given twice", { 24: "feed_size: 30\npage_size: 5" }, ["newsletter.yml:25: expected valid YAML, got Map keys must be unique"]],
    ["a second document", { 31: "  button: S'abonner\n---\nsite: {}" }, ["newsletter.yml:32: expected valid YAML, got Source contains multiple documents; please use YAML.parseAllDocuments()"]],
  ])("a YAML syntax error, %s, is reported at its line, before any field is checked", (_name, replacements, expected) => {
    expect(problemsOf(configText(replacements))).toEqual(expected);
  });

  test("an unquoted colon and an unclosed flow mapping: every syntax error, each with its line", () => {
    const problems = problemsOf(configText({ 3: "  description: Notes: la suite", 21: "    description: {fr: Des liens" }));
    expect(problems).toEqual([
      "newsletter.yml:3: expected valid YAML, got Nested mappings are not allowed in compact mappings",
      "newsletter.yml:22: expected valid YAML, got Flow map in block collection must be sufficiently indented and end with a }",
    ]);
  });

  test.each([
    ['"', 'Missing closing "quote'],
    ["'", "Missing closing 'quote"],
  ])("an unclosed %s quote is reported where it opens, not at the end of the file it runs to", (quote, message) => {
    expect(problemsOf(configText({ 16: `    description: ${quote}Les notes de la semaine.` }))).toEqual([`newsletter.yml:16: expected valid YAML, got ${message}`]);
  });

  test("an alias bomb (a billion strings from a few lines) is refused, not expanded", () => {
    const bomb = [
      'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
      "b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]",
      "c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]",
      "d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]",
      "e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]",
      "f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]",
      "g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]",
      "h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]",
      "i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]",
    ].join("\n");
    const started = performance.now();
    expect(problemsOf(bomb)).toEqual(["newsletter.yml:1: expected valid YAML, got Excessive alias count indicates a resource exhaustion attack"]);
    expect(performance.now() - started).toBeLessThan(1000);
  });

  test("a few aliases, as a publisher might use them, are fine", () => {
    const config = parseNewsletterConfig(configText({ 4: "  url: &home https://labo.example.org/", 9: "    url: *home" }), "newsletter.yml", folder);
    expect(config.site.publisher.url).toBe("https://labo.example.org/");
  });
});

describe("parseNewsletterConfig: many problems at once", () => {
  test("every problem of the file is in one NewsletterConfigError, in line order", () => {
    const source = configText({
      2: "  title:",
      5: "  language: english",
      6: "  time_zone: Mars/Olympus",
      10: "    logo: logo.txt",
      12: "    - http://mastodon.social/@labo",
      14: "  - id: Notes",
      19: "  - id: liens",
      21: null,
      22: "default_series: lab-notes",
      23: "page_size: 0",
      26: "  action: http://buttondown.com/labo",
      31: "  button: S'abonner\n  colour: red",
    });
    let error: unknown;
    try {
      parseNewsletterConfig(source, "newsletter.yml", folder);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(NewsletterConfigError);
    const problems = [
      "newsletter.yml:2: site.title: expected the newsletter's name, got an empty value",
      'newsletter.yml:5: site.language: expected a BCP 47 language tag like "en" or "pt-BR", got "english"',
      'newsletter.yml:6: site.time_zone: expected an IANA time zone like "Europe/Berlin" or "UTC", got "Mars/Olympus"',
      `newsletter.yml:10: site.publisher.logo: expected ${logoExpectation}, got "logo.txt"`,
      'newsletter.yml:12: site.social[0]: expected an https URL of a profile, like https://mastodon.social/@name, got "http://mastodon.social/@labo"',
      'newsletter.yml:14: series[0].id: expected lowercase letters, digits and hyphens, got "Notes"',
      "newsletter.yml:19: series[1].description: expected a sentence describing the series, got nothing",
      'newsletter.yml:22: default_series: expected one of the series ids liens, got "lab-notes"',
      "newsletter.yml:23: page_size: expected a whole number of issues per archive page, from 1 to 100, got 0",
      'newsletter.yml:26: subscribe.action: expected the https URL the provider\'s signup form posts to, got "http://buttondown.com/labo"',
      "newsletter.yml:32: subscribe.colour: expected one of the fields action, email_field, hidden_fields, text, button, got an unknown field",
    ];
    expect((error as NewsletterConfigError).problems).toEqual(problems);
    expect((error as Error).message).toBe(`Invalid newsletter configuration (11 problems); fix them to build the site:\n${problems.join("\n")}`);
  });

  test("two series sharing an id and a default naming neither: both reported, the ids listed once", () => {
    expect(problemsOf(configText({ 19: "  - id: notes", 22: "default_series: liens" }))).toEqual([
      'newsletter.yml:19: series[1].id: expected an id no other series has, got "notes", also the id of series[0]',
      'newsletter.yml:22: default_series: expected one of the series ids notes, got "liens"',
    ]);
  });

  test("one problem is counted as one", () => {
    expect(() => parseNewsletterConfig(configText({ 23: "page_size: 0" }), "newsletter.yml", folder)).toThrow(
      "Invalid newsletter configuration (1 problem); fix them to build the site:\nnewsletter.yml:23: page_size:",
    );
  });
});

describe("newsletterConfig: the file of the run", () => {
  let written = 0;
  /** A configuration file of its own, so that newsletterConfig's cache (by path and time) never answers for another test. */
  function configFile(source: string): string {
    const dir = path.join(folder, `run-${++written}`);
    mkdirSync(dir);
    writeFileSync(path.join(dir, "logo.svg"), '<svg xmlns="http://www.w3.org/2000/svg"/>\n');
    const file = path.join(dir, "newsletter.yml");
    writeFileSync(file, source);
    return file;
  }

  test("a missing file says how to name another", () => {
    const file = path.join(folder, "missing.yml");
    expect(() => newsletterConfig({ [configVariable]: file })).toThrow(
      `${file}: expected the newsletter's configuration file (pass another with --config FILE or NEWSLETTER_CONFIG), got no such file`,
    );
  });

  test("a file outside the working folder is named by its absolute path, and its logo is found beside it", () => {
    const file = configFile(configText({ 23: "page_size: 0" }));
    expect(() => newsletterConfig({ [configVariable]: file })).toThrow(`${file}:23: page_size: expected a whole number`);
    const valid = configFile(configText());
    expect(newsletterConfig({ [configVariable]: valid }).site.publisher.logo).toBe(path.join(path.dirname(valid), "logo.svg"));
  });

  test("an edited file is read again (npm start keeps running while the publisher edits it)", () => {
    const file = configFile(configText());
    expect(newsletterConfig({ [configVariable]: file }).pageSize).toBe(12);
    writeFileSync(file, configText({ 23: "page_size: 25" }));
    const later = new Date(Date.now() + 5_000);
    utimesSync(file, later, later);
    expect(newsletterConfig({ [configVariable]: file }).pageSize).toBe(25);
  });
});

describe("issues against the configuration's series", () => {
  const original = process.env[configVariable];
  afterEach(() => {
    if (original === undefined) delete process.env[configVariable];
    else process.env[configVariable] = original;
  });

  let written = 0;
  function useConfig(source: string): string {
    const dir = path.join(folder, `issues-${++written}`);
    mkdirSync(dir);
    writeFileSync(path.join(dir, "logo.svg"), '<svg xmlns="http://www.w3.org/2000/svg"/>\n');
    const file = path.join(dir, "newsletter.yml");
    writeFileSync(file, source);
    process.env[configVariable] = file;
    return file;
  }

  function validate(frontMatter: string[]) {
    const text = `---\ntitle: "Semaine 12"\ndate: "2024-03-18"\nsummary: "Ce qui s'est passé cette semaine."\n${frontMatter.join("\n")}\n---\n\nDu texte.\n`;
    return validateIssueSources([{ file: "issues/2024-03-18-semaine-12.md", absolutePath: "/site/issues/2024-03-18-semaine-12.md", bytes: new TextEncoder().encode(text) }]);
  }

  test("an issue naming a series not in the file is told which series exist", () => {
    const file = useConfig(configText({ 22: null }));
    expect(validate(["series: gradient-updates"]).problems).toEqual([
      `issues/2024-03-18-semaine-12.md: series: expected the id of one of the series in ${file} (notes, liens), or a default_series set there, got "gradient-updates"`,
    ]);
  });

  test("with several series and no default, an issue must name its series", () => {
    const file = useConfig(configText({ 22: null }));
    expect(validate([]).problems).toEqual([
      `issues/2024-03-18-semaine-12.md: series: expected the id of one of the series in ${file} (notes, liens), or a default_series set there, got nothing`,
    ]);
  });

  test("with a default_series, an issue without series belongs to it; one naming another series keeps it", () => {
    useConfig(configText({ 22: "default_series: liens" }));
    expect(validate([]).issues.map((issue) => issue.seriesId)).toEqual(["liens"]);
    expect(validate(["series: notes"]).issues.map((issue) => issue.seriesId)).toEqual(["notes"]);
  });

  test("in a newsletter of one series, issues may leave series out, and naming another is still an error", () => {
    const file = useConfig(configText({ 19: null, 20: null, 21: null, 22: null }));
    const result = validate([]);
    expect(result.problems).toEqual([]);
    expect(result.issues.map((issue) => issue.seriesId)).toEqual(["notes"]);
    expect(validate(["series: liens"]).problems).toEqual([
      `issues/2024-03-18-semaine-12.md: series: expected the id of one of the series in ${file} (notes), got "liens"`,
    ]);
  });
});
