import { gzipSync } from "node:zlib";
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FastifyInstance } from "fastify";
import { sql } from "kysely";
import yauzl from "yauzl";
import { DIALECTS, createTestDb } from "../../../test/db.js";
import { attachOutbox, parseSetCookie, signUpVerified } from "../../../test/app.js";
import { createApp } from "../../services/app.js";
import type { App } from "../../services/app.js";
import type { MailMessage, Mailer } from "../../services/account/mailer.js";
import { existingTables } from "../../services/account/user-data.js";
import { buildServer } from "../build-server.js";
import { SESSION_COOKIE } from "../auth-context.js";
import type { DeleteAccountResponse } from "../../contracts/account.js";
import type { ThreadResponse } from "../../contracts/community.js";

const START = new Date("2024-03-31T12:00:00.000Z");
const PASSWORD = "a long enough password";
const SLUG = "patellofemoral-pain";
type Cookies = Record<string, string>;

/** A mailer that keeps what it was given: the tests read the reset links from it. */
function captureMailer(): Mailer & { sent: MailMessage[] } {
  const sent: MailMessage[] = [];
  return { kind: "smtp", sent, send: (m) => (sent.push(m), Promise.resolve()) };
}

async function startServer(dialect: (typeof DIALECTS)[number], multiUser: boolean) {
  const testDb = await createTestDb(dialect);
  let now = START;
  const app: App = await createApp({ db: testDb.spec, multiUser, version: "0.0.0-test" }, { now: () => now });
  const mailer = captureMailer();
  const server = await buildServer({ app, mail: { mailer, publicUrl: "https://kneewise.example" } });
  attachOutbox(server, mailer.sent);
  return {
    app,
    server,
    mailer,
    advance(ms: number) {
      now = new Date(now.getTime() + ms);
    },
    async close() {
      await server.close();
      await app.close();
      await testDb.drop();
    },
  };
}

function cookieOf(res: { headers: Record<string, unknown> }): Cookies {
  const token = parseSetCookie(res.headers["set-cookie"] as string[] | string | undefined).get(SESSION_COOKIE)?.value;
  if (!token) throw new Error("no session cookie was set");
  return { [SESSION_COOKIE]: token };
}

async function signUp(server: FastifyInstance, email: string, password = PASSWORD): Promise<{ cookies: Cookies; id: string }> {
  return signUpVerified(server, { email, password });
}

function logIn(server: FastifyInstance, email: string, password: string) {
  return server.inject({ method: "POST", url: "/api/auth/login", payload: { email, password } });
}

async function me(server: FastifyInstance, cookies: Cookies): Promise<string | null> {
  return (await server.inject({ method: "GET", url: "/api/me", cookies })).json<{ user: { email: string } | null }>().user?.email ?? null;
}

function unzip(zip: Buffer): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(zip, { lazyEntries: true }, (err, file) => {
      if (err) return reject(err);
      const out = new Map<string, Buffer>();
      file.on("error", reject);
      file.on("end", () => resolve(out));
      file.on("entry", (entry: yauzl.Entry) => {
        file.openReadStream(entry, (e, stream) => {
          if (e) return reject(e);
          const parts: Buffer[] = [];
          stream.on("data", (c: Buffer) => parts.push(c));
          stream.on("error", reject);
          stream.on("end", () => {
            out.set(entry.fileName, Buffer.concat(parts));
            file.readEntry();
          });
        });
      });
      file.readEntry();
    });
  });
}

