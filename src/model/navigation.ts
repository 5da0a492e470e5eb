/**
 * Pages that are another view of a header nav item's page, so the item is current there too:
 * the tag index A to Z is the tag index in another order.
 */
const otherViews: Readonly<Record<string, string>> = { "/tags/_a-z/": "/tags/" };

/** Whether the header's link to `href` is the page at `pageUrl` (Eleventy's `page.url`, unprefixed). */
export function isCurrentNavItem(pageUrl: string | false | undefined, href: string): boolean {
  if (!pageUrl) return false;
  return pageUrl === href || otherViews[pageUrl] === href;
}
