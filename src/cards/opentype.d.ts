// The font reader satori itself depends on (pinned by it); it ships no types. Only what we call.
declare module "@shuding/opentype.js" {
  interface Font {
    getAdvanceWidth(text: string, fontSize?: number, options?: { kerning?: boolean }): number;
  }
  export function parse(buffer: ArrayBuffer): Font;
}
