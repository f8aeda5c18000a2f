import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FastifyInstance } from "fastify";
import { startTestServer } from "../../test/app.js";
import { buildServer } from "./build-server.js";
import { REDACTED, redactUrl } from "./request-log.js";

const TOKEN = "Q2FsZW5kYXJUb2tlbkZvclRlc3RzT25seTEyMzQ1Njc"; // 43 characters, like our tokens

describe("redactUrl", () => {
  it("replaces the token of calendar feeds, link invitations and reset links", () => {
    expect(redactUrl(`/calendar/${TOKEN}.ics`)).toBe(`/calendar/${REDACTED}.ics`);
    expect(redactUrl(`/calendar/short`)).toBe(`/calendar/${REDACTED}`);
    expect(redactUrl(`/invite/${TOKEN}`)).toBe(`/invite/${REDACTED}`);
    expect(redactUrl(`/api/invites/link/${TOKEN}/accept`)).toBe(
      `/api/invites/link/${REDACTED}/accept`,
    );
    expect(redactUrl(`/reset-password?token=${TOKEN}`)).toBe(`/reset-password?token=${REDACTED}`);
    expect(redactUrl(`/verify-email?lang=en&Token=${TOKEN}#x`)).toBe(
      `/verify-email?lang=en&Token=${REDACTED}`,
    );
  });

  it("replaces any path segment shaped like a token, and keeps ids and ordinary paths", () => {
    expect(redactUrl(`/api/something-new/${TOKEN}/confirm`)).toBe(
      `/api/something-new/${REDACTED}/confirm`,
    );
    const id = "3f1c2a4e-9b7d-4c1e-8f00-1234567890ab";
    expect(redactUrl(`/api/shoes/${id}?asOf=2024-03-01`)).toBe(`/api/shoes/${id}?asOf=2024-03-01`);
    expect(redactUrl("/api/training/report?weeks=12")).toBe("/api/training/report?weeks=12");
    expect(redactUrl("/learn/patellofemoral-pain-syndrome")).toBe(
      "/learn/patellofemoral-pain-syndrome",
    );
  });
});

// The log does not depend on the database: one dialect is enough (single-user, no sign-up needed).
describe("the request log", () => {
  let t: Awaited<ReturnType<typeof startTestServer>>;
  let server: FastifyInstance;
  const lines: string[] = [];
  beforeAll(async () => {
    t = await startTestServer("sqlite");
    server = await buildServer({
      app: t.app,
      logger: { level: "debug", stream: { write: (line: string) => void lines.push(line) } },
    });
  });
  afterAll(async () => {
    await server.close();
    await t.close();
  });

  it("never writes a calendar, invitation or reset token", async () => {
    const made = await server.inject({ method: "POST", url: "/api/calendar/token" });
    expect(made.statusCode).toBe(201);
    const feedPath = new URL(made.json<{ url: string }>().url).pathname;
    const calendarToken = feedPath.slice("/calendar/".length, -".ics".length);
    expect((await server.inject({ url: feedPath })).statusCode).toBe(200);
    await server.inject({ url: `/api/invites/link/${TOKEN}` });
    await server.inject({ method: "POST", url: `/api/invites/link/${TOKEN}/accept` });
    await server.inject({ url: `/invite/${TOKEN}` }); // no web app here: a 404, logged by Fastify
    await server.inject({ url: `/reset-password?token=${TOKEN}` });

    const log = lines.join("");
    expect(log).toContain("incoming request");
    expect(log).toContain(`/calendar/${REDACTED}.ics`);
    expect(log).toContain(`/api/invites/link/${REDACTED}/accept`);
    expect(log).toContain(`"url":"/invite/${REDACTED}"`);
    expect(log).toContain(`"url":"/reset-password?token=${REDACTED}"`);
    expect(log).not.toContain(calendarToken);
    expect(log).not.toContain(TOKEN);
  });
});

describe("request lines at debug level (single-user terminals)", () => {
  it("keeps an info-level log quiet per request while errors still show", async () => {
    const t = await startTestServer("sqlite");
    const lines: string[] = [];
    const server = await buildServer({
      app: t.app,
      requestLogLevel: "debug",
      logger: { level: "info", stream: { write: (line: string) => void lines.push(line) } },
    });
    server.get("/fails", () => {
      throw new Error("something broke");
    });
    expect((await server.inject({ url: "/api/me" })).statusCode).toBe(200);
    expect((await server.inject({ url: "/no/such/page" })).statusCode).toBe(404);
    expect(lines.join("")).toBe("");
    expect((await server.inject({ url: "/fails" })).statusCode).toBe(500);
    const logged = lines.map((l) => JSON.parse(l) as { level: number; msg: string });
    expect(logged.length).toBeGreaterThan(0);
    expect(logged.every((l) => l.level >= 50)).toBe(true);
    expect(logged.map((l) => l.msg)).toContain("unhandled error");
    await server.close();
    await t.close();
  });
});
