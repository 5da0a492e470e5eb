import { appendFileSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { journalLine, journalPath, JournalWriter, parseJournal, readJournal, type JournalEntry } from "../../src/email/send/journal.ts";
import { tempFolder } from "../support/run-build.ts";

const sent = (address: string): JournalEntry => ({ status: "sent", address, key: address.toLowerCase(), at: "2026-12-02T10:00:00.000Z" });
const refused = (address: string): JournalEntry => ({ ...sent(address), status: "refused", response: "550 5.1.1 No such user" });

describe("journalPath", () => {
  it("is beside the list, named after the list and the edition", () => {
    expect(journalPath("lists/subscribers.csv", "2024-05-01-hello")).toBe(path.join("lists", "subscribers.2024-05-01-hello.journal"));
    expect(journalPath("/tmp/all", "x")).toBe("/tmp/all.x.journal");
  });
});

describe("parseJournal", () => {
  it("keeps each address's latest status: a sent one stays sent, a refused one sent later is sent", () => {
    const text = [sent("A@x.org"), refused("b@x.org"), refused("c@x.org"), sent("c@x.org"), refused("a@x.org")].map(journalLine).join("");
    const state = parseJournal(text, "j");
    expect([...state.sent].sort()).toEqual(["a@x.org", "c@x.org"]);
    expect([...state.refused.keys()]).toEqual(["b@x.org"]);
    expect(state.refused.get("b@x.org")?.response).toBe("550 5.1.1 No such user");
    expect(state.tornLastLine).toBe(false);
  });

  it("ignores a line cut off by a crash, last or ended by a later run", () => {
    const torn = journalLine(sent("b@x.org")).slice(0, 20);
    const last = parseJournal(journalLine(sent("a@x.org")) + torn, "j");
    expect([...last.sent]).toEqual(["a@x.org"]);
    expect(last).toMatchObject({ tornLastLine: true, tornLines: 1 });
    const ended = parseJournal(`${journalLine(sent("a@x.org"))}${torn}\n${journalLine(sent("c@x.org"))}`, "j");
    expect([...ended.sent]).toEqual(["a@x.org", "c@x.org"]);
    expect(ended).toMatchObject({ tornLastLine: false, tornLines: 1 });
  });

  it("names a whole line that is not a journal entry", () => {
    expect(() => parseJournal(`${journalLine(sent("a@x.org"))}{"status":"maybe","address":"b@x.org","at":"x"}\n`, "lists/l.x.journal")).toThrow(
      'lists/l.x.journal: line 2: expected a journal line like {"status":"sent","address":"name@example.org",...}, got "{\\"status\\":\\"maybe\\"',
    );
    expect(() => parseJournal("not json}\n", "j")).toThrow("j: line 1:");
  });
});

describe("JournalWriter", () => {
  it("appends, ends a torn line first, and reads back what it wrote", () => {
    const file = path.join(tempFolder("journal-"), "l.x.journal");
    expect(readJournal(file).sent.size).toBe(0);
    const first = new JournalWriter(file, false);
    first.record(sent("a@x.org"));
    first.close();
    const text = readFileSync(file, "utf8");
    expect(text).toBe('{"status":"sent","address":"a@x.org","at":"2026-12-02T10:00:00.000Z"}\n');
    appendFileSync(file, '{"status":"sent","addr');
    const state = readJournal(file);
    expect(state.tornLastLine).toBe(true);
    const second = new JournalWriter(file, state.tornLastLine);
    second.record(refused("b@x.org"));
    second.close();
    const after = readJournal(file);
    expect([...after.sent]).toEqual(["a@x.org"]);
    expect([...after.refused.keys()]).toEqual(["b@x.org"]);
    expect(after.tornLines).toBe(1);
    expect(readFileSync(file, "utf8").startsWith(text)).toBe(true);
  });
});
