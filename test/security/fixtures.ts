/**
 * Shared fixtures of the security suite: a real multi-user server on a fresh database whose
 * every route is recorded as Fastify registers it, runners signed up through the real endpoints,
 * one record of each kind owned by a runner, and a snapshot of every table to prove that a
 * refused request changed nothing.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { InjectOptions, LightMyRequestResponse } from "fastify";
import { sql } from "kysely";
import type { Kysely } from "kysely";
import { expect } from "vitest";
import { createApp } from "../../src/services/app.js";
import type { App } from "../../src/services/app.js";
import { buildServer } from "../../src/server/build-server.js";
import { attachOutbox, recordingMail, signUpVerified } from "../app.js";
import { createTestDb } from "../db.js";
import type { TestDialect } from "../db.js";

export interface Endpoint {
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  /** Fastify's pattern, e.g. /api/shoes/:id. */
  url: string;
}

export const key = (e: Endpoint): string => `${e.method} ${e.url}`;

/** Monday 2 March 2026, 08:00 UTC: the suite's clock, moved forward by hand (rate-limit windows). */
const START = Date.parse("2026-03-02T08:00:00Z");

export type SecurityServer = Awaited<ReturnType<typeof startSecurityServer>>;

/**
 * A multi-user server on a fresh database of `dialect`. Uploads go to a private data folder
 * (never ./data beside a PostgreSQL server), and the upload limit can be made small.
 */
