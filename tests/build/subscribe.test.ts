// The signup form and /subscribe/, read back from real builds: the shipped site, whose
// newsletter.yml has no subscribe section, and the same issues under a newsletter.yml with a
// Mailchimp form, social profiles, a logo, another language and time zone and a path prefix;
// then Buttondown's and Kit's embed forms as their providers write them.
import { readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { CheerioAPI } from "cheerio";
import { beforeAll, describe, expect, inject, test } from "vitest";
import { runSiteChecks } from "../../src/check/check-site.ts";
import { siteMetadata } from "../../src/site.ts";
import { projectRoot, runBuild, tempFolder, type BuildRun } from "../support/run-build.ts";
import { loadPage, pageExists } from "../support/site.ts";

const realSite = inject("realSite");
const issueUrls = (site: string) =>
  readdirSync(path.join(site, "issues"), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => `/issues/${entry.name}/`);
const htmlPages = (site: string) =>
  readdirSync(site, { recursive: true, encoding: "utf8" })
    .filter((file) => file.endsWith(".html"))
    .map((file) => `/${file.replace(/index\.html$/, "")}`);

/** The feed links a page lists, as hrefs (the site's three, then each series' Atom feed). */
const listedFeeds = ($: CheerioAPI) => $(".feed-list a[type]").map((_, a) => $(a).attr("href")).get();

const jsonLd = (site: string, url: string) => JSON.parse(loadPage(site, url)('script[type="application/ld+json"]').text()) as Record<string, unknown>;

/** A newsletter.yml: the shipped series, with `site` and `subscribe` sections of the test's own. */
function writeConfig(site: string, subscribe: string): string {
  const file = path.join(tempFolder("subscribe-config-"), "newsletter.yml");
  const series = ["gradient-updates", "zeta-alpha-trends", "neurips-takeaways", "lab-notes", "link-digest"]
    .map((id) => `  - id: ${id}\n    title: Series ${id}\n    description: The ${id} series.\n`)
    .join("");
  writeFileSync(file, `site:\n${site}\nseries:\n${series}\nsubscribe:\n${subscribe}\n`);
  return file;
}

/** What a reader's browser would send: the form's fields, hidden ones included, by name. */
function formFields($: CheerioAPI, form: ReturnType<CheerioAPI>) {
  return form.find("input").map((_, input) => ({ type: $(input).attr("type"), name: $(input).attr("name"), value: $(input).attr("value") })).get();
}

describe("the shipped site, whose newsletter.yml has no subscribe section", () => {
  test("shows no signup form on any page", () => {
    const pages = htmlPages(realSite);
    expect(pages).toEqual(expect.arrayContaining(["/subscribe/", "/issues/gradient-update-20/"]));
    for (const url of pages) {
      const $ = loadPage(realSite, url);
      expect($(".subscribe-form, form[method='post'], input[type='email']").length, url).toBe(0);
    }
  });

  test("has /subscribe/, listing every site-wide and series feed that /feeds/ lists, each of them built", () => {
    const $ = loadPage(realSite, "/subscribe/");
    expect($("h1").text()).toBe("Subscribe");
    const feeds = listedFeeds($);
    expect(feeds.slice(0, 3)).toEqual(["/feed.xml", "/rss.xml", "/feed.json"]);
    expect(feeds).toContain("/series/lab-notes/feed.xml");
    const onFeedsPage = listedFeeds(loadPage(realSite, "/feeds/"));
    expect(onFeedsPage.filter((href) => !href.startsWith("/tags/"))).toEqual(feeds);
    for (const href of feeds) expect(pageExists(realSite, href), href).toBe(true);
    expect($('main a[href="/feeds/"]').length).toBe(1);
  });

  test("the header's Subscribe item and the footer lead to /subscribe/, current there", () => {
    const $ = loadPage(realSite, "/issues/gradient-update-20/");
    expect($('.site-nav a[href="/subscribe/"]').text()).toBe("Subscribe");
    expect($('.site-footer a[href="/subscribe/"]').parent().text()).toBe("Subscribe to new issues with a feed reader.");
    expect(loadPage(realSite, "/subscribe/")('.site-nav a[aria-current="page"]').text()).toBe("Subscribe");
  });

  test("JSON-LD: the publisher has the published logo, and is the author of every issue, none naming its authors", () => {
    const unsigned = jsonLd(realSite, "/issues/gradient-update-20/");
    const site = siteMetadata({});
    expect(unsigned.publisher).toEqual({
      "@type": "Organization",
      name: "Machine Learning Letters",
      url: site.baseUrl,
      logo: { "@type": "ImageObject", url: `${site.baseUrl}logo.svg` },
    });
    expect(pageExists(realSite, "/logo.svg")).toBe(true);
    for (const url of issueUrls(realSite)) {
      expect(loadPage(realSite, url)(".issue-authors").length, url).toBe(0);
      expect(jsonLd(realSite, url).author, url).toEqual(unsigned.publisher);
    }
    const home = jsonLd(realSite, "/");
    expect(home).toMatchObject({ "@type": "WebSite", name: "Machine Learning Letters", url: site.baseUrl });
    expect(home.publisher).toEqual(unsigned.publisher);
  });

  test("og:locale is en_US and, with no social profiles, no page has a rel=me link", () => {
    for (const url of ["/", "/issues/gradient-update-20/", "/subscribe/"]) {
      const $ = loadPage(realSite, url);
      expect($('meta[property="og:locale"]').attr("content"), url).toBe("en_US");
      expect($('link[rel="me"]').length, url).toBe(0);
    }
  });
});

describe("a newsletter with a Mailchimp signup form, profiles, a logo, en-GB, Paris time and a path prefix", () => {
  const action = "https://letters.us1.list-manage.com/subscribe/post?u=5a1b2c3d4e&id=0f9e8d7c6b";
  const social = ["https://mastodon.example/@letters", "https://github.com/letters"];
  let config = "";
  let build: BuildRun;
  beforeAll(() => {
    config = writeConfig(
      [
        "  title: Field Letters",
        "  description: Letters from the field.",
        "  url: https://letters.example.org/",
        "  language: en-GB",
        "  time_zone: Europe/Paris",
        "  publisher:",
        "    name: Field Letters Ltd",
        "    url: https://field-letters.example/",
        `    logo: ${path.join(projectRoot, "assets/favicon.svg")}`,
        "  social:",
        ...social.map((profile) => `    - ${profile}`),
      ].join("\n"),
      [
        `  action: ${action}`,
        "  email_field: EMAIL",
        "  hidden_fields:",
        '    b_5a1b2c3d4e_0f9e8d7c6b: ""',
        "    tags: 42",
        "  text: New letters by email, twice a month.",
        "  button: Sign me up",
      ].join("\n"),
    );
    build = runBuild({ content: path.join(projectRoot, "issues"), env: { NEWSLETTER_CONFIG: config, PATH_PREFIX: "/letters/" } });
    expect(build.status, build.stderr).toBe(0);
  });

  const expectTheForm = ($: CheerioAPI, url: string) => {
    const form = $("form.subscribe-form");
    expect(form.length, url).toBe(1);
    // The path prefix goes on the site's own addresses, never on the provider's.
    expect([form.attr("method"), form.attr("action")], url).toEqual(["post", action]);
    const email = form.find('input[type="email"]');
    expect([email.attr("name"), email.attr("required"), email.attr("autocomplete")], url).toEqual(["EMAIL", "required", "email"]);
    expect(form.find(`label[for="${email.attr("id")}"]`).text(), url).toBe("Email address");
    expect(formFields($, form), url).toEqual([
      { type: "email", name: "EMAIL", value: undefined },
      { type: "hidden", name: "b_5a1b2c3d4e_0f9e8d7c6b", value: "" },
      { type: "hidden", name: "tags", value: "42" },
    ]);
    expect(form.find("button[type='submit']").text(), url).toBe("Sign me up");
    expect($(`#${form.attr("aria-labelledby")}`).text(), url).toBe("New letters by email, twice a month.");
    expect(form.find("script").length + $("script:not([type='application/ld+json'])").length, url).toBe(0);
  };

  test("every issue page shows the form once, after the issue's text, posting to Mailchimp with its fields", () => {
    const urls = issueUrls(build.output);
    expect(urls.length).toBe(5);
    for (const url of urls) {
      const $ = loadPage(build.output, url);
      expectTheForm($, url);
      expect($("article.issue").next().is("form.subscribe-form"), url).toBe(true);
    }
  });

  test("/subscribe/ shows the form beside the feeds, under the path prefix", () => {
    const $ = loadPage(build.output, "/subscribe/");
    expectTheForm($, "/subscribe/");
    expect($("h2").map((_, h) => $(h).text()).get()).toEqual(["By email", "In a feed reader"]);
    expect(listedFeeds($).slice(0, 3)).toEqual(["/letters/feed.xml", "/letters/rss.xml", "/letters/feed.json"]);
    expect(listedFeeds($)).toContain("/letters/series/lab-notes/feed.xml");
    expect($(".site-footer").text()).toContain("Subscribe to new issues by email or with a feed reader.");
  });

  test("other pages have no form", () => {
    for (const url of ["/", "/feeds/", "/tags/", "/archive/", "/404.html"]) expect(loadPage(build.output, url)(".subscribe-form").length, url).toBe(0);
  });

  test("passes the site checks: valid HTML, links, no inline code, its headers", async () => {
    const { problems } = await runSiteChecks(build.output, { baseUrl: siteMetadata({ NEWSLETTER_CONFIG: config, PATH_PREFIX: "/letters/" }).baseUrl });
    expect(problems).toEqual([]);
  });

  test("every page links each profile as rel=me; og:locale is en_GB", () => {
    for (const url of ["/", "/subscribe/", "/issues/gradient-update-20/"]) {
      const $ = loadPage(build.output, url);
      expect($('head link[rel="me"]').map((_, link) => $(link).attr("href")).get(), url).toEqual(social);
      expect($('meta[property="og:locale"]').attr("content"), url).toBe("en_GB");
    }
  });

  test("JSON-LD: the publisher with its own address, logo and profiles; publication at midnight in Paris", () => {
    const $ = loadPage(build.output, "/issues/gradient-update-20/");
    const data = JSON.parse($('script[type="application/ld+json"]').text()) as Record<string, unknown>;
    const publisher = {
      "@type": "Organization",
      name: "Field Letters Ltd",
      url: "https://field-letters.example/",
      logo: { "@type": "ImageObject", url: "https://letters.example.org/letters/logo.svg" },
      sameAs: social,
    };
    expect(data).toMatchObject({ datePublished: "2022-03-10T00:00:00+01:00", inLanguage: "en-GB", publisher, author: publisher });
    expect($('meta[property="article:published_time"]').attr("content")).toBe("2022-03-10T00:00:00+01:00");
    expect(pageExists(build.output, "/logo.svg")).toBe(true);
    const home = loadPage(build.output, "/");
    expect(JSON.parse(home('script[type="application/ld+json"]').text())).toMatchObject({ "@type": "WebSite", url: "https://letters.example.org/letters/", publisher });
  });
});

// The providers' own embed forms: Buttondown's posts `email` with a hidden `embed=1`; Kit's
// posts `email_address` to app.kit.com/forms/ID/subscriptions.
describe.each([
  {
    provider: "Buttondown",
    subscribe: "  action: https://buttondown.com/api/emails/embed-subscribe/field-letters\n  hidden_fields:\n    embed: 1",
    action: "https://buttondown.com/api/emails/embed-subscribe/field-letters",
    fields: [
      { type: "email", name: "email", value: undefined },
      { type: "hidden", name: "embed", value: "1" },
    ],
  },
  {
    provider: "Kit",
    subscribe: "  action: https://app.kit.com/forms/7654321/subscriptions\n  email_field: email_address\n  button: Join",
    action: "https://app.kit.com/forms/7654321/subscriptions",
    fields: [{ type: "email", name: "email_address", value: undefined }],
  },
])("$provider's embed form", ({ subscribe, action, fields }) => {
  let build: BuildRun;
  beforeAll(() => {
    const config = writeConfig("  title: Field Letters\n  description: Letters.\n  url: https://letters.example.org/\n  publisher:\n    name: Field Letters", subscribe);
    build = runBuild({ content: path.join(projectRoot, "tests/fixtures/sites/edge-cases/issues"), env: { NEWSLETTER_CONFIG: config } });
    expect(build.status, build.stderr).toBe(0);
  });

  test("is what the issue pages and /subscribe/ post", () => {
    for (const url of [...issueUrls(build.output), "/subscribe/"]) {
      const $ = loadPage(build.output, url);
      const form = $("form.subscribe-form");
      expect([form.attr("method"), form.attr("action")], url).toEqual(["post", action]);
      expect(formFields($, form), url).toEqual(fields);
    }
  });

  test("JSON-LD: an issue naming its author is by that Person, the others by the publisher", () => {
    const publisher = { "@type": "Organization", name: "Field Letters", url: "https://letters.example.org/" };
    expect(jsonLd(build.output, "/issues/escaping/").author).toEqual([{ "@type": "Person", name: "Ada <Lovelace>" }]);
    expect(jsonLd(build.output, "/issues/templating/")).toMatchObject({ author: publisher, publisher, datePublished: "2022-01-01T00:00:00+00:00" });
  });
});
