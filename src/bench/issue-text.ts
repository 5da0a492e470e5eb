import { countWords } from "../model/reading-time.ts";
import { slugify } from "../model/slug.ts";
import { slugifyTag } from "../model/tags.ts";
import type { Random } from "./prng.ts";
import * as words from "./vocabulary.ts";

/** The five series of the project's registry (src/model/series.ts). */
export const seriesIds = ["gradient-updates", "zeta-alpha-trends", "neurips-takeaways", "lab-notes", "link-digest"] as const;
export type SeriesId = (typeof seriesIds)[number];

/** Word counts every generated body stays within, as `countWords` counts them. */
export const wordRange = { min: 500, max: 3000 } as const;

/** What one issue is to be: everything the corpus decides; the text is left to `buildIssue`. */
export interface IssueSpec {
  series: SeriesId;
  /** The issue's number in its series, counted in date order. */
  number: number;
  /** `YYYY-MM-DD`. */
  date: string;
  /** Tag names, most popular first; link digests use them as item hashtags too. */
  tags: readonly string[];
  /** Words to aim for, within `wordRange`. */
  targetWords: number;
}

export interface GeneratedIssue {
  /** `YYYY-MM-DD-slug.md`. */
  fileName: string;
  /** The whole file: front matter and Markdown body. */
  text: string;
  /** The body's words, as the site counts them. */
  words: number;
}

/** A file in the project's issue format, built from `spec` with draws from `random` only. */
export function buildIssue(spec: IssueSpec, random: Random): GeneratedIssue {
  const prose = new Prose(random, spec);
  const headline = prose.headline();
  const front = frontMatter(spec, headline, prose);
  const body = new Body(prose);
  seriesWriters[spec.series](body, spec);
  const text = `${front}\n${body.markdown()}`;
  const fileName = `${spec.date}-${fileSlug(spec)}.md`;
  return { fileName, text, words: countWords(body.markdown()) };
}

function fileSlug(spec: IssueSpec): string {
  const prefix: Record<SeriesId, string> = {
    "gradient-updates": "gradient-update",
    "zeta-alpha-trends": "trends-in-ai",
    "neurips-takeaways": "neurips-takeaways",
    "lab-notes": "lab-notes",
    "link-digest": "link-digest",
  };
  return `${prefix[spec.series]}-${spec.number}-${slugify(spec.tags[0] ?? "issue")}`;
}

function frontMatter(spec: IssueSpec, headline: string, prose: Prose): string {
  const random = prose.random;
  const [year = "2020", month = "01"] = spec.date.split("-");
  const monthName = words.months[Number(month) - 1] ?? "January";
  const topics = spec.tags.slice(0, 3);
  const titles: Record<SeriesId, string> = {
    "gradient-updates": `Gradient Update #${spec.number}: ${headline}`,
    "zeta-alpha-trends": `Trends in AI — ${monthName} ${year}: ${headline}`,
    "neurips-takeaways": `NeurIPS ${year} Takeaways #${spec.number}: ${headline}`,
    "lab-notes": `Lab notes: ${listPhrase(topics)}`,
    "link-digest": `Link digest: ${listPhrase(topics)}`,
  };
  const leads: Record<SeriesId, string> = {
    "gradient-updates": "In which we discuss",
    "zeta-alpha-trends": "Zeta Alpha's monthly selection of AI papers and news on",
    "neurips-takeaways": "A practitioner's pick of conference papers on",
    "lab-notes": "Short reading notes on",
    "link-digest": "A tagged digest of reading on",
  };
  let summary = `${leads[spec.series]} ${listPhrase(spec.tags.slice(0, 4))}. ${prose.plainSentence()}`;
  if (random.chance(0.5)) summary += ` ${prose.plainSentence()}`;
  summary = clip(summary, 399);

  const lines = [
    `title: ${JSON.stringify(titles[spec.series])}`,
    `date: ${JSON.stringify(spec.date)}`,
    `series: ${spec.series}`,
  ];
  if (spec.series !== "zeta-alpha-trends" && !(spec.series === "link-digest" && random.chance(0.5))) {
    lines.push(`number: ${spec.number}`);
  }
  lines.push(`summary: ${JSON.stringify(summary)}`);
  lines.push(`tags: ${JSON.stringify(spec.tags)}`);
  if (random.chance(0.7)) {
    const authors = random.shuffle(words.authorNames).slice(0, random.int(1, 3));
    lines.push(`authors: ${JSON.stringify(authors)}`);
  }
  if (spec.series === "gradient-updates" || spec.series === "zeta-alpha-trends") {
    const host = spec.series === "gradient-updates" ? "https://thegradientpub.substack.com/p" : "https://www.zeta-alpha.com/post";
    lines.push(`source: ${JSON.stringify(`${host}/${fileSlug(spec)}`)}`);
  }
  return `---\n${lines.join("\n")}\n---\n`;
}

