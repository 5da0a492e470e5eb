import { characterCount } from "./issue-limits.ts";

/**
 * Characters that do not show but change what text says: zero-width characters, which make
 * look-alikes of a word, and bidirectional controls, which reorder what is displayed (the
 * "Trojan Source" characters). Their Unicode names, for error messages.
 */
const invisibleNames = new Map<number, string>([
  [0x200b, "ZERO WIDTH SPACE"],
  [0x200c, "ZERO WIDTH NON-JOINER"],
  [0x200d, "ZERO WIDTH JOINER"],
  [0x2060, "WORD JOINER"],
  [0xfeff, "ZERO WIDTH NO-BREAK SPACE"],
  [0x200e, "LEFT-TO-RIGHT MARK"],
  [0x200f, "RIGHT-TO-LEFT MARK"],
  [0x061c, "ARABIC LETTER MARK"],
  [0x202a, "LEFT-TO-RIGHT EMBEDDING"],
  [0x202b, "RIGHT-TO-LEFT EMBEDDING"],
  [0x202c, "POP DIRECTIONAL FORMATTING"],
  [0x202d, "LEFT-TO-RIGHT OVERRIDE"],
  [0x202e, "RIGHT-TO-LEFT OVERRIDE"],
  [0x2066, "LEFT-TO-RIGHT ISOLATE"],
  [0x2067, "RIGHT-TO-LEFT ISOLATE"],
  [0x2068, "FIRST STRONG ISOLATE"],
  [0x2069, "POP DIRECTIONAL ISOLATE"],
]);

/** The C0 controls by code point, as Unicode names them. */
const c0Names = [
  "NULL", "START OF HEADING", "START OF TEXT", "END OF TEXT", "END OF TRANSMISSION", "ENQUIRY", "ACKNOWLEDGE", "BELL",
  "BACKSPACE", "CHARACTER TABULATION", "LINE FEED", "LINE TABULATION", "FORM FEED", "CARRIAGE RETURN", "SHIFT OUT", "SHIFT IN",
  "DATA LINK ESCAPE", "DEVICE CONTROL ONE", "DEVICE CONTROL TWO", "DEVICE CONTROL THREE", "DEVICE CONTROL FOUR",
  "NEGATIVE ACKNOWLEDGE", "SYNCHRONOUS IDLE", "END OF TRANSMISSION BLOCK", "CANCEL", "END OF MEDIUM", "SUBSTITUTE", "ESCAPE",
  "INFORMATION SEPARATOR FOUR", "INFORMATION SEPARATOR THREE", "INFORMATION SEPARATOR TWO", "INFORMATION SEPARATOR ONE",
];

const invisibleClass = "\\u200B-\\u200D\\u2060\\uFEFF\\u200E\\u200F\\u061C\\u202A-\\u202E\\u2066-\\u2069";
const invisibleGlobal = new RegExp(`[${invisibleClass}]`, "g");
// Tab, line feed and carriage return are whitespace that YAML and pages handle; every other C0
// control, DEL and the C1 controls are never text.
const controlClass = "\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F-\\u009F";
const controlOnly = new RegExp(`[${controlClass}]`);
// Joiners (U+200C, U+200D) stay in other fields: Persian, Indic scripts and emoji sequences need them.
const refusedInvisibleClass = "\\u200B\\u2060\\uFEFF\\u200E\\u200F\\u061C\\u202A-\\u202E\\u2066-\\u2069";
const controlOrInvisible = new RegExp(`[${controlClass}${refusedInvisibleClass}]`);

/** `text` without zero-width and bidirectional control characters. */
export function stripInvisible(text: string): string {
  return text.replace(invisibleGlobal, "");
}

/** A character that has no place in a field, and where it is. */
export interface FoundCharacter {
  codePoint: number;
  /** 1-based, counted in characters (code points) as an editor shows them. */
  position: number;
  /** True for zero-width and bidirectional controls, false for C0/C1 controls. */
  invisible: boolean;
}

/**
 * The first control character in `text` (C0 but tab, line feed and carriage return; DEL; C1) and,
 * unless `allowInvisible`, the first zero-width (but a joiner) or bidirectional control too; undefined if none.
 */
export function findControlCharacter(text: string, options: { allowInvisible?: boolean } = {}): FoundCharacter | undefined {
  const match = (options.allowInvisible ? controlOnly : controlOrInvisible).exec(text);
  if (!match) return undefined;
  const codePoint = match[0].charCodeAt(0);
  return { codePoint, position: characterCount(text.slice(0, match.index)) + 1, invisible: invisibleNames.has(codePoint) };
}

/** `U+202E (RIGHT-TO-LEFT OVERRIDE)`, as error messages name a character. */
export function describeCharacter(codePoint: number): string {
  const hex = `U+${codePoint.toString(16).toUpperCase().padStart(4, "0")}`;
  const name = invisibleNames.get(codePoint) ?? c0Names[codePoint] ?? (codePoint === 0x7f ? "DELETE" : "a C1 control character");
  return `${hex} (${name})`;
}

/** What a field with `found` in it should have held, and what it held, for `expected X, got Y`. */
export function controlCharacterProblem(found: FoundCharacter): { expected: string; got: string } {
  return {
    expected: found.invisible ? "text without invisible control characters" : "text without control characters",
    got: `${describeCharacter(found.codePoint)} at character ${found.position}`,
  };
}

/** A front matter field holding a character it may not, for `FILE: field: expected X, got Y`. */
export interface FieldCharacterProblem {
  field: string;
  expected: string;
  got: string;
}

/**
 * The first control character of each text field of parsed front matter (and of each list of
 * text, naming the item). Tags may hold invisible controls, which their normalisation strips;
 * every other field is shown as written, so there they are refused.
 */
export function fieldCharacterProblems(data: Readonly<Record<string, unknown>>): FieldCharacterProblem[] {
  const problems: FieldCharacterProblem[] = [];
  for (const [field, value] of Object.entries(data)) {
    const options = { allowInvisible: field === "tags" };
    if (typeof value === "string") {
      const found = findControlCharacter(value, options);
      if (found) problems.push({ field, ...controlCharacterProblem(found) });
    } else if (Array.isArray(value)) {
      for (const [index, item] of value.entries()) {
        const found = typeof item === "string" ? findControlCharacter(item, options) : undefined;
        if (!found) continue;
        const { expected, got } = controlCharacterProblem(found);
        problems.push({ field, expected, got: `${got} of item ${index + 1}` });
        break;
      }
    }
  }
  return problems;
}

/** `text` quoted for a message, its invisible characters written as `\u200B` so the reader sees them. */
export function quoteVisibly(text: string): string {
  return JSON.stringify(text).replace(invisibleGlobal, (character) => `\\u${character.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}`);
}
