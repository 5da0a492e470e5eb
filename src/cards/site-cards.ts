import type { Issue } from "../model/issue.ts";
import type { Series } from "../model/series.ts";
import type { SiteIndex } from "../model/site-index.ts";
import { homeCard, issueCard, seriesCard, type CardContent, type CardSite } from "./card-content.ts";

/** What the site's cards need besides the index: series by id and the date as pages print it. */
export interface CardSources {
  site: CardSite;
  series: (id: string) => Series | undefined;
  date: (issue: Issue) => string;
}

/** Every card of a build: the home page's, each series archive's and each issue's. */
export function siteCards(index: Pick<SiteIndex, "issues" | "archives">, sources: CardSources): CardContent[] {
  const series = index.archives.series.map((summary) => seriesCard(summary, sources.site));
  const issues = index.issues.map((issue) => issueCard(issue, sources.series(issue.seriesId), sources.date(issue), sources.site));
  return [homeCard(sources.site), ...series, ...issues];
}
