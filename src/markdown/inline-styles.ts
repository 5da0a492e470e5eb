import { contentHash } from "../fingerprint.ts";

/**
 * KaTeX positions glyphs with `style="…"` attributes, which a Content-Security-Policy without
 * `'unsafe-inline'` blocks. Each distinct declaration block becomes a class named after its own
 * hash, so the same style always gets the same class, on any page, in any build.
 */
const declarationsByClass = new Map<string, string>();

const styledTag = /<([a-zA-Z][\w-]*)((?:\s+[\w:-]+(?:="[^"]*")?)*?)\s+style="([^"]*)"((?:\s+[\w:-]+(?:="[^"]*")?)*)\s*(\/?)>/g;
const styleClassPattern = /\bks-[0-9a-f]{10}\b/g;

/** Replaces every `style` attribute in the HTML with a generated class. */
export function inlineStylesToClasses(html: string): string {
  return html.replace(styledTag, (_, tag: string, before: string, style: string, after: string, selfClosing: string) => {
    const className = styleClass(style);
    let attributes = `${before}${after}`;
    if (/\sclass="/.test(attributes)) attributes = attributes.replace(/\sclass="([^"]*)"/, ` class="$1 ${className}"`);
    else attributes = `${attributes} class="${className}"`;
    return `<${tag}${attributes}${selfClosing ? " /" : ""}>`;
  });
}

function styleClass(style: string): string {
  const declarations = style.trim().replace(/;?$/, ";");
  const className = `ks-${contentHash(declarations)}`;
  declarationsByClass.set(className, declarations);
  return className;
}

/** The style classes recorded after the first `skip`, in the order first seen, with their declarations. */
export function recordedStyleClasses(skip = 0): [className: string, declarations: string][] {
  return declarationsByClass.size > skip ? [...declarationsByClass].slice(skip) : [];
}

/** Records style classes another thread made (src/markdown/render-worker.ts). */
export function recordStyleClasses(classes: readonly (readonly [className: string, declarations: string])[]): void {
  for (const [className, declarations] of classes) declarationsByClass.set(className, declarations);
}

/** The stylesheet a page needs for the style classes its HTML uses, or "" when it uses none. */
export function styleClassesCss(html: string): string {
  // Most pages hold no maths: skip the scan over their HTML.
  if (!html.includes("ks-")) return "";
  const classes = [...new Set(html.match(styleClassPattern) ?? [])].sort();
  return classes
    .map((className) => {
      const declarations = declarationsByClass.get(className);
      if (!declarations) throw new Error(`maths styles: no declarations recorded for class ${className}`);
      // Inside `.katex`, and after KaTeX's sheet: as the style attribute did, it wins over KaTeX's
      // own rules (`.katex .katex-rule { border: solid 0 }` hid every \rule's borders).
      return `.katex .${className}{${declarations}}`;
    })
    .join("\n");
}
