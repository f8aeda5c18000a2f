import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIALECTS } from "../../../test/db.js";
import { emailedToken, outboxOf, parseSetCookie, signUpCookies, signUpVerified, startTestServer } from "../../../test/app.js";
import { meResponse } from "../../contracts/auth.js";
import { DEVICE_COOKIE, SESSION_COOKIE } from "../auth-context.js";

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

    it("signs up by email: 202 and a link; the link makes the account, verified, and signs it in with an HttpOnly SameSite cookie", async () => {
      const res = await t.server.inject({ method: "POST", url: "/api/auth/signup", payload: ada });
      expect(res.statusCode).toBe(202);
      expect(parseSetCookie(res.headers["set-cookie"]).has(SESSION_COOKIE)).toBe(false);
      // No account before the link: the chosen password signs nobody in.
      const early = await t.server.inject({ method: "POST", url: "/api/auth/login", payload: { email: ada.email, password: ada.password } });
      expect(early.statusCode).toBe(401);
      const mail = outboxOf(t.server).findLast((m) => m.to === "ada@example.org")!;
      expect(mail.subject).toBe("Finish creating your kneewise account");
      expect(mail.text).toMatch(/^http:\/\/localhost:3000\/account#verify=[A-Za-z0-9_-]{40,}$/m);
      const done = await t.server.inject({ method: "POST", url: "/api/auth/verify-email", payload: { token: emailedToken(t.server, ada.email) } });
      expect(done.statusCode).toBe(200);
      expect(done.json()).toEqual({ verified: "signup", email: "ada@example.org" });
      const cookie = parseSetCookie(done.headers["set-cookie"]).get(SESSION_COOKIE);
      expect(cookie?.value.length).toBeGreaterThan(30);
      expect(cookie?.attrs.has("httponly")).toBe(true);
      expect(cookie?.attrs.has("samesite")).toBe(true);
      expect(cookie?.attrs.has("secure")).toBe(false);
      const me = await t.server.inject({ method: "GET", url: "/api/me", cookies: { [SESSION_COOKIE]: cookie!.value } });
      expect(me.json()).toMatchObject({ user: { email: "ada@example.org", displayName: "Ada", emailVerified: true }, mode: "multi" });
      // The link works once.
      const again = await t.server.inject({ method: "POST", url: "/api/auth/verify-email", payload: { token: emailedToken(t.server, ada.email) } });
      expect(again.statusCode).toBe(410);
      expect(again.json()).toMatchObject({ error: { code: "VERIFY_TOKEN_USED" } });
    });

    it("rotates the session when a sign-up link is opened: the browser's earlier session ends", async () => {
      const earlier = await signUpCookies(t.server, "earlier@example.org");
      const res = await t.server.inject({ method: "POST", url: "/api/auth/signup", payload: { email: "later@example.org", password: "a long enough password", displayName: "Later" } });
      expect(res.statusCode).toBe(202);
      const done = await t.server.inject({ method: "POST", url: "/api/auth/verify-email", cookies: earlier, payload: { token: emailedToken(t.server, "later@example.org") } });
      expect(done.statusCode).toBe(200);
      const token = parseSetCookie(done.headers["set-cookie"]).get(SESSION_COOKIE)!.value;
      expect(token).not.toBe(earlier[SESSION_COOKIE]);
      expect((await t.server.inject({ method: "GET", url: "/api/me", cookies: earlier })).json()).toMatchObject({ user: null });
      expect((await t.server.inject({ method: "GET", url: "/api/me", cookies: { [SESSION_COOKIE]: token } })).json()).toMatchObject({ user: { email: "later@example.org" } });
    });

    it("answers a sign-up with a taken address exactly as a new one, and mails the owner that someone tried", async () => {
      const fresh = await t.server.inject({ method: "POST", url: "/api/auth/signup", payload: { email: "newcomer@example.org", password: "another long phrase", displayName: "New" } });
      const taken = await t.server.inject({ method: "POST", url: "/api/auth/signup", payload: { email: "ADA@example.org", password: "another long phrase", displayName: "Eve" } });
      expect(taken.statusCode).toBe(202);
      expect(taken.statusCode).toBe(fresh.statusCode);
      expect(taken.body).toBe(fresh.body);
      expect(Object.keys(taken.headers).sort()).toEqual(Object.keys(fresh.headers).sort());
      const note = outboxOf(t.server).at(-1)!;
      expect(note.to).toBe("ada@example.org");
      expect(note.subject).toBe("Someone tried to sign up to kneewise with your address");
      expect(note.text).toContain("http://localhost:3000/reset-password");
      expect(note.text).not.toMatch(/#verify=/);
      // Nothing changed for Ada, and the newcomer's password opens no account before the link.
      const users = await t.app.database.db.selectFrom("users").select("display_name").where("email", "=", "ada@example.org").execute();
      expect(users).toEqual([{ display_name: "Ada" }]);
      const eve = await t.server.inject({ method: "POST", url: "/api/auth/login", payload: { email: "ada@example.org", password: "another long phrase" } });
      expect(eve.statusCode).toBe(401);
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

    it("makes no second account with the same email, whatever its case, even from a link sent before the first was opened", async () => {
      const before = await t.server.inject({ method: "POST", url: "/api/auth/signup", payload: { email: "twice@example.org", password: "first long phrase", displayName: "One" } });
      expect(before.statusCode).toBe(202);
      const firstLink = emailedToken(t.server, "twice@example.org");
      await signUpVerified(t.server, { email: "TWICE@example.org" });
      const late = await t.server.inject({ method: "POST", url: "/api/auth/verify-email", payload: { token: firstLink } });
      expect(late.statusCode).toBe(409);
      expect(late.json()).toMatchObject({ error: { code: "EMAIL_TAKEN" } });
      const rows = await t.app.database.db.selectFrom("users").select("id").where("email", "=", "twice@example.org").execute();
      expect(rows).toHaveLength(1);
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

    it("stops a guesser after ten wrong passwords, with a clear 429, without locking the owner out", async () => {
      const victim = { email: "victim@example.org", password: "a long enough password", displayName: "Vic" };
      await signUpVerified(t.server, victim);
      const guess = (password: string, remoteAddress: string) =>
        t.server.inject({ method: "POST", url: "/api/auth/login", remoteAddress, payload: { email: victim.email, password } });
      const answers = [];
      for (let i = 0; i < 11; i++) answers.push(await guess(`guess number ${i}`, "203.0.113.7"));
      const statuses = answers.map((res) => res.statusCode);
      expect(statuses.slice(0, 9)).toEqual(Array(9).fill(401));
      expect(statuses.slice(9)).toEqual([429, 429]);
      // The failure that reaches the limit already says how long the wait is: the whole window.
      const reached = answers[9]!;
      expect(Number(reached.headers["retry-after"])).toBeGreaterThan(14 * 60);
      expect(Number(reached.headers["retry-after"])).toBeLessThanOrEqual(16 * 60);
      expect(reached.json()).toMatchObject({
        error: { code: "RATE_LIMITED", message: expect.stringMatching(/^Too many failed sign-ins to this account from your address in 15 minutes\. Try again in 1[56] minutes\.$/) as string },
      });
      // The guesser's address waits, even with the right password.
      const right = await guess(victim.password, "203.0.113.7");
      expect(right.statusCode).toBe(429);
      expect(right.json()).toMatchObject({ error: { code: "RATE_LIMITED" } });
      // The owner, from their own address, is not locked out.
      expect((await guess(victim.password, "198.51.100.20")).statusCode).toBe(200);
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

  describe(`failed sign-ins and sign-up limits on ${dialect}`, () => {
    let t: Awaited<ReturnType<typeof startTestServer>>;
    // 14:59, a minute before a quarter-hour boundary: a fixed window would end at 15:00.
    let clock = Date.parse("2026-03-02T14:59:00.000Z");
    const MINUTE = 60_000;
    const owner = { email: "owner@example.org", password: "a long enough password", displayName: "Owner" };
    beforeAll(async () => {
      t = await startTestServer(dialect, { multiUser: true });
      t.app.now = () => new Date(clock);
      await signUpVerified(t.server, owner);
    });
    afterAll(() => t.close());

    const login = (password: string, remoteAddress: string, cookies: Record<string, string> = {}, email = owner.email) =>
      t.server.inject({ method: "POST", url: "/api/auth/login", remoteAddress, cookies, payload: { email, password } });
    const tenWrong = async (remoteAddress: string, email = owner.email) => {
      for (let i = 0; i < 10; i++) await login(`wrong guess ${i}`, remoteAddress, {}, email);
    };

    it("counts failures over a sliding window: the lock outlives a quarter-hour boundary and ends 15 minutes after the failures", async () => {
      await tenWrong("203.0.113.1");
      expect((await login(owner.password, "203.0.113.1")).statusCode).toBe(429);
      clock += 2 * MINUTE; // 15:01: a fixed window would have started afresh.
      const after = await login(owner.password, "203.0.113.1");
      expect(after.statusCode).toBe(429);
      expect(Number(after.headers["retry-after"])).toBeGreaterThan(10 * 60);
      clock += 14 * MINUTE; // 15:15, more than 15 minutes after the last failure.
      expect((await login(owner.password, "203.0.113.1")).statusCode).toBe(200);
    });

    it("lets a browser that signed in before through with the right password, while strangers from the same address are locked out", async () => {
      const before = await login(owner.password, "203.0.113.2");
      expect(before.statusCode).toBe(200);
      const device = parseSetCookie(before.headers["set-cookie"]).get(DEVICE_COOKIE);
      expect(device?.attrs.has("httponly")).toBe(true);
      expect(device?.value.length).toBeGreaterThan(30);
      await tenWrong("203.0.113.2");
      expect((await login(owner.password, "203.0.113.2")).statusCode).toBe(429);
      const known = await login(owner.password, "203.0.113.2", { [DEVICE_COOKIE]: device!.value });
      expect(known.statusCode).toBe(200);
      // A made-up device cookie is a stranger's.
      expect((await login(owner.password, "203.0.113.2", { [DEVICE_COOKIE]: "x".repeat(43) })).statusCode).toBe(429);
      // The known browser has limits of its own: it cannot be used to guess either.
      const statuses: number[] = [];
      for (let i = 0; i < 10; i++) statuses.push((await login(`device guess ${i}`, "203.0.113.2", { [DEVICE_COOKIE]: device!.value })).statusCode);
      expect(statuses.at(-1)).toBe(429);
      clock += 16 * MINUTE;
    });

    it("stops many addresses guessing one account, yet lets its known browser and a reset link through", async () => {
      const known = parseSetCookie((await login(owner.password, "198.51.100.1")).headers["set-cookie"]).get(DEVICE_COOKIE)!.value;
      for (let a = 0; a < 10; a++) await tenWrong(`192.0.2.${a + 10}`);
      expect((await login(owner.password, "198.51.100.99")).statusCode).toBe(429);
      expect((await login(owner.password, "198.51.100.99", { [DEVICE_COOKIE]: known })).statusCode).toBe(200);
      // A reset link proves the owner: the counters go, and that browser is known from now on.
      await t.server.inject({ method: "POST", url: "/api/auth/password-reset", payload: { email: owner.email } });
      const link = outboxOf(t.server).findLast((m) => m.to === owner.email && /reset-password\?token=/.test(m.text))!;
      const token = decodeURIComponent(/token=([^\s]+)/.exec(link.text)![1]!);
      const reset = await t.server.inject({ method: "POST", url: "/api/auth/password-reset/confirm", remoteAddress: "198.51.100.99", payload: { token, password: "a brand new long phrase" } });
      expect(reset.statusCode).toBe(204);
      const resetDevice = parseSetCookie(reset.headers["set-cookie"]).get(DEVICE_COOKIE)!.value;
      expect((await login("a brand new long phrase", "198.51.100.99")).statusCode).toBe(200);
      for (let a = 0; a < 10; a++) await tenWrong(`192.0.2.${a + 30}`);
      expect((await login("a brand new long phrase", "198.51.100.98")).statusCode).toBe(429);
      expect((await login("a brand new long phrase", "198.51.100.98", { [DEVICE_COOKIE]: resetDevice })).statusCode).toBe(200);
      owner.password = "a brand new long phrase";
    });

    it("limits sign-ups per address, and per email address, with the same answer for taken and new addresses", async () => {
      clock += 2 * 60 * MINUTE;
      const signUp = (email: string, remoteAddress: string) =>
        t.server.inject({ method: "POST", url: "/api/auth/signup", remoteAddress, payload: { email, password: "a long enough password", displayName: "S" } });
      const statuses: number[] = [];
      for (let i = 0; i < 21; i++) statuses.push((await signUp(`many${i}@example.org`, "203.0.113.50")).statusCode);
      expect(statuses.slice(0, 20)).toEqual(Array(20).fill(202));
      expect(statuses[20]).toBe(429);
      // Per email: a stranger's inbox gets a few notes an hour, not a flood; taken or not, the same.
      for (const email of [owner.email, "nobody-yet@example.org"]) {
        const answers: number[] = [];
        for (let i = 0; i < 4; i++) answers.push((await signUp(email, `198.51.100.${60 + i}`)).statusCode);
        expect(answers, email).toEqual([202, 202, 202, 429]);
      }
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
