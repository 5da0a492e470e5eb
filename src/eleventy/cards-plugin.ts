import { existsSync, readFileSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { createHash } from "node:crypto";
import path from "node:path";
import { featuredImage } from "../images/featured-image.ts";
import { memoise } from "../memoise.ts";
import { placeFile } from "../place-file.ts";
import { cardPathFor, cardSize, homeCard, issueCard, seriesCard, type CardContent, type CardSite } from "../cards/card-content.ts";
import { designCard, type CardLogo, type CardMeasures } from "../cards/card-design.ts";
import { cardKey } from "../cards/card-key.ts";
import { cardFontsHash, rendererVersions } from "../cards/fonts.ts";
import { cardMeasures } from "../cards/measure.ts";
import { cardPalette } from "../cards/palette.ts";
import { renderCards, type CardJob } from "../cards/render-pool.ts";
import { siteCards } from "../cards/site-cards.ts";
import { newsletterConfig } from "../config/newsletter-config.ts";
import type { ArchivePage } from "../model/archive-pages.ts";
import { parseIssueDate, readableDate } from "../model/dates.ts";
import type { Issue } from "../model/issue.ts";
import { findSeries } from "../model/series.ts";
import { absoluteUrl, siteMetadata } from "../site.ts";
import { contentStateFor } from "./content-state.ts";
import type { EleventyConfig } from "./eleventy-config.ts";

/** Options for the social cards plugin. */
export interface CardsOptions {
  /** The design tokens whose light scheme colours the cards.
   *  @default "assets/styles/_tokens.scss" */
  tokens?: string;
  /** Where drawn cards are kept between builds, by their key; `NEWSLETTER_CARDS_CACHE` overrides it.
   *  @default ".cache/cards" */
  cacheFolder?: string;
}

/** A page's card as its head meta names it. */
export interface SocialImage {
  url: string;
  width: number;
  height: number;
  alt: string;
}

const logoTypes: Record<string, string> = { ".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".svg": "image/svg+xml", ".webp": "image/webp", ".gif": "image/gif" };

/**
 * Draws a 1200x630 card for the home page, each series archive and each issue into the build's
 * output (`/cards/…`), each drawn only when what it shows changed (src/cards/). Layouts read a
 * page's card with `{% set card = issue | socialCard(archive) %}`.
 */
export function cardsPlugin(eleventyConfig: EleventyConfig, options: CardsOptions = {}): void {
  const state = contentStateFor(eleventyConfig);
  const site = siteMetadata();
  const cardSite: CardSite = { title: site.title, description: site.description, baseUrl: site.baseUrl, publisherName: site.publisher.name };
  const readable = memoise((text: string) => {
    const parsed = parseIssueDate(text);
    return parsed ? readableDate(parsed) : text;
  });
  const date = (issue: Pick<Issue, "date">) => readable(issue.date);
  let measures: CardMeasures | undefined;
  // Cards already in this output folder, by path, with their keys: `npm start` rebuilds place only those that changed.
  const placed = new Map<string, string>();
  let placedIn = "";

  eleventyConfig.addFilter("socialCard", (issue: Issue | undefined, archive: ArchivePage | undefined): SocialImage => {
    // The publisher chose one of the issue's own images for its previews.
    const chosen = issue?.imageFromFrontMatter ? featuredImage(issue, site.baseUrl) : undefined;
    if (chosen) return { url: chosen.url, width: chosen.width, height: chosen.height, alt: chosen.alt || issue?.title || "" };
    let content: CardContent;
    if (issue) content = issueCard(issue, findSeries(issue.seriesId), date(issue), cardSite);
    else {
      const series = archive?.kind === "series" ? findSeries(archive.key.slice("series:".length)) : undefined;
      content = series ? seriesCard(series, cardSite) : homeCard(cardSite);
    }
    return { url: absoluteUrl(cardPathFor(issue, archive), site.baseUrl), ...cardSize, alt: content.alt };
  });

  eleventyConfig.on("eleventy.after", async ({ directories }: { directories: { output: string } }) => {
    const started = performance.now();
    const tokens = options.tokens ?? "assets/styles/_tokens.scss";
    const palette = cardPalette(readFileSync(tokens, "utf8"), tokens);
    const logoFile = newsletterConfig().site.publisher.logo;
    const logoType = logoFile ? logoTypes[path.extname(logoFile).toLowerCase()] : undefined;
    const logo: CardLogo | undefined =
      logoFile && logoType ? { hash: createHash("sha256").update(readFileSync(logoFile)).digest("hex"), type: logoType } : undefined;
    measures ??= cardMeasures();
    const renderer = { fonts: cardFontsHash(), versions: rendererVersions() };
    const cacheFolder = path.resolve(process.env.NEWSLETTER_CARDS_CACHE || options.cacheFolder || ".cache/cards");
    await mkdir(cacheFolder, { recursive: true }).catch((error: Error) => {
      throw new Error(`social cards: expected a folder to keep cards in at ${cacheFolder} (NEWSLETTER_CARDS_CACHE or .cache/cards), got ${error.message}`);
    });

    const cards = siteCards(state.index(), { site: cardSite, series: (id) => findSeries(id), date }).map((content) => {
      const drawing = designCard(content, { publisher: site.publisher.name, ...(logo ? { logo } : {}), palette, measures: measures as CardMeasures });
      const key = cardKey(drawing, renderer);
      return { path: content.path, drawing, key, file: path.join(cacheFolder, `${key}.png`) };
    });
    const jobs: CardJob[] = [];
    const seen = new Set<string>();
    for (const card of cards) {
      if (seen.has(card.key) || existsSync(card.file)) continue;
      seen.add(card.key);
      jobs.push({ path: card.path, drawing: card.drawing, file: card.file });
    }
    await renderCards(jobs, { logo: logoFile && logoType ? { file: logoFile, type: logoType } : undefined });

    if (placedIn !== directories.output) placed.clear();
    placedIn = directories.output;
    const output = path.resolve(directories.output);
    for (const folder of new Set(cards.map((card) => path.dirname(path.join(output, card.path))))) await mkdir(folder, { recursive: true });
    const due = cards.filter((card) => placed.get(card.path) !== card.key);
    for (let start = 0; start < due.length; start += placeBatch) {
      await Promise.all(due.slice(start, start + placeBatch).map((card) => placeFile(card.file, path.join(output, card.path), { replace: true })));
    }
    for (const card of due) placed.set(card.path, card.key);
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(`Social cards: ${jobs.length} drawn, ${cards.length - jobs.length} from the cache, in ${seconds} s.`);
  });
}

/** Cards placed at once: enough to overlap the file system's work, few enough for the file handles. */
const placeBatch = 64;
