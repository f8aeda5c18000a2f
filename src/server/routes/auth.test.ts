import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIALECTS } from "../../../test/db.js";
import { parseSetCookie, signUpCookies, startTestServer } from "../../../test/app.js";
import { meResponse } from "../../contracts/auth.js";
import { SESSION_COOKIE } from "../auth-context.js";

const ada = { email: "Ada@Example.org", password: "correct horse battery", displayName: "Ada" };

for (const dialect of DIALECTS) {
  describe(`accounts in multi-user mode on ${dialect}`, () => {
    let t: Awaited<ReturnType<typeof startTestServer>>;
    beforeAll(async () => {
      t = await startTestServer(dialect, { multiUser: true });
    });
    afterAll(() => t.close());

    it("is signed out at first", async () => {
      const res = await t.server.inject({ method: "GET", url: "/api/me" });
      expect(meResponse.parse(res.json())).toEqual({ user: null, mode: "multi" });
    });

    it("signs up, sets an HttpOnly SameSite session cookie, and knows the user", async () => {
      const res = await t.server.inject({ method: "POST", url: "/api/auth/signup", payload: ada });
      expect(res.statusCode).toBe(201);
      const cookie = parseSetCookie(res.headers["set-cookie"]).get(SESSION_COOKIE);
      expect(cookie?.value.length).toBeGreaterThan(30);
      expect(cookie?.attrs.has("httponly")).toBe(true);
      expect(cookie?.attrs.has("samesite")).toBe(true);
      expect(cookie?.attrs.has("secure")).toBe(false);
      const me = await t.server.inject({ method: "GET", url: "/api/me", cookies: { [SESSION_COOKIE]: cookie!.value } });
      expect(me.json()).toMatchObject({ user: { email: "ada@example.org", displayName: "Ada" }, mode: "multi" });
    });

    it("slides an idle session forward in the database and in the cookie, at most once a minute", async () => {
      const cookies = await signUpCookies(t.server, "slide@example.org");
      const db = t.app.database.db;
      const user = await db.selectFrom("users").select("id").where("email", "=", "slide@example.org").executeTakeFirstOrThrow();
      const twoMinutesAgo = new Date(Date.now() - 120_000).toISOString();
      const soon = new Date(Date.now() + 3_600_000).toISOString();
      await db.updateTable("sessions").set({ last_seen_at: twoMinutesAgo, expires_at: soon }).where("user_id", "=", user.id).execute();

      const first = await t.server.inject({ method: "GET", url: "/api/me", cookies });
      expect(first.json()).toMatchObject({ user: { email: "slide@example.org" } });
      const renewed = parseSetCookie(first.headers["set-cookie"]).get(SESSION_COOKIE);
      expect(renewed?.value).toBe(cookies[SESSION_COOKIE]);
      expect(renewed?.attrs.has("httponly")).toBe(true);
      const row = await db.selectFrom("sessions").select("expires_at").where("user_id", "=", user.id).executeTakeFirstOrThrow();
      expect(Date.parse(row.expires_at)).toBeGreaterThan(Date.now() + 29 * 86_400_000);

      const second = await t.server.inject({ method: "GET", url: "/api/me", cookies });
      expect(second.statusCode).toBe(200);
      expect(parseSetCookie(second.headers["set-cookie"]).has(SESSION_COOKIE)).toBe(false);
    });

    it("stores an argon2id hash, never the password", async () => {
      const row = await t.app.database.db.selectFrom("users").select("password_hash").where("email", "=", "ada@example.org").executeTakeFirstOrThrow();
      expect(row.password_hash).toMatch(/^\$argon2id\$/);
      expect(row.password_hash).not.toContain(ada.password);
    });

    it("refuses a second account with the same email, whatever its case", async () => {
      const res = await t.server.inject({ method: "POST", url: "/api/auth/signup", payload: { ...ada, email: "ADA@example.org" } });
      expect(res.statusCode).toBe(409);
      expect(res.json()).toMatchObject({ error: { code: "EMAIL_TAKEN" } });
    });

    it("names the field when sign-up input is invalid", async () => {
      const res = await t.server.inject({ method: "POST", url: "/api/auth/signup", payload: { email: "not-an-email", password: "short", displayName: "" } });
      expect(res.statusCode).toBe(400);
      const body = res.json<{ error: { code: string; fields: { path: string }[] } }>();
      expect(body.error.code).toBe("VALIDATION_FAILED");
      expect(body.error.fields.map((f) => f.path).sort()).toEqual(["displayName", "email", "password"]);
    });

    it("refuses a wrong password without saying which part was wrong", async () => {
      const res = await t.server.inject({ method: "POST", url: "/api/auth/login", payload: { email: ada.email, password: "wrong password!" } });
      expect(res.statusCode).toBe(401);
      const unknown = await t.server.inject({ method: "POST", url: "/api/auth/login", payload: { email: "nobody@example.org", password: "wrong password!" } });
      expect(unknown.json()).toEqual(res.json());
    });

    it("signs in with a new session each time and signs out for real", async () => {
      const first = await t.server.inject({ method: "POST", url: "/api/auth/login", payload: { email: ada.email, password: ada.password } });
      expect(first.statusCode).toBe(200);
      const token1 = parseSetCookie(first.headers["set-cookie"]).get(SESSION_COOKIE)!.value;
      const second = await t.server.inject({ method: "POST", url: "/api/auth/login", payload: { email: ada.email, password: ada.password }, cookies: { [SESSION_COOKIE]: token1 } });
      const token2 = parseSetCookie(second.headers["set-cookie"]).get(SESSION_COOKIE)!.value;
      expect(token2).not.toBe(token1);
      // Rotation: the session presented at login no longer works.
      const old = await t.server.inject({ method: "GET", url: "/api/me", cookies: { [SESSION_COOKIE]: token1 } });
      expect(old.json()).toMatchObject({ user: null });

      const out = await t.server.inject({ method: "POST", url: "/api/auth/logout", cookies: { [SESSION_COOKIE]: token2 } });
      expect(out.statusCode).toBe(204);
      expect(parseSetCookie(out.headers["set-cookie"]).get(SESSION_COOKIE)?.value).toBe("");
      const after = await t.server.inject({ method: "GET", url: "/api/me", cookies: { [SESSION_COOKIE]: token2 } });
      expect(after.json()).toMatchObject({ user: null });
    });

    it("locks an account after too many sign-in attempts, with a clear 429", async () => {
      const victim = { email: "victim@example.org", password: "a long enough password", displayName: "Vic" };
      await t.server.inject({ method: "POST", url: "/api/auth/signup", payload: victim });
      const statuses: number[] = [];
      for (let i = 0; i < 11; i++) {
        const res = await t.server.inject({ method: "POST", url: "/api/auth/login", payload: { email: victim.email, password: `guess number ${i}` } });
        statuses.push(res.statusCode);
      }
      expect(statuses.slice(0, 9).every((s) => s === 401)).toBe(true);
      expect(statuses[10]).toBe(429);
      // Even the right password waits until the window ends.
      const right = await t.server.inject({ method: "POST", url: "/api/auth/login", payload: { email: victim.email, password: victim.password } });
      expect(right.statusCode).toBe(429);
      expect(right.json()).toMatchObject({ error: { code: "RATE_LIMITED" } });
    });

    it("marks the cookie Secure behind a TLS proxy it trusts", async () => {
      const { buildServer } = await import("../build-server.js");
      const proxied = await buildServer({ app: t.app, trustProxy: true });
      const res = await proxied.inject({
        method: "POST",
        url: "/api/auth/login",
        headers: { "x-forwarded-proto": "https" },
        payload: { email: ada.email, password: ada.password },
      });
      expect(parseSetCookie(res.headers["set-cookie"]).get(SESSION_COOKIE)?.attrs.has("secure")).toBe(true);
      await proxied.close();
    });
  });

  describe(`local owner mode on ${dialect === "postgres" ? "sqlite (PostgreSQL implies multi-user)" : dialect}`, () => {
    let t: Awaited<ReturnType<typeof startTestServer>>;
    beforeAll(async () => {
      t = await startTestServer("sqlite");
    });
    afterAll(() => t.close());

    it("uses kneewise without signing up: the local owner is signed in", async () => {
      const res = await t.server.inject({ method: "GET", url: "/api/me" });
      expect(res.json()).toMatchObject({ mode: "local", user: { localOwner: true } });
    });

    it("has nothing to sign up for", async () => {
      const res = await t.server.inject({ method: "POST", url: "/api/auth/signup", payload: ada });
      expect(res.statusCode).toBe(403);
      expect(res.json()).toMatchObject({ error: { code: "SIGNUP_DISABLED" } });
    });
  });
}
