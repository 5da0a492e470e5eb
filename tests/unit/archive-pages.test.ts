import { describe, expect, test } from "vitest";
import { archiveEntry, buildArchives, pageHref, paginate, type ArchiveEntry, type ArchivePage } from "../../src/model/archive-pages.ts";
import { sortIssuesNewestFirst } from "../../src/model/collections.ts";
import type { TaggedItem } from "../../src/markdown/tagged-items.ts";
import type { Issue } from "../../src/model/issue.ts";
import { newsletterSeries, type Series } from "../../src/model/series.ts";
import { normaliseTags } from "../../src/model/tags.ts";
import { issue } from "../support/issue-builder.ts";


function item(id: string, tags: string[]): TaggedItem {
  return { id, title: `Item ${id}`, tags: normaliseTags(tags) };
}

const urls = (issues: readonly Issue[]) => issues.map((each) => each.url);
const pageUrls = (pages: readonly ArchivePage[]) => pages.flatMap((page) => page.items.map((entry) => entry.issue.url));
const pagesOf = (pages: readonly ArchivePage[], key: string) => pages.filter((page) => page.key === key);

/** `count` issues, one a day, newest first. */
function entries(count: number): ArchiveEntry[] {
  return Array.from({ length: count }, (_, index) =>
    archiveEntry(issue(`i${String(index).padStart(3, "0")}`, new Date(Date.UTC(2022, 0, 1) - index * 86_400_000).toISOString().slice(0, 10)), [], 5),
  );
}

const tagArchive = { key: "tag:x", kind: "tag", title: "Tagged “x”", description: "Issues tagged “x”, newest first." } as const;
const homeArchive = { key: "home", kind: "home", title: "Latest issues", description: "The archive." } as const;

describe("pageHref", () => {
  test.each([
    ["/", 1, "/"],
    ["/", 2, "/page/2/"],
    ["/", 10, "/page/10/"],
    ["/tags/x/", 1, "/tags/x/"],
    ["/tags/x/", 3, "/tags/x/page/3/"],
    ["/series/lab-notes/", 2, "/series/lab-notes/page/2/"],
  ])("page of %j number %i is %j", (base, pageNumber, href) => {
    expect(pageHref(base, pageNumber)).toBe(href);
  });
});

