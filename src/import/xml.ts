import { DOMParser, type Document } from "@xmldom/xmldom";
import { ImportError } from "./import-error.ts";

/**
 * Parses an export's XML, refusing a document type declaration outright: exports have none, and
 * it is how an entity bomb or an external entity (a local file, a URL) gets in. Every XML error
 * is refused with its line.
 */
export function parseXml(text: string, file: string): Document {
  const declaration = /<!(DOCTYPE|ENTITY)/i.exec(text);
  if (declaration) {
    const line = text.slice(0, declaration.index).split("\n").length;
    throw new ImportError([`${file}:${line}: expected XML without a <!${declaration[1]?.toUpperCase()}> declaration (entities could expand without bound or read other files), got one`]);
  }
  const problems: string[] = [];
  let document: Document | undefined;
  try {
    document = new DOMParser({
      onError: (level, message) => {
        if (level !== "warning") problems.push(`${file}: expected well-formed XML, got ${message.replace(/\s+/g, " ").trim()}`);
      },
    }).parseFromString(text, "text/xml");
  } catch (error) {
    if (!problems.length) problems.push(`${file}: expected well-formed XML, got ${(error as Error).message.replace(/\s+/g, " ").trim()}`);
  }
  if (problems.length || !document?.documentElement) throw new ImportError(problems.length ? problems.slice(0, 20) : [`${file}: expected an XML document, got none`]);
  return document;
}
