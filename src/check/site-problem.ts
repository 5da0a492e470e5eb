/** One thing wrong with one built page. */
export interface SiteProblem {
  /** The page's file, relative to the site folder, with `/` separators: `issues/x/index.html`. */
  page: string;
  /** Line in the page's file, when the problem is on one element. */
  line?: number;
  /** The check and what it found, e.g. `no-broken-links/missing-fragment`. */
  rule: string;
  message: string;
}
