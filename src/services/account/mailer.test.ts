import nodemailer from "nodemailer";
import { describe, expect, it } from "vitest";
import { logMailer, mailSettingsFromEnv, nodemailerMailer } from "./mailer.js";

describe("account mail", () => {
  it("hands a message to nodemailer with the configured sender (jsonTransport: nothing leaves the process)", async () => {
    const transport = nodemailer.createTransport({ jsonTransport: true });
    const built: { from?: unknown; to?: unknown; subject?: unknown; text?: unknown }[] = [];
    transport.use("compile", (mail, done) => {
      built.push(mail.data);
      done();
    });
    const mailer = nodemailerMailer(transport, "kneewise <no-reply@club.example>");
    await mailer.send({ to: "ada@example.org", subject: "Choose a new kneewise password", text: "https://club.example/reset-password?token=abc" });
    expect(built).toHaveLength(1);
    expect(built[0]).toMatchObject({
      from: { address: "no-reply@club.example", name: "kneewise" },
      to: [{ address: "ada@example.org" }],
      subject: "Choose a new kneewise password",
      text: "https://club.example/reset-password?token=abc",
    });
  });

  it("writes the message to the log as a warning when no SMTP server is configured (seen at KNEEWISE_LOG_LEVEL=warn)", async () => {
    const lines: { obj: object; msg: string }[] = [];
    const mailer = logMailer({ warn: (obj, msg) => lines.push({ obj, msg }), info: () => undefined });
    await mailer.send({ to: "ada@example.org", subject: "s", text: "the link" });
    expect(lines).toHaveLength(1);
    expect(lines[0]!.obj).toEqual({ mail: { to: "ada@example.org", subject: "s", text: "the link" } });
  });

  it("reads the environment, refusing half a configuration with a message naming the missing variable", () => {
    expect(mailSettingsFromEnv({}, "http://localhost:3000")).toEqual({ publicUrl: "http://localhost:3000" });
    expect(mailSettingsFromEnv({ KNEEWISE_PUBLIC_URL: "https://club.example/" }, "http://localhost:3000").publicUrl).toBe("https://club.example");
    const smtp = mailSettingsFromEnv(
      { KNEEWISE_SMTP_URL: "smtp://127.0.0.1:2525", KNEEWISE_MAIL_FROM: "no-reply@club.example", KNEEWISE_PUBLIC_URL: "https://club.example" },
      "http://localhost:3000",
    );
    expect(smtp.mailer?.kind).toBe("smtp");
    expect(() => mailSettingsFromEnv({ KNEEWISE_SMTP_URL: "smtp://127.0.0.1:2525", KNEEWISE_PUBLIC_URL: "https://club.example" }, "x")).toThrow(/KNEEWISE_MAIL_FROM/);
    expect(() => mailSettingsFromEnv({ KNEEWISE_SMTP_URL: "smtp://127.0.0.1:2525", KNEEWISE_MAIL_FROM: "a@b.c" }, "http://localhost:3000")).toThrow(/KNEEWISE_PUBLIC_URL/);
    expect(() => mailSettingsFromEnv({ KNEEWISE_PUBLIC_URL: "javascript:alert(1)" }, "http://localhost:3000")).toThrow(/not an http/);
  });
});