export async function startSecurityServer(
  dialect: TestDialect,
  opts: { uploadLimitBytes?: number } = {},
) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "kw-security-"));
  const savedEnv = {
    dir: process.env.KNEEWISE_DATA_DIR,
    limit: process.env.KNEEWISE_UPLOAD_LIMIT_BYTES,
  };
  process.env.KNEEWISE_DATA_DIR = dataDir;
  if (opts.uploadLimitBytes !== undefined)
    process.env.KNEEWISE_UPLOAD_LIMIT_BYTES = String(opts.uploadLimitBytes);
  const testDb = await createTestDb(dialect);
  const app: App = await createApp({ db: testDb.spec, multiUser: true, version: "0.0.0-test" });
  let clock = START;
  app.now = () => new Date(clock);
  const routes: Endpoint[] = [];
  const { mail, outbox } = recordingMail();
  const server = await buildServer({
    app,
    mail,
    onRoute: (route) => {
      for (const method of [route.method].flat()) {
        // HEAD routes are Fastify's automatic twins of GET routes.
        if (method === "HEAD" || method === "OPTIONS") continue;
        routes.push({ method: method as Endpoint["method"], url: route.url });
      }
    },
  });
  attachOutbox(server, outbox);
  await server.ready();
  restoreEnv(savedEnv);
  return {
    app,
    server,
    routes,
    dataDir,
    /** Moves the clock on by an hour: fresh rate-limit windows, sessions still alive. */
    nextHour() {
      clock += 3_600_000;
    },
    async close() {
      await server.close();
      await app.close();
      await testDb.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

function restoreEnv(saved: { dir: string | undefined; limit: string | undefined }): void {
  if (saved.dir === undefined) delete process.env.KNEEWISE_DATA_DIR;
  else process.env.KNEEWISE_DATA_DIR = saved.dir;
  if (saved.limit === undefined) delete process.env.KNEEWISE_UPLOAD_LIMIT_BYTES;
  else process.env.KNEEWISE_UPLOAD_LIMIT_BYTES = saved.limit;
}

export interface Runner {
  id: string;
  cookies: Record<string, string>;
  req(opts: InjectOptions): Promise<LightMyRequestResponse>;
}

/** Signs a runner up through the real endpoint; `role` then promotes them in the database. */
export async function signUp(
  t: SecurityServer,
  name: string,
  role: "runner" | "coach" | "moderator" | "admin" = "runner",
): Promise<Runner> {
  const { cookies, id } = await signUpVerified(t.server, { email: `${name}@example.org`, displayName: name });
  if (role !== "runner") {
    await (t.app.database.db as unknown as Kysely<Record<string, Record<string, unknown>>>)
      .updateTable("users")
      .set({ role })
      .where("id", "=", id)
      .execute();
  }
  return {
    id,
    cookies,
    req: (opts) => t.server.inject({ ...opts, cookies: { ...cookies, ...(opts.cookies ?? {}) } }),
  };
}

/** A gradual ache behind the kneecap after a jump in mileage: a valid assessment input. */
export const ASSESSMENT_INPUT = {
  age: 29,
  sex: "female",
  onset: "gradual",
  pain_locations: ["anterior_around_behind_kneecap"],
  aggravating_factors: ["stairs_down", "squatting"],
  swelling: "none",
  signs: [],
  duration_weeks: 4,
  training_changes: ["volume_increase"],
};

export const ARTICLE = "patellofemoral-pain";
export const PROGRAMME = "patellar-tendinopathy";
export const DAY = "2026-02-25";

/** A plausible body for each write, so that a refusal is about who asks, not about the body. */
export const SAMPLE_BODIES: Record<string, unknown> = {
  "POST /api/auth/signup": {
    email: "anon@example.org",
    password: "a long enough password",
    displayName: "anon",
  },
  "POST /api/auth/login": { email: "nobody@example.org", password: "a long enough password" },
  "POST /api/auth/verify-email": { token: "an-emailed-token-that-is-not-real-0123456789" },
  "PUT /api/account/email": { email: "moved@example.org", password: "a long enough password" },
  "POST /api/assessments": ASSESSMENT_INPUT,
  "POST /api/shoes": { name: "Trainers", brand: "Brand" },
  "PATCH /api/shoes/:id": { name: "Renamed" },
  "POST /api/shoes/:id/retire": {},
  "POST /api/training/activities": {
    sport: "run",
    date: DAY,
    distanceM: 5000,
    durationS: 1800,
    name: "Run",
  },
  "PATCH /api/training/activities/:id": { surface: "road" },
  "PATCH /api/activities/:id": { name: "Renamed run", excludeFromLoad: true },
  "POST /api/activities/:id/merge": { otherId: "another-activity" },
  "POST /api/shoes/offers": { gear: ["Trainers"] },
  "PUT /api/checkins/:date": {
    fatigue: 1,
    irritability_low_mood: 0,
    appetite: 0,
    enthusiasm: 1,
    headaches: 0,
    general_aches: 1,
    performance_drop: 0,
    sleep: 1,
  },
  "PUT /api/pain/:date": { during: 3, after: 2, notes: "A note" },
  "PUT /api/profile": { experience: "regular" },
  "POST /api/programme-sessions": {
    programmeSlug: PROGRAMME,
    stage: 1,
    date: DAY,
    exercises: [{ slug: "wall-sit-isometric", sets: 5, holdSeconds: 45 }],
    painDuring: 2,
    notes: "A note",
  },
  "POST /api/plans": {
    kind: "return",
    entry: { confirmed: ["walk_30_min", "hop", "clinician_clearance"] },
  },
  "POST /api/plans/active/resume": { clearance: true },
  "POST /api/articles/:slug/comments": { body: "A comment." },
  "PATCH /api/comments/:id": { body: "An edit." },
  "POST /api/comments/:id/report": { reason: "Spam." },
  "POST /api/moderation/comments/:id": { action: "hide" },
  "POST /api/moderation/users/:id/ban": { reason: "Spam.", hideComments: true },
  "POST /api/auth/password-reset": { email: "nobody@example.org" },
  "POST /api/auth/password-reset/confirm": {
    token: "0123456789abcdef0123456789abcdef",
    password: "a new long password",
  },
  "POST /api/account/password": {
    currentPassword: "a long enough password",
    newPassword: "another long password",
  },
  "DELETE /api/account": { password: "a long enough password", confirm: "delete" },
  "POST /api/account/upload-tokens": { name: "Phone" },
  "PUT /api/me/role": { role: "coach" },
  "PUT /api/admin/users/:userId/role": { role: "admin" },
  "POST /api/setup/claim": { token: "0123456789abcdef0123456789abcdef" },
  "POST /api/sharing/invites/email": { email: "coach@example.org", access: "notes" },
  "POST /api/sharing/invites/link": { access: "notes" },
  "PATCH /api/sharing/:id": { access: "read" },
  "POST /api/athletes/:athleteId/notes": { body: "A note." },
};

/** A concrete URL for a route pattern: each `:param` gets the value named for it, else a made-up id. */
export function fillPath(pattern: string, values: Record<string, string> = {}): string {
  const defaults: Record<string, string> = {
    date: DAY,
    slug: ARTICLE,
    file: "0123456789abcdef.ics",
    token: "0123456789abcdef0123456789abcdef",
  };
  return pattern.replace(/:([A-Za-z]+)/g, (_m, name: string) =>
    encodeURIComponent(values[name] ?? defaults[name] ?? "7d4a1f6e-0000-4000-8000-000000000000"),
  );
}

export function injectFor(e: Endpoint, url: string): InjectOptions {
  const body = SAMPLE_BODIES[key(e)];
  if (e.method === "GET" || (e.method === "DELETE" && body === undefined))
    return { method: e.method, url };
  return { method: e.method, url, payload: body ?? {} };
}

/** What runner A owns after createOwnedData; B must never see or touch any of it. */
export interface OwnedData {
  shoeId: string;
  activityId: string;
  assessmentId: string;
  programmeSessionId: string;
  pendingCommentId: string;
  visibleCommentId: string;
  importId: string;
  painDate: string;
  checkinDate: string;
  /** A word in every free text A wrote: no answer to anyone else may contain it. */
  marker: string;
}

export const MARKER = "zqxsecretmarker";

/** One of each: a shoe, a logged run, a pain entry, an assessment, a plan, a check-in, a programme session, comments, an import. */
export async function createOwnedData(t: SecurityServer, a: Runner): Promise<OwnedData> {
  const ok = (res: LightMyRequestResponse, status: number) => {
    expect(res.statusCode, res.body).toBe(status);
    return res.json<Record<string, unknown>>();
  };
  const shoe = ok(
    await a.req({
      method: "POST",
      url: "/api/shoes",
      payload: { name: `${MARKER} pair`, brand: `${MARKER} brand` },
    }),
    201,
  );
  const activity = ok(
    await a.req({
      method: "POST",
      url: "/api/training/activities",
      payload: {
        sport: "run",
        date: DAY,
        distanceM: 8000,
        durationS: 2700,
        name: `${MARKER} run`,
        shoeId: shoe.id,
      },
    }),
    201,
  );
  ok(
    await a.req({
      method: "PUT",
      url: `/api/pain/${DAY}`,
      payload: { during: 4, after: 3, notes: `${MARKER} sore` },
    }),
    201,
  );
  const assessment = ok(
    await a.req({ method: "POST", url: "/api/assessments", payload: ASSESSMENT_INPUT }),
    201,
  );
  ok(
    await a.req({
      method: "POST",
      url: "/api/plans",
      payload: {
        kind: "return",
        start: DAY,
        entry: { confirmed: ["walk_30_min", "hop", "clinician_clearance"] },
      },
    }),
    201,
  );
  ok(
    await a.req({
      method: "PUT",
      url: `/api/checkins/${DAY}`,
      payload: SAMPLE_BODIES["PUT /api/checkins/:date"] as object,
    }),
    200,
  );
  const session = ok(
    await a.req({
      method: "POST",
      url: "/api/programme-sessions",
      payload: {
        ...(SAMPLE_BODIES["POST /api/programme-sessions"] as object),
        notes: `${MARKER} session`,
      },
    }),
    201,
  );
  // A new runner's comment waits for a moderator; a moderator's shows at once. A plays both, then
  // gets their own role back.
  const db = t.app.database.db as unknown as Kysely<Record<string, Record<string, unknown>>>;
  const { role } = await db
    .selectFrom("users")
    .select("role")
    .where("id", "=", a.id)
    .executeTakeFirstOrThrow();
  await db.updateTable("users").set({ role: "runner" }).where("id", "=", a.id).execute();
  const pending = ok(
    await a.req({
      method: "POST",
      url: `/api/articles/${ARTICLE}/comments`,
      payload: { body: `${MARKER} held` },
    }),
    202,
  );
  await db.updateTable("users").set({ role: "moderator" }).where("id", "=", a.id).execute();
  const visible = ok(
    await a.req({
      method: "POST",
      url: `/api/articles/${ARTICLE}/comments`,
      payload: { body: `${MARKER} shown` },
    }),
    201,
  );
  await db.updateTable("users").set({ role }).where("id", "=", a.id).execute();
  const upload = ok(
    await a.req({
      method: "POST",
      url: "/api/imports?name=notes.gpx",
      headers: { "content-type": "application/octet-stream" },
      payload: Buffer.from("<gpx>not really</gpx>"),
    }),
    202,
  );
  const importId = String(upload.id);
  // Let the background import settle, so that later snapshots do not see it move.
  for (let i = 0; i < 600; i++) {
    const job = ok(await a.req({ method: "GET", url: `/api/imports/${importId}` }), 200);
    if (job.status === "done" || job.status === "failed") break;
    await new Promise((r) => setTimeout(r, 25));
  }
  return {
    shoeId: String(shoe.id),
    activityId: String(activity.id),
    assessmentId: String(assessment.id),
    programmeSessionId: String((session.session as { id: string }).id),
    pendingCommentId: String((pending.comment as { id: string }).id),
    visibleCommentId: String((visible.comment as { id: string }).id),
    importId,
    painDate: DAY,
    checkinDate: DAY,
    marker: MARKER,
  };
}

/**
 * Every row of every table, sorted, as one string: equal before and after means nothing changed.
 * Sessions (touched on use) and rate-limit counters are left out: they move on any request.
 */
export async function snapshotTables(t: SecurityServer): Promise<string> {
  const db = t.app.database.db as unknown as Kysely<Record<string, Record<string, unknown>>>;
  // Only the app's own tables: a job queue (pg-boss keeps its own schema) moves on its own.
  const tables = (await db.introspection.getTables())
    .filter((x) => x.schema === undefined || x.schema === "public" || x.schema === "main")
    .map((x) => x.name)
    .filter((n) => !n.startsWith("kysely_") && n !== "sessions" && n !== "rate_limits")
    .sort();
  expect(tables).toEqual(
    expect.arrayContaining(["users", "shoes", "activities", "comments", "pain_entries"]),
  );
  const out: Record<string, string[]> = {};
  for (const name of tables) {
    const rows = await db.selectFrom(name).selectAll().execute();
    out[name] = rows.map((r) => JSON.stringify(r)).sort();
  }
  return JSON.stringify(out);
}

/** Row counts of the tables an injection would most like to reach. */
export async function countRows(t: SecurityServer, table: string): Promise<number> {
  const db = t.app.database.db as unknown as Kysely<Record<string, Record<string, unknown>>>;
  const row = await db
    .selectFrom(table)
    .select(sql<string | number>`count(*)`.as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
