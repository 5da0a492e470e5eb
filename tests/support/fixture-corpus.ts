import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { newsletterSeries } from "../../src/model/series.ts";

const tagPool = ["Transformers", "retrieval", "Scaling", "bias", "#benchmarks", "NLP", "vision", "efficiency"];

/**
 * Writes `count` small valid issues across every series with overlapping tags (some spelt with
 * another case or a `#`), dates sharing days, and link-digest items that carry hashtags.
 */
export function writeFixtureCorpus(folder: string, count: number): void {
  mkdirSync(folder, { recursive: true });
  for (let index = 0; index < count; index++) {
    const series = newsletterSeries()[index % newsletterSeries().length];
    const day = new Date(Date.UTC(2019, 0, 1 + Math.floor(index * 11.5)));
    const date = day.toISOString().slice(0, 10);
    const tags = [tagPool[index % tagPool.length], tagPool[(index * 3 + 1) % tagPool.length]];
    if (index % 7 === 0) tags.push("transformers");
    const items =
      series?.id === "link-digest"
        ? `\n## Item one of ${index}\n\nA linked article.\n\n#item-tag, #bias\n\n## Item two of ${index}\n\nAnother.\n\n#performance\n`
        : "";
    writeFileSync(
      path.join(folder, `${date}-fixture-${String(index).padStart(3, "0")}.md`),
      [
        "---",
        `title: "Fixture issue ${index}"`,
        `date: "${date}"`,
        `series: ${series?.id}`,
        `summary: "Issue ${index} of the generated fixture site."`,
        `tags: ${JSON.stringify(tags)}`,
        "---",
        `Body of issue ${index}.`,
        "",
        "## First section",
        "",
        "Text.",
        items,
      ].join("\n"),
    );
  }
}
