// From an export's posts to the files an import would write: each issue's text and images,
// nothing written yet. Pure but for reading images beside the export.
import { DateTime } from "luxon";
import type { NewsletterConfig } from "../config/newsletter-config.ts";
import { slugify } from "../model/slug.ts";
import { convertHtml, HtmlNestingError } from "./html-to-markdown.ts";
import { imageFinder, imageNamer, type ImageOrigin } from "./images.ts";
import { importedIssueText, markdownText, summaryFrom } from "./issue-text.ts";
import type { ExportContents, SourcePost } from "./source-post.ts";

/** Options of a run that shape the issues. */
export interface PlanOptions {
  /** `--series ID`: the series of every issue, unless a tag maps it elsewhere. */
  series?: string;
  /** `--series-from-tag tag=series`: by tag slug. */
  seriesFromTag: ReadonlyMap<string, string>;
  /** "Now", for what counts as scheduled. */
  now: Date;
}

/** One issue an import would write. */
export interface PlannedIssue {
  origin: string;
  /** Content-relative file name: `2021-03-04-my-post.md`. */
  file: string;
  slug: string;
  text: string;
  /** Images to write, content-relative (`my-post/chart.png`). */
  images: { file: string; bytes: Uint8Array }[];
  /** Remote images the publisher fetches, and where each goes. */
  fetch: { url: string; file: string }[];
  /** Why the issue is a draft, if it is. */
  draft?: "unpublished" | "scheduled" | "paid-only";
  lossy: string[];
  missing: string[];
  placeholders: string[];
  redirect?: string;
  /** `YYYY-MM-DD`, in newsletter.yml's time zone. */
  date: string;
}

/** A post that could not become an issue, and why. */
export interface PlanFailure {
  origin: string;
  reason: string;
}

export function planIssues(contents: ExportContents, config: NewsletterConfig, options: PlanOptions): { planned: PlannedIssue[]; failures: PlanFailure[] } {
  const find = imageFinder(contents);
  const planned: PlannedIssue[] = [];
  const failures: PlanFailure[] = [];
  const slugs = new Set<string>();
  for (const post of contents.posts) {
    const date = issueDate(post.date, config.site.timeZone);
    if (!date) {
      // An undated draft gets no made-up date: today's would change the file's name on every run.
      const why = post.date === undefined && post.status !== "published" ? " (a draft the export never dated; date it there, or write it by hand)" : "";
      failures.push({ origin: post.origin, reason: `date: expected a publication date, got ${post.date === undefined ? "none" : JSON.stringify(post.date)}${why}` });
      continue;
    }
    let slug = slugify(post.slug) || slugify(post.title);
    if (!slug) {
      failures.push({ origin: post.origin, reason: "slug: expected a slug or title with a letter or digit, got none" });
      continue;
    }
    // Two posts of one slug (a Ghost post and its copy, say) get two addresses.
    const base = slug;
    for (let n = 2; slugs.has(slug); n++) slug = `${base}-${n}`;
    slugs.add(slug);
    try {
      planned.push(planIssue(post, { slug, date, find, config, options }));
    } catch (error) {
      if (!(error instanceof HtmlNestingError)) throw error;
      failures.push({ origin: post.origin, reason: `body: ${error.message}` });
    }
  }
  return { planned, failures };
}

/** `YYYY-MM-DD` in `zone` of a time as exports write it; a time without an offset is read as UTC. */
export function issueDate(text: string | undefined, zone: string): string | undefined {
  const instant = parseInstant(text);
  return instant?.setZone(zone).toISODate() ?? undefined;
}

export function parseInstant(text: string | undefined): DateTime | undefined {
  const trimmed = text?.trim();
  if (!trimmed) return undefined;
  for (const parse of [DateTime.fromISO, DateTime.fromRFC2822, DateTime.fromSQL, DateTime.fromHTTP]) {
    const time = parse(trimmed, { zone: "utc", setZone: true });
    if (time.isValid) return time;
  }
  return undefined;
}

interface PlanContext {
  slug: string;
  date: string;
  find: (src: string) => ImageOrigin;
  config: NewsletterConfig;
  options: PlanOptions;
}

