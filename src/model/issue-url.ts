import path from "node:path";
import { slugify } from "./slug.ts";

/**
 * An issue's slug from its file name: the name without `.md` and without a leading
 * `YYYY-MM-DD-` date, case-folded, with anything but letters and digits turned into hyphens.
 */
export function issueSlug(filePath: string): string {
  return slugify(path.basename(filePath, path.extname(filePath)).replace(/^\d{4}-\d{2}-\d{2}-?/, ""));
}

/** The URL of the issue page of `slug`, under the site root (the path prefix is added on output). */
export function issueHref(slug: string): string {
  return `/issues/${slug}/`;
}

// What `issueHref` puts before and after the slug.
const [hrefStart = "", hrefEnd = ""] = issueHref("\u0000").split("\u0000");

/** Whether `url` is an issue page's, as `issueHref` makes them: `/issues/<slug>/`, the slug one path segment. */
export function isIssueHref(url: string): boolean {
  const slug = url.startsWith(hrefStart) && url.endsWith(hrefEnd) ? url.slice(hrefStart.length, url.length - hrefEnd.length) : "";
  return slug !== "" && !slug.includes("/");
}
