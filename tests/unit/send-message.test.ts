import { simpleParser } from "mailparser";
import MailComposer from "nodemailer/lib/mail-composer";
import type Mail from "nodemailer/lib/mailer";
import { describe, expect, it } from "vitest";
import { EditionError, fillPlaceholders, parseEdition, recipientMessageId, renderMessage, rfc5322Date } from "../../src/email/send/message.ts";

const date = new Date("2026-12-02T10:00:00Z");

function compose(options: Mail.Options): Promise<string> {
  return new Promise((resolve, reject) =>
    new MailComposer({ from: "Letters <letters@example.org>", subject: "Issue 1", messageId: "<issue-1@letters.example.org>", ...options })
      .compile()
      .build((error, built) => (error ? reject(error) : resolve(built.toString("utf8")))),
  );
}

describe("fillPlaceholders", () => {
  it.each([
    ["{{ email }} and {{email_urlencoded}}", "o'b+1@x.org", false, "o'b+1@x.org and o'b%2B1%40x.org"],
    ["<a href=\"?e={{ email_urlencoded }}\">{{ email }}</a>", "o'b+1@x.org", true, "<a href=\"?e=o&#39;b%2B1%40x.org\">o&#39;b+1@x.org</a>"],
    ["{{ unsubscribe_url }} {{ emails }} {{ email | upper }}", "a@x.org", false, "{{ unsubscribe_url }} {{ emails }} {{ email | upper }}"],
  ])("%s", (text, address, html, expected) => {
    expect(fillPlaceholders(text, address, html)).toBe(expected);
  });
});

describe("renderMessage", () => {
  it("gives each recipient its To, Message-ID, Date and address in quoted-printable and base64 parts", async () => {
    const long = "Une phrase assez longue, avec des accents é et à, pour que les lignes se replient. ".repeat(30);
    for (const textEncoding of ["quoted-printable", "base64"] as const) {
      const raw = await compose({
        to: "placeholder@example.org",
        cc: "cc@example.org",
        textEncoding,
        text: `${long}\nFor {{ email }}: https://x.org/u?e={{ email_urlencoded }}\n`,
        html: `<p>${long}</p><p>For {{ email }}</p>`,
        headers: { "List-Unsubscribe": "<https://x.org/u?e={{ email_urlencoded }}>" },
      });
      const edition = parseEdition(raw, "_email/issue-1.eml");
      expect(edition.from).toBe("letters@example.org");
      expect(edition.placeholders).toBe(3);
      const mail = await simpleParser(renderMessage(edition, "ada+news@example.org", { date }));
      expect(mail.to && !Array.isArray(mail.to) ? mail.to.text : "").toBe("ada+news@example.org");
      expect(mail.cc).toBeUndefined();
      expect(mail.messageId).toBe(recipientMessageId(edition, "ada+news@example.org"));
      expect(mail.date?.toISOString()).toBe(date.toISOString());
      expect(mail.text).toBe(`${long}\nFor ada+news@example.org: https://x.org/u?e=ada%2Bnews%40example.org\n`);
      expect(mail.html).toBe(`<p>${long}</p><p>For ada+news@example.org</p>`);
      expect(mail.headerLines.find((line) => line.key === "list-unsubscribe")?.line).toBe("List-Unsubscribe: <https://x.org/u?e=ada%2Bnews%40example.org>");
      expect(mail.subject).toBe("Issue 1");
    }
  });

  it("keeps a message without placeholders byte for byte but for To, Message-ID and Date, LF line ends too", async () => {
    const raw = (await compose({ text: "Hello.\n", html: "<p>Hello.</p>" })).replace(/\r\n/g, "\n");
    const edition = parseEdition(raw, "e.eml");
    expect(edition.placeholders).toBe(0);
    const rendered = renderMessage(edition, "bob@example.org", { date });
    const changed = (text: string): string[] => text.split("\n").filter((line) => !/^(To|Message-ID|Date): /.test(line));
    expect(changed(rendered)).toEqual(changed(raw));
    expect(rendered).toContain("\nTo: bob@example.org\n");
    expect(rendered).not.toContain("\r");
  });

  it("fills the parts of a nested multipart and leaves an attachment alone", async () => {
    const raw = await compose({
      text: "Hi {{ email }}",
      html: "<p>Hi {{ email }}</p>",
      attachments: [{ filename: "note.txt", content: "{{ email }} stays" }],
    });
    const mail = await simpleParser(renderMessage(parseEdition(raw, "e.eml"), "cy@example.org", { date }));
    expect(mail.text).toBe("Hi cy@example.org");
    expect(mail.html).toBe("<p>Hi cy@example.org</p>");
    expect(mail.attachments[0]?.content.toString()).toBe("{{ email }} stays");
  });

  it("derives a Message-ID per address, stable across runs, another for a salted test copy", () => {
    const edition = { messageId: "<issue-1@letters.example.org>", messageIdDomain: "letters.example.org" };
    const id = recipientMessageId(edition, "Ada@X.org");
    expect(id).toMatch(/^<[0-9a-f]{32}@letters\.example\.org>$/);
    expect(recipientMessageId(edition, "ada@x.org")).toBe(id);
    expect(recipientMessageId(edition, "bob@x.org")).not.toBe(id);
    expect(recipientMessageId(edition, "ada@x.org", "test 1")).not.toBe(id);
    expect(rfc5322Date(date)).toBe("Wed, 02 Dec 2026 10:00:00 +0000");
  });

  it("refuses an edition without From, without a body, or with a provider's placeholder in a List- header, all at once", async () => {
    expect(() => parseEdition("Subject: x\r\nTo: a@x.org", "e.eml")).toThrow("e.eml: expected a complete message (headers, a blank line, the body)");
    const raw = await compose({ text: "x", headers: { "List-Unsubscribe": "<{{ unsubscribe_url }}>", "List-Help": "<*|UNSUB|*>" } });
    const problems = (() => {
      try {
        parseEdition(raw.replace(/^From: .*\r\n/m, ""), "_email/i.eml");
      } catch (error) {
        return error instanceof EditionError ? error.message.split("\n") : [];
      }
      return [];
    })();
    expect(problems).toHaveLength(3);
    expect(problems[0]).toBe('_email/i.eml: From: expected the sender\'s address, like "Letters <letters@example.org>", got no From header');
    expect(problems[1]).toContain("_email/i.eml: List-Unsubscribe: expected only the placeholders {{ email }} and {{ email_urlencoded }}, which npm run send fills in, got {{ unsubscribe_url }}");
    expect(problems[2]).toContain("_email/i.eml: List-Help: expected only the placeholders {{ email }} and {{ email_urlencoded }}, which npm run send fills in, got *|UNSUB|*");
  });
});
