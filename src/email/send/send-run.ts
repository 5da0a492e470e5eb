// The send itself: who is still to receive the edition, one message at a time at the rate asked,
// each accepted or refused address journalled before the next goes out. The SMTP transport, the
// journal and the clock come in from src/cli/send.ts, so this runs against any of them.
import type { JournalEntry, JournalState } from "./journal.ts";
import type { Recipient, RecipientList } from "./recipients.ts";

export interface SendPlan {
  /** In the list's order. */
  toSend: Recipient[];
  /** On the list and journalled as sent by an earlier run. */
  alreadySent: number;
  /** On the list, refused by the server before and not tried again (no `--retry-failed`). */
  refusedBefore: JournalEntry[];
  /** Refused before and tried again, with `--retry-failed`. */
  retrying: number;
}

export function planSend(list: RecipientList, journal: JournalState, retryFailed: boolean): SendPlan {
  const plan: SendPlan = { toSend: [], alreadySent: 0, refusedBefore: [], retrying: 0 };
  for (const recipient of list.recipients) {
    if (journal.sent.has(recipient.key)) {
      plan.alreadySent++;
      continue;
    }
    const refused = journal.refused.get(recipient.key);
    if (refused && !retryFailed) {
      plan.refusedBefore.push(refused);
      continue;
    }
    if (refused) plan.retrying++;
    plan.toSend.push(recipient);
  }
  return plan;
}

/** What the server said of one message. */
export type Delivery = { status: "sent"; response: string } | { status: "refused"; response: string };

/** A failure that ends the run (the connection, a temporary refusal, the login): nothing is journalled for it. */
export class SendStoppedError extends Error {
  override name = "SendStoppedError";
}

interface SmtpErrorShape {
  code?: string;
  command?: string;
  responseCode?: number;
  response?: string;
  message?: string;
}

/**
 * A permanent refusal of the recipient (5xx to RCPT TO) belongs to that address: it is journalled
 * and the send goes on. Anything else (a dropped connection, a 4xx "try later", a refused login or
 * message) would fail every address alike, so the run stops and a rerun carries on from the journal.
 */
export function deliveryOfError(error: unknown): Delivery | SendStoppedError {
  const smtp = (typeof error === "object" && error !== null ? error : {}) as SmtpErrorShape;
  const response = (smtp.response ?? "").trim();
  if (smtp.code === "EENVELOPE" && smtp.command === "RCPT TO" && (smtp.responseCode ?? 0) >= 500) {
    return { status: "refused", response: response || String(smtp.responseCode) };
  }
  const what = smtp.code === "EAUTH" ? "the server refused the login" : smtp.code === "ECONNECTION" || smtp.code === "ETIMEDOUT" || smtp.code === "ESOCKET" ? "the connection to the server failed" : "the server did not accept the message";
  const detail = response || smtp.message || String(error);
  return new SendStoppedError(`${what}: ${detail}`);
}

export interface SendRunDependencies {
  send(address: string): Promise<Delivery>;
  record(entry: JournalEntry): void;
  now(): number;
  sleep(milliseconds: number): Promise<void>;
  progress(done: number, total: number, refused: number): void;
  /** Set once SIGINT asks the run to stop after the message in flight. */
  stopRequested(): boolean;
}

export interface SendRunResult {
  sent: number;
  refused: JournalEntry[];
  /** Why the run ended early, if it did. */
  stopped?: string;
}

/** Sends to `recipients` in order, no faster than `rate` a second, journalling each answer. */
export async function runSend(recipients: readonly Recipient[], rate: number, deps: SendRunDependencies): Promise<SendRunResult> {
  const result: SendRunResult = { sent: 0, refused: [] };
  const interval = 1000 / rate;
  const start = deps.now();
  for (const [index, recipient] of recipients.entries()) {
    if (deps.stopRequested()) {
      result.stopped = "stopped by Ctrl-C";
      break;
    }
    // Message i goes out no earlier than i intervals after the start: a steady rate, no bursts.
    const wait = start + index * interval - deps.now();
    if (wait > 0) await deps.sleep(wait);
    let delivery: Delivery;
    try {
      delivery = await deps.send(recipient.address);
    } catch (error) {
      const outcome = deliveryOfError(error);
      if (outcome instanceof SendStoppedError) {
        result.stopped = outcome.message;
        break;
      }
      delivery = outcome;
    }
    const entry: JournalEntry = {
      status: delivery.status,
      address: recipient.address,
      key: recipient.key,
      at: new Date(deps.now()).toISOString(),
      ...(delivery.status === "refused" ? { response: delivery.response } : {}),
    };
    deps.record(entry);
    if (delivery.status === "sent") result.sent++;
    else result.refused.push(entry);
    deps.progress(index + 1, recipients.length, result.refused.length);
  }
  return result;
}

/** `[##########··········] 20/40  1 refused`, for a terminal. */
export function progressBar(done: number, total: number, refused: number, width = 30): string {
  const filled = total === 0 ? width : Math.round((done / total) * width);
  return `[${"#".repeat(filled)}${"·".repeat(width - filled)}] ${done}/${total}${refused ? `  ${refused} refused` : ""}`;
}

/** Whether a plain-line progress report is due: about every tenth of the list, and at its end. */
export function progressLineDue(done: number, total: number): boolean {
  const step = Math.max(1, Math.ceil(total / 10));
  return done === total || done % step === 0;
}

/** `1 address`, `2 addresses`. */
export function addresses(count: number): string {
  return `${count.toLocaleString("en-US")} ${count === 1 ? "address" : "addresses"}`;
}