/** One row of the user's in every table that holds user data, the way the features write them. */
async function seedEverything(app: App, userId: string, otherId: string): Promise<void> {
  const { db } = app.database;
  const at = START.toISOString();
  const shoeId = randomUUID();
  await db.insertInto("shoes").values({ id: shoeId, user_id: userId, name: "Trail pair", brand: null, start_date: null, retired_at: null, created_at: at }).execute();
  await db
    .insertInto("activities")
    .values({
      id: randomUUID(), user_id: userId, sport: "run", start_utc: "2024-03-30T07:00:00.000Z", utc_offset_min: 60, moving_s: 1800, elapsed_s: 1900,
      distance_m: 5000, elevation_gain_m: 20, elevation_loss_m: 20, avg_hr: 140, max_hr: 160, avg_cadence: 170, device: null, gear: null, name: "Easy loop",
      perceived_exertion: null, indoor: 0, source: "gpx", surface: null, shoe_id: shoeId, laps_json: "[]", stream_json: JSON.stringify({ t: [0, 10], d: [0, 30] }),
      source_file: "loop.gpx", dedupe_key: "2024-03-30T07:00", created_at: at,
    })
    .execute();
  const jobId = randomUUID();
  await db.insertInto("import_jobs").values({ id: jobId, user_id: userId, status: "done", files_total: 1, files_done: 1, summary_json: "{}", error: null, created_at: at, updated_at: at, claimed_by: null, heartbeat_at: null }).execute();
  // An upload's bytes held in the database while its import runs: no foreign key to cascade.
  await db.insertInto("upload_parts").values({ job_id: jobId, file_no: 0, part_no: 0, file_name: "loop.gpx", bytes: Buffer.from("<gpx></gpx>"), created_at: at }).execute();
  await db.insertInto("import_files").values({ id: randomUUID(), user_id: userId, sha256: "a".repeat(64), file_name: "loop.gpx", status: "imported", code: null, message: null, activity_count: 1, created_at: at }).execute();
  await db
    .insertInto("original_files")
    .values([
      { id: randomUUID(), user_id: userId, sha256: "a".repeat(64), file_name: "loop.gpx", size_bytes: 11, bytes_gz: gzipSync(Buffer.from("<gpx></gpx>")), created_at: at },
      { id: randomUUID(), user_id: userId, sha256: "c".repeat(64), file_name: "odd.tcx", size_bytes: 1, bytes_gz: gzipSync(Buffer.from("<tcx/>")), created_at: at },
      { id: randomUUID(), user_id: userId, sha256: "b".repeat(64), file_name: "export.zip/activities/9.fit.gz", size_bytes: 20, bytes_gz: gzipSync(Buffer.from("FIT bytes")), created_at: at },
    ])
    .execute();
  await db.insertInto("checkins").values({ id: randomUUID(), user_id: userId, date: "2024-03-30", fatigue: 1, irritability_low_mood: 0, appetite: 0, enthusiasm: 0, headaches: 0, general_aches: 1, performance_drop: 0, sleep: 1, created_at: at }).execute();
  await db.insertInto("daily_wellness").values({ id: randomUUID(), user_id: userId, date: "2024-03-30", source: "apple_health", resting_hr: 52, hrv_sdnn_ms: 61, imported_at: at }).execute();
  await db.insertInto("assessments").values({ id: randomUUID(), user_id: userId, input_json: "{}", result_json: "{}", triage: "self-care", top_condition: null, created_at: at }).execute();
  await db
    .insertInto("profiles")
    .values({ user_id: userId, experience: "regular", foot_type: "neutral", surfaces_json: "[]", other_sports_json: "[]", weak_groups_json: "[]", tight_groups_json: "[]", units: "km", updated_at: at })
    .execute();
  await db.insertInto("pain_entries").values({ id: randomUUID(), user_id: userId, date: "2024-03-30", during: 2, after: 3, next_morning: null, locations_json: "[]", triggers_json: "[]", notes: "stairs hurt", created_at: at, updated_at: at }).execute();
  await db.insertInto("programme_sessions").values({ id: randomUUID(), user_id: userId, programme_slug: "pfp", stage: 1, date: "2024-03-30", exercises_json: "[]", pain_during: 1, notes: "", created_at: at }).execute();
  await db.insertInto("plans").values({ id: randomUUID(), user_id: userId, kind: "build", input_json: "{}", plan_json: "{}", previous_plan_json: null, data_signature: null, created_at: at, updated_at: at }).execute();
  await db.insertInto("calendar_tokens").values({ token_hash: `calendar-secret-${userId}`, user_id: userId, created_at: at, revoked_at: null }).execute();
  await db.insertInto("shares").values({ id: randomUUID(), athlete_id: userId, coach_id: otherId, invite_email: null, invite_token_hash: null, invite_expires_at: null, access: "notes", status: "active", created_at: at, accepted_at: at, revoked_at: null, revoked_by: null }).execute();
  await db.insertInto("shares").values({ id: randomUUID(), athlete_id: otherId, coach_id: null, invite_email: "x@example.org", invite_token_hash: null, invite_expires_at: null, access: "read", status: "revoked", created_at: at, accepted_at: null, revoked_at: at, revoked_by: userId }).execute();
  await db.insertInto("coach_notes").values({ id: randomUUID(), athlete_id: userId, coach_id: otherId, body: "Watch the ramp", created_at: at, updated_at: at }).execute();
  await db.insertInto("user_bans").values({ user_id: otherId, banned_by: userId, reason: "spam", created_at: at }).execute();
  await db.insertInto("audit_log").values({ id: randomUUID(), actor_id: userId, action: "user.ban", target: `user:${otherId}`, details_json: JSON.stringify({ by: userId }), created_at: at }).execute();
  await db.insertInto("audit_log").values({ id: randomUUID(), actor_id: otherId, action: "share.revoke", target: `user:${userId}`, details_json: "{}", created_at: at }).execute();
}

