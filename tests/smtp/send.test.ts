// `npm run send` against a real SMTP server (smtp-server on 127.0.0.1), each run a real child
// process: what arrives, what the journal holds after a kill, a refusal and a dropped connection,
// and that the SMTP password is never printed.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import type { AddressInfo, Socket } from "node:net";
import path from "node:path";
import { simpleParser, type ParsedMail } from "mailparser";
import MailComposer from "nodemailer/lib/mail-composer";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { projectRoot, tempFolder } from "../support/run-build.ts";

const slug = "2024-05-01-hello";
const user = "letters";
// Characters that must be percent-encoded in a URL, so both forms are looked for in the output.
const password = "s3cr3t p@ss/w0rd";
const wrongPassword = "n0t-the-r1ght-one";

interface Received {
  mailFrom: string;
  rcptTo: string[];
  raw: Buffer;
}

interface Behaviour {
  /** Called at each RCPT TO with the count of messages accepted so far; returns an SMTP reply code to refuse. */
  onRcpt?: (address: string, accepted: number) => number | undefined;
}

let server: SMTPServer;
let port = 0;
let behaviour: Behaviour = {};
const received: Received[] = [];
const sockets = new Set<Socket>();
const outputs: string[] = [];
let folder = "";
let edition = "";

function smtpUrl(secret = password): string {
  return `smtp://${user}:${encodeURIComponent(secret)}@127.0.0.1:${port}`;
}

/** Writes a list of `count` addresses (plus extra rows) and returns its path. */
function writeList(name: string, rows: string[]): string {
  const file = path.join(folder, "lists", `${name}.csv`);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, rows.join("\r\n") + "\r\n");
  return file;
}

function addressesOf(prefix: string, count: number): string[] {
  return Array.from({ length: count }, (_, index) => `${prefix}.${index + 1}@example.org`);
}

interface Run {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs the command as `npm run send` would, as a child process; `watch` may kill it. */
function runSend(args: string[], options: { env?: Record<string, string>; watch?: (child: ChildProcess) => void; slug?: string; edition?: string } = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "src/cli/send.ts", options.slug ?? slug, "--edition", options.edition ?? edition, ...args], {
      cwd: projectRoot,
      env: { ...process.env, SMTP_URL: smtpUrl(), ...options.env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout?.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    options.watch?.(child);
    child.on("error", reject);
    child.on("close", (status, signal) => {
      outputs.push(stdout, stderr);
      resolve({ status, signal, stdout, stderr });
    });
  });
}

function deliveredTo(from: number): string[] {
  return received.slice(from).flatMap((message) => message.rcptTo);
}

function journalLines(list: string): Array<Record<string, string>> {
  const file = list.replace(/\.csv$/, `.${slug}.journal`);
  return readFileSync(file, "utf8")
    .split("\n")
    .filter((line) => line.endsWith("}"))
    .map((line) => JSON.parse(line) as Record<string, string>);
}

