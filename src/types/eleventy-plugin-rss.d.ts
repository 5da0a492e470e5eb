// @11ty/eleventy-plugin-rss ships no type declarations; these are the helpers the feeds use.
declare module "@11ty/eleventy-plugin-rss" {
  /** RFC 3339 without milliseconds, in UTC: `2022-03-10T00:00:00Z`. */
  export function dateToRfc3339(date: Date): string;
  /** RFC 822 in the given IANA zone (the machine's zone when omitted): `Thu, 10 Mar 2022 00:00:00 +0000`. */
  export function dateToRfc822(date: Date | string | number, timeZone?: string): string;
}