function listPhrase(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? "";
  return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

/** At most `limit` characters, cut at a word and closed with a full stop. */
function clip(text: string, limit: number): string {
  if (text.length <= limit) return text;
  const cut = text.slice(0, limit - 1);
  return `${cut.slice(0, cut.lastIndexOf(" ")).replace(/[,;:]$/, "")}.`;
}

/** Sentences, headlines, lists and the other blocks an issue is made of. */
class Prose {
  readonly footnotes: string[] = [];
  /** The chance of maths in a sentence or section: 0 in issues without maths. */
  readonly mathsRate: number;
  /** The chance of a footnote after a sentence: 0 in issues without footnotes. */
  readonly footnoteRate: number;

  constructor(
    readonly random: Random,
    readonly spec: IssueSpec,
  ) {
    // Lab notes keep the maths in; the other series have some now and then.
    const rates = issueRates[spec.series];
    this.mathsRate = random.chance(rates.maths) ? rates.mathsDensity : 0;
    this.footnoteRate = random.chance(rates.footnotes) ? 0.06 : 0;
  }

  fill(template: string): string {
    const random = this.random;
    return template.replace(/\{(\w+)\}/g, (_, slot: string) => {
      switch (slot) {
        case "org": return random.pick(orgs);
        case "method": return random.pick(methodNames);
        case "model": return random.pick(modelNames);
        case "noun": return random.pick(words.nouns);
        case "adjective": return random.pick(words.adjectives);
        case "domain": return random.pick(domainNames);
        case "number": return String(random.pick([2, 3, 4, 5, 8, 10, 12, 16, 32, 64, 100, 1000]));
        case "percent": return `${random.int(1, 40)}.${random.int(0, 9)}%`;
        case "multiple": return `${random.int(2, 9)}x`;
        case "name": return random.pick(words.codeNames);
        default: return slot;
      }
    });
  }

  /** One plain sentence. */
  plainSentence(): string {
    const random = this.random;
    const roll = random.next();
    if (roll < 0.15) return random.pick(words.fillerSentences);
    const subject = this.fill(random.pick(words.subjects));
    const clause = this.fill(random.pick(words.clauses));
    const verb = random.pick(words.verbs);
    if (roll < 0.35) return `${random.pick(words.connectors)} ${lowerFirst(subject)} ${verb} ${clause}.`;
    return `${subject} ${verb} ${clause}.`;
  }

  /** A sentence, sometimes with emphasis, code, a link, maths or a footnote. */
  sentence(): string {
    const random = this.random;
    let text = this.plainSentence();
    if (random.chance(0.08)) text = text.replace(/(^|\s)([\w'-]+ [\w'-]+)\.$/, "$1**$2**.");
    if (random.chance(0.05)) text = text.replace(/\.$/, `, see \`${random.pick(words.codeNames)}()\`.`);
    if (random.chance(0.1)) text = text.replace(/\.$/, ` ([${random.pick(["paper", "code", "blog post", "video", "thread"])}](${this.url()})).`);
    if (random.chance(this.mathsRate)) text = text.replace(/\.$/, `, where $${random.pick(words.inlineFormulas)}$.`);
    if (random.chance(this.footnoteRate)) text = text.replace(/\.$/, `.${this.footnote()}`);
    return text;
  }

  url(): string {
    const random = this.random;
    switch (random.int(0, 3)) {
      case 0: return `https://arxiv.org/abs/${random.int(15, 24)}${String(random.int(1, 12)).padStart(2, "0")}.${String(random.int(0, 99999)).padStart(5, "0")}`;
      case 1: return `https://github.com/${slugify(random.pick(orgs))}/${random.pick(words.codeNames)}`;
      case 2: return `https://example.org/${slugify(random.pick(words.nouns))}/${random.int(1, 999)}`;
      default: return `https://www.${slugify(random.pick(orgs))}.com/blog/${slugify(this.plainHeadline())}`;
    }
  }

  footnote(): string {
    const number = this.footnotes.length + 1;
    const reference = `${random2Names(this.random)}, “${this.plainHeadline()}”, ${this.random.int(2015, 2024)}. [Link](${this.url()})`;
    this.footnotes.push(`[^${number}]: ${reference}`);
    return `[^${number}]`;
  }

  /** A paragraph of about `budget` words. */
  paragraph(budget: number): string {
    const sentences: string[] = [];
    let count = 0;
    while (count < budget || sentences.length < 2) {
      const sentence = this.sentence();
      sentences.push(sentence);
      count += countWords(sentence);
      if (sentences.length >= 12) break;
    }
    return sentences.join(" ");
  }

  plainHeadline(): string {
    const random = this.random;
    const adjective = upperFirst(random.pick(words.adjectives));
    const noun = random.pick(words.nouns);
    const tag = random.pick(this.spec.tags);
    switch (random.int(0, 5)) {
      case 0: return `${random.pick(modelNames)}: ${lowerFirst(adjective)} ${noun} at scale`;
      case 1: return `${adjective} ${noun} tricks are ${random.pick(["few-shot", "zero-shot", "robust", "efficient"])} learners`;
      case 2: return `Rethinking the ${noun} in ${tag}`;
      case 3: return `${random.pick([3, 5, 7, 10])} lessons from ${random.pick(orgs)} on ${tag}`;
      case 4: return `Towards ${lowerFirst(adjective)} ${tag}`;
      default: return `${upperFirst(tag)} without the ${noun}`;
    }
  }

  /** A headline; lab notes sometimes put maths in one. */
  headline(): string {
    const text = this.plainHeadline();
    if (this.spec.series === "lab-notes" && this.random.chance(this.mathsRate / 3)) return `${text} in $O(n \\log n)$`;
    return text;
  }

  bulletList(items: number, nested = false): string {
    const lines: string[] = [];
    for (let index = 0; index < items; index++) {
      lines.push(`- ${this.sentence()}`);
      if (nested && this.random.chance(0.3)) lines.push(`  - ${this.sentence()}`);
    }
    return lines.join("\n");
  }

  orderedList(items: number): string {
    return Array.from({ length: items }, (_, index) => `${index + 1}. ${this.sentence()}`).join("\n");
  }

  table(): string {
    const random = this.random;
    const rows = random.int(3, 6);
    const lines = ["| Model | Parameters | Score | Notes |", "| :--- | ---: | ---: | --- |"];
    for (let row = 0; row < rows; row++) {
      lines.push(
        `| ${random.pick(modelNames)} | ${random.int(1, 500)}M | ${random.int(40, 99)}.${random.int(0, 9)} | ${upperFirst(random.pick(words.adjectives))} ${random.pick(words.nouns)} |`,
      );
    }
    return lines.join("\n");
  }

  code(): string {
    const snippet = this.random.pick(words.codeSnippets);
    return `\`\`\`${snippet.language}\n${snippet.lines.map((line) => this.fill(line)).join("\n")}\n\`\`\``;
  }

  displayMaths(): string {
    return `$$\n${this.random.pick(words.displayFormulas)}\n$$`;
  }

  quote(): string {
    return `> “${this.plainSentence()} ${this.plainSentence()}”`;
  }

  hashtags(): string {
    const tags = this.random.shuffle(this.spec.tags).slice(0, this.random.int(1, 2));
    return tags.map((tag) => `#${slugifyTag(tag)}`).join(", ");
  }
}

/** Per series: the share of issues with maths, how dense it is there, the share with footnotes. */
const issueRates: Record<SeriesId, { maths: number; mathsDensity: number; footnotes: number }> = {
  "lab-notes": { maths: 0.9, mathsDensity: 0.3, footnotes: 0.3 },
  "neurips-takeaways": { maths: 0.4, mathsDensity: 0.12, footnotes: 0.3 },
  "zeta-alpha-trends": { maths: 0.3, mathsDensity: 0.1, footnotes: 0.8 },
  "gradient-updates": { maths: 0.15, mathsDensity: 0.06, footnotes: 0.3 },
  "link-digest": { maths: 0.1, mathsDensity: 0.05, footnotes: 0.2 },
};

const orgs = [
  "DeepMind", "OpenAI", "Google Research", "Meta AI", "Microsoft Research", "Stanford", "MIT", "Berkeley",
  "Mila", "EleutherAI", "Hugging Face", "NVIDIA",
];
const modelNames = ["GPT-3", "BERT", "T5", "CLIP", "ViT", "ResNet-50", "AlphaFold", "Whisper", "LLaMA", "MPNet", "NesT", "BYOL"];
const methodNames = ["contrastive pre-training", "sparse attention", "knowledge distillation", "a mixture of experts", "data augmentation", "low-rank adaptation", "quantisation"];
const domainNames = ["medical imaging", "protein design", "weather forecasting", "code search", "robot grasping", "speech"];

function random2Names(random: Random): string {
  const [first = "A. Author", second] = random.shuffle(words.authorNames).slice(0, random.int(1, 2));
  return second ? `${first} and ${second}` : first;
}

/** "The model" becomes "the model"; names and acronyms ("BERT", "DeepMind") stay as they are. */
function lowerFirst(text: string): string {
  return /^[A-Z](?:[a-z]+\b(?![A-Z])|\s)/.test(text) && !/^[A-Z][a-z]+[A-Z]/.test(text) ? (text[0]?.toLowerCase() ?? "") + text.slice(1) : text;
}

function upperFirst(text: string): string {
  return text ? (text[0]?.toUpperCase() ?? "") + text.slice(1) : text;
}

/** An issue body under construction, counting its words as the site does. */
class Body {
  readonly #blocks: string[] = [];
  #tail: string[] = [];
  words = 0;

  constructor(readonly prose: Prose) {}

  get random(): Random {
    return this.prose.random;
  }

  /** Words still to write before the closing section. */
  get remaining(): number {
    return this.prose.spec.targetWords - this.words;
  }

  add(...blocks: string[]): void {
    for (const block of blocks) {
      this.#blocks.push(block);
      this.words += countWords(block);
    }
  }

  /** Blocks that close the issue, written after the sections. */
  closing(...blocks: string[]): void {
    this.#tail = blocks;
  }

  paragraph(cap = 120): void {
    this.add(this.prose.paragraph(Math.max(15, Math.min(cap, this.remaining))));
  }

  /** Now and then a table, code, display maths, a list or a quote, as the budget allows. */
  extras(): void {
    const { random, prose } = this;
    if (this.remaining < 60) return;
    if (random.chance(prose.mathsRate)) this.add(prose.displayMaths());
    if (random.chance(0.12)) this.add(prose.code());
    if (random.chance(0.1)) this.add(prose.table());
    if (random.chance(0.25)) this.add(prose.bulletList(random.int(2, 5)));
    if (random.chance(0.06)) this.add(prose.quote());
  }

  markdown(): string {
    const blocks = [...this.#blocks, ...this.#tail];
    if (this.prose.footnotes.length) blocks.push(this.prose.footnotes.join("\n"));
    return `${blocks.join("\n\n")}\n`;
  }

  /** Pads a short body or trims a long one so it lands inside `wordRange`. */
  settle(): void {
    let total = countWords(this.markdown());
    while (total < wordRange.min) {
      this.add(this.prose.paragraph(60));
      total = countWords(this.markdown());
    }
    while (total > wordRange.max && this.#blocks.length > 1) {
      const removed = this.#blocks.pop() ?? "";
      this.words -= countWords(removed);
      total = countWords(this.markdown());
    }
  }
}

type SeriesWriter = (body: Body, spec: IssueSpec) => void;

/** 1st, 2nd, 3rd, 4th, 11th, 21st... */
export function ordinal(n: number): string {
  const suffix = n % 100 >= 11 && n % 100 <= 13 ? "th" : ({ 1: "st", 2: "nd", 3: "rd" } as Record<number, string>)[n % 10] ?? "th";
  return `${n}${suffix}`;
}

/** Reserved for the closing words and footnotes. */
const closingReserve = 120;

const seriesWriters: Record<SeriesId, SeriesWriter> = {
  "gradient-updates"(body, spec) {
    const { prose, random } = body;
    body.add(`Welcome to the ${ordinal(spec.number)} update from the Gradient! If you were referred by a friend, subscribe and follow us on Twitter!`);
    for (const kind of ["News Highlight", "Paper Highlight"]) {
      body.add(`## ${kind}: ${prose.headline()}`, "### Summary");
      body.paragraph(random.int(60, 140));
      body.add("### Background");
      body.paragraph(random.int(60, 160));
      if (random.chance(0.5)) body.add(prose.bulletList(random.int(3, 6)));
      body.extras();
      body.add("### Why does it matter?");
      body.paragraph(random.int(50, 120));
    }
    body.add("## Other News That Caught Our Eyes", "### News");
    let papers = false;
    while (body.remaining > closingReserve) {
      if (!papers && body.remaining < spec.targetWords / 3) {
        body.add("### Papers");
        papers = true;
      }
      body.add(`#### ${prose.plainHeadline()}`);
      if (papers) body.paragraph(random.int(60, 180));
      else body.add(prose.quote());
      if (random.chance(0.15)) body.extras();
    }
    body.closing(
      "## Closing Thoughts",
      "Have something to say about this edition’s topics? Shoot us an email and we will consider sharing the most interesting thoughts from readers in the next newsletter! Thanks for reading the latest Update from the Gradient!",
    );
    body.settle();
  },

  "zeta-alpha-trends"(body) {
    const { prose, random } = body;
    body.paragraph(random.int(40, 90));
    body.add(prose.bulletList(random.int(3, 5)));
    body.add("## 🔬 Research", "Zeta Alpha monitors trending AI research to help you determine what’s worth reading. Enjoy!");
    let paper = 0;
    while (body.remaining > closingReserve) {
      paper++;
      body.add(`### ${paper}. ${prose.headline()}`, `By ${random2Names(random)} et al.`);
      body.add(`::: why\n**❓ Why →** ${prose.paragraph(random.int(15, 40))}\n:::`);
      const insight = [`**💡 Key insights →** ${prose.paragraph(random.int(40, 120))}`];
      if (random.chance(0.3)) insight.push(prose.orderedList(random.int(2, 4)));
      if (random.chance(prose.mathsRate * 2)) insight.push(prose.displayMaths());
      if (random.chance(0.5)) insight.push(prose.paragraph(random.int(30, 100)));
      body.add(`::: insight\n${insight.join("\n\n")}\n:::`);
      if (random.chance(0.3)) body.extras();
    }
    body.closing(`That’s all for this month! ${prose.plainSentence()} See you next time.`);
    body.settle();
  },

  "neurips-takeaways"(body) {
    const { prose, random } = body;
    body.paragraph(random.int(50, 100));
    body.paragraph(random.int(30, 70));
    while (body.remaining > closingReserve) {
      body.add(`## ${prose.headline()}`);
      body.paragraph(random.int(40, 120));
      if (random.chance(0.5)) body.paragraph(random.int(30, 90));
      if (random.chance(0.6)) body.add(`::: figure\n${prose.plainSentence()} (The image is reproduced from the pdf of the current paper.)\n:::`);
      body.extras();
      body.add(`::: takeaway\n**Takeaway:** ${prose.paragraph(random.int(20, 50))}\n:::`);
    }
    body.closing("## Conclusion", prose.paragraph(40));
    body.settle();
  },

  "lab-notes"(body) {
    const { prose, random } = body;
    while (body.remaining > closingReserve) {
      body.add(`## ${prose.headline()}`);
      if (random.chance(0.6)) {
        body.add("### Motivation", prose.bulletList(random.int(1, 3)));
        body.add("### Main idea");
        body.paragraph(random.int(40, 120));
        if (random.chance(prose.mathsRate * 1.5)) body.add(prose.displayMaths());
        body.add("### Comments", prose.bulletList(random.int(2, 4), true));
      } else {
        body.paragraph(random.int(60, 160));
        body.extras();
      }
      body.add(`Ref: ${random.shuffle(["video", "paper", "code", "twitter posts"]).slice(0, random.int(1, 3)).join(", ")}`);
    }
    body.closing(prose.paragraph(30));
    body.settle();
  },

  "link-digest"(body) {
    const { prose, random } = body;
    while (body.remaining > closingReserve / 2) {
      body.add(`## ${prose.headline()}`);
      body.paragraph(random.int(60, 200));
      if (random.chance(0.35)) body.paragraph(random.int(40, 120));
      if (random.chance(0.2)) body.extras();
      body.add(prose.hashtags());
    }
    body.settle();
  },
};
