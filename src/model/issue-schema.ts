import { z } from "zod";
import type { NewsletterConfig } from "../config/newsletter-config.ts";
import { parseIssueDate } from "./dates.ts";
import { issueLimits } from "./issue-limits.ts";
import { aliasFormatProblem } from "./redirects.ts";

const nonEmptyText = z.string().trim().min(1);

/** The front matter of an issue file. Unknown fields are rejected so a typo (`draf: true`) cannot pass silently. */
export const issueFrontMatterSchema = z.strictObject({
  title: nonEmptyText,
  date: z.string().refine((text) => parseIssueDate(text) !== undefined),
  // Checked against newsletter.yml's series by issueSchemaFor.
  series: nonEmptyText.optional(),
  number: z.number().int().positive().optional(),
  // Lengths and counts are checked against issueLimits by fieldLimitProblems, whose messages name the limit.
  summary: nonEmptyText,
  tags: z.array(nonEmptyText).default([]),
  authors: z.array(nonEmptyText).default([]),
  draft: z.boolean().default(false),
  source: z.url({ protocol: /^https?$/ }).optional(),
  // Old addresses of the issue, redirected to it (src/model/redirects.ts); clashes are checked across issues.
  aliases: z.array(z.string().refine((alias) => aliasFormatProblem(alias) === undefined)).default([]),
  // `npm run import`'s hash of the file it wrote, so a later import never overwrites an edited issue.
  imported: z.string().regex(/^sha256-[0-9a-f]{64}$/).optional(),
  // The path of one of the issue's own images, as its text writes it: its feeds' and cards' picture.
  image: nonEmptyText.optional(),
});

export type IssueFrontMatter = z.infer<typeof issueFrontMatterSchema>;

const schemas = new WeakMap<NewsletterConfig, z.ZodType<IssueFrontMatter & { series: string }>>();

/** The front matter schema of one configuration: `series` one of its ids, its default when left out. */
export function issueSchemaFor(config: NewsletterConfig): z.ZodType<IssueFrontMatter & { series: string }> {
  let schema = schemas.get(config);
  if (!schema) {
    const ids = z.enum(config.series.map((series) => series.id) as [string, ...string[]]);
    schema = issueFrontMatterSchema.extend({ series: config.defaultSeries ? ids.default(config.defaultSeries) : ids });
    schemas.set(config, schema);
  }
  return schema;
}

/** What `series` should hold, naming the configuration's series. */
export function seriesExpectation(config: NewsletterConfig): string {
  const ids = config.series.map((series) => series.id).join(", ");
  return `the id of one of the series in ${config.file} (${ids})${config.defaultSeries ? "" : ", or a default_series set there"}`;
}
export type IssueField = keyof IssueFrontMatter;

/** What each field should hold, in the words an error message uses. */
export const fieldExpectations: Record<IssueField, string> = {
  title: "a non-empty title",
  date: 'a quoted calendar date like "2022-03-10"',
  series: "the id of one of the series in newsletter.yml",
  number: "a whole number of 1 or more (the issue's number in its series)",
  summary: `one or two sentences of plain text, at most ${issueLimits.summaryLength} characters`,
  tags: 'a list of non-empty tags, like ["machine learning", "nlp"]',
  authors: 'a list of non-empty names, like ["Ada Lovelace"]',
  draft: "true or false",
  source: "the http(s) URL of the original publication",
  aliases: 'a list of old site paths redirected here, like ["/p/old-slug"], none a page of this site',
  imported: "the sha256-... hash npm run import wrote (remove the line to keep your edits from a re-import)",
  image: "the path of one of the issue's images, as its text writes it (chart.png)",
};

export function isIssueField(field: string): field is IssueField {
  return Object.hasOwn(fieldExpectations, field);
}
