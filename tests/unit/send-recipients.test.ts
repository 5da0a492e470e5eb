import { describe, expect, it } from "vitest";
import { parseCsv } from "../../src/csv.ts";
import { isValidAddress, readRecipientList, RecipientListError } from "../../src/email/send/recipients.ts";

describe("parseCsv", () => {
  it.each([
    ["plain rows, CRLF", "email,name\r\na@x.org,Ada\r\n", [[1, ["email", "name"]], [2, ["a@x.org", "Ada"]]]],
    ["a BOM, LF, no final newline", "\uFEFFemail\nb@x.org", [[1, ["email"]], [2, ["b@x.org"]]]],
    ["quoted separators, quotes and a line break, lines counted from where a record starts", 'name,email\n"Doe, ""Jo""\nJr",c@x.org\nd,d@x.org\n', [[1, ["name", "email"]], [2, ['Doe, "Jo"\nJr', "c@x.org"]], [4, ["d", "d@x.org"]]]],
    ["semicolons when the header has no comma", "Email;Name\ne@x.org;Eve\n", [[1, ["Email", "Name"]], [2, ["e@x.org", "Eve"]]]],
    ["tabs", "email\tname\nf@x.org\tFay\n", [[1, ["email", "name"]], [2, ["f@x.org", "Fay"]]]],
    ["blank lines skipped, mixed line ends", "email\r\n\r\ng@x.org\n\nh@x.org\r", [[1, ["email"]], [3, ["g@x.org"]], [5, ["h@x.org"]]]],
    ["a quote inside an unquoted field kept as text", 'email,name\ni@x.org,O"Brien\n', [[1, ["email", "name"]], [2, ["i@x.org", 'O"Brien']]]],
  ])("%s", (_name, text, expected) => {
    expect(parseCsv(text, "list.csv").map((record) => [record.line, record.fields])).toEqual(expected);
  });

  it("names the line an unclosed quote opens on", () => {
    expect(() => parseCsv('email\na@x.org\n"b@x.org\nc@x.org\n', "lists/l.csv")).toThrow(
      'lists/l.csv: line 3: expected a closing quote (") for the field opened on this line, got the end of the file',
    );
  });

  it("reads hostile input in one pass: a million quotes, an unclosed quoted megabyte, a megabyte of separators", () => {
    expect(parseCsv(`email\n${'a"'.repeat(500_000)}\n`, "l.csv")).toHaveLength(2);
    expect(() => parseCsv(`email\n"${"a\n".repeat(500_000)}`, "l.csv")).toThrow("line 2: expected a closing quote");
    expect(parseCsv(`email\n${",".repeat(1_000_000)}x\n`, "l.csv")[1]?.fields).toHaveLength(1_000_001);
  });
});

describe("isValidAddress", () => {
  it.each(["ada@example.org", "a.b+tag@mail.example.co.uk", "o'brien@example.org", "x@a-b.example"])("accepts %s", (address) => {
    expect(isValidAddress(address)).toBe(true);
  });
  it.each(["", "ada", "ada@", "@example.org", "ada@localhost", "ada@exa mple.org", "ada@-x.org", "a@b@c.org", "ada <ada@x.org>", "ädä@example.org", `${"a".repeat(65)}@x.org`, `a@${"b".repeat(250)}.org`, "a@x.org\r\nBcc: b@x.org"])("refuses %j", (address) => {
    expect(isValidAddress(address)).toBe(false);
  });
});

describe("readRecipientList", () => {
  it("finds the address column by its common names and keeps the list's order", () => {
    for (const header of ["email", "Email", "Email Address", "email_address", "E-mail"]) {
      const list = readRecipientList(`First Name,${header}\nAda,ada@x.org\nBob,bob@x.org\n`, "l.csv");
      expect(list.recipients.map((recipient) => [recipient.address, recipient.line])).toEqual([["ada@x.org", 2], ["bob@x.org", 3]]);
    }
  });

  it("reports invalid and duplicate rows by line, and sends to each address once", () => {
    const list = readRecipientList("email\nada@x.org\n  bob@x.org  \nnope\nADA@X.org\n,\nbob@x.org\n", "lists/l.csv");
    expect(list.recipients.map((recipient) => recipient.address)).toEqual(["ada@x.org", "bob@x.org"]);
    expect(list.recipients.map((recipient) => recipient.key)).toEqual(["ada@x.org", "bob@x.org"]);
    expect(list.invalid.map((problem) => problem.message)).toEqual(['lists/l.csv: line 4: email: expected an email address like name@example.org, got "nope"; not sent']);
    expect(list.duplicates.map((problem) => problem.message)).toEqual([
      "lists/l.csv: line 5: ADA@X.org is also on line 2; sent once",
      "lists/l.csv: line 7: bob@x.org is also on line 3; sent once",
    ]);
  });

  it("reports an empty address cell as nothing", () => {
    const list = readRecipientList("name,email\nAda,\n", "l.csv");
    expect(list.invalid.map((problem) => problem.message)).toEqual(["l.csv: line 2: email: expected an email address like name@example.org, got nothing; not sent"]);
  });

  it("refuses a list without a header naming an address column, or an empty one", () => {
    expect(() => readRecipientList("ada@x.org\nbob@x.org\n", "l.csv")).toThrow(RecipientListError);
    expect(() => readRecipientList("name,mail address\nAda,ada@x.org\n", "l.csv")).toThrow('l.csv: line 1: expected a header with an "email" (or "Email Address") column, got "name", "mail address"');
    expect(() => readRecipientList("\n\n", "l.csv")).toThrow('l.csv: expected a CSV file with a header line naming an "email" column, got an empty file');
  });
});
