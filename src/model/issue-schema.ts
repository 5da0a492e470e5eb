import { z } from "zod";
import { parseIssueDate } from "./dates.ts";
import { issueLimits } from "./issue-limits.ts";
import { seriesRegistry } from "./series.ts";

const nonEmptyText = z.string().trim().min(1);

/** The front matter of an issue file. Unknown fields are rejected so a typo (`draf: true`) cannot pass silently. */
export const issueFrontMatterSchema = z.strictObject({
  title: nonEmptyText,
  date: z.string().refine((text) => parseIssueDate(text) !== undefined),
  series: z.enum(seriesRegistry.map((series) => series.id) as [string, ...string[]]),
  number: z.number().int().positive().optional(),
  // Lengths and counts are checked against issueLimits by fieldLimitProblems, whose messages name the limit.
  summary: nonEmptyText,
  tags: z.array(nonEmptyText).default([]),
  authors: z.array(nonEmptyText).default([]),
  draft: z.boolean().default(false),
  source: z.url({ protocol: /^https?$/ }).optional(),
});

export type IssueFrontMatter = z.infer<typeof issueFrontMatterSchema>;
export type IssueField = keyof IssueFrontMatter;

/** What each field should hold, in the words an error message uses. */
export const fieldExpectations: Record<IssueField, string> = {
  title: "a non-empty title",
  date: 'a quoted calendar date like "2022-03-10"',
  series: `one of the series ids ${seriesRegistry.map((series) => series.id).join(", ")}`,
  number: "a whole number of 1 or more (the issue's number in its series)",
  summary: `one or two sentences of plain text, at most ${issueLimits.summaryLength} characters`,
  tags: 'a list of non-empty tags, like ["machine learning", "nlp"]',
  authors: 'a list of non-empty names, like ["Ada Lovelace"]',
  draft: "true or false",
  source: "the http(s) URL of the original publication",
};

export function isIssueField(field: string): field is IssueField {
  return Object.hasOwn(fieldExpectations, field);
}
