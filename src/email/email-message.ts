import MailComposer from "nodemailer/lib/mail-composer";
import type { EmailConfig } from "../config/newsletter-config.ts";

/** What the `.eml` is made of; the headers come from newsletter.yml's `email` section. */
export interface MessageParts {
  email: EmailConfig;
  /** The List-Id's value: the series' list, else `email.list_id`. */
  listId: string;
  /** The list's name, shown with its id (`"Lab Notes" <lab-notes.letters.example.org>`). */
  listName: string;
  subject: string;
  date: Date;
  /** The slug, which with the list id makes the Message-ID the same on every run. */
  slug: string;
  html: string;
  text: string;
}

/** A list's id from newsletter.yml: a series' `email_list` that is a name gets the site's list id as its domain. */
export function listIdFor(emailList: string | undefined, listId: string): string {
  if (!emailList) return listId;
  if (/^[a-z0-9-]+(?:\.[a-z0-9-]+)+$/i.test(emailList)) return emailList;
  const label = emailList.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
  return label ? `${label}.${listId}` : listId;
}

/**
 * The List-Unsubscribe headers (RFC 2369, RFC 8058): one-click only for an https target,
 * since a mail client posts `List-Unsubscribe=One-Click` to it; a mailto gets the header alone.
 */
export function unsubscribeHeaders(target: string): Record<string, string> {
  return target.startsWith("mailto:")
    ? { "List-Unsubscribe": `<${target}>` }
    : { "List-Unsubscribe": `<${target}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" };
}

/** The complete multipart/alternative message, text part first, as `SLUG.eml`. */
export async function composeMessage(parts: MessageParts): Promise<Buffer> {
  const quotedName = parts.listName.replace(/["\\]/g, "");
  const composer = new MailComposer({
    from: parts.email.from,
    ...(parts.email.replyTo ? { replyTo: parts.email.replyTo } : {}),
    subject: parts.subject,
    date: parts.date,
    messageId: `<${parts.slug}@${parts.listId}>`,
    // Prepared: nodemailer would otherwise MIME-encode the quoted name with the angle brackets inside.
    headers: { "List-Id": { prepared: true, value: `"${quotedName}" <${parts.listId}>` }, ...unsubscribeHeaders(parts.email.unsubscribe) },
    text: parts.text,
    html: parts.html,
    textEncoding: "quoted-printable",
  });
  return composer.compile().build();
}