/** Every row, in every column of every table, that still holds the value. */
async function rowsMentioning(app: App, value: string): Promise<Record<string, number>> {
  const { db } = app.database;
  const found: Record<string, number> = {};
  for (const [table, columns] of await existingTables(db)) {
    for (const column of columns) {
      const res = await sql<{ n: number | string }>`select count(*) as n from ${sql.table(table)} where cast(${sql.ref(column)} as text) like ${`%${value}%`}`.execute(db);
      const n = Number(res.rows[0]?.n ?? 0);
      if (n > 0) found[`${table}.${column}`] = n;
    }
  }
  return found;
}

for (const dialect of DIALECTS) {
  describe(`account security over HTTP on ${dialect}`, () => {
    let t: Awaited<ReturnType<typeof startServer>>;
    beforeAll(async () => {
      t = await startServer(dialect, true);
    });
    afterAll(() => t.close());

    it("requires sign-in for the account's password, export and deletion", async () => {
      for (const res of [
        await t.server.inject({ method: "POST", url: "/api/account/password", payload: { currentPassword: "x", newPassword: "y" } }),
        await t.server.inject({ method: "GET", url: "/api/account/export" }),
        await t.server.inject({ method: "DELETE", url: "/api/account", payload: { password: "x", confirm: "delete" } }),
      ]) {
        expect(res.statusCode).toBe(401);
        expect(res.json()).toMatchObject({ error: { code: "NOT_SIGNED_IN" } });
      }
    });

    it("refuses common, repetitive and email-like passwords at sign-up with a code naming the rule", async () => {
      const cases: [string, string][] = [
        ["Password2024!", "PASSWORD_TOO_COMMON"],
        ["qwertyuiop", "PASSWORD_TOO_COMMON"],
        ["1212121212", "PASSWORD_TOO_SIMPLE"],
        ["rules.tester@example.org", "PASSWORD_IS_EMAIL"],
      ];
      for (const [password, code] of cases) {
        const res = await t.server.inject({ method: "POST", url: "/api/auth/signup", payload: { email: "rules.tester@example.org", password, displayName: "Rules" } });
        expect(res.statusCode, password).toBe(400);
        expect(res.json(), password).toMatchObject({ error: { code, fields: [{ path: "password" }] } });
      }
      const ok = await t.server.inject({ method: "POST", url: "/api/auth/signup", payload: { email: "rules.tester@example.org", password: "gravel hills at dawn", displayName: "Rules" } });
      expect(ok.statusCode).toBe(202);
    });

    it("changes the password only with the current one, rotates the session and signs out every other session", async () => {
      const { cookies } = await signUp(t.server, "cara@example.org");
      const laptop = cookieOf(await logIn(t.server, "cara@example.org", PASSWORD));
      const wrong = await t.server.inject({ method: "POST", url: "/api/account/password", cookies, payload: { currentPassword: "not the password", newPassword: "a brand new secret phrase" } });
      expect(wrong.statusCode).toBe(403);
      expect(wrong.json()).toMatchObject({ error: { code: "PASSWORD_INCORRECT", fields: [{ path: "currentPassword" }] } });
      const short = await t.server.inject({ method: "POST", url: "/api/account/password", cookies, payload: { currentPassword: PASSWORD, newPassword: "short" } });
      expect(short.json()).toMatchObject({ error: { code: "PASSWORD_TOO_SHORT", fields: [{ path: "newPassword" }] } });
      const long = await t.server.inject({ method: "POST", url: "/api/account/password", cookies, payload: { currentPassword: PASSWORD, newPassword: "long words ".repeat(24) } });
      expect(long.json()).toMatchObject({ error: { code: "PASSWORD_TOO_LONG", fields: [{ path: "newPassword" }] } });

      const res = await t.server.inject({ method: "POST", url: "/api/account/password", cookies, payload: { currentPassword: PASSWORD, newPassword: "a brand new secret phrase" } });
      expect(res.statusCode).toBe(200);
      const rotated = cookieOf(res);
      expect(rotated[SESSION_COOKIE]).not.toBe(cookies[SESSION_COOKIE]);
      expect(await me(t.server, rotated)).toBe("cara@example.org");
      expect(await me(t.server, cookies)).toBeNull();
      expect(await me(t.server, laptop)).toBeNull();
      expect((await logIn(t.server, "cara@example.org", PASSWORD)).statusCode).toBe(401);
      expect((await logIn(t.server, "cara@example.org", "a brand new secret phrase")).statusCode).toBe(200);
    });

    it("answers a reset request the same way whether or not the account exists, and mails a link only to a real one", async () => {
      await signUp(t.server, "dan@example.org");
      const before = t.mailer.sent.length;
      const known = await t.server.inject({ method: "POST", url: "/api/auth/password-reset", payload: { email: " Dan@Example.org " } });
      const unknown = await t.server.inject({ method: "POST", url: "/api/auth/password-reset", payload: { email: "nobody@example.org" } });
      expect(known.statusCode).toBe(202);
      expect(unknown.statusCode).toBe(202);
      expect(unknown.body).toBe(known.body);
      const sent = t.mailer.sent.slice(before);
      expect(sent.map((m) => m.to)).toEqual(["dan@example.org"]);
      expect(sent[0]!.text).toMatch(/https:\/\/kneewise\.example\/reset-password\?token=[\w-]{43}\n/);
      // Only the token's hash is stored.
      const token = /token=([\w-]+)/.exec(sent[0]!.text)![1]!;
      const stored = await t.app.database.db.selectFrom("password_reset_tokens").select("id").execute();
      expect(stored.map((r) => r.id)).not.toContain(token);
    });

    it("resets the password with the link once, ending every session, and refuses the link again", async () => {
      const { cookies } = await signUp(t.server, "eve@example.org");
      await t.server.inject({ method: "POST", url: "/api/auth/password-reset", payload: { email: "eve@example.org" } });
      const token = /token=([\w-]+)/.exec(t.mailer.sent.at(-1)!.text)![1]!;
      const common = await t.server.inject({ method: "POST", url: "/api/auth/password-reset/confirm", payload: { token, password: "password12345" } });
      expect(common.json()).toMatchObject({ error: { code: "PASSWORD_TOO_COMMON" } });

      const ok = await t.server.inject({ method: "POST", url: "/api/auth/password-reset/confirm", payload: { token, password: "river stones and fog" } });
      expect(ok.statusCode).toBe(204);
      expect(await me(t.server, cookies)).toBeNull();
      expect((await logIn(t.server, "eve@example.org", "river stones and fog")).statusCode).toBe(200);
      const again = await t.server.inject({ method: "POST", url: "/api/auth/password-reset/confirm", payload: { token, password: "another fine phrase" } });
      expect(again.statusCode).toBe(410);
      expect(again.json()).toMatchObject({ error: { code: "RESET_TOKEN_USED" } });
      const bogus = await t.server.inject({ method: "POST", url: "/api/auth/password-reset/confirm", payload: { token: "not-a-token", password: "another fine phrase" } });
      expect(bogus.json()).toMatchObject({ error: { code: "RESET_TOKEN_INVALID" } });
    });

    it("refuses a link after its hour, and an older link once a newer one was asked for", async () => {
      await signUp(t.server, "fay@example.org");
      await t.server.inject({ method: "POST", url: "/api/auth/password-reset", payload: { email: "fay@example.org" } });
      const first = /token=([\w-]+)/.exec(t.mailer.sent.at(-1)!.text)![1]!;
      await t.server.inject({ method: "POST", url: "/api/auth/password-reset", payload: { email: "fay@example.org" } });
      const second = /token=([\w-]+)/.exec(t.mailer.sent.at(-1)!.text)![1]!;
      const old = await t.server.inject({ method: "POST", url: "/api/auth/password-reset/confirm", payload: { token: first, password: "another fine phrase" } });
      expect(old.json()).toMatchObject({ error: { code: "RESET_TOKEN_EXPIRED" } });
      t.advance(60 * 60_000 + 1000);
      const late = await t.server.inject({ method: "POST", url: "/api/auth/password-reset/confirm", payload: { token: second, password: "another fine phrase" } });
      expect(late.statusCode).toBe(410);
      expect(late.json()).toMatchObject({ error: { code: "RESET_TOKEN_EXPIRED" } });
      expect((await logIn(t.server, "fay@example.org", PASSWORD)).statusCode).toBe(200);
    });

    it("limits reset requests per email address, for addresses with and without an account alike", async () => {
      for (const email of ["gil@example.org", "ghost@example.org"]) {
        const codes: number[] = [];
        for (let i = 0; i < 4; i++) codes.push((await t.server.inject({ method: "POST", url: "/api/auth/password-reset", payload: { email } })).statusCode);
        expect(codes, email).toEqual([202, 202, 202, 429]);
      }
    });

    it("ends a session 90 days after sign-in even when it is used every day", async () => {
      const { cookies } = await signUp(t.server, "hal@example.org");
      const week = 7 * 24 * 60 * 60_000;
      for (let weeks = 1; weeks <= 12; weeks++) {
        t.advance(week);
        expect(await me(t.server, cookies), `week ${weeks}`).toBe("hal@example.org");
      }
      t.advance(week);
      expect(await me(t.server, cookies)).toBeNull();
    });

    it("exports the runner's data as a zip: every table's rows, no secrets, and the original files", async () => {
      const ada = await signUp(t.server, "ada@example.org");
      const bea = await signUp(t.server, "bea@example.org");
      await t.server.inject({ method: "POST", url: `/api/articles/${SLUG}/comments`, cookies: ada.cookies, payload: { body: "Strength work twice a week" } });
      await seedEverything(t.app, ada.id, bea.id);
      await t.server.inject({ method: "PUT", url: "/api/pain/2024-03-29", cookies: bea.cookies, payload: { during: 5 } });
      const res = await t.server.inject({ method: "GET", url: "/api/account/export", cookies: ada.cookies });
      expect(res.statusCode).toBe(200);
      expect(res.headers["content-type"]).toBe("application/zip");
      expect(res.headers["content-disposition"]).toMatch(/^attachment; filename="kneewise-export-\d{4}-\d\d-\d\d\.zip"$/);
      const files = await unzip(res.rawPayload);
      expect([...files.keys()].sort()).toEqual(["kneewise-export.json", "original-files/export.zip/activities/9.fit.gz", "original-files/loop.gpx", "original-files/odd.tcx"]);
      expect(files.get("original-files/loop.gpx")!.toString()).toBe("<gpx></gpx>");
      // A stored size that disagrees with the gzip trailer: inflated and deflated again, still right.
      expect(files.get("original-files/odd.tcx")!.toString()).toBe("<tcx/>");
      // A file that came gzipped goes back as it came.
      expect(files.get("original-files/export.zip/activities/9.fit.gz")!.equals(gzipSync(Buffer.from("FIT bytes")))).toBe(true);

      const text = files.get("kneewise-export.json")!.toString();
      const data = JSON.parse(text) as { format: string; schemaVersion: string; user: Record<string, unknown>; tables: Record<string, Record<string, unknown>[]> };
      expect(data.format).toBe("kneewise-export");
      expect(data.schemaVersion).toMatch(/^\d{4}-/);
      expect(data.user).toMatchObject({ id: ada.id, email: "ada@example.org" });
      expect(data.user).not.toHaveProperty("password_hash");
      for (const table of ["activities", "shoes", "checkins", "daily_wellness", "pain_entries", "programme_sessions", "assessments", "plans", "profiles", "import_files", "import_jobs", "original_files", "calendar_tokens", "shares", "coach_notes", "comments"]) {
        expect(data.tables[table]?.length, table).toBeGreaterThan(0);
      }
      expect(data.tables.activities![0]).toMatchObject({ name: "Easy loop", distance_m: 5000, stream: { t: [0, 10], d: [0, 30] } });
      expect(data.tables.pain_entries!.map((p) => p.notes)).toEqual(["stairs hurt"]);
      expect(data.tables.comments!.map((c) => c.body)).toEqual(["Strength work twice a week"]);
      expect(data.tables).not.toHaveProperty("sessions");
      expect(data.tables).not.toHaveProperty("password_reset_tokens");
      expect(text).not.toContain("$argon2id$");
      expect(text).not.toContain("calendar-secret-");
      expect(data.tables.original_files![0]).not.toHaveProperty("bytes_gz");
    });

    it("deletes an account only with its password and the typed confirmation", async () => {
      const { cookies } = await signUp(t.server, "ivy@example.org");
      const noConfirm = await t.server.inject({ method: "DELETE", url: "/api/account", cookies, payload: { password: PASSWORD, confirm: "yes" } });
      expect(noConfirm.statusCode).toBe(400);
      expect(noConfirm.json()).toMatchObject({ error: { code: "VALIDATION_FAILED", fields: [{ path: "confirm" }] } });
      const wrong = await t.server.inject({ method: "DELETE", url: "/api/account", cookies, payload: { password: "not my password", confirm: "delete" } });
      expect(wrong.statusCode).toBe(403);
      expect(wrong.json()).toMatchObject({ error: { code: "PASSWORD_INCORRECT" } });
      expect(wrong.json()).toMatchObject({ error: { message: "The password is not right.", fields: [{ path: "password" }] } });
      expect(await me(t.server, cookies)).toBe("ivy@example.org");
    });

    it("deletes every row of the account in every table, keeps other people's replies, and frees the email", async () => {
      const jo = await signUp(t.server, "jo@example.org");
      const kim = await signUp(t.server, "kim@example.org");
      // Trusted commenters, so their comments show at once and enter the search index.
      await t.app.database.db.updateTable("users").set({ role: "moderator" }).where("id", "in", [jo.id, kim.id]).execute();
      // Kim's comment, Jo's reply to it, Jo's own comment and Kim's reply to that.
      const kims = (await t.server.inject({ method: "POST", url: `/api/articles/${SLUG}/comments`, cookies: kim.cookies, payload: { body: "Stairs are the worst part" } })).json<{ comment: { id: string } }>().comment.id;
      const jos = (await t.server.inject({ method: "POST", url: `/api/articles/${SLUG}/comments`, cookies: jo.cookies, payload: { body: "Hip strength helped my patellofemoral pain" } })).json<{ comment: { id: string } }>().comment.id;
      await t.server.inject({ method: "POST", url: `/api/articles/${SLUG}/comments`, cookies: jo.cookies, payload: { body: "Same for me", parentId: kims } });
      const reply = await t.server.inject({ method: "POST", url: `/api/articles/${SLUG}/comments`, cookies: kim.cookies, payload: { body: "Which exercises did you do?", parentId: jos } });
      expect(reply.statusCode).toBe(201);
      await seedEverything(t.app, jo.id, kim.id);
      await t.server.inject({ method: "POST", url: "/api/auth/password-reset", payload: { email: "jo@example.org" } });
      expect(Object.keys(await rowsMentioning(t.app, jo.id)).length).toBeGreaterThan(10);
      const { db } = t.app.database;
      const vocabularyTotal = async () => Number((await db.selectFrom("comment_vocabulary").select((eb) => eb.fn.sum<number>("comments").as("n")).executeTakeFirstOrThrow()).n);
      const jotermRows = await db.selectFrom("comment_terms").innerJoin("comments", "comments.id", "comment_terms.comment_id").select("term").where("comments.user_id", "=", jo.id).execute();
      expect(jotermRows.length).toBeGreaterThan(3);
      const totalBefore = await vocabularyTotal();

      const res = await t.server.inject({ method: "DELETE", url: "/api/account", cookies: jo.cookies, payload: { password: PASSWORD, confirm: "delete" } });
      expect(res.statusCode).toBe(200);
      const body = res.json<DeleteAccountResponse>();
      expect(body.accountKept).toBe(false);
      expect(body.deleted).toMatchObject({ users: 1, activities: 1, sessions: 1, comments: 2, original_files: 3, upload_parts: 1, shares: 1, coach_notes: 1 });
      expect(parseSetCookie(res.headers["set-cookie"]).get(SESSION_COOKIE)?.value).toBe("");

      expect(await rowsMentioning(t.app, jo.id)).toEqual({});
      expect(await rowsMentioning(t.app, "jo@example.org")).toEqual({});
      expect(await me(t.server, jo.cookies)).toBeNull();
      // Kim's reply is still there, now standing on its own; Kim's data is untouched.
      const thread = (await t.server.inject({ method: "GET", url: `/api/articles/${SLUG}/comments`, cookies: kim.cookies })).json<ThreadResponse>();
      const texts = thread.comments.map((c) => [c.body, c.parentId]);
      expect(texts).toContainEqual(["Which exercises did you do?", null]);
      expect(texts).toContainEqual(["Stairs are the worst part", null]);
      expect(JSON.stringify(thread)).not.toContain("Hip strength");
      expect(await db.selectFrom("user_bans").select(["user_id", "banned_by"]).where("user_id", "=", kim.id).execute()).toEqual([{ user_id: kim.id, banned_by: null }]);
      // The search index no longer counts Jo's words.
      expect(await vocabularyTotal()).toBe(totalBefore - jotermRows.length);
      const audit = await db.selectFrom("audit_log").selectAll().where("action", "=", "account.deleted").execute();
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({ actor_id: null, target: "user:deleted" });

      const again = await signUp(t.server, "jo@example.org");
      expect(again.id).not.toBe(jo.id);
    });
  });

  // PostgreSQL always runs multi-user.
  describe.runIf(dialect === "sqlite")(`account in single-user mode on ${dialect}`, () => {
    let t: Awaited<ReturnType<typeof startServer>>;
    beforeAll(async () => {
      t = await startServer(dialect, false);
    });
    afterAll(() => t.close());

    it("exports the owner's data, has no password to reset, and deleting wipes the data but keeps the app usable", async () => {
      const ownerId = (await t.server.inject({ method: "GET", url: "/api/me" })).json<{ user: { id: string } }>().user.id;
      await t.server.inject({ method: "PUT", url: "/api/pain/2024-03-30", payload: { during: 4, notes: "long run" } });
      const zip = await t.server.inject({ method: "GET", url: "/api/account/export" });
      expect(zip.statusCode).toBe(200);
      const data = JSON.parse((await unzip(zip.rawPayload)).get("kneewise-export.json")!.toString()) as { user: { id: string }; tables: Record<string, unknown[]> };
      expect(data.user.id).toBe(ownerId);
      expect(data.tables.pain_entries).toHaveLength(1);

      const reset = await t.server.inject({ method: "POST", url: "/api/auth/password-reset", payload: { email: "owner@localhost" } });
      expect(reset.statusCode).toBe(403);
      expect(reset.json()).toMatchObject({ error: { code: "MULTI_USER_ONLY" } });

      const del = await t.server.inject({ method: "DELETE", url: "/api/account", payload: { confirm: "delete" } });
      expect(del.statusCode).toBe(200);
      expect(del.json<DeleteAccountResponse>()).toMatchObject({ accountKept: true, deleted: { pain_entries: 1 } });
      expect((await t.server.inject({ method: "GET", url: "/api/pain?from=2024-03-01&to=2024-03-31" })).json<{ entries: unknown[] }>().entries).toEqual([]);
      const after = await t.server.inject({ method: "PUT", url: "/api/pain/2024-03-31", payload: { during: 1 } });
      expect(after.statusCode).toBe(201);
    });
  });
}
