import { DateTime } from "luxon";
import { newsletterConfig } from "../config/newsletter-config.ts";
import { isDevelopmentRun } from "../run-mode.ts";
import { parseIssueDate } from "./dates.ts";
import type { Issue } from "./issue.ts";

/** `draft: true`, dated after the build's day, or neither. */
export type PublicationStatus = "published" | "draft" | "scheduled";

/** Which issues a build shows, decided once per build. */
export interface PublicationPolicy {
  /** Drafts and future-dated issues are built too, marked "Draft": `npm start`, never `npm run build`. */
  showUnpublished: boolean;
  /** The build's day, `YYYY-MM-DD` in newsletter.yml's time zone: issues dated after it are scheduled, not published. */
  today: string;
}

export function publicationStatus(issue: Pick<Issue, "draft" | "date">, today: string): PublicationStatus {
  if (issue.draft) return "draft";
  // Both are `YYYY-MM-DD`, so text order is date order.
  return issue.date > today ? "scheduled" : "published";
}

/**
 * The one place development and production builds differ: Eleventy's `serve` and `watch` run modes
 * (`npm start`) show unpublished issues, `build` does not. `BUILD_DATE` fixes the build's day, so
 * tests of future-dated issues do not depend on the clock.
 * @see https://www.11ty.dev/docs/environment-vars/#eleventy-supplied
 */
export function publicationPolicy(env: Record<string, string | undefined> = process.env, now: Date = new Date()): PublicationPolicy {
  const buildDate = env.BUILD_DATE?.trim();
  if (buildDate && !parseIssueDate(buildDate)) {
    throw new Error(`BUILD_DATE: expected a calendar date like 2022-03-10, got ${JSON.stringify(env.BUILD_DATE)}`);
  }
  const today = buildDate || (DateTime.fromJSDate(now).setZone(newsletterConfig(env).site.timeZone).toISODate() as string);
  return { showUnpublished: isDevelopmentRun(env.ELEVENTY_RUN_MODE), today };
}

/** Whether the build shows an issue anywhere: its page, archives, feeds, sitemap and search. */
export function isShown(issue: Pick<Issue, "draft" | "date">, policy: PublicationPolicy): boolean {
  return policy.showUnpublished || publicationStatus(issue, policy.today) === "published";
}
