import type { CheerioAPI } from "cheerio";
import { elementLine, everyElement } from "./built-site.ts";

/** One URL a page refers to, and where. */
export interface UrlReference {
  url: string;
  /** Where it was found, e.g. `a[href]`, for messages. */
  source: string;
  line: number | undefined;
}

/** The HTML attributes that hold a URL the browser loads, follows or submits to, by element. */
export const urlAttributes: Readonly<Record<string, readonly string[]>> = {
  a: ["href"],
  area: ["href"],
  link: ["href"],
  script: ["src"],
  img: ["src", "srcset"],
  source: ["src", "srcset"],
  iframe: ["src"],
  embed: ["src"],
  object: ["data"],
  video: ["src", "poster"],
  audio: ["src"],
  track: ["src"],
  input: ["src", "formaction"],
  button: ["formaction"],
  form: ["action"],
  blockquote: ["cite"],
  q: ["cite"],
  ins: ["cite"],
  del: ["cite"],
};

// Social metadata whose `content` is a URL (the site writes them absolute, on its base URL).
const urlMetaProperties = new Set(["og:url", "og:image", "twitter:image"]);

/** Every URL on a page: link and embed attributes, each `srcset` candidate, and URL meta tags. */
export function pageUrls(document: CheerioAPI): UrlReference[] {
  const references: UrlReference[] = [];
  document(everyElement).each((_, element) => {
    const line = elementLine(element);
    for (const attribute of urlAttributes[element.tagName] ?? []) {
      const value = element.attribs[attribute];
      if (value === undefined) continue;
      const urls = attribute === "srcset" ? srcsetUrls(value) : [value.trim()];
      for (const url of urls) references.push({ url, source: `${element.tagName}[${attribute}]`, line });
    }
    const property = element.attribs.property ?? element.attribs.name;
    const content = element.attribs.content;
    if (element.tagName === "meta" && property && urlMetaProperties.has(property) && content !== undefined) {
      references.push({ url: content.trim(), source: `meta[${property}]`, line });
    }
  });
  return references;
}

/**
 * The URLs of a `srcset`: candidates are separated by commas, each a URL (which may itself hold
 * commas, but never ends in one) and optional width or density descriptors.
 */
export function srcsetUrls(srcset: string): string[] {
  return [...srcset.matchAll(/(?:^|,)[\s,]*([^\s,](?:\S*[^\s,])?)[^,]*/g)].map((match) => match[1] ?? "");
}
