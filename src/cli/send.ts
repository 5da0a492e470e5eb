// `npm run send -- SLUG --to LIST.csv [--smtp URL] [--rate N/s] [--test ADDRESS] [--yes]
// [--retry-failed] [--edition DIR]`: sends an edition written by `npm run email` to a subscriber
// list over SMTP, journalling each address so that a rerun after any failure reaches each one once.
import { spawnSync } from "node:child_process";
import { readFileSync, unlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { createTransport } from "nodemailer";
import { journalPath, JournalWriter, readJournal } from "../email/send/journal.ts";
import { EditionError, parseEdition, renderMessage, type Edition } from "../email/send/message.ts";
import { isValidAddress, readRecipientList } from "../email/send/recipients.ts";
import { hideSecrets, parseSendArgs, parseSmtpUrl, SendUsageError, type SmtpServer } from "../email/send/send-args.ts";
import { addresses, deliveryOfError, planSend, progressBar, progressLineDue, runSend, SendStoppedError, type Delivery } from "../email/send/send-run.ts";
import { takeConfigFlag } from "./config-flag.ts";
import { errorMessage } from "./error-message.ts";
import { isRunning } from "./process-running.ts";

let secrets: string[] = [];
const say = (text: string): void => void process.stdout.write(`${hideSecrets(text, secrets)}\n`);
const warn = (text: string): void => void process.stderr.write(`${hideSecrets(text, secrets)}\n`);

function readText(file: string, what: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new SendUsageError(`send: ${file}: expected ${what}, got ${code === "ENOENT" ? "no such file" : code === "EISDIR" ? "a folder" : (error as Error).message}`);
  }
}

function smtpTransport(server: SmtpServer) {
  // One pooled connection, reused for every message; nodemailer's logger stays off, as it would
  // print the AUTH exchange.
  return createTransport({ url: server.url, pool: true, maxConnections: 1, maxMessages: Infinity, logger: false, debug: false });
}

async function deliver(transport: ReturnType<typeof smtpTransport>, edition: Edition, address: string, date: Date, salt?: string): Promise<Delivery> {
  const raw = renderMessage(edition, address, { date, ...(salt ? { salt } : {}) });
  const info = (await transport.sendMail({ envelope: { from: edition.from, to: [address] }, raw })) as { response?: string };
  return { status: "sent", response: info.response ?? "" };
}

/** Warns when the list lies in this repository where git would commit it. */
function warnIfCommittable(list: string): void {
  const check = spawnSync("git", ["check-ignore", "-q", "--", list], { stdio: "ignore" });
  if (check.status === 1) {
    warn(`send: ${list}: this list is in the repository and git does not ignore it, so subscribers' addresses could be committed; keep lists in lists/ (which .gitignore lists) or outside the project`);
  }
}

/** A lock beside the journal, so two sends of one edition to one list cannot run at once. */
function takeLock(journal: string): () => void {
  const lock = `${journal}.lock`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(lock, `${process.pid}\n`, { flag: "wx" });
      return () => unlinkSync(lock);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const pid = Number(readFileSync(lock, "utf8").trim());
      if (Number.isInteger(pid) && pid > 0 && isRunning(pid)) {
        throw new SendUsageError(`send: ${lock}: another npm run send (process ${pid}) is sending this edition to this list; wait for it to end, or stop it and run again`);
      }
      // Left by a send that was killed: its journal holds all it sent.
      unlinkSync(lock);
    }
  }
  throw new SendUsageError(`send: ${lock}: expected to take the lock, got it taken again at once; run again`);
}

