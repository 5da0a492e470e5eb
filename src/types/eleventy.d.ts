// Eleventy ships no type declarations; the build script types the few members it uses itself.
declare module "@11ty/eleventy" {
  export const Eleventy: unknown;
}
