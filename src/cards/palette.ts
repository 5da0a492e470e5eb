/** The colours a card is drawn in: the light scheme of the site's design tokens. */
export interface CardPalette {
  text: string;
  muted: string;
  background: string;
  surface: string;
  border: string;
  accent: string;
}

const tokens: Record<keyof CardPalette, string> = {
  text: "--color-text",
  muted: "--color-muted",
  background: "--color-background",
  surface: "--color-surface",
  border: "--color-border",
  accent: "--color-accent",
};

/**
 * Reads the card's colours from the tokens stylesheet (assets/styles/_tokens.scss): the custom
 * properties of its first `:root` block, the light scheme, before any media query switches them.
 * `file` names the stylesheet in the error when a colour is missing.
 */
export function cardPalette(scss: string, file: string): CardPalette {
  const block = /:root\s*\{([^}]*)\}/.exec(scss)?.[1] ?? "";
  const missing: string[] = [];
  const palette = {} as CardPalette;
  for (const [key, property] of Object.entries(tokens) as [keyof CardPalette, string][]) {
    const value = new RegExp(`${property}:\\s*(#[0-9a-fA-F]{3,8})\\s*;`).exec(block)?.[1];
    if (value) palette[key] = value.toLowerCase();
    else missing.push(property);
  }
  if (missing.length) throw new Error(`${file}: social cards: expected a colour like #1d1f23 for ${missing.join(", ")} in the first :root block`);
  return palette;
}
