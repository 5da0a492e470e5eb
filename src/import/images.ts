import { lstatSync, readFileSync, realpathSync } from "node:fs";
import path from "node:path";
import type { ExportContents } from "./source-post.ts";

/** Where an image of a post comes from: a file the import has, a URL to fetch, or nothing it can use. */
export type ImageOrigin = { kind: "local"; bytes: Uint8Array } | { kind: "remote"; url: string } | { kind: "missing"; reason: string };

/** Substack serves every image through its CDN: `/image/fetch/<options>/<the original, URL-encoded>`. */
export function originalImageUrl(src: string): string {
  const cdn = /^https?:\/\/substackcdn\.com\/image\/fetch\/[^/]*\/(https?(?::|%3A).*)$/i.exec(src);
  if (!cdn?.[1]) return src;
  try {
    return decodeURIComponent(cdn[1]);
  } catch {
    return src;
  }
}

/** The path parts of an image address, decoded: `https://x/wp-content/uploads/a.png` → `wp-content/uploads/a.png`. */
function imagePath(src: string): string | undefined {
  const ghost = src.replace(/^__GHOST_URL__\//, "");
  let pathname = ghost;
  if (/^https?:\/\//i.test(ghost)) {
    try {
      pathname = new URL(ghost).pathname;
    } catch {
      return undefined;
    }
  } else if (/^[a-z][a-z\d+.-]*:/i.test(ghost) || ghost.startsWith("//")) return undefined;
  try {
    return decodeURIComponent(pathname.split(/[?#]/)[0] ?? "").replace(/^\/+/, "");
  } catch {
    return undefined;
  }
}

/**
 * Finds an image among the export's files and beside the export (the longest matching end of its
 * path: `wp-content/uploads/2020/a.png`, then `uploads/2020/a.png`, ...), else says it is remote.
 * Files beside the export are read only if they lie inside its folder, links resolved.
 */
export function imageFinder(contents: Pick<ExportContents, "files" | "folder">): (src: string) => ImageOrigin {
  const byName = new Map<string, string[]>();
  for (const name of contents.files.keys()) {
    const base = name.split("/").pop() ?? name;
    byName.set(base, [...(byName.get(base) ?? []), name]);
  }
  let folder: string | undefined;
  return (rawSrc) => {
    const src = originalImageUrl(rawSrc.trim());
    if (src.startsWith("data:")) return { kind: "missing", reason: "an image inlined as a data: URL" };
    const relative = imagePath(src);
    if (relative) {
      const segments = relative.split("/").filter((segment) => segment && segment !== "." && segment !== "..");
      const inZip = byName.get(segments.at(-1) ?? "") ?? [];
      for (let start = 0; start < segments.length; start++) {
        const suffix = segments.slice(start).join("/");
        const entry = inZip.find((name) => name === suffix || name.endsWith(`/${suffix}`));
        if (entry) return { kind: "local", bytes: contents.files.get(entry) as Uint8Array };
        folder ??= realpathSync(contents.folder);
        const bytes = readInside(folder, suffix);
        if (bytes) return { kind: "local", bytes };
      }
    }
    if (/^https?:\/\//i.test(src)) return { kind: "remote", url: src };
    return { kind: "missing", reason: `${JSON.stringify(rawSrc)}, found neither in the export nor beside it` };
  };
}

function readInside(folder: string, relative: string): Uint8Array | undefined {
  const candidate = path.join(folder, relative);
  try {
    if (!lstatSync(candidate).isFile() && !lstatSync(candidate).isSymbolicLink()) return undefined;
    const real = realpathSync(candidate);
    if (!real.startsWith(folder + path.sep) || !lstatSync(real).isFile()) return undefined;
    return readFileSync(real);
  } catch {
    return undefined;
  }
}

/** A file name safe on every system and in a Markdown link, from an image's address. */
export function imageFileName(src: string): string {
  const last = (imagePath(originalImageUrl(src)) ?? "").split("/").pop() ?? "";
  const cleaned = last.replace(/[^A-Za-z0-9._-]+/g, "-").replace(/^[.-]+/, "").slice(-100);
  return cleaned || "image";
}

/** Names images of one issue without clashes: a second `chart.png` from another address becomes `chart-2.png`. */
export function imageNamer(): (src: string) => string {
  const bySrc = new Map<string, string>();
  const taken = new Set<string>();
  return (src) => {
    const known = bySrc.get(src);
    if (known) return known;
    const name = imageFileName(src);
    const dot = name.lastIndexOf(".");
    const [stem, extension] = dot > 0 ? [name.slice(0, dot), name.slice(dot)] : [name, ""];
    let candidate = name;
    for (let n = 2; taken.has(candidate.toLowerCase()); n++) candidate = `${stem}-${n}${extension}`;
    taken.add(candidate.toLowerCase());
    bySrc.set(src, candidate);
    return candidate;
  };
}
