import { DateTime } from "luxon";

const isoDatePattern = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Parses a `YYYY-MM-DD` calendar date as midnight UTC, or returns undefined when the text is not
 * in that form or names a day that does not exist (2022-02-30, 2022-13-01).
 */
export function parseIssueDate(text: string): DateTime | undefined {
  if (!isoDatePattern.test(text)) return undefined;
  const date = DateTime.fromISO(text, { zone: "utc" });
  return date.isValid ? date : undefined;
}

/** `10 March 2022`, in the site's language, independent of the machine's locale and zone. */
export function readableDate(date: DateTime | Date, locale = "en-GB"): string {
  return toUtc(date).setLocale(locale).toLocaleString(DateTime.DATE_FULL);
}

/** `March 2022` for a `2022-03` month key. */
export function monthName(monthKey: string, locale = "en-GB"): string {
  const month = DateTime.fromFormat(monthKey, "yyyy-MM", { zone: "utc", locale });
  if (!month.isValid) throw new Error(`expected a month like 2022-03, got ${JSON.stringify(monthKey)}`);
  return month.toFormat("LLLL yyyy");
}

/** `2022-03-10`, for `<time datetime>`. */
export function isoDate(date: DateTime | Date): string {
  return toUtc(date).toISODate() ?? "";
}

function toUtc(date: DateTime | Date): DateTime {
  return (date instanceof Date ? DateTime.fromJSDate(date) : date).setZone("utc");
}
