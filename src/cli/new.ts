// `npm run new -- [--series ID] [--content DIR] [--config FILE] [--dry-run] "Title"`: writes a draft
// issue, dated today in newsletter.yml's time zone, and prints its path and the address it will have.
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { newsletterConfig } from "../config/newsletter-config.ts";
import { fileBatchSize, scanContentFolder } from "../eleventy/content-folder.ts";
import { readIssueBytes } from "../eleventy/issue-files.ts";
import { decodeIssueText } from "../model/decode-issue.ts";
import { issueHref, issueSlug } from "../model/issue-url.ts";
import { validateIssueSource } from "../model/validate-issues.ts";
import { siteMetadata } from "../site.ts";
import { takeConfigFlag } from "./config-flag.ts";
import { errorMessage } from "./error-message.ts";
import {
  chooseSeries,
  issueFileName,
  newIssueText,
  NewIssueError,
  nextIssueNumber,
  numberedIssue,
  parseNewIssueArgs,
  todayIn,
  type NumberedIssue,
} from "./new-issue.ts";

interface ExistingIssue {
  file: string;
  slug: string;
  /** Undefined when the file's front matter cannot be read; the build reports it. */
  issue: NumberedIssue | undefined;
}

/** The existing issues' series, numbers and slugs, read as the build reads them, without building. */
async function existingIssues(content: string): Promise<ExistingIssue[]> {
  const scan = await scanContentFolder(content);
  if (scan.missing) throw new NewIssueError(`new: --content: expected the folder that holds the issues, got ${JSON.stringify(content)}, which does not exist`);
  const found: ExistingIssue[] = [];
  for (let start = 0; start < scan.issues.length; start += fileBatchSize) {
    const batch = scan.issues.slice(start, start + fileBatchSize);
    const texts = await Promise.all(batch.map(async ({ absolutePath }) => decodeIssueText(await readIssueBytes(absolutePath)).text));
    batch.forEach(({ file }, index) => {
      const text = texts[index];
      found.push({ file, slug: issueSlug(file), issue: text === undefined ? undefined : numberedIssue(text) });
    });
  }
  return found;
}

async function main(): Promise<void> {
  const options = parseNewIssueArgs(takeConfigFlag(process.argv.slice(2)));
  const config = newsletterConfig();
  const series = chooseSeries(config, options.series);
  const existing = await existingIssues(options.content);
  const number = nextIssueNumber(
    existing.flatMap(({ issue }) => (issue ? [issue] : [])),
    series.id,
    config.defaultSeries,
  );
  const date = todayIn(config.site.timeZone);
  const absolutePath = path.resolve(options.content, issueFileName(date, options.title));
  const file = path.relative(process.cwd(), absolutePath);
  const slug = issueSlug(file);
  const clash = existing.find((other) => other.slug === slug && path.resolve(other.file) !== absolutePath);
  if (clash) {
    throw new NewIssueError(`new: ${file}: expected a title whose address no other issue has, got ${issueHref(slug)}, the address of ${clash.file}; choose another title`);
  }
  const text = newIssueText({ title: options.title, date, ...(series.written ? { series: series.id } : {}), ...(number ? { number } : {}) });
  // What the build will say of the file, checked before it exists: a title the schema refuses
  // (a control character, say) stops here rather than in the next build.
  const validated = validateIssueSource({ file, absolutePath, bytes: new TextEncoder().encode(text) });
  if (Array.isArray(validated)) throw new NewIssueError(`new: the issue would not build:\n${validated.join("\n")}`);
  const url = new URL(issueHref(slug).slice(1), siteMetadata().baseUrl).href;
  const what = `a draft in ${series.id}${number ? `, number ${number}` : ""}`;
  if (options.dryRun) {
    process.stdout.write(text);
    console.log(`Would write ${file} (${what}); published, it will be at ${url}`);
    return;
  }
  try {
    // "wx" fails if the file exists, even if it appeared after the look through the folder.
    await writeFile(absolutePath, text, { flag: "wx" });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") {
      throw new NewIssueError(`new: ${file}: expected a file that does not exist yet, got an existing file; it was left as it was`);
    }
    throw error;
  }
  console.log(`Wrote ${file} (${what}); published, it will be at ${url}`);
}

main().catch((error: unknown) => {
  console.error(errorMessage(error));
  process.exitCode = 1;
});
