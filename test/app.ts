import type { FastifyInstance } from "fastify";
import { createApp } from "../src/services/app.js";
import { SESSION_COOKIE } from "../src/server/auth-context.js";
import type { App } from "../src/services/app.js";
import { buildServer } from "../src/server/build-server.js";
import { createTestDb } from "./db.js";
import type { TestDialect } from "./db.js";
import type { MailSettings } from "../src/services/account/mailer.js";

/** A real app on a fresh database of the given dialect, and its server (no port: inject()). */
export async function startTestServer(dialect: TestDialect, opts: { multiUser?: boolean; webRoot?: string; mail?: MailSettings } = {}) {
  const testDb = await createTestDb(dialect);
  const app: App = await createApp({ db: testDb.spec, multiUser: opts.multiUser ?? false, version: "0.0.0-test" });
  const server = await buildServer({ app, ...(opts.webRoot ? { webRoot: opts.webRoot } : {}), ...(opts.mail ? { mail: opts.mail } : {}) });
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
 * Signs a new runner up through the real endpoint and returns the session cookie to send with
 * later requests. Fails the test when sign-up does not succeed.
 */
export async function signUpCookies(
  server: { inject: FastifyInstance["inject"] },
  email: string,
): Promise<Record<string, string>> {
  const res = await server.inject({
    method: "POST",
    url: "/api/auth/signup",
    payload: { email, password: "a long enough password", displayName: email.split("@")[0] },
  });
  if (res.statusCode !== 201) throw new Error(`sign-up of ${email} answered ${res.statusCode}: ${res.body}`);
  const token = parseSetCookie(res.headers["set-cookie"]).get(SESSION_COOKIE)?.value;
  if (!token) throw new Error(`sign-up of ${email} set no session cookie`);
  return { [SESSION_COOKIE]: token };
}
