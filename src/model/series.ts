/** A newsletter series: every issue belongs to exactly one. */
export interface Series {
  id: string;
  title: string;
  description: string;
}

/** The series registry: issues name their series by `id`. */
export const seriesRegistry: readonly Series[] = [
  {
    id: "gradient-updates",
    title: "The Gradient Updates",
    description:
      "The Gradient's regular update: one news highlight, one paper highlight, and the other things that caught the editors' eyes.",
  },
  {
    id: "zeta-alpha-trends",
    title: "Zeta Alpha Trends in AI",
    description:
      "Zeta Alpha's monthly research roundup: the month's AI news and a selection of papers, each with why it matters and its key insights.",
  },
  {
    id: "neurips-takeaways",
    title: "NeurIPS Takeaways",
    description:
      "Conference reading notes: NeurIPS papers distilled into takeaways for deep learning engineers.",
  },
  {
    id: "lab-notes",
    title: "Lab Notes",
    description: "A research lab's informal notes on the papers it reads, with the maths kept in.",
  },
  {
    id: "link-digest",
    title: "Link Digest",
    description: "Tagged links to essays and papers worth reading, each with an excerpt.",
  },
];

const seriesById = new Map(seriesRegistry.map((series) => [series.id, series]));

export function findSeries(id: string): Series | undefined {
  return seriesById.get(id);
}

export function seriesHref(id: string): string {
  return `/series/${id}/`;
}