function planIssue(post: SourcePost, { slug, date, find, config, options }: PlanContext): PlannedIssue {
  const lossy: string[] = [...(post.lossy ?? [])];
  const missing: string[] = [];
  const placeholders: string[] = [];
  const images = new Map<string, { file: string; bytes: Uint8Array }>();
  const fetch = new Map<string, { url: string; file: string }>();
  const name = imageNamer();
  const image = (src: string): string => {
    const file = `${slug}/${name(src)}`;
    const origin = find(src);
    if (origin.kind === "local") images.set(file, { file, bytes: origin.bytes });
    else if (origin.kind === "remote") fetch.set(file, { url: origin.url, file });
    else missing.push(`${file}: ${origin.reason}`);
    return file;
  };
  const context = { image, lossy: (what: string) => lossy.push(what), placeholderAlt: (file: string) => placeholders.push(`${slug}/${file}`) };
  let body: string;
  let bodyText: string;
  if ("html" in post.body) {
    ({ markdown: body, text: bodyText } = convertHtml(post.body.html, context));
  } else {
    body = markdownImages(post.body.markdown, context);
    bodyText = markdownText(post.body.markdown);
  }
  if (post.featureImage) {
    const { src, alt, caption } = post.featureImage;
    const target = image(src);
    const altText = alt?.trim() || caption?.trim() || (placeholders.push(target), `TODO: describe ${target.split("/").pop()}`);
    const title = caption ? ` "${caption.replace(/["\\]/g, "\\$&")}"` : "";
    body = `![${altText.replace(/[[\]\\]/g, "\\$&")}](${target}${title})\n\n${body}`;
  }
  if (!body.trim()) {
    lossy.push("a post with no text; its title stands in for it");
    body = post.title;
  }
  const scheduled = post.status === "scheduled" || (post.status === "published" && (parseInstant(post.date)?.toJSDate() ?? options.now) > options.now);
  const draft = post.paidOnly ? "paid-only" : post.status === "draft" ? "unpublished" : scheduled ? "scheduled" : undefined;
  const tagSlugs = post.tags.map((tag) => slugify(tag));
  const mapped = tagSlugs.map((tag) => options.seriesFromTag.get(tag)).find((series) => series !== undefined);
  const series = mapped ?? options.series ?? config.defaultSeries;
  const text = importedIssueText(
    {
      title: post.title.trim(),
      date,
      ...(series && series !== config.defaultSeries ? { series } : {}),
      summary: summaryFrom(post.summary, bodyText, post.title),
      tags: unique(post.tags.map((tag) => tag.trim()).filter(Boolean)),
      authors: unique(post.authors.map((author) => author.trim()).filter(Boolean)),
      draft: draft !== undefined,
      ...(post.sourceUrl ? { source: post.sourceUrl } : {}),
      aliases: post.oldPath && post.oldPath !== `/issues/${slug}/` ? [post.oldPath] : [],
    },
    body,
  );
  return {
    origin: post.origin,
    file: `${date}-${slug}.md`,
    slug,
    text,
    images: [...images.values()],
    fetch: [...fetch.values()],
    ...(draft ? { draft } : {}),
    lossy,
    missing,
    placeholders,
    ...(post.oldPath && post.oldPath !== `/issues/${slug}/` ? { redirect: post.oldPath } : {}),
    date,
  };
}

function unique(items: string[]): string[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const key = item.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** A Markdown body's images (`![alt](src)`) pointed at where the import puts them. */
function markdownImages(markdown: string, context: { image(src: string): string; placeholderAlt(file: string): void }): string {
  return markdown.replace(/!\[([^\]]*)\]\(\s*<?([^\s)>]+)>?(\s+"[^"]*")?\s*\)/g, (_, alt: string, src: string, title: string | undefined) => {
    const target = context.image(src);
    let text = alt.trim();
    if (!text) {
      context.placeholderAlt(target.split("/").pop() ?? target);
      text = `TODO: describe ${target.split("/").pop()}`;
    }
    return `![${text}](${target}${title ?? ""})`;
  });
}
