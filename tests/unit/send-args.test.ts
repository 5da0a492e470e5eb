import { describe, expect, it } from "vitest";
import { hideSecrets, parseRate, parseSendArgs, parseSmtpUrl, SendUsageError } from "../../src/email/send/send-args.ts";

describe("parseSendArgs", () => {
  it("reads every flag, = forms too, with the defaults", () => {
    expect(parseSendArgs(["2024-05-01-hello", "--to", "lists/s.csv"], {})).toEqual({ slug: "2024-05-01-hello", list: "lists/s.csv", rate: 10, yes: false, retryFailed: false, edition: "_email" });
    expect(parseSendArgs(["--to=l.csv", "x", "--smtp", "smtp://h", "--rate=2/s", "--yes", "--retry-failed", "--edition", "out"], { SMTP_URL: "smtp://env" })).toEqual({
      slug: "x",
      list: "l.csv",
      smtp: "smtp://h",
      rate: 2,
      yes: true,
      retryFailed: true,
      edition: "out",
    });
    expect(parseSendArgs(["x", "--test", "me@x.org"], { SMTP_URL: " smtp://env " })).toMatchObject({ smtp: "smtp://env", test: "me@x.org" });
  });

  it("reports every mistake at once, without echoing an unknown flag's value", () => {
    let message = "";
    try {
      parseSendArgs(["--smpt=smtp://u:hunter2@h", "--rate", "fast", "--to"], {});
    } catch (error) {
      expect(error).toBeInstanceOf(SendUsageError);
      message = (error as Error).message;
    }
    expect(message.split("\n")).toEqual([
      'send: expected one of --to, --smtp, --rate, --test, --edition, --yes, --retry-failed or the edition\'s slug, got "--smpt"',
      "send: --to: expected the subscriber list, a CSV file, got nothing",
      "send: expected the edition's slug (the issue's, like 2024-05-01-hello), got nothing",
      "send: --to: expected the subscriber list, a CSV file (or --test ADDRESS for one copy), got nothing",
      'send: --rate: expected a rate like 10/s, 600/min or 3600/h, got "fast"',
      expect.stringContaining("usage: npm run send -- SLUG --to LIST.csv"),
    ]);
    expect(message).not.toContain("hunter2");
    expect(() => parseSendArgs(["../etc", "--to", "l.csv"], {})).toThrow('send: slug: expected the issue\'s slug, letters, digits and hyphens, got "../etc"');
    expect(() => parseSendArgs(["a", "b", "--to", "l.csv"], {})).toThrow('got 2 ("a" "b")');
    expect(() => parseSendArgs(["a", "--to", "l.csv", "--test", "t@x.org", "--yes"], {})).toThrow("send: --test: expected either --test ADDRESS (one copy) or --to LIST --yes (the list), got both");
  });
});

describe("parseRate", () => {
  it.each([
    ["10/s", 10],
    ["5", 5],
    ["0.5/s", 0.5],
    ["600/min", 10],
    ["3600 / h", 1],
    ["14/second", 14],
  ])("%s is %d a second", (text, rate) => {
    expect(parseRate(text)).toBe(rate);
  });
  it.each(["0/s", "-1/s", "ten", "10/day", "", "1e3"])("refuses %j", (text) => {
    expect(parseRate(text)).toBeUndefined();
  });
});

describe("parseSmtpUrl", () => {
  it("shows the server with its password hidden, and knows each form of the password", () => {
    const server = parseSmtpUrl("smtps://apikey:p%40ss%2Fw0rd@smtp.example.org:465");
    expect(server.shown).toBe("smtps://apikey:***@smtp.example.org:465");
    expect(server.secrets).toEqual(expect.arrayContaining(["p%40ss%2Fw0rd", "p@ss/w0rd"]));
    expect(hideSecrets("login p@ss/w0rd failed (p%40ss%2Fw0rd)", server.secrets)).toBe("login *** failed (***)");
    expect(parseSmtpUrl("smtp://smtp.example.org:25").shown).toBe("smtp://smtp.example.org:25");
  });

  it("refuses a URL that is not smtp, has no host or does not parse, without printing it", () => {
    expect(() => parseSmtpUrl("https://u:hunter2@x.org")).toThrow('(or smtps://), got one starting "https:"');
    for (const url of ["smtp://u:hunter2@x.org:port", "u:hunter2", "u:hunter2@x.org", "smtp://u:hunter2@"]) {
      let message = "";
      try {
        parseSmtpUrl(url);
      } catch (error) {
        message = (error as Error).message;
      }
      expect(message).toContain("SMTP URL (--smtp or SMTP_URL): expected a URL like smtp://user:password@smtp.example.org:587");
      expect(message).not.toContain("hunter2");
    }
  });
});
