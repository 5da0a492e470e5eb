// SVG is copied as it is, never rewritten: one that could run script or fetch anything is refused
// with the reason, so what the page shows is byte for byte what the publisher wrote.

const checks: [pattern: RegExp, reason: string][] = [
  [/<script[\s>/]/i, "an SVG with a <script> element"],
  [/<foreignObject[\s>/]/i, "an SVG with a <foreignObject> element (HTML inside the image)"],
  [/<!ENTITY/i, "an SVG that declares XML entities"],
  [/<\?xml-stylesheet/i, "an SVG that loads a stylesheet"],
  [/[\s"'/](?:[\w-]+:)?on[a-z]+\s*=/i, "an SVG with an event handler attribute (on...=)"],
  [/[\s"'/](?:[\w-]+:)?href\s*=\s*(?:"\s*[^"#\s]|'\s*[^'#\s]|[^\s"'#>])/i, "an SVG with a reference to another file or address (href); embed it or link only #ids"],
  [/url\(\s*(?:["']\s*)?[^\s"')#]/i, "an SVG with a url() reference to another file or address"],
  [/@import/i, "an SVG whose style imports another file (@import)"],
];

/** Why an SVG's text is refused, or undefined when it holds nothing that runs or loads. One pass per check. */
export function svgProblem(text: string): string | undefined {
  for (const [pattern, reason] of checks) if (pattern.test(text)) return `${reason}, which the site does not publish`;
  return undefined;
}