async function main(): Promise<void> {
  const options = parseSendArgs(takeConfigFlag(process.argv.slice(2)));
  const problems: string[] = [];
  const server = options.smtp ? catching(() => parseSmtpUrl(options.smtp ?? ""), problems) : undefined;
  if (server) secrets = server.secrets;
  else if (options.smtp) secrets = [options.smtp];
  const editionFile = path.join(options.edition, `${options.slug}.eml`);
  const edition = catching(() => parseEdition(readText(editionFile, `the edition's message, written by npm run email -- ${options.slug}`), editionFile), problems);
  const sending = options.yes || options.test !== undefined;
  if (!options.smtp && sending) problems.push("send: expected the SMTP server as SMTP_URL in the environment (or --smtp URL), like smtp://user:password@smtp.example.org:587, got neither");
  if (options.test !== undefined && !isValidAddress(options.test)) problems.push(`send: --test: expected an email address like name@example.org, got ${JSON.stringify(options.test)}`);
  if (problems.length || !edition) throw new SendUsageError(problems.join("\n"));

  if (options.test !== undefined && server && !options.yes) {
    const transport = smtpTransport(server);
    try {
      // A salt of its own: the copy must not share the Message-ID the address's real one will have.
      const delivery = await deliver(transport, edition, options.test, new Date(), `test ${Date.now()}`).catch((error: unknown) => deliveryOfError(error));
      if (delivery instanceof SendStoppedError) throw delivery;
      if (delivery.status === "refused") throw new SendUsageError(`send: --test: ${options.test}: the server refused it: ${delivery.response}`);
      say(`Sent a test copy of ${options.slug} to ${options.test} through ${server.shown} (${delivery.response}); no journal kept.`);
    } finally {
      transport.close();
    }
    return;
  }

  const listFile = options.list ?? "";
  const list = readRecipientList(readText(listFile, 'the subscriber list, a CSV file with an "email" column'), listFile);
  warnIfCommittable(listFile);
  for (const problem of [...list.invalid, ...list.duplicates].sort((a, b) => a.line - b.line)) warn(problem.message);
  const journalFile = journalPath(listFile, options.slug);
  const journal = readJournal(journalFile);
  const plan = planSend(list, journal, options.retryFailed);
  const leftOut = [
    plan.alreadySent ? `${addresses(plan.alreadySent)} already sent (${journalFile})` : "",
    plan.refusedBefore.length ? `${addresses(plan.refusedBefore.length)} refused before, not retried without --retry-failed` : "",
    plan.retrying ? `${addresses(plan.retrying)} refused before and tried again` : "",
    list.duplicates.length ? `${list.duplicates.length} duplicate${list.duplicates.length === 1 ? "" : "s"}` : "",
    list.invalid.length ? `${addresses(list.invalid.length)} not valid` : "",
  ].filter(Boolean);
  const details = leftOut.length ? ` (${leftOut.join("; ")})` : "";
  for (const entry of plan.refusedBefore) warn(`send: ${entry.address}: refused on ${entry.at}: ${entry.response ?? ""}; not retried without --retry-failed`);

  if (!options.yes) {
    const through = server ? `through ${server.shown}` : "once SMTP_URL (or --smtp URL) names the server";
    const minutes = plan.toSend.length / options.rate / 60;
    const time = minutes >= 1 ? `about ${Math.ceil(minutes)} min` : `about ${Math.ceil(plan.toSend.length / options.rate)} s`;
    say(`Dry run: ${options.slug} would go to ${addresses(plan.toSend.length)} of ${listFile}${details}, ${through}, at ${options.rate}/s (${time}). Nothing was sent; add --yes to send.`);
    return;
  }
  if (!server) throw new SendUsageError("send: expected the SMTP server as SMTP_URL in the environment (or --smtp URL), got neither");
  if (!plan.toSend.length) {
    say(`Nothing to send: ${options.slug} has reached every address of ${listFile}${details}.`);
    return;
  }

  const releaseLock = takeLock(journalFile);
  const writer = new JournalWriter(journalFile, journal.tornLastLine);
  const transport = smtpTransport(server);
  let stop = false;
  const onInterrupt = (): void => {
    stop = true;
    warn("\nsend: stopping after the message in flight (Ctrl-C again to stop at once)");
  };
  process.once("SIGINT", onInterrupt);
  const terminal = process.stderr.isTTY === true;
  const started = Date.now();
  const date = new Date(started);
  say(`Sending ${options.slug} to ${addresses(plan.toSend.length)} of ${listFile} through ${server.shown} at ${options.rate}/s${details}.`);
  try {
    const result = await runSend(plan.toSend, options.rate, {
      send: (address) => deliver(transport, edition, address, date),
      record: (entry) => writer.record(entry),
      now: () => Date.now(),
      sleep: (milliseconds) => sleep(milliseconds),
      stopRequested: () => stop,
      progress: (done, total, refused) => {
        if (terminal) process.stderr.write(`\r${progressBar(done, total, refused)}${done === total ? "\n" : ""}`);
        else if (progressLineDue(done, total)) say(`Sent ${done} of ${total}${refused ? ` (${refused} refused)` : ""}`);
      },
    });
    if (terminal && result.stopped) process.stderr.write("\n");
    for (const entry of result.refused) warn(`send: ${entry.address}: refused by the server: ${entry.response ?? ""}; journalled, not retried without --retry-failed`);
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    const refused = result.refused.length ? `; ${addresses(result.refused.length)} refused (above)` : "";
    if (result.stopped) {
      const left = plan.toSend.length - result.sent - result.refused.length;
      throw new SendStoppedError(`send: stopped after sending ${options.slug} to ${addresses(result.sent)} of ${plan.toSend.length}${refused}: ${result.stopped}. Run the same command again to send to the other ${left}: ${journalFile} records who has it.`);
    }
    say(`Sent ${options.slug} to ${addresses(result.sent)} in ${seconds} s${refused}${details}; journal: ${journalFile}`);
    if (result.refused.length) process.exitCode = 1;
  } finally {
    process.off("SIGINT", onInterrupt);
    transport.close();
    writer.close();
    releaseLock();
  }
}

/** The value of `run`, or undefined with its message added to `problems`. */
function catching<T>(run: () => T, problems: string[]): T | undefined {
  try {
    return run();
  } catch (error) {
    if (!(error instanceof SendUsageError || error instanceof EditionError)) throw error;
    problems.push(error.message);
    return undefined;
  }
}

main().catch((error: unknown) => {
  warn(errorMessage(error));
  process.exitCode = 1;
});