describe("paginate", () => {
  test.each([
    // entries, page size, items per page
    [0, 10, [0]],
    [1, 10, [1]],
    [9, 10, [9]],
    [10, 10, [10]],
    [11, 10, [10, 1]],
    [20, 10, [10, 10]],
    [25, 10, [10, 10, 5]],
    [3, 1, [1, 1, 1]],
  ])("%i entries at %i a page make pages of %j", (count, pageSize, sizes) => {
    const input = entries(count);
    const pages = paginate(tagArchive, "/tags/x/", input, pageSize);
    expect(pages.map((page) => page.items.length)).toEqual(sizes);
    expect(pages.map((page) => page.pageNumber)).toEqual(sizes.map((_, index) => index + 1));
    for (const page of pages) {
      expect(page.pageCount).toBe(sizes.length);
      expect(page.total).toBe(count);
      expect(page.first).toBe("/tags/x/");
      expect(page.last).toBe(pages.at(-1)?.href);
    }
    // Every entry once, in order.
    expect(pages.flatMap((page) => page.items)).toEqual(input);
  });

  test("an empty archive is one empty page with no prev or next", () => {
    const pages = paginate(homeArchive, "/", [], 10);
    expect(pages).toHaveLength(1);
    expect(pages[0]).toMatchObject({ pageNumber: 1, pageCount: 1, total: 0, items: [], href: "/", first: "/", last: "/" });
    expect(pages[0]?.prev).toBeUndefined();
    expect(pages[0]?.next).toBeUndefined();
  });

  test("exactly one page of entries is one page with no prev or next", () => {
    const pages = paginate(tagArchive, "/tags/x/", entries(4), 4);
    expect(pages).toHaveLength(1);
    expect(pages[0]?.prev).toBeUndefined();
    expect(pages[0]?.next).toBeUndefined();
    expect(pages[0]?.last).toBe("/tags/x/");
  });

  test("one more than a page is two pages, the second with one entry", () => {
    const input = entries(5);
    const pages = paginate(tagArchive, "/tags/x/", input, 4);
    expect(pages).toHaveLength(2);
    expect(pages[1]?.items).toEqual([input[4]]);
    expect(pages.map((page) => [page.href, page.prev, page.next])).toEqual([
      ["/tags/x/", undefined, "/tags/x/page/2/"],
      ["/tags/x/page/2/", "/tags/x/", undefined],
    ]);
  });

  test("pages link first, prev, next and last", () => {
    const pages = paginate(homeArchive, "/", entries(7), 2);
    expect(pages.map((page) => ({ href: page.href, first: page.first, prev: page.prev, next: page.next, last: page.last }))).toEqual([
      { href: "/", first: "/", prev: undefined, next: "/page/2/", last: "/page/4/" },
      { href: "/page/2/", first: "/", prev: "/", next: "/page/3/", last: "/page/4/" },
      { href: "/page/3/", first: "/", prev: "/page/2/", next: "/page/4/", last: "/page/4/" },
      { href: "/page/4/", first: "/", prev: "/page/3/", next: undefined, last: "/page/4/" },
    ]);
  });

  test.each([
    ["home", homeArchive, "/", 3, ["", "Latest issues, page 2 of 3", "Latest issues, page 3 of 3"]],
    ["home, one page", homeArchive, "/", 1, [""]],
    ["tag", tagArchive, "/tags/x/", 3, ["Tagged “x”", "Tagged “x”, page 2 of 3", "Tagged “x”, page 3 of 3"]],
    ["series, one page", { key: "series:lab-notes", kind: "series", title: "Lab Notes", description: "" } as const, "/series/lab-notes/", 1, ["Lab Notes"]],
    ["series", { key: "series:lab-notes", kind: "series", title: "Lab Notes", description: "" } as const, "/series/lab-notes/", 2, ["Lab Notes", "Lab Notes, page 2 of 2"]],
  ])("document titles of a %s archive", (_, archive, base, pageCount, titles) => {
    const pages = paginate(archive, base, entries(pageCount * 2), 2);
    expect(pages.map((page) => page.documentTitle)).toEqual(titles);
  });

  test("every page keeps the archive's key, kind, title and description", () => {
    for (const page of paginate(tagArchive, "/tags/x/", entries(5), 2)) {
      expect(page).toMatchObject(tagArchive);
    }
  });

  test.each([[0], [-1], [1.5], [Number.NaN], [Number.POSITIVE_INFINITY]])("a page size of %d throws", (pageSize) => {
    expect(() => paginate(tagArchive, "/tags/x/", entries(3), pageSize)).toThrow(/page size/);
  });
});

