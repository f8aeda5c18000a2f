/*
 * Who owns a multi-user site: nobody becomes admin by signing up first; the operator does, with
 * the one-time setup link from the server's log or `kneewise admin grant`. And sign-up can be
 * closed, or limited to invited addresses.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { FastifyInstance } from "fastify";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { captureIO } from "../cli-io.js";
import { createTestDb, DIALECTS } from "../db.js";
import { attachOutbox, emailedToken, recordingMail, signUpVerified } from "../app.js";
import type { TestDialect } from "../db.js";
import { buildServer } from "../../src/server/build-server.js";
import { runCli } from "../../src/cli/run-cli.js";
import { roles, users } from "../../src/store/index.js";
import { createApp } from "../../src/services/app.js";
import {
  parseSignupMode,
  prepareSiteSetup,
  SETUP_LINK_TTL_MS,
  setupAnnouncementLines,
} from "../../src/services/account/site-setup.js";
import type { SetupAnnouncement } from "../../src/services/account/site-setup.js";

const VERSION = "0.0.0-test";
const PUBLIC_URL = "https://kneewise.club.example";

/** A multi-user site on a fresh database, with the database's spec for the CLI to open too. */
async function startSite(dialect: TestDialect) {
  const testDb = await createTestDb(dialect);
  const app = await createApp({ db: testDb.spec, multiUser: true, version: VERSION });
  const { mail, outbox } = recordingMail();
  const server = await buildServer({ app, mail });
  attachOutbox(server, outbox);
  return {
    app,
    server,
    spec: testDb.spec,
    async close() {
      await server.close();
      await app.close();
      await testDb.drop();
    },
  };
}

/** Opens the setup link: POST /api/setup/claim with its token, signed in with `cookies` or not at all. */
function claimSetup(server: FastifyInstance, cookies: Record<string, string> | undefined, token: string) {
  return server.inject({
    method: "POST",
    url: "/api/setup/claim",
    payload: { token },
    ...(cookies ? { cookies } : {}),
  });
}

function tokenOf(a: SetupAnnouncement): string {
  if (a.kind !== "printed") throw new Error(`no link was printed: ${a.kind}`);
  const token = /\/setup#token=([\w%-]+)$/.exec(a.link)?.[1];
  if (!token) throw new Error(`not a setup link: ${a.link}`);
  return decodeURIComponent(token);
}

