// `npm run email -- SLUG [--out DIR] [--check]` (or `--all`): each published issue's email edition,
// SLUG.html, SLUG.txt and SLUG.eml, made from its page in the built site (docs/email.md).
import { existsSync, readdirSync } from "node:fs";
import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { newsletterConfig } from "../config/newsletter-config.ts";
import { parseEmailArgs } from "../email/email-args.ts";
import { issuePageFile, makeEdition, type Edition } from "../email/edition.ts";
import { siteMetadata } from "../site.ts";
import { takeConfigFlag } from "./config-flag.ts";
import { errorMessage } from "./error-message.ts";

async function main(): Promise<number> {
  const started = performance.now();
  const args = parseEmailArgs(takeConfigFlag(process.argv.slice(2)));
  const config = newsletterConfig();
  const email = config.email;
  if (!email) {
    console.error(`${config.file}: email: expected a mapping with from, list_id and unsubscribe to make the email edition (docs/email.md), got none`);
    return 1;
  }
  const metadata = siteMetadata();
  const site = path.resolve(args.site);
  if (!existsSync(path.join(site, "index.html"))) {
    console.error(`email: expected a built site in ${args.site}, found none: run npm run build first (or pass --site DIR)`);
    return 1;
  }
  const issuesFolder = path.join(site, "issues");
  const slugs = args.all
    ? readdirSync(issuesFolder, { withFileTypes: true }).filter((entry) => entry.isDirectory() && existsSync(issuePageFile(site, entry.name))).map((entry) => entry.name).sort()
    : args.slugs;
  const problems: string[] = [];
  const written: string[] = [];
  // Each edition is written to a staging folder as it is made, so --all holds one in memory at a
  // time, and moved into place only when no edition had a problem.
  const staging = path.join(args.out, `.email-staging-${process.pid}`);
  if (!args.check) await mkdir(staging, { recursive: true });
  const onTerminal = process.stderr.isTTY;
  for (const [index, slug] of slugs.entries()) {
    const page = issuePageFile(site, slug);
    if (!existsSync(page)) {
      problems.push(`${slug}: expected a published issue, but ${path.relative(process.cwd(), page)} does not exist: a draft, a scheduled issue or a misspelt slug (build the site first)`);
      continue;
    }
    const edition = await makeEdition({ slug, pageHtml: await readFile(page, "utf8"), site, metadata, config: { ...config, email } });
    problems.push(...edition.problems);
    if (!args.check && !problems.length) written.push(...(await writeEdition(staging, edition)));
    if (onTerminal && slugs.length > 1) process.stderr.write(`\r${index + 1}/${slugs.length} editions`);
  }
  if (onTerminal && slugs.length > 1) process.stderr.write("\n");
  const seconds = ((performance.now() - started) / 1000).toFixed(2);
  if (problems.length) {
    await rm(staging, { recursive: true, force: true });
    console.error(`email: ${problems.length} problem${problems.length === 1 ? "" : "s"}; nothing written:\n${problems.map((problem) => `  ${problem}`).join("\n")}`);
    return 1;
  }
  if (args.check) {
    console.log(`Checked ${slugs.length} edition${slugs.length === 1 ? "" : "s"}: no problems, in ${seconds} s.`);
    return 0;
  }
  for (const name of written) await rename(path.join(staging, name), path.join(args.out, name));
  await rm(staging, { recursive: true, force: true });
  const count = written.length / 3;
  const shown = count === 1 ? path.join(args.out, `${slugs[0]}.{html,txt,eml}`) : `${args.out}/`;
  console.log(`Wrote ${count} edition${count === 1 ? "" : "s"} (${written.length} files) into ${shown} in ${seconds} s.`);
  return 0;
}

/** Writes an edition's three files into `folder`; returns their names. */
async function writeEdition(folder: string, edition: Edition): Promise<string[]> {
  const files: [string, string | Buffer][] = [
    [`${edition.slug}.html`, edition.html],
    [`${edition.slug}.txt`, edition.text],
    [`${edition.slug}.eml`, edition.eml],
  ];
  await Promise.all(files.map(([name, data]) => writeFile(path.join(folder, name), data)));
  return files.map(([name]) => name);
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(errorMessage(error));
    process.exitCode = 1;
  },
);