beforeAll(async () => {
  folder = tempFolder("send-");
  edition = path.join(folder, "_email");
  mkdirSync(edition);
  // The edition as npm run email writes it: MailComposer's multipart/alternative, quoted-printable parts.
  const paragraph = "Deux idées sur les gradients, et une figure. ".repeat(40);
  const message = new MailComposer({
    from: "Machine Learning Letters <letters@letters.example.org>",
    subject: "Hello, gradients — issue 1",
    messageId: "<2024-05-01-hello@letters.example.org>",
    date: new Date("2024-05-01T08:00:00Z"),
    text: `${paragraph}\n\nSent to {{ email }}. Unsubscribe: https://letters.example.org/unsubscribe?email={{ email_urlencoded }}\n`,
    html: `<p>${paragraph}</p><p>Sent to {{ email }}. <a href="https://letters.example.org/unsubscribe?email={{ email_urlencoded }}">Unsubscribe</a></p>`,
    headers: {
      "List-Id": "Machine Learning Letters <letters.example.org>",
      "List-Unsubscribe": "<https://letters.example.org/unsubscribe?email={{ email_urlencoded }}>",
      "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    },
  });
  const raw = await new Promise<Buffer>((resolve, reject) => message.compile().build((error, built) => (error ? reject(error) : resolve(built))));
  writeFileSync(path.join(edition, `${slug}.eml`), raw);

  server = new SMTPServer({
    authMethods: ["PLAIN", "LOGIN"],
    allowInsecureAuth: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === user && auth.password === password) callback(null, { user });
      else callback(Object.assign(new Error("Authentication failed"), { responseCode: 535 }));
    },
    onRcptTo(address, _session, callback) {
      const code = behaviour.onRcpt?.(address.address, received.length);
      if (code) callback(Object.assign(new Error(`${code === 550 ? "5.1.1 No such user" : "Try later"} ${address.address}`), { responseCode: code }));
      else callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        received.push({
          mailFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          rcptTo: session.envelope.rcptTo.map((rcpt) => rcpt.address),
          raw: Buffer.concat(chunks),
        });
        callback(null);
      });
    },
  });
  // A killed client resets its connection; the server reports it, and that is expected here.
  server.on("error", () => undefined);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const netServer = (server as unknown as { server: import("node:net").Server }).server;
  netServer.on("connection", (socket: Socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  port = (netServer.address() as AddressInfo).port;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe("npm run send", () => {
  it("without --yes is a dry run: counts who would receive it, reports bad rows, sends nothing", async () => {
    const list = writeList("dry", ["Email Address,First Name", ...addressesOf("dry", 50).map((address) => `${address},Ada`), "not-an-address,Bob", "DRY.7@Example.org,Carol", ",Dan"]);
    const before = received.length;
    const run = await runSend(["--to", list]);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(`Dry run: ${slug} would go to 50 addresses of ${list}`);
    expect(run.stdout).toContain("Nothing was sent; add --yes to send.");
    expect(run.stdout).toContain(`through smtp://${user}:***@127.0.0.1:${port}`);
    expect(run.stderr).toContain(`${list}: line 52: Email Address: expected an email address like name@example.org, got "not-an-address"; not sent`);
    expect(run.stderr).toContain(`${list}: line 53: DRY.7@Example.org is also on line 8; sent once`);
    expect(run.stderr).toContain(`${list}: line 54: Email Address: expected an email address like name@example.org, got nothing; not sent`);
    expect(received.length).toBe(before);
    expect(existsSync(list.replace(/\.csv$/, `.${slug}.journal`))).toBe(false);
  });

  it("sends a list of 50 as 50 messages, each to its address, with the edition's headers and the address filled in", async () => {
    const list = writeList("fifty", ["email", ...addressesOf("fifty", 50)]);
    const before = received.length;
    const run = await runSend(["--to", list, "--yes", "--rate", "1000/s"]);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(new RegExp(`Sent ${slug} to 50 addresses in [\\d.]+ s; journal: `));
    const messages = received.slice(before);
    expect(messages.map((message) => message.rcptTo)).toEqual(addressesOf("fifty", 50).map((address) => [address]));
    const parsed: ParsedMail[] = await Promise.all(messages.map((message) => simpleParser(message.raw)));
    const ids = new Set<string>();
    parsed.forEach((mail, index) => {
      const address = addressesOf("fifty", 50)[index] ?? "";
      expect(messages[index]?.mailFrom).toBe("letters@letters.example.org");
      expect(mail.to && !Array.isArray(mail.to) ? mail.to.value.map((entry) => entry.address) : []).toEqual([address]);
      expect(mail.from?.value[0]?.address).toBe("letters@letters.example.org");
      expect(mail.subject).toBe("Hello, gradients — issue 1");
      const lines = new Map(mail.headerLines.map((header) => [header.key, header.line]));
      expect(lines.get("list-unsubscribe-post")).toBe("List-Unsubscribe-Post: List-Unsubscribe=One-Click");
      expect(lines.get("list-id")).toMatch(/^List-Id: Machine Learning Letters <letters\.example\.org>$/i);
      expect(lines.get("list-unsubscribe")).toBe(`List-Unsubscribe: <https://letters.example.org/unsubscribe?email=${encodeURIComponent(address)}>`);
      expect(mail.text).toContain(`Sent to ${address}. Unsubscribe: https://letters.example.org/unsubscribe?email=${encodeURIComponent(address)}`);
      expect(mail.text).toContain("Deux idées sur les gradients");
      expect(mail.html).toContain(`<a href="https://letters.example.org/unsubscribe?email=${encodeURIComponent(address)}">Unsubscribe</a>`);
      expect(mail.html).not.toContain("{{");
      expect(mail.messageId).toMatch(/^<[0-9a-f]{32}@letters\.example\.org>$/);
      ids.add(mail.messageId ?? "");
      expect(mail.date?.getFullYear()).toBeGreaterThanOrEqual(2026);
    });
    expect(ids.size).toBe(50);
    expect(journalLines(list).map((entry) => [entry.status, entry.address])).toEqual(addressesOf("fifty", 50).map((address) => ["sent", address]));

    const again = await runSend(["--to", list, "--yes", "--rate", "1000/s"]);
    expect(again.status).toBe(0);
    expect(again.stdout).toContain(`Nothing to send: ${slug} has reached every address of ${list} (50 addresses already sent`);
    expect(received.length).toBe(before + 50);
  });

  it("killed once the server has accepted 20, and run again, delivers the other 30 only", async () => {
    const all = addressesOf("kill", 50);
    const list = writeList("kill", ["email", ...all]);
    const before = received.length;
    let victim: ChildProcess | undefined;
    // At the 21st message's RCPT TO the 20th has its 250 and its journal line: kill for real there.
    behaviour = { onRcpt: (_address, accepted) => (accepted - before === 20 ? (victim?.kill("SIGKILL"), 451) : undefined) };
    const killed = await runSend(["--to", list, "--yes", "--rate", "1000/s"], { watch: (child) => (victim = child) });
    behaviour = {};
    expect(killed.signal).toBe("SIGKILL");
    expect(deliveredTo(before)).toEqual(all.slice(0, 20));
    expect(journalLines(list).map((entry) => entry.address)).toEqual(all.slice(0, 20));
    // A write cut off by a crash mid-line: ignored, its address sent on the rerun.
    appendFileSync(list.replace(/\.csv$/, `.${slug}.journal`), `{"status":"sent","address":"${all[20]}","at":"2026-`);

    const rerun = await runSend(["--to", list, "--yes", "--rate", "1000/s"]);
    expect(rerun.status).toBe(0);
    expect(rerun.stdout).toContain(`Sent ${slug} to 30 addresses in`);
    expect(rerun.stdout).toContain("20 addresses already sent");
    expect(deliveredTo(before + 20)).toEqual(all.slice(20));
    expect(deliveredTo(before).sort()).toEqual([...all].sort());
    expect(journalLines(list).map((entry) => entry.address)).toEqual(all);
  });

  it("reports and journals an address the server refuses, and tries it again only with --retry-failed", async () => {
    const all = addressesOf("refuse", 5);
    const refused = all[2] ?? "";
    const list = writeList("refuse", ["email", ...all]);
    const before = received.length;
    behaviour = { onRcpt: (address) => (address === refused ? 550 : undefined) };
    const run = await runSend(["--to", list, "--yes", "--rate", "1000/s"]);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`send: ${refused}: refused by the server: 550 5.1.1 No such user ${refused}; journalled, not retried without --retry-failed`);
    expect(run.stdout).toContain(`Sent ${slug} to 4 addresses in`);
    expect(run.stdout).toContain("1 address refused (above)");
    expect(deliveredTo(before)).toEqual(all.filter((address) => address !== refused));
    expect(journalLines(list).find((entry) => entry.address === refused)).toMatchObject({ status: "refused", response: `550 5.1.1 No such user ${refused}` });

    let tried = 0;
    behaviour = { onRcpt: () => void tried++ };
    const again = await runSend(["--to", list, "--yes", "--rate", "1000/s"]);
    expect(again.status).toBe(0);
    expect(tried).toBe(0);
    expect(again.stdout).toContain("1 address refused before, not retried without --retry-failed");
    expect(again.stderr).toContain(`send: ${refused}: refused on `);

    const retry = await runSend(["--to", list, "--yes", "--rate", "1000/s", "--retry-failed"]);
    behaviour = {};
    expect(retry.status).toBe(0);
    expect(retry.stdout).toContain(`Sent ${slug} to 1 address in`);
    expect(deliveredTo(before + 4)).toEqual([refused]);
    expect(journalLines(list).filter((entry) => entry.address === refused).map((entry) => entry.status)).toEqual(["refused", "sent"]);
  });

  it("stops when the server drops the connection midway, and a rerun completes from the journal", async () => {
    const all = addressesOf("drop", 10);
    const list = writeList("drop", ["email", ...all]);
    const before = received.length;
    behaviour = {
      onRcpt: (_address, accepted) => {
        if (accepted - before === 6) for (const socket of sockets) socket.destroy();
        return undefined;
      },
    };
    const dropped = await runSend(["--to", list, "--yes", "--rate", "1000/s"]);
    behaviour = {};
    expect(dropped.status).toBe(1);
    expect(dropped.stderr).toContain(`send: stopped after sending ${slug} to 6 addresses of 10: the connection to the server failed`);
    expect(dropped.stderr).toContain("Run the same command again to send to the other 4");
    expect(journalLines(list).map((entry) => entry.address)).toEqual(all.slice(0, 6));

    const rerun = await runSend(["--to", list, "--yes", "--rate", "1000/s"]);
    expect(rerun.status).toBe(0);
    expect(deliveredTo(before)).toEqual(all);
  });

  it("--test sends one copy to that address only, with a Message-ID of its own, and keeps no journal", async () => {
    const list = writeList("fifty-again", ["email", "fifty.1@example.org"]);
    const before = received.length;
    const run = await runSend(["--to", list, "--test", "editor@example.org"]);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(`Sent a test copy of ${slug} to editor@example.org through smtp://${user}:***@127.0.0.1:${port}`);
    expect(deliveredTo(before)).toEqual(["editor@example.org"]);
    const mail = await simpleParser(received[before]?.raw ?? Buffer.alloc(0));
    expect(mail.text).toContain("Sent to editor@example.org.");
    const second = await runSend(["--test", "editor@example.org"]);
    const again = await simpleParser(received[before + 1]?.raw ?? Buffer.alloc(0));
    expect(second.status).toBe(0);
    expect(again.messageId).not.toBe(mail.messageId);
    expect(existsSync(list.replace(/\.csv$/, `.${slug}.journal`))).toBe(false);
  });

  it("sends the edition npm run email writes, the address in its List-Unsubscribe and its footer's link", async () => {
    const issue = "lab-notes-gpt3-contrastive-hebbian";
    const config = path.join(folder, "newsletter.yml");
    const shipped = readFileSync(path.join(projectRoot, "newsletter.yml"), "utf8");
    writeFileSync(
      config,
      shipped
        .replace(/unsubscribe: .*/, 'unsubscribe: "https://letters.example.org/unsubscribe?email={{ email_urlencoded }}"')
        .replace(/logo: (.*)/, (_line, logo: string) => `logo: ${path.join(projectRoot, logo)}`),
    );
    const out = path.join(folder, "_email-real");
    const email = spawnSync(process.execPath, ["--import", "tsx", "src/cli/email.ts", issue, "--site", inject("realSite"), "--out", out, "--config", config], { cwd: projectRoot, encoding: "utf8" });
    expect(email.stderr).toBe("");
    expect(email.status).toBe(0);
    const list = writeList("real", ["email", "o'brien+news@example.org"]);
    const before = received.length;
    const run = await runSend(["--to", list, "--yes"], { slug: issue, edition: out });
    expect(run.status).toBe(0);
    expect(deliveredTo(before)).toEqual(["o'brien+news@example.org"]);
    const mail = await simpleParser(received[before]?.raw ?? Buffer.alloc(0));
    const encoded = encodeURIComponent("o'brien+news@example.org");
    expect(mail.headerLines.find((line) => line.key === "list-unsubscribe")?.line).toBe(`List-Unsubscribe: <https://letters.example.org/unsubscribe?email=${encoded}>`);
    expect(mail.text).toContain(`Unsubscribe: https://letters.example.org/unsubscribe?email=${encoded}`);
    expect(mail.html).toContain(`href="https://letters.example.org/unsubscribe?email=${encoded.replace("'", "&#39;")}"`);
    expect(mail.to && !Array.isArray(mail.to) ? mail.to.text : "").toBe("o'brien+news@example.org");
    expect(mail.subject).toMatch(/^Lab notes: GPT-3/);

    // The shipped newsletter.yml keeps Buttondown's placeholder, which only Buttondown fills in.
    const shippedOut = path.join(folder, "_email-shipped");
    expect(spawnSync(process.execPath, ["--import", "tsx", "src/cli/email.ts", issue, "--site", inject("realSite"), "--out", shippedOut], { cwd: projectRoot }).status).toBe(0);
    const refused = await runSend(["--to", list, "--yes"], { slug: issue, edition: shippedOut });
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain(`${path.join(shippedOut, `${issue}.eml`)}: List-Unsubscribe: expected only the placeholders {{ email }} and {{ email_urlencoded }}, which npm run send fills in, got {{ unsubscribe_url }}`);
    expect(received.length).toBe(before + 1);
  });

  it("never prints the SMTP password: not with a refused login, a bad URL or --smtp", async () => {
    const list = writeList("login", ["email", "login.1@example.org"]);
    const before = received.length;
    const wrong = await runSend(["--to", list, "--yes"], { env: { SMTP_URL: smtpUrl(wrongPassword) } });
    expect(wrong.status).toBe(1);
    expect(wrong.stderr).toContain("the server refused the login");
    expect(wrong.stderr).toContain("535");
    expect(received.length).toBe(before);
    const flag = await runSend(["--to", list, "--smtp", `smtp://${user}:${encodeURIComponent(wrongPassword)}@127.0.0.1:${port}`]);
    expect(flag.stdout).toContain(`smtp://${user}:***@127.0.0.1:${port}`);
    const badUrl = await runSend(["--to", list, "--yes"], { env: { SMTP_URL: `smtp://${user}:${wrongPassword}@127.0.0.1:port` } });
    expect(badUrl.status).toBe(1);
    expect(badUrl.stderr).toContain("SMTP URL (--smtp or SMTP_URL): expected a URL like smtp://user:password@smtp.example.org:587");
    const printed = outputs.join("\n");
    expect(printed).toContain("***");
    for (const secret of [password, encodeURIComponent(password), wrongPassword]) expect(printed).not.toContain(secret);
  });
});
