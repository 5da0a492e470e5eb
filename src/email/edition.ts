import { existsSync } from "node:fs";
import path from "node:path";
import * as cheerio from "cheerio";
import type { NewsletterConfig } from "../config/newsletter-config.ts";
import type { SiteMetadata } from "../site.ts";
import { absoluteUrl } from "../site.ts";
import { emailLogoFile, emailLogoHeight } from "./email-assets.ts";
import { emailHtml, largestParts, readIssuePage, type EditionContext, type EmailImage } from "./email-html.ts";
import { composeMessage, listIdFor } from "./email-message.ts";
import { mathsImageFolder, mathsImageName, pngFileSize } from "./maths-images.ts";
import { plainText } from "./plain-text.ts";

/** Gmail clips a message's HTML beyond about 102 KB; the edition stays under 100 KB. */
export const maxHtmlBytes = 100 * 1024;

/** One issue's email: the three files' contents and whatever stops it from being sent. */
export interface Edition {
  slug: string;
  html: string;
  text: string;
  eml: Buffer;
  problems: string[];
}

/** The built site's file for a site URL (`https://…/issues/x/` → `<site>/issues/x/index.html`), or undefined for another site's. */
export function siteFileFor(url: string, baseUrl: string, site: string): string | undefined {
  if (!url.startsWith(baseUrl)) return undefined;
  const relative = decodeURIComponent(url.slice(baseUrl.length).split(/[?#]/)[0] ?? "");
  return path.join(site, relative === "" || relative.endsWith("/") ? `${relative}index.html` : relative);
}

/** The email's logo: the build's PNG of an SVG logo, else the published logo itself, sized to the header. */
export function siteLogo(site: string, metadata: SiteMetadata): EmailImage | undefined {
  const logo = metadata.publisher.logo;
  if (!logo) return undefined;
  const file = logo.endsWith(".svg") ? emailLogoFile : logo.replace(/^\//, "");
  const size = existsSync(path.join(site, file)) && file.endsWith(".png") ? pngFileSize(path.join(site, file)) : undefined;
  if (!size) return undefined;
  return { src: absoluteUrl(file, metadata.baseUrl), width: Math.max(1, Math.round((size.width * emailLogoHeight) / size.height)), height: emailLogoHeight };
}

/** Where the editions find each formula's image: the PNGs the build published, sized from their headers. */
export function siteMathsImage(site: string, baseUrl: string): EditionContext["mathsImage"] {
  return (tex, display) => {
    const name = mathsImageName(tex, display);
    const file = path.join(site, mathsImageFolder, name);
    const size = existsSync(file) ? pngFileSize(file) : undefined;
    if (!size) return undefined;
    return { src: absoluteUrl(`${mathsImageFolder}/${name}`, baseUrl), width: Math.round(size.width / 2), height: Math.round(size.height / 2) };
  };
}

/**
 * What stops the edition from being sent: an HTML part over 100 KB (by how much, and its largest
 * parts), an image without an absolute URL or a size, a link to a page the built site does not
 * have, which is how a draft or a scheduled issue looks from a published one.
 */
export function editionProblems(html: string, contentHtml: string, options: { baseUrl: string; site: string; unsubscribe: string }): string[] {
  const problems: string[] = [];
  const bytes = Buffer.byteLength(html);
  if (bytes > maxHtmlBytes) {
    const parts = largestParts(contentHtml).map((part) => `${part.label} (${(part.bytes / 1024).toFixed(1)} KB)`);
    problems.push(
      `the HTML part is ${(bytes / 1024).toFixed(1)} KB, ${((bytes - maxHtmlBytes) / 1024).toFixed(1)} KB over the 100 KB beyond which Gmail clips a message; its largest parts: ${parts.join(", ")}`,
    );
  }
  const $ = cheerio.load(html);
  $("img").each((_, img) => {
    const src = $(img).attr("src") ?? "";
    if (!/^https?:\/\/[^/]/i.test(src)) problems.push(`an image without an absolute URL: ${JSON.stringify(src)} (expected http:// or https://)`);
    if (!$(img).attr("width") || !$(img).attr("height")) problems.push(`an image without width and height: ${JSON.stringify(src)}`);
  });
  const checked = new Set<string>();
  $("a[href]").each((_, anchor) => {
    const href = $(anchor).attr("href") ?? "";
    if (href === options.unsubscribe || href.startsWith("#") || checked.has(href)) return;
    checked.add(href);
    if (!/^(?:https?:|mailto:)/i.test(href)) {
      problems.push(`a link without an absolute URL: ${JSON.stringify(href)}`);
      return;
    }
    const file = siteFileFor(href, options.baseUrl, options.site);
    if (file && !existsSync(file)) problems.push(`a link to ${href}, which the built site does not have: a draft, a scheduled issue or a missing page`);
  });
  return problems;
}

/** The built issue page of `slug`, or undefined when the site has none (a draft, scheduled or unknown issue). */
export function issuePageFile(site: string, slug: string): string {
  return path.join(site, "issues", slug, "index.html");
}

/** Makes one issue's email from its built page. */
export async function makeEdition(options: {
  slug: string;
  pageHtml: string;
  site: string;
  metadata: SiteMetadata;
  config: NewsletterConfig & { email: NonNullable<NewsletterConfig["email"]> };
}): Promise<Edition> {
  const { slug, site, metadata, config } = options;
  const file = path.relative(process.cwd(), issuePageFile(site, slug));
  const issue = readIssuePage(options.pageHtml, file);
  const context: EditionContext = {
    siteTitle: metadata.title,
    baseUrl: metadata.baseUrl,
    unsubscribe: config.email.unsubscribe,
    mathsImage: siteMathsImage(site, metadata.baseUrl),
    ...(siteLogo(site, metadata) ? { logo: siteLogo(site, metadata) as EmailImage } : {}),
  };
  const made = emailHtml(issue, context);
  const kicker = [issue.series && (issue.number ? `${issue.series} #${issue.number}` : issue.series), issue.readableDate].filter(Boolean).join(" · ");
  const text = plainText({
    title: issue.title,
    kicker,
    contentHtml: made.contentHtml,
    footer: [`Read this issue online: ${issue.url}`, `Unsubscribe: ${config.email.unsubscribe}`],
  });
  const series = config.series.find((candidate) => candidate.id === issue.seriesId);
  const listId = listIdFor(series?.emailList, config.email.listId);
  const eml = await composeMessage({
    email: config.email,
    listId,
    listName: series ? `${series.title}` : metadata.title,
    subject: issue.title,
    date: new Date(issue.published),
    slug,
    html: made.html,
    text,
  });
  const problems = [...made.problems, ...editionProblems(made.html, made.contentHtml, { baseUrl: metadata.baseUrl, site, unsubscribe: config.email.unsubscribe })];
  return { slug, html: made.html, text, eml, problems: problems.map((problem) => `${file}: ${problem}`) };
}
