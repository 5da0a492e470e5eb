/** Sizes and box a text is fitted into, in pixels. */
export interface FitBox {
  /** Widest a line may be. */
  width: number;
  /** Height the lines may take. */
  height: number;
  /** Line height as a multiple of the font size. */
  lineHeight: number;
  /** Font sizes to try, largest first: the first at which the text fits is taken. */
  sizes: readonly number[];
}

/** A text fitted into a box: its font size and its lines, and whether words had to be left out. */
export interface FittedText {
  fontSize: number;
  lines: string[];
  /** True when the text did not fit at the smallest size and ends in "…" after its last whole word. */
  ellipsised: boolean;
}

/** Width of a text at font size 1; widths scale with the size (no hinting in the renderer). */
export type MeasureText = (text: string) => number;

const ellipsis = "…";

/**
 * Wraps `text` into the box, never breaking a word: at the largest size whose lines all fit, else
 * at the smallest, ending at a word boundary with "…". A single word wider than the box at the
 * smallest size is shrunk until it fits, as it cannot be cut. Each word is measured once, so the
 * cost is linear in the text.
 */
export function fitText(text: string, box: FitBox, measure: MeasureText): FittedText {
  const words = text.split(/\s+/).filter(Boolean);
  const smallest = box.sizes[box.sizes.length - 1];
  if (smallest === undefined) throw new Error("fitText: expected at least one font size");
  if (!words.length) return { fontSize: box.sizes[0] ?? smallest, lines: [], ellipsised: false };
  const widths = words.map(measure);
  const space = measure(" ");
  for (const size of box.sizes) {
    const lines = wrapWords(widths, space, box.width / size);
    if (lines && lines.length <= maxLines(box, size)) return { fontSize: size, lines: lines.map((line) => join(words, line)), ellipsised: false };
  }
  // A word too wide even at the smallest size sets the size, down from there.
  const widest = widths.reduce((most, width) => Math.max(most, width), 0);
  const fontSize = Math.min(smallest, Math.floor(box.width / widest));
  const unit = box.width / fontSize;
  const lines = wrapWords(widths, space, unit) ?? [];
  const most = maxLines(box, fontSize);
  const kept = lines.slice(0, most);
  if (kept.length && lines.length > most) {
    // Drop words off the end until the last line has room for the ellipsis after its last word;
    // a line whose one word leaves no room goes too, the ellipsis then ends the line before.
    const room = unit - measure(ellipsis);
    let line = kept.pop() as Line;
    let end = line.end;
    let width = lineWidth(widths, space, line.start, end);
    while (width > room) {
      if (end > line.start + 1) {
        end -= 1;
        width -= (widths[end] ?? 0) + space;
      } else if (kept.length) {
        line = kept.pop() as Line;
        end = line.end;
        width = lineWidth(widths, space, line.start, end);
      } else break;
    }
    kept.push({ start: line.start, end });
    const texts = kept.map((shown) => join(words, shown));
    texts[texts.length - 1] += ellipsis;
    return { fontSize, lines: texts, ellipsised: true };
  }
  return { fontSize, lines: kept.map((line) => join(words, line)), ellipsised: false };
}

/** Lines of `size` that fit the box's height; always at least one. */
export function maxLines(box: FitBox, size: number): number {
  return Math.max(1, Math.floor(box.height / (size * box.lineHeight)));
}

interface Line {
  start: number;
  end: number;
}

/** Greedy wrapping of word widths into lines no wider than `width` (all at font size 1); undefined if a word alone is wider. */
export function wrapWords(widths: readonly number[], space: number, width: number): Line[] | undefined {
  const lines: Line[] = [];
  let start = 0;
  let used = 0;
  for (let index = 0; index < widths.length; index += 1) {
    const word = widths[index] ?? 0;
    if (word > width) return undefined;
    if (index > start && used + space + word > width) {
      lines.push({ start, end: index });
      start = index;
      used = word;
    } else {
      used += index > start ? space + word : word;
    }
  }
  lines.push({ start, end: widths.length });
  return lines;
}

function lineWidth(widths: readonly number[], space: number, start: number, end: number): number {
  let total = 0;
  for (let index = start; index < end; index += 1) total += (widths[index] ?? 0) + (index > start ? space : 0);
  return total;
}

function join(words: readonly string[], line: Line): string {
  return words.slice(line.start, line.end).join(" ");
}
