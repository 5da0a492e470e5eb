/** One entry of an issue's table of contents. */
export interface TocEntry {
  id: string;
  /** Plain text of the heading. */
  text: string;
  level: number;
}

const headingPattern = /<h([23])\b[^>]*\bid="([^"]+)"[^>]*>([\s\S]*?)<\/h\1>/g;

/** The `<h2>`/`<h3>` headings of rendered issue HTML that carry an id, in document order. */
export function tableOfContents(html: string): TocEntry[] {
  return [...html.matchAll(headingPattern)].map(([, level, id, inner]) => ({
    id: id ?? "",
    text: plainText(inner ?? ""),
    level: Number(level),
  }));
}

/** Issues with this many headings at `##` or `###` or more show a table of contents.
 *  @default 3 */
export const tocMinimumHeadings = 3;

/** One item of the nested contents list: a heading and the `###` headings under it. */
export interface ContentsItem {
  id: string;
  text: string;
  children: { id: string; text: string }[];
}

/** Nests each `###` inside the item of the `##` before it; a `###` with no `##` before it stands on its own. */
export function nestContents(entries: readonly TocEntry[]): ContentsItem[] {
  const items: ContentsItem[] = [];
  let section: ContentsItem | undefined;
  for (const { id, text, level } of entries) {
    if (level === 3 && section) section.children.push({ id, text });
    else {
      const item: ContentsItem = { id, text, children: [] };
      items.push(item);
      section = level === 2 ? item : undefined;
    }
  }
  return items;
}

/** The contents list of rendered issue HTML, or none when it has fewer than `tocMinimumHeadings` headings. */
export function contentsList(html: string): ContentsItem[] {
  const entries = tableOfContents(html);
  return entries.length >= tocMinimumHeadings ? nestContents(entries) : [];
}

const katexStart = '<span class="katex';

function plainText(html: string): string {
  // `[^<>]`: a `<` with no `>` after it must not scan to the end of the text again for each `<`.
  return replaceMaths(html)
    .replace(/<[^<>]+>/g, "")
    .replace(/&(lt|gt|quot|#39|amp);/g, (_, entity: string) => ({ lt: "<", gt: ">", quot: '"', "#39": "'", amp: "&" })[entity] ?? "")
    .replace(/\s+/g, " ")
    .trim();
}

/** Each KaTeX rendering, found by balancing its nested spans, replaced by its TeX source, in one pass. */
function replaceMaths(html: string): string {
  let start = html.indexOf(katexStart);
  if (start === -1) return html;
  const tags = /<span\b|<\/span>/g;
  let kept = "";
  let from = 0;
  while (start !== -1) {
    tags.lastIndex = start;
    let depth = 0;
    let end = html.length;
    for (let match = tags.exec(html); match; match = tags.exec(html)) {
      depth += match[0] === "</span>" ? -1 : 1;
      if (depth === 0) {
        end = tags.lastIndex;
        break;
      }
    }
    const tex = /<annotation[^>]*>([\s\S]*?)<\/annotation>/.exec(html.slice(start, end))?.[1] ?? "";
    kept += html.slice(from, start) + tex;
    from = end;
    start = html.indexOf(katexStart, end);
  }
  return kept + html.slice(from);
}
