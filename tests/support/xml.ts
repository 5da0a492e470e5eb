import { DOMParser, type Document, type Element } from "@xmldom/xmldom";

// Characters XML 1.0 forbids (xmldom accepts some of them, so they are checked here).
const notXmlChar = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

/**
 * Parses XML as strictly as a feed reader may: any warning or error (ill-formed markup, an
 * undeclared namespace prefix, an undefined entity such as `&nbsp;`) throws, naming `label`.
 */
export function parseXmlStrictly(text: string, label: string): Document {
  if (!text.startsWith("<?xml ")) throw new Error(`${label}: expected the XML declaration first, got ${JSON.stringify(text.slice(0, 20))}`);
  const forbidden = notXmlChar.exec(text);
  if (forbidden) throw new Error(`${label}: character U+${forbidden[0].codePointAt(0)?.toString(16)} is not allowed in XML`);
  const parser = new DOMParser({
    onError: (level, message) => {
      throw new Error(`${label}: ${level}: ${message}`);
    },
  });
  return parser.parseFromString(text, "application/xml");
}

/** The text of the one child element `localName` in `namespace`, or undefined. */
export function childText(parent: Element, namespace: string, localName: string): string | undefined {
  const element = Array.from(parent.childNodes).find(
    (node): node is Element => node.nodeType === 1 && (node as Element).namespaceURI === namespace && (node as Element).localName === localName,
  );
  return element?.textContent ?? undefined;
}

/** The child elements `localName` in `namespace` of `parent`. */
export function childElements(parent: Element, namespace: string, localName: string): Element[] {
  return Array.from(parent.childNodes).filter(
    (node): node is Element => node.nodeType === 1 && (node as Element).namespaceURI === namespace && (node as Element).localName === localName,
  );
}

/** Every element in the document with a namespace prefix, to prove each prefix is declared. */
export function prefixedElements(document: Document): Element[] {
  return Array.from(document.getElementsByTagName("*")).filter((element) => element.prefix);
}