describe("buildArchives", () => {
  const registry: readonly Series[] = [
    { id: "first", title: "First Series", description: "The first." },
    { id: "empty", title: "Empty Series", description: "Nothing yet." },
    { id: "second", title: "Second Series", description: "The second." },
  ];
  const issues = sortIssuesNewestFirst([
    issue("a", "2022-05-01", { tags: ["Machine Learning", "bias"], seriesId: "first" }),
    issue("b", "2022-04-01", { tags: ["#machine-learning"], seriesId: "second" }),
    issue("c", "2022-03-01", { tags: ["MACHINE-LEARNING", "#Bias", "vision"], seriesId: "first" }),
    issue("d", "2022-03-01", { tags: ["vision"], seriesId: "second" }),
    issue("e", "2022-02-01", { tags: ["audio"], seriesId: "first" }),
    issue("f", "2022-01-01", { tags: [], seriesId: "unregistered" }),
    issue("g", "2021-12-01", { tags: ["Bias"], seriesId: "first" }),
  ]);
  const archives = buildArchives(issues, registry, { pageSize: 2, homeDescription: "Everything." });

  test("the home archive lists every issue once, newest first, across its pages", () => {
    const home = pagesOf(archives.pages, "home");
    expect(home).toHaveLength(4);
    expect(pageUrls(home)).toEqual(["/issues/a/", "/issues/b/", "/issues/c/", "/issues/d/", "/issues/e/", "/issues/f/", "/issues/g/"]);
    expect(home.map((page) => page.href)).toEqual(["/", "/page/2/", "/page/3/", "/page/4/"]);
    expect(home.map((page) => page.documentTitle)).toEqual(["", "Latest issues, page 2 of 4", "Latest issues, page 3 of 4", "Latest issues, page 4 of 4"]);
    for (const page of home) {
      expect(page).toMatchObject({ kind: "home", title: "Latest issues", description: "Everything.", total: 7 });
      expect(page.items.every((entry) => entry.items.length === 0)).toBe(true);
    }
  });

  test.each([
    ["machine-learning", "Machine Learning", ["/issues/a/", "/issues/b/", "/issues/c/"]],
    ["bias", "bias", ["/issues/a/", "/issues/c/", "/issues/g/"]],
    ["vision", "vision", ["/issues/c/", "/issues/d/"]],
    ["audio", "audio", ["/issues/e/"]],
  ])("the %s archive (named %j) holds exactly the issues tagged with it, in order", (slug, name, expected) => {
    const pages = pagesOf(archives.pages, `tag:${slug}`);
    expect(pageUrls(pages)).toEqual(expected);
    expect(pages.map((page) => page.href)).toEqual(
      Array.from({ length: Math.ceil(expected.length / 2) }, (_, index) => pageHref(`/tags/${slug}/`, index + 1)),
    );
    for (const page of pages) {
      expect(page).toMatchObject({
        kind: "tag",
        title: `Tagged “${name}”`,
        description: `Issues tagged “${name}”, newest first.`,
        total: expected.length,
      });
    }
  });

  test("tags differing only in case or # are one archive", () => {
    const tagKeys = [...new Set(archives.pages.filter((page) => page.kind === "tag").map((page) => page.key))];
    expect(tagKeys.sort()).toEqual(["tag:audio", "tag:bias", "tag:machine-learning", "tag:vision"]);
    expect(pagesOf(archives.pages, "tag:machine-learning")[0]?.total).toBe(3);
  });

  test("tag summaries are sorted by issue count, then slug, and link to their archive", () => {
    expect(archives.tags).toEqual([
      { slug: "bias", name: "bias", count: 3, href: "/tags/bias/" },
      { slug: "machine-learning", name: "Machine Learning", count: 3, href: "/tags/machine-learning/" },
      { slug: "vision", name: "vision", count: 2, href: "/tags/vision/" },
      { slug: "audio", name: "audio", count: 1, href: "/tags/audio/" },
    ]);
  });

  test("series archives keep registry order and include empty series", () => {
    expect(archives.series).toEqual([
      { ...registry[0], count: 4, href: "/series/first/" },
      { ...registry[1], count: 0, href: "/series/empty/" },
      { ...registry[2], count: 2, href: "/series/second/" },
    ]);
    expect(pageUrls(pagesOf(archives.pages, "series:first"))).toEqual(["/issues/a/", "/issues/c/", "/issues/e/", "/issues/g/"]);
    expect(pageUrls(pagesOf(archives.pages, "series:second"))).toEqual(["/issues/b/", "/issues/d/"]);
    const empty = pagesOf(archives.pages, "series:empty");
    expect(empty).toHaveLength(1);
    expect(empty[0]).toMatchObject({ kind: "series", title: "Empty Series", description: "Nothing yet.", items: [], href: "/series/empty/", total: 0 });
  });

  test("an issue of an unregistered series is on the home archive but in no series archive", () => {
    const seriesUrls = pageUrls(archives.pages.filter((page) => page.kind === "series"));
    expect(seriesUrls).not.toContain("/issues/f/");
    expect(pageUrls(pagesOf(archives.pages, "home"))).toContain("/issues/f/");
  });

  test("pages come home first, then tags in summary order, then series in registry order", () => {
    const keys = [...new Set(archives.pages.map((page) => page.key))];
    expect(keys).toEqual(["home", "tag:bias", "tag:machine-learning", "tag:vision", "tag:audio", "series:first", "series:empty", "series:second"]);
  });

  test("the page size defaults to 10 and the home title can be changed", () => {
    const many = sortIssuesNewestFirst(entries(21).map((entry) => entry.issue));
    const home = pagesOf(buildArchives(many, newsletterSeries(), { homeTitle: "All issues" }).pages, "home");
    expect(home.map((page) => page.items.length)).toEqual([10, 10, 1]);
    expect(home.map((page) => page.documentTitle)).toEqual(["", "All issues, page 2 of 3", "All issues, page 3 of 3"]);
  });

  test("an invalid page size throws", () => {
    expect(() => buildArchives(issues, registry, { pageSize: 0 })).toThrow(/page size/);
  });

  test("no issues: one empty home page, no tags, every series empty", () => {
    const empty = buildArchives([], registry);
    expect(empty.tags).toEqual([]);
    expect(empty.series.map((series) => series.count)).toEqual([0, 0, 0]);
    expect(empty.pages.map((page) => [page.key, page.items.length])).toEqual([
      ["home", 0],
      ["series:first", 0],
      ["series:empty", 0],
      ["series:second", 0],
    ]);
  });

  describe("tagged items on tag pages", () => {
    const digest = issue("digest", "2022-06-01", {
      tags: ["performance", "bias", "front-matter-only"],
      items: [item("fast-models", ["#performance"]), item("fair-models", ["#Bias"]), item("fast-and-fair", ["#bias", "#Performance"])],
    });
    const plain = issue("plain", "2022-05-01", { tags: ["performance"] });
    const built = buildArchives([digest, plain], newsletterSeries(), { pageSize: 10 });
    const entryOf = (key: string, url: string) =>
      pagesOf(built.pages, key)
        .flatMap((page) => page.items)
        .find((entry) => entry.issue.url === url);

    test.each([
      ["tag:performance", "/issues/digest/", ["fast-models", "fast-and-fair"]],
      ["tag:bias", "/issues/digest/", ["fair-models", "fast-and-fair"]],
      ["tag:front-matter-only", "/issues/digest/", []],
      ["tag:performance", "/issues/plain/", []],
      ["home", "/issues/digest/", []],
      ["series:link-digest", "/issues/digest/", []],
    ])("on %s, %s carries the items %j", (key, url, ids) => {
      const entry = entryOf(key, url);
      expect(entry).toBeDefined();
      expect(entry?.items.map((each) => each.id)).toEqual(ids);
    });

    test("the items are the issue's own TaggedItem objects", () => {
      expect(entryOf("tag:bias", "/issues/digest/")?.items).toEqual([digest.items[1], digest.items[2]]);
    });
  });

  describe("an issue's tags on archive pages", () => {
    const names = Array.from({ length: 30 }, (_, index) => `tag ${index + 1}`);
    const many = issue("many", "2022-06-01", { tags: names });
    const few = issue("few", "2022-05-01", { tags: ["tag 1", "other"] });
    const entriesOf = (built: ReturnType<typeof buildArchives>) => built.pages.flatMap((page) => page.items.map((entry) => [page.key, entry] as const));

    test("every archive lists an issue with its first 5 tags and the count of the rest", () => {
      const listed = entriesOf(buildArchives([many, few], newsletterSeries()));
      // Home, one series and 31 tag archives list `many` or `few`.
      expect(listed.filter(([, entry]) => entry.issue === many)).toHaveLength(1 + 1 + 30);
      for (const [key, entry] of listed) {
        const expected = entry.issue === many ? { names: names.slice(0, 5), more: 25 } : { names: ["tag 1", "other"], more: 0 };
        expect(entry.tags.map((tag) => tag.name), key).toEqual(expected.names);
        expect(entry.moreTags, key).toBe(expected.more);
      }
    });

    test("the number of tags listed is an option", () => {
      const listed = entriesOf(buildArchives([many], newsletterSeries(), { tagsPerEntry: 2 }));
      expect(listed.every(([, entry]) => entry.tags.length === 2 && entry.moreTags === 28)).toBe(true);
    });

    test("the tags listed across the whole site grow with the issue's tags, not with their square", () => {
      const listedTags = (tagCount: number) =>
        entriesOf(buildArchives([issue("x", "2022-06-01", { tags: names.slice(0, tagCount) })], newsletterSeries())).reduce(
          (sum, [, entry]) => sum + entry.tags.length,
          0,
        );
      // Each of the issue's archives (home, series, one per tag) lists at most 5 of its tags.
      expect(listedTags(10)).toBe((10 + 2) * 5);
      expect(listedTags(30)).toBe((30 + 2) * 5);
    });
  });

  describe("larger archives", () => {
    // A deterministic spread of tags, series and shared dates.
    const spellings = [["Alpha"], ["#alpha", "beta"], ["BETA", "Gamma"], ["gamma", "#ALPHA", "delta"], []];
    const seriesIds = newsletterSeries().map((series) => series.id).slice(0, 3);
    const raw = Array.from({ length: 57 }, (_, index) =>
      issue(`n${String((index * 37) % 57).padStart(2, "0")}`, `2022-0${1 + (index % 4)}-0${1 + (index % 3)}`, {
        tags: spellings[index % spellings.length] ?? [],
        seriesId: seriesIds[index % seriesIds.length] ?? "link-digest",
      }),
    );
    const newestFirst = sortIssuesNewestFirst(raw);

    test.each([[1], [4], [10], [57], [100]])("at %i a page, every archive holds exactly its issues, in newest-first order", (pageSize) => {
      const built = buildArchives(newestFirst, newsletterSeries(), { pageSize });
      const home = pagesOf(built.pages, "home");
      expect(pageUrls(home)).toEqual(urls(newestFirst));
      expect(home).toHaveLength(Math.ceil(newestFirst.length / pageSize));
      expect(home.every((page) => page.items.length <= pageSize)).toBe(true);

      const slugs = [...new Set(newestFirst.flatMap((each) => each.tags.map((tag) => tag.slug)))];
      expect(built.tags.map((tag) => tag.slug).sort()).toEqual([...slugs].sort());
      for (const slug of slugs) {
        const expected = urls(newestFirst.filter((each) => each.tags.some((tag) => tag.slug === slug)));
        expect(pageUrls(pagesOf(built.pages, `tag:${slug}`)), slug).toEqual(expected);
        expect(built.tags.find((tag) => tag.slug === slug)?.count).toBe(expected.length);
      }
      for (const series of newsletterSeries()) {
        const expected = urls(newestFirst.filter((each) => each.seriesId === series.id));
        expect(pageUrls(pagesOf(built.pages, `series:${series.id}`)), series.id).toEqual(expected);
      }
      // Within every archive: newest first, and issues of the same day in URL order.
      for (const key of new Set(built.pages.map((page) => page.key))) {
        const listed = pagesOf(built.pages, key).flatMap((page) => page.items.map((entry) => entry.issue));
        listed.slice(1).forEach((later, index) => {
          const earlier = listed[index];
          expect(earlier && (earlier.date > later.date || (earlier.date === later.date && earlier.url < later.url)), key).toBe(true);
        });
      }
      for (const [a, b] of built.tags.slice(1).map((tag, index) => [built.tags[index], tag] as const)) {
        expect(a && (a.count > b.count || (a.count === b.count && a.slug < b.slug))).toBe(true);
      }
    });

    test("issues of the same day are in URL order whatever order they were given in", () => {
      const reversed = buildArchives(sortIssuesNewestFirst([...raw].reverse()), newsletterSeries(), { pageSize: 4 });
      const shuffled = buildArchives(sortIssuesNewestFirst([...raw].sort((a, b) => a.title.length - b.title.length || b.slug.localeCompare(a.slug))), newsletterSeries(), { pageSize: 4 });
      const original = buildArchives(newestFirst, newsletterSeries(), { pageSize: 4 });
      const shape = (built: typeof original) => built.pages.map((page) => [page.key, page.href, page.items.map((entry) => entry.issue.url)]);
      expect(shape(reversed)).toEqual(shape(original));
      expect(shape(shuffled)).toEqual(shape(original));
      // Same-day issues really are present and in URL order.
      const sameDay = newestFirst.filter((each) => each.date === "2022-01-01");
      expect(sameDay.length).toBeGreaterThan(1);
      expect(urls(sameDay)).toEqual([...urls(sameDay)].sort());
    });
  });
});
