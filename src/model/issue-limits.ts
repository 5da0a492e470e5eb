/**
 * The most an issue may hold of what pages and feeds show, so that one issue cannot make the
 * site's output grow without bound (every tag page lists the issue). Lengths count characters
 * (code points) of the text as shown, after trimming.
 */
export const issueLimits = {
  /** Characters of the title. */
  titleLength: 200,
  /** Characters of the summary. */
  summaryLength: 400,
  /** Authors named in `authors`. */
  authors: 20,
  /** Characters of each author's name. */
  authorLength: 100,
  /** Tags of the issue: front matter tags and hashtags together, after spellings of one tag are merged. */
  tags: 30,
  /** Characters of each tag's display name. */
  tagLength: 50,
} as const;

/** Characters (code points) of `text`. */
export function characterCount(text: string): number {
  let count = text.length;
  // Each pair of surrogates is one character.
  for (let at = 0; at < text.length - 1; at++) {
    const unit = text.charCodeAt(at);
    if (unit >= 0xd800 && unit <= 0xdbff) {
      const next = text.charCodeAt(at + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        count--;
        at++;
      }
    }
  }
  return count;
}

/** A front matter field over its limit, for `FILE: field: expected X, got Y`. */
export interface LimitProblem {
  field: string;
  expected: string;
  got: string;
}

/**
 * The title, summary and authors of parsed front matter that exceed `issueLimits`. Fields that
 * are not text (or lists of text) are left to the schema's own messages.
 */
export function fieldLimitProblems(data: Readonly<Record<string, unknown>>): LimitProblem[] {
  const problems: LimitProblem[] = [];
  const tooLong = (field: string, value: unknown, limit: number, what: string) => {
    if (typeof value !== "string") return;
    const length = characterCount(value.trim());
    if (length > limit) problems.push({ field, expected: `${what} of at most ${limit} characters`, got: `${length} characters` });
  };
  tooLong("title", data.title, issueLimits.titleLength, "a title");
  tooLong("summary", data.summary, issueLimits.summaryLength, "a summary");
  const authors = data.authors;
  if (Array.isArray(authors)) {
    if (authors.length > issueLimits.authors) {
      problems.push({ field: "authors", expected: `at most ${issueLimits.authors} authors`, got: String(authors.length) });
    }
    const long = authors.findIndex((author) => typeof author === "string" && characterCount(author.trim()) > issueLimits.authorLength);
    if (long !== -1) {
      const length = characterCount(String(authors[long]).trim());
      problems.push({ field: "authors", expected: `names of at most ${issueLimits.authorLength} characters`, got: `${length} characters in author ${long + 1}` });
    }
  }
  return problems;
}
