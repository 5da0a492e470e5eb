import { newsletterConfig, type SeriesConfig } from "../config/newsletter-config.ts";

/** A newsletter series, as `newsletter.yml` defines it: every issue belongs to exactly one. */
export type Series = SeriesConfig;

/** The newsletter's series, in the configuration's order: issues name their series by `id`. */
export function newsletterSeries(env: Record<string, string | undefined> = process.env): readonly Series[] {
  return newsletterConfig(env).series;
}

export function findSeries(id: string, env: Record<string, string | undefined> = process.env): Series | undefined {
  return newsletterSeries(env).find((series) => series.id === id);
}

export function seriesHref(id: string): string {
  return `/series/${id}/`;
}
