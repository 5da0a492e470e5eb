import type { TaggedItem } from "../markdown/tagged-items.ts";
import type { Issue } from "./issue.ts";
import { seriesHref, type Series } from "./series.ts";
import { tagHref, type Tag } from "./tags.ts";

/** One issue on an archive page, with the items inside it that carry the archive's tag. */
export interface ArchiveEntry {
  issue: Issue;
  items: TaggedItem[];
  /** The first of the issue's tags, which the page lists: a bounded number, so that a page's size does not grow with its issues' tag counts. */
  tags: Tag[];
  /** How many more tags the issue has, shown as a count. */
  moreTags: number;
}

/** One page of one archive (home, a tag, a series): what a single template renders. */
export interface ArchivePage {
  /** `home`, `tag:<slug>` or `series:<id>`. */
  key: string;
  kind: "home" | "tag" | "series";
  /** The page's heading: "Latest issues", "Tagged “bias”", a series' title. */
  title: string;
  /** For `<title>`: the heading with "page 2 of 7" from page 2 on; "" for the site's front page. */
  documentTitle: string;
  description: string;
  pageNumber: number;
  pageCount: number;
  /** Issues in the whole archive, across its pages. */
  total: number;
  items: ArchiveEntry[];
  href: string;
  first: string;
  last: string;
  prev: string | undefined;
  next: string | undefined;
}

/** A tag with the number of issues that carry it. */
export interface TagSummary extends Tag {
  count: number;
  href: string;
}

/** A series with the number of its issues. */
export interface SeriesSummary extends Series {
  count: number;
  href: string;
}

export interface Archives {
  pages: ArchivePage[];
  /** By issue count, then slug. */
  tags: TagSummary[];
  /** In registry order. */
  series: SeriesSummary[];
}

interface ArchiveOptions {
  /** Issues per archive page.
   *  @default 10 */
  pageSize?: number;
  /** Tags listed with each issue on an archive page; the rest are counted.
   *  @default 5 */
  tagsPerEntry?: number;
  homeTitle?: string;
  homeDescription?: string;
}

/** An issue as an archive page lists it: its first `tagsShown` tags and the count of the others. */
export function archiveEntry(issue: Issue, items: TaggedItem[], tagsShown: number): ArchiveEntry {
  const tags = issue.tags.slice(0, tagsShown);
  return { issue, items, tags, moreTags: issue.tags.length - tags.length };
}

/** The URL of page `n` of an archive whose first page is `baseHref`: `/tags/x/`, `/tags/x/page/2/`. */
export function pageHref(baseHref: string, pageNumber: number): string {
  return pageNumber === 1 ? baseHref : `${baseHref}page/${pageNumber}/`;
}

/** Splits an archive's entries into pages linked first/prev/next/last. An empty archive has one empty page. */
export function paginate(
  archive: Pick<ArchivePage, "key" | "kind" | "title" | "description">,
  baseHref: string,
  entries: readonly ArchiveEntry[],
  pageSize: number,
): ArchivePage[] {
  if (!Number.isInteger(pageSize) || pageSize < 1) throw new Error(`archives: expected a page size of 1 or more, got ${pageSize}`);
  const pageCount = Math.max(1, Math.ceil(entries.length / pageSize));
  return Array.from({ length: pageCount }, (_, index) => {
    const pageNumber = index + 1;
    const pageSuffix = pageNumber > 1 ? `, page ${pageNumber} of ${pageCount}` : "";
    return {
      ...archive,
      documentTitle: archive.kind === "home" && pageNumber === 1 ? "" : `${archive.title}${pageSuffix}`,
      pageNumber,
      pageCount,
      total: entries.length,
      items: entries.slice(index * pageSize, pageNumber * pageSize),
      href: pageHref(baseHref, pageNumber),
      first: baseHref,
      last: pageHref(baseHref, pageCount),
      prev: pageNumber > 1 ? pageHref(baseHref, pageNumber - 1) : undefined,
      next: pageNumber < pageCount ? pageHref(baseHref, pageNumber + 1) : undefined,
    };
  });
}

/**
 * Every archive page of the site in one pass over the issues (issues × tags per issue): the home
 * archive, one archive per tag and one per series, each newest first and paginated.
 */
export function buildArchives(newestFirst: readonly Issue[], registry: readonly Series[], options: ArchiveOptions = {}): Archives {
  const pageSize = options.pageSize ?? 10;
  const tagsShown = options.tagsPerEntry ?? 5;
  const byTag = new Map<string, { tag: Tag; entries: ArchiveEntry[] }>();
  const bySeries = new Map<string, ArchiveEntry[]>(registry.map((series) => [series.id, []]));
  const homeEntries: ArchiveEntry[] = [];
  for (const issue of newestFirst) {
    // One entry serves every archive the issue is listed in but those with tagged items.
    const plain = archiveEntry(issue, [], tagsShown);
    homeEntries.push(plain);
    bySeries.get(issue.seriesId)?.push(plain);
    for (const tag of issue.tags) {
      const group = byTag.get(tag.slug) ?? { tag, entries: [] };
      const items = issue.items.filter((item) => item.tags.some((itemTag) => itemTag.slug === tag.slug));
      group.entries.push(items.length ? { ...plain, items } : plain);
      byTag.set(tag.slug, group);
    }
  }

  const tags = [...byTag.values()]
    .map(({ tag, entries }) => ({ ...tag, count: entries.length, href: tagHref(tag.slug) }))
    .sort((a, b) => b.count - a.count || a.slug.localeCompare(b.slug));
  const series = registry.map((entry) => ({ ...entry, count: bySeries.get(entry.id)?.length ?? 0, href: seriesHref(entry.id) }));

  const home = paginate(
    { key: "home", kind: "home", title: options.homeTitle ?? "Latest issues", description: options.homeDescription ?? "" },
    "/",
    homeEntries,
    pageSize,
  );
  const tagPages = tags.flatMap((tag) =>
    paginate(
      { key: `tag:${tag.slug}`, kind: "tag", title: `Tagged “${tag.name}”`, description: `Issues tagged “${tag.name}”, newest first.` },
      tag.href,
      byTag.get(tag.slug)?.entries ?? [],
      pageSize,
    ),
  );
  const seriesPages = series.flatMap((entry) =>
    paginate(
      { key: `series:${entry.id}`, kind: "series", title: entry.title, description: entry.description },
      entry.href,
      bySeries.get(entry.id) ?? [],
      pageSize,
    ),
  );
  return { pages: [...home, ...tagPages, ...seriesPages], tags, series };
}
