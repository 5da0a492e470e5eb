import path from "node:path";
import { slugify } from "./slug.ts";

/**
 * An issue's slug from its file name: the name without `.md` and without a leading
 * `YYYY-MM-DD-` date, case-folded, with anything but letters and digits turned into hyphens.
 */
export function issueSlug(filePath: string): string {
  return slugify(path.basename(filePath, path.extname(filePath)).replace(/^\d{4}-\d{2}-\d{2}-?/, ""));
}

export function issueHref(slug: string): string {
  return `/issues/${slug}/`;
}
