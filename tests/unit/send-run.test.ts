import { describe, expect, it } from "vitest";
import type { JournalEntry } from "../../src/email/send/journal.ts";
import { parseJournal, journalLine } from "../../src/email/send/journal.ts";
import { readRecipientList } from "../../src/email/send/recipients.ts";
import { deliveryOfError, planSend, progressBar, progressLineDue, runSend, SendStoppedError, type Delivery } from "../../src/email/send/send-run.ts";

const list = readRecipientList("email\na@x.org\nb@x.org\nc@x.org\nd@x.org\n", "l.csv");
const entry = (status: JournalEntry["status"], address: string): JournalEntry => ({ status, address, key: address, at: "2026-12-02T10:00:00.000Z", ...(status === "refused" ? { response: "550 no" } : {}) });

describe("planSend", () => {
  const journal = parseJournal([entry("sent", "a@x.org"), entry("refused", "c@x.org")].map(journalLine).join(""), "j");
  it("skips the sent, holds back the refused, in the list's order", () => {
    const plan = planSend(list, journal, false);
    expect(plan.toSend.map((recipient) => recipient.address)).toEqual(["b@x.org", "d@x.org"]);
    expect(plan).toMatchObject({ alreadySent: 1, retrying: 0 });
    expect(plan.refusedBefore.map((refused) => refused.address)).toEqual(["c@x.org"]);
  });
  it("tries the refused again with --retry-failed", () => {
    const plan = planSend(list, journal, true);
    expect(plan.toSend.map((recipient) => recipient.address)).toEqual(["b@x.org", "c@x.org", "d@x.org"]);
    expect(plan).toMatchObject({ alreadySent: 1, retrying: 1, refusedBefore: [] });
  });
});

describe("deliveryOfError", () => {
  it("journals a permanent refusal of the recipient and stops on anything else", () => {
    expect(deliveryOfError({ code: "EENVELOPE", command: "RCPT TO", responseCode: 550, response: "550 5.1.1 No such user" })).toEqual({ status: "refused", response: "550 5.1.1 No such user" });
    const stops: Array<[unknown, string]> = [
      [{ code: "EENVELOPE", command: "RCPT TO", responseCode: 451, response: "451 try later" }, "the server did not accept the message: 451 try later"],
      [{ code: "EMESSAGE", command: "DATA", responseCode: 554, response: "554 spam" }, "the server did not accept the message: 554 spam"],
      [{ code: "EAUTH", response: "535 Authentication failed" }, "the server refused the login: 535 Authentication failed"],
      [{ code: "ECONNECTION", message: "Connection closed unexpectedly" }, "the connection to the server failed: Connection closed unexpectedly"],
    ];
    for (const [error, message] of stops) {
      const outcome = deliveryOfError(error);
      expect(outcome).toBeInstanceOf(SendStoppedError);
      expect((outcome as Error).message).toBe(message);
    }
  });
});

describe("runSend", () => {
  function fakeRun(answers: Record<string, Delivery | Error>, stopAfter = Infinity) {
    let clock = 0;
    const log: string[] = [];
    const deps = {
      send: async (address: string): Promise<Delivery> => {
        log.push(`send ${address} at ${clock}`);
        const answer = answers[address] ?? { status: "sent" as const, response: "250 OK" };
        if (answer instanceof Error) throw answer;
        clock += 5;
        return answer;
      },
      record: (recorded: JournalEntry) => void log.push(`record ${recorded.status} ${recorded.address}`),
      now: () => clock,
      sleep: async (milliseconds: number) => void (clock += milliseconds),
      progress: (done: number, total: number, refused: number) => void log.push(`progress ${done}/${total} ${refused}`),
      stopRequested: () => log.filter((line) => line.startsWith("record")).length >= stopAfter,
    };
    return { deps, log };
  }

  it("sends at the rate, journalling each answer before the next message", async () => {
    const { deps, log } = fakeRun({ "c@x.org": { status: "refused", response: "550 no" } });
    const result = await runSend(list.recipients, 20, deps);
    expect(result).toMatchObject({ sent: 3, refused: [{ address: "c@x.org", response: "550 no", status: "refused" }] });
    expect(result.stopped).toBeUndefined();
    expect(log).toEqual([
      "send a@x.org at 0", "record sent a@x.org", "progress 1/4 0",
      "send b@x.org at 50", "record sent b@x.org", "progress 2/4 0",
      "send c@x.org at 100", "record refused c@x.org", "progress 3/4 1",
      "send d@x.org at 150", "record sent d@x.org", "progress 4/4 1",
    ]);
  });

  it("stops at a failure that is not the address's, journalling nothing for it", async () => {
    const dropped = Object.assign(new Error("Connection closed"), { code: "ECONNECTION" });
    const { deps, log } = fakeRun({ "b@x.org": dropped });
    const result = await runSend(list.recipients, 1000, deps);
    expect(result).toMatchObject({ sent: 1, refused: [], stopped: "the connection to the server failed: Connection closed" });
    expect(log.filter((line) => line.startsWith("record"))).toEqual(["record sent a@x.org"]);
  });

  it("stops between messages when asked (Ctrl-C)", async () => {
    const { deps } = fakeRun({}, 2);
    expect(await runSend(list.recipients, 1000, deps)).toMatchObject({ sent: 2, stopped: "stopped by Ctrl-C" });
  });
});

describe("progress", () => {
  it("draws a bar and reports plain lines about every tenth", () => {
    expect(progressBar(5, 10, 0, 10)).toBe("[#####·····] 5/10");
    expect(progressBar(10, 10, 2, 4)).toBe("[####] 10/10  2 refused");
    expect([...Array(50).keys()].map((index) => index + 1).filter((done) => progressLineDue(done, 50))).toEqual([5, 10, 15, 20, 25, 30, 35, 40, 45, 50]);
    expect(progressLineDue(1, 3)).toBe(true);
  });
});
