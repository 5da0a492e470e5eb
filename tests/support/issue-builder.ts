import type { TaggedItem } from "../../src/markdown/tagged-items.ts";
import type { Issue } from "../../src/model/issue.ts";
import { normaliseTags } from "../../src/model/tags.ts";

/** A validated issue for unit tests: `slug` and `date` given, the rest plain defaults. */
export function issue(slug: string, date: string, options: { tags?: string[]; seriesId?: string; items?: TaggedItem[] } = {}): Issue {
  return {
    file: `issues/${date}-${slug}.md`,
    absolutePath: `/site/issues/${date}-${slug}.md`,
    slug,
    url: `/issues/${slug}/`,
    title: `Issue ${slug}`,
    date,
    seriesId: options.seriesId ?? "link-digest",
    number: undefined,
    summary: "A summary.",
    tags: normaliseTags(options.tags ?? []),
    authors: [],
    draft: false,
    source: undefined,
    words: 100,
    readingMinutes: 1,
    items: options.items ?? [],
  };
}
