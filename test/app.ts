import type { FastifyInstance } from "fastify";
import { createApp } from "../src/services/app.js";
import { SESSION_COOKIE } from "../src/server/auth-context.js";
import type { App } from "../src/services/app.js";
import { buildServer } from "../src/server/build-server.js";
import { createTestDb } from "./db.js";
import type { TestDialect } from "./db.js";
import type { MailMessage, Mailer, MailSettings } from "../src/services/account/mailer.js";

/**
 * The mail each test server "sent", by server: sign-up and verification links are read from
 * here, as a person reads them from their inbox. Servers from startTestServer have one; a suite
 * that builds its own server passes recordingMail().mail to buildServer and attaches the outbox.
 */
const outboxes = new WeakMap<object, MailMessage[]>();

/** Mail settings whose mailer keeps every message (and hands it on to `forward`, if given). */
export function recordingMail(opts: { publicUrl?: string; forward?: Mailer } = {}): { mail: MailSettings; outbox: MailMessage[] } {
  const outbox: MailMessage[] = [];
  const mailer: Mailer = {
    kind: opts.forward?.kind ?? "log",
    send(message) {
      outbox.push(message);
      return opts.forward ? opts.forward.send(message) : Promise.resolve();
    },
  };
  return { mail: { mailer, publicUrl: opts.publicUrl ?? "http://localhost:3000" }, outbox };
}

export function attachOutbox(server: object, outbox: MailMessage[]): void {
  outboxes.set(server, outbox);
}

export function outboxOf(server: object): MailMessage[] {
  const outbox = outboxes.get(server);
  if (!outbox) throw new Error("this test server keeps no outbox: build it with recordingMail() and attachOutbox()");
  return outbox;
}

/** The token of the newest emailed link (sign-up or address) to `email`. */
export function emailedToken(server: object, email: string): string {
  const to = email.trim().toLowerCase();
  const message = outboxOf(server).findLast((m) => m.to === to && /#verify=/.test(m.text));
  const token = message?.text.match(/#verify=([A-Za-z0-9_%-]+)/)?.[1];
  if (!token) throw new Error(`no verification link was emailed to ${email}`);
  return decodeURIComponent(token);
}

/** A real app on a fresh database of the given dialect, and its server (no port: inject()). */
export async function startTestServer(dialect: TestDialect, opts: { multiUser?: boolean; webRoot?: string; mail?: MailSettings } = {}) {
  const testDb = await createTestDb(dialect);
  const app: App = await createApp({ db: testDb.spec, multiUser: opts.multiUser ?? false, version: "0.0.0-test" });
  // Tests that need a public site's name use kneewise.example: answered like the name an operator allows.
  // Mail is kept in an outbox (and still handed to opts.mail's mailer): tests read links from it.
  const { mail, outbox } = recordingMail({ ...(opts.mail ? { publicUrl: opts.mail.publicUrl } : {}), ...(opts.mail?.mailer ? { forward: opts.mail.mailer } : {}) });
  const server = await buildServer({ app, hosts: { allowedHosts: ["kneewise.example"] }, ...(opts.webRoot ? { webRoot: opts.webRoot } : {}), mail });
  attachOutbox(server, outbox);
  return {
    app,
    server,
    async close() {
      await server.close();
      await app.close();
      await testDb.drop();
    },
  };
}

/** The Set-Cookie header of a response parsed into name → attributes. */
export function parseSetCookie(header: string | string[] | undefined): Map<string, { value: string; attrs: Set<string> }> {
  const out = new Map<string, { value: string; attrs: Set<string> }>();
  const list = header === undefined ? [] : Array.isArray(header) ? header : [header];
  for (const line of list) {
    const [pair = "", ...rest] = line.split(";").map((s) => s.trim());
    const eq = pair.indexOf("=");
    out.set(pair.slice(0, eq), { value: pair.slice(eq + 1), attrs: new Set(rest.map((a) => a.split("=")[0]!.toLowerCase())) });
  }
  return out;
}

/**
 * Signs a new person up through the real endpoints, as a browser would: the sign-up (202), then
 * the link from the email, which makes the account and signs it in. Returns the session cookie
 * and the account's id. Fails the test when a step does not succeed.
 */
export async function signUpVerified(
  server: { inject: FastifyInstance["inject"] },
  input: { email: string; password?: string; displayName?: string },
): Promise<{ cookies: Record<string, string>; id: string }> {
  const { email } = input;
  const res = await server.inject({
    method: "POST",
    url: "/api/auth/signup",
    payload: { email, password: input.password ?? "a long enough password", displayName: input.displayName ?? email.split("@")[0] },
  });
  if (res.statusCode !== 202) throw new Error(`sign-up of ${email} answered ${res.statusCode}: ${res.body}`);
  const verified = await server.inject({ method: "POST", url: "/api/auth/verify-email", payload: { token: emailedToken(server, email) } });
  if (verified.statusCode !== 200) throw new Error(`the sign-up link of ${email} answered ${verified.statusCode}: ${verified.body}`);
  const token = parseSetCookie(verified.headers["set-cookie"]).get(SESSION_COOKIE)?.value;
  if (!token) throw new Error(`the sign-up link of ${email} set no session cookie`);
  const cookies = { [SESSION_COOKIE]: token };
  const me = await server.inject({ method: "GET", url: "/api/me", cookies });
  return { cookies, id: me.json<{ user: { id: string } }>().user.id };
}

/**
 * Signs a new runner up through the real endpoints (signUpVerified) and returns the session
 * cookie to send with later requests.
 */
export async function signUpCookies(
  server: { inject: FastifyInstance["inject"] },
  email: string,
): Promise<Record<string, string>> {
  return (await signUpVerified(server, { email })).cookies;
}
