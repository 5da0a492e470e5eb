/** The slice of a Pagefind result's data (`await result.data()`) the search page shows. */
export interface PagefindResultData {
  url: string;
  /** Text with the matched words in `<mark>`; Pagefind escapes `<` and `>` in it. */
  excerpt: string;
  meta: Record<string, string | undefined>;
  sub_results?: PagefindSubResult[];
}

/** A section of a page that matched: Pagefind makes one per heading with an id. */
export interface PagefindSubResult {
  title: string;
  url: string;
  excerpt: string;
  locations?: number[];
  anchor?: { element: string; id: string; text?: string };
}

/** A run of excerpt text, marked when it is a matched word. */
export interface ExcerptPart {
  text: string;
  marked: boolean;
}

/** What one search result shows: the issue, where and when it appeared, and where it matched. */
export interface ResultView {
  url: string;
  title: string;
  /** The series' title, and the issue's number in it when it has one (`#20`). */
  series: string | undefined;
  number: string | undefined;
  /** ISO date for `<time datetime>`, and as readers see it. */
  date: string | undefined;
  dateLabel: string | undefined;
  excerpt: ExcerptPart[];
  /** The picture (its `image` meta, a path of this site), shown as a thumbnail beside the title. */
  image: string | undefined;
  /** The sections that matched best, in page order, each linking to its heading. */
  sections: { title: string; url: string; excerpt: ExcerptPart[] }[];
}

/** Sections shown per result. Pagefind's own UI shows three. */
export const defaultMaxSections = 3;

/** A letter or digit: what a highlight starts and ends with. */
const wordCharacter = /[\p{L}\p{N}]/u;

/**
 * Splits a Pagefind excerpt into text runs, so the page can show it without parsing HTML: the
 * `<mark>`ed words become marked runs and the escaped `&lt;` and `&gt;` become text again.
 */
export function excerptParts(excerpt: string): ExcerptPart[] {
  const parts: ExcerptPart[] = [];
  const pattern = /<mark>([\s\S]*?)<\/mark>/g;
  let last = 0;
  const decode = (text: string) => text.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
  const push = (decoded: string, marked: boolean) => {
    if (decoded === "") return;
    const previous = parts[parts.length - 1];
    if (previous && previous.marked === marked) previous.text += decoded;
    else parts.push({ text: decoded, marked });
  };
  for (const match of excerpt.matchAll(pattern)) {
    push(decode(excerpt.slice(last, match.index)), false);
    // Pagefind marks a word with the punctuation it touches (`<mark>transformers,</mark>`): only
    // the word is highlighted, the rest stays text.
    const marked = decode(match[1] ?? "");
    let start = 0;
    let end = marked.length;
    while (start < end && !wordCharacter.test(marked[start]!)) start++;
    while (end > start && !wordCharacter.test(marked[end - 1]!)) end--;
    push(marked.slice(0, start), false);
    push(marked.slice(start, end), true);
    push(marked.slice(end), false);
    last = match.index + match[0].length;
  }
  push(decode(excerpt.slice(last)), false);
  return parts;
}

/** `10 March 2022` for `2022-03-10`, as the issue pages write it, whatever the reader's zone. */
export function readableSearchDate(isoDate: string, locale = "en-GB"): string | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!match) return undefined;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  if (date.toISOString().slice(0, 10) !== isoDate) return undefined;
  return new Intl.DateTimeFormat(locale, { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" }).format(date);
}

/**
 * The sections to show: those under a heading below the title (the part before the first `##`
 * is the issue itself), at most `max`, the ones with the most matches, kept in page order.
 */
export function matchedSections(subResults: readonly PagefindSubResult[], max = defaultMaxSections): PagefindSubResult[] {
  const sections = subResults.filter((sub) => sub.anchor !== undefined && sub.anchor.element.toLowerCase() !== "h1");
  if (sections.length <= max) return sections;
  const best = new Set(
    sections
      .map((sub, index) => ({ sub, index, matches: sub.locations?.length ?? 0 }))
      .sort((a, b) => b.matches - a.matches || a.index - b.index)
      .slice(0, max)
      .map(({ sub }) => sub),
  );
  return sections.filter((sub) => best.has(sub));
}

/** What the search page shows for one result. */
export function resultView(data: PagefindResultData, maxSections = defaultMaxSections): ResultView {
  const meta = data.meta;
  const date = meta.date?.trim() || undefined;
  return {
    url: data.url,
    title: meta.title?.trim() || data.url,
    series: meta.series?.trim() || undefined,
    number: meta.number?.trim() ? `#${meta.number.trim()}` : undefined,
    date,
    dateLabel: date === undefined ? undefined : readableSearchDate(date) ?? date,
    excerpt: excerptParts(data.excerpt),
    // Only the site's own files: the page's policy would refuse another origin's anyway.
    image: meta.image?.startsWith("/") && !meta.image.startsWith("//") ? meta.image : undefined,
    sections: matchedSections(data.sub_results ?? [], maxSections).map((sub) => ({
      title: sub.title,
      url: sub.url,
      excerpt: excerptParts(sub.excerpt),
    })),
  };
}
