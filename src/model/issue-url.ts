import path from "node:path";

/**
 * An issue's slug from its file name: the name without `.md` and without a leading
 * `YYYY-MM-DD-` date, case-folded, with anything but letters and digits turned into hyphens.
 */
export function issueSlug(filePath: string): string {
  return path
    .basename(filePath, path.extname(filePath))
    .replace(/^\d{4}-\d{2}-\d{2}-?/, "")
    .normalize("NFKC")
    .toLocaleLowerCase("en")
    .replace(/[^\p{L}\p{N}]+/gu, "-")
    .replace(/^-+|-+$/g, "");
}

export function issueHref(slug: string): string {
  return `/issues/${slug}/`;
}