for (const dialect of DIALECTS) {
  describe(`the first admin of a multi-user site, on ${dialect}`, () => {
    let t: Awaited<ReturnType<typeof startSite>>;
    let clock = Date.parse("2026-12-01T09:00:00Z");
    beforeAll(async () => {
      t = await startSite(dialect);
      t.app.now = () => new Date(clock);
    });
    afterAll(() => t.close());

    const roleOf = async (email: string) =>
      (await users.findUserByEmail(t.app.database.db, email))?.role;
    const claim = (cookies: Record<string, string> | undefined, token: string) =>
      claimSetup(t.server, cookies, token);

    it("makes the first account to sign up a runner, not an admin", async () => {
      await signUpVerified(t.server, { email: "first@example.org" });
      expect(await roleOf("first@example.org")).toBe("runner");
      expect(await roles.countAdmins(t.app.database.db)).toBe(0);
    });

    it("prints one setup link however many instances start at once, and says where it went after", async () => {
      const starts = await Promise.all([
        prepareSiteSetup(t.app, PUBLIC_URL),
        prepareSiteSetup(t.app, PUBLIC_URL),
        prepareSiteSetup(t.app, PUBLIC_URL),
      ]);
      const printed = starts.filter((s) => s.kind === "printed");
      expect(printed).toHaveLength(1);
      expect(starts.filter((s) => s.kind === "pending")).toHaveLength(2);
      const announced = printed[0]!;
      if (announced.kind !== "printed") throw new Error("unreachable");
      expect(announced.link).toMatch(/^https:\/\/kneewise\.club\.example\/setup#token=[\w-]{43}$/);
      expect(setupAnnouncementLines(announced)[0]).toContain(announced.link);
      expect(setupAnnouncementLines(starts.find((s) => s.kind === "pending")!).join(" ")).toMatch(
        /was printed to the log.*kneewise admin setup-link/,
      );
      // Only the hash is stored.
      const row = await t.app.database.db
        .selectFrom("site_setup_links")
        .selectAll()
        .executeTakeFirstOrThrow();
      expect(row.token_hash).not.toBe(tokenOf(printed[0]!));
      expect(JSON.stringify(row)).not.toContain(tokenOf(printed[0]!));
    });

    it("lets the signed-in holder of the link become admin, once; strangers, wrong and used links get nothing", async () => {
      // A new link for this test (an expired one is replaced at the next start).
      clock += SETUP_LINK_TTL_MS + 1;
      const a = await prepareSiteSetup(t.app, PUBLIC_URL);
      const token = tokenOf(a);
      const owner = await signUpVerified(t.server, { email: "owner@example.org" });
      const other = await signUpVerified(t.server, { email: "other@example.org" });

      expect((await claim(undefined, token)).statusCode).toBe(401);
      const wrong = await claim(other.cookies, `${token}x`);
      expect(wrong.statusCode).toBe(400);
      expect(wrong.json()).toMatchObject({ error: { code: "SETUP_TOKEN_INVALID" } });
      expect(await roleOf("other@example.org")).toBe("runner");

      const ok = await claim(owner.cookies, token);
      expect(ok.statusCode, ok.body).toBe(200);
      expect(ok.json()).toMatchObject({ user: { email: "owner@example.org", role: "admin" } });
      expect(await roleOf("owner@example.org")).toBe("admin");
      const audit = await t.app.database.db
        .selectFrom("audit_log")
        .selectAll()
        .where("target", "=", `user:${owner.id}`)
        .execute();
      expect(audit.map((r) => r.action)).toContain("role.changed");

      const again = await claim(other.cookies, token);
      expect(again.statusCode).toBe(410);
      expect(again.json()).toMatchObject({ error: { code: "SETUP_TOKEN_USED" } });
      expect(await roleOf("other@example.org")).toBe("runner");
      // With an admin, no start prints a link any more.
      expect(await prepareSiteSetup(t.app, PUBLIC_URL)).toEqual({ kind: "not-needed" });
    });
  });

  describe(`an expired setup link, and one made useless by an admin, on ${dialect}`, () => {
    let t: Awaited<ReturnType<typeof startSite>>;
    let clock = Date.parse("2026-12-01T09:00:00Z");
    beforeAll(async () => {
      t = await startSite(dialect);
      t.app.now = () => new Date(clock);
    });
    afterAll(() => t.close());

    it("refuses a link past its time, and one printed before someone was made admin otherwise", async () => {
      const first = tokenOf(await prepareSiteSetup(t.app, PUBLIC_URL));
      const runner = await signUpVerified(t.server, { email: "late@example.org" });
      clock += SETUP_LINK_TTL_MS;
      const expired = await claimSetup(t.server, runner.cookies, first);
      expect(expired.statusCode).toBe(410);
      expect(expired.json()).toMatchObject({ error: { code: "SETUP_TOKEN_EXPIRED" } });

      const second = tokenOf(await prepareSiteSetup(t.app, PUBLIC_URL));
      const c = captureIO();
      expect(
        await runCli(["admin", "grant", "Late@Example.org", "--db", t.spec], c.io, {
          version: VERSION,
        }),
      ).toBe(0);
      const late = await claimSetup(t.server, runner.cookies, second);
      expect(late.statusCode).toBe(409);
      expect(late.json()).toMatchObject({ error: { code: "SITE_HAS_ADMIN" } });
    });
  });

  describe(`kneewise admin on the server's command line, on ${dialect}`, () => {
    it("grants admin to an account that signed up, and says so plainly for an unknown address", async () => {
      const testDb = await createTestDb(dialect);
      try {
        const app = await createApp({ db: testDb.spec, multiUser: true, version: VERSION });
        await users.insertUser(app.database.db, {
          id: "u1",
          email: "coach@example.org",
          display_name: "Coach",
          password_hash: null,
          role: "coach",
          created_at: new Date().toISOString(),
        });
        await app.close();

        const ok = captureIO();
        expect(
          await runCli(["admin", "grant", "coach@example.org", "--db", testDb.spec], ok.io, {
            version: VERSION,
          }),
        ).toBe(0);
        expect(ok.stdout()).toBe("coach@example.org is an admin of this site.\n");
        const missing = captureIO();
        expect(
          await runCli(["admin", "grant", "nobody@example.org", "--db", testDb.spec], missing.io, {
            version: VERSION,
          }),
        ).toBe(2);
        expect(missing.stderr()).toMatch(
          /^kneewise admin: There is no account with the email address nobody@example\.org: sign up first/,
        );

        // With an admin there is no setup link to print.
        const noLink = captureIO();
        expect(
          await runCli(["admin", "setup-link", "--db", testDb.spec], noLink.io, {
            version: VERSION,
          }),
        ).toBe(1);
        expect(noLink.stderr()).toMatch(/^kneewise admin: This site has an admin already/);

        const check = await createApp({ db: testDb.spec, multiUser: true, version: VERSION });
        expect((await users.findUserByEmail(check.database.db, "coach@example.org"))?.role).toBe(
          "admin",
        );
        const audit = await check.database.db
          .selectFrom("audit_log")
          .selectAll()
          .where("target", "=", "user:u1")
          .execute();
        expect(audit).toHaveLength(1);
        await check.close();
      } finally {
        await testDb.drop();
      }
    });
  });

  describe(`kneewise admin setup-link, on ${dialect}`, () => {
    let t: Awaited<ReturnType<typeof startSite>>;
    beforeAll(async () => {
      t = await startSite(dialect);
    });
    afterAll(() => t.close());

    it("prints a new link from the server's shell, and the one printed before stops working", async () => {
      const before = tokenOf(await prepareSiteSetup(t.app, PUBLIC_URL));
      const c = captureIO({ env: { KNEEWISE_PUBLIC_URL: PUBLIC_URL } });
      expect(
        await runCli(["admin", "setup-link", "--db", t.spec], c.io, { version: VERSION }),
      ).toBe(0);
      const token = decodeURIComponent(
        /\/setup#token=([\w%-]+)$/m.exec(c.stdout().trim())?.[1] ?? "",
      );
      expect(token).not.toBe("");
      const me = await signUpVerified(t.server, { email: "op@example.org" });
      const stale = await claimSetup(t.server, me.cookies, before);
      expect(stale.statusCode).toBe(400);
      expect(stale.json()).toMatchObject({ error: { code: "SETUP_TOKEN_INVALID" } });
      const fresh = await claimSetup(t.server, me.cookies, token);
      expect(fresh.statusCode, fresh.body).toBe(200);
    });
  });

  describe(`who may sign up, on ${dialect}`, () => {
    let t: Awaited<ReturnType<typeof startSite>>;
    beforeAll(async () => {
      t = await startSite(dialect);
    });
    afterAll(() => t.close());
    afterEach(() => {
      t.app.signup = "open";
    });

    const signUp = (email: string) =>
      t.server.inject({
        method: "POST",
        url: "/api/auth/signup",
        payload: { email, password: "a long enough password", displayName: "Someone" },
      });

    it("refuses every sign-up when closed, with SIGNUP_CLOSED", async () => {
      t.app.signup = "closed";
      const res = await signUp("closed@example.org");
      expect(res.statusCode).toBe(403);
      expect(res.json()).toMatchObject({ error: { code: "SIGNUP_CLOSED" } });
    });

    it("takes only invited addresses when by invitation, and uses the invitation up", async () => {
      t.app.signup = "invite";
      const refused = await signUp("stranger@example.org");
      expect(refused.statusCode).toBe(403);
      expect(refused.json()).toMatchObject({ error: { code: "SIGNUP_INVITE_ONLY" } });

      const c = captureIO();
      expect(
        await runCli(["admin", "invite", " Friend@Example.org ", "--db", t.spec], c.io, {
          version: VERSION,
        }),
      ).toBe(0);
      expect(c.stdout()).toBe("friend@example.org may now sign up.\n");
      await signUpVerified(t.server, { email: "friend@example.org" });
      expect((await users.findUserByEmail(t.app.database.db, "friend@example.org"))?.role).toBe(
        "runner",
      );
      expect(await t.app.database.db.selectFrom("signup_invites").selectAll().execute()).toEqual(
        [],
      );
    });

    it("makes no account from a link opened after sign-up was closed", async () => {
      const asked = await signUp("between@example.org");
      expect(asked.statusCode).toBe(202);
      t.app.signup = "closed";
      const opened = await t.server.inject({
        method: "POST",
        url: "/api/auth/verify-email",
        payload: { token: emailedToken(t.server, "between@example.org") },
      });
      expect(opened.statusCode).toBe(403);
      expect(opened.json()).toMatchObject({ error: { code: "SIGNUP_CLOSED" } });
      expect(await users.findUserByEmail(t.app.database.db, "between@example.org")).toBeUndefined();
    });

    it("reads --signup and KNEEWISE_SIGNUP strictly", () => {
      expect(parseSignupMode(undefined)).toBe("open");
      expect(parseSignupMode(" Invite ")).toBe("invite");
      expect(parseSignupMode("closed")).toBe("closed");
      expect(() => parseSignupMode("nobody")).toThrow(/open, invite or closed/);
    });
  });
}

describe("serve on a fresh multi-user site", () => {
  it("prints the one-time setup link at start, and not again once the site has an admin", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kw-setup-"));
    const db = path.join(dir, "site.db");
    const serveOnce = async () => {
      const c = captureIO({
        cwd: dir,
        env: { KNEEWISE_LOG_LEVEL: "warn", KNEEWISE_PUBLIC_URL: PUBLIC_URL },
      });
      const ctl = new AbortController();
      let url = "";
      const done = runCli(["serve", "--multi-user", "--port", "0", "--db", db], c.io, {
        version: VERSION,
        signal: ctl.signal,
        onListening: (u) => (url = u),
      });
      await expect.poll(() => url, { timeout: 10_000 }).not.toBe("");
      ctl.abort();
      expect(await done).toBe(0);
      return c.stderr();
    };
    try {
      const first = await serveOnce();
      expect(first).toMatch(
        /^kneewise: This site has no admin yet\. .*https:\/\/kneewise\.club\.example\/setup#token=[\w-]+$/m,
      );
      expect(first).toContain("kneewise admin grant YOUR-EMAIL");
      const app = await createApp({ db, multiUser: true, version: VERSION });
      await app.database.db
        .insertInto("users")
        .values({
          id: "a1",
          email: "boss@example.org",
          display_name: "Boss",
          password_hash: null,
          role: "admin",
          created_at: new Date().toISOString(),
        })
        .execute();
      await app.close();
      expect(await serveOnce()).not.toMatch(/setup#token=|no admin yet/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("refuses an unknown --signup value before opening anything", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kw-setup-"));
    const c = captureIO({ cwd: dir });
    expect(
      await runCli(
        ["serve", "--multi-user", "--signup", "friends", "--db", path.join(dir, "x.db")],
        c.io,
        { version: VERSION },
      ),
    ).toBe(1);
    expect(c.stderr()).toBe(
      'kneewise: Sign-up must be open, invite or closed (--signup or KNEEWISE_SIGNUP), not "friends".\n',
    );
    expect(fs.existsSync(path.join(dir, "x.db"))).toBe(false);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
