/**
 * Two server instances on one PostgreSQL database serve the same people: sessions, the sign-in
 * rate limit, bans and import jobs live in the database, and pg-boss gives each import to one
 * instance only. PostgreSQL only (skipped without TEST_DATABASE_URL).
 */
import fs from "node:fs";
import path from "node:path";
import type { FastifyInstance } from "fastify";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importJob } from "../../src/contracts/activities.js";
import type { ImportJob } from "../../src/contracts/activities.js";
import { createApp } from "../../src/services/app.js";
import type { App } from "../../src/services/app.js";
import { buildServer } from "../../src/server/build-server.js";
import { attachOutbox, recordingMail, signUpCookies } from "../app.js";
import { createTestDb } from "../db.js";
import type { TestDb } from "../db.js";
import { CORPUS_DIR } from "../paths.js";

interface Instance {
  name: string;
  app: App;
  server: FastifyInstance;
}

const PG = process.env.TEST_DATABASE_URL !== undefined && process.env.TEST_DATABASE_URL !== "";

async function startInstance(name: string, spec: string): Promise<Instance> {
  const app = await createApp({ db: spec, multiUser: true, version: "0.0.0-test" });
  const { mail, outbox } = recordingMail();
  const server = await buildServer({ app, mail });
  attachOutbox(server, outbox);
  return { name, app, server };
}

async function waitForJob(on: Instance, id: string, cookies: Record<string, string>): Promise<ImportJob> {
  for (let i = 0; i < 1200; i++) {
    const res = await on.server.inject({ method: "GET", url: `/api/imports/${id}`, cookies });
    expect(res.statusCode, res.body).toBe(200);
    const job = importJob.parse(res.json());
    if (job.status === "done" || job.status === "failed") return job;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`import ${id} did not finish`);
}

describe.skipIf(!PG)("two instances on one PostgreSQL database", () => {
  let db: TestDb;
  let a: Instance;
  let b: Instance;
  beforeAll(async () => {
    db = await createTestDb("postgres");
    // One after the other, as a rolling start would; both migrate and start pg-boss.
    [a, b] = await Promise.all([startInstance("A", db.spec), startInstance("B", db.spec)]);
  });
  afterAll(async () => {
    await a.server.close();
    await b.server.close();
    await a.app.close();
    await b.app.close();
    await db.drop();
  });

  it("accepts on B a session made on A, and signing out on B ends it on A", async () => {
    const cookies = await signUpCookies(a.server, "session@example.org");
    const me = await b.server.inject({ method: "GET", url: "/api/me", cookies });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ user: { email: "session@example.org" }, mode: "multi" });
    expect((await b.server.inject({ method: "POST", url: "/api/auth/logout", cookies })).statusCode).toBeLessThan(300);
    const after = await a.server.inject({ method: "GET", url: "/api/me", cookies });
    expect(after.json()).toMatchObject({ user: null });
  });

  it("counts failed sign-ins on A and B against one limit", async () => {
    await signUpCookies(a.server, "limited@example.org");
    const attempt = (on: Instance, password: string) =>
      on.server.inject({ method: "POST", url: "/api/auth/login", payload: { email: "limited@example.org", password } });
    for (let i = 0; i < 5; i++) expect((await attempt(a, "wrong password here")).statusCode).toBe(401);
    // The limit is 10 attempts a window. Were counters per instance, B would take 10 more.
    const onB: number[] = [];
    for (let i = 0; i < 10 && !onB.includes(429); i++) onB.push((await attempt(b, "wrong password here")).statusCode);
    expect(onB.length, `B answered ${onB.join(", ")}`).toBeLessThanOrEqual(5);
    expect(onB.at(-1)).toBe(429);
    const locked = await attempt(b, "a long enough password");
    expect(locked.statusCode).toBe(429);
    expect(locked.json()).toMatchObject({ error: { code: "RATE_LIMITED" } });
    expect((await attempt(a, "a long enough password")).statusCode).toBe(429);
  });

  it("applies on B a ban made on A", async () => {
    // Signing up makes no admin or moderator: promote one here, as an admin would.
    const mod = await signUpCookies(a.server, "moderator@example.org");
    await a.app.database.db.updateTable("users").set({ role: "moderator" }).where("email", "=", "moderator@example.org").execute();
    const troll = await signUpCookies(b.server, "troll@example.org");
    const trollId = (await b.server.inject({ method: "GET", url: "/api/me", cookies: troll })).json<{ user: { id: string } }>().user.id;
    const before = await b.server.inject({ method: "POST", url: "/api/articles/patellofemoral-pain/comments", payload: { body: "Before the ban." }, cookies: troll });
    expect(before.statusCode, before.body).toBeLessThan(300);
    const ban = await a.server.inject({ method: "POST", url: `/api/moderation/users/${trollId}/ban`, payload: { reason: "spam" }, cookies: mod });
    expect(ban.statusCode, ban.body).toBe(200);
    const after = await b.server.inject({ method: "POST", url: "/api/articles/patellofemoral-pain/comments", payload: { body: "After the ban." }, cookies: troll });
    expect(after.statusCode).toBe(403);
    expect(after.json()).toMatchObject({ error: { code: "FORBIDDEN" } });
  });

  it("runs each upload made on A exactly once while both instances take jobs", async () => {
    const cookies = await signUpCookies(a.server, "uploads@example.org");
    const files = ["gpx", "tcx", "fit"].map((kind) => {
      const dir = path.join(CORPUS_DIR, kind);
      return fs.readdirSync(dir).filter((f) => fs.statSync(path.join(dir, f)).isFile()).sort()[0]!;
    });
    const jobs: string[] = [];
    for (const [i, kind] of ["gpx", "tcx", "fit"].entries()) {
      const name = files[i]!;
      const res = await a.server.inject({
        method: "POST",
        url: `/api/imports?name=${encodeURIComponent(name)}`,
        headers: { "content-type": "application/octet-stream" },
        payload: fs.readFileSync(path.join(CORPUS_DIR, kind, name)),
        cookies,
      });
      expect(res.statusCode, res.body).toBe(202);
      jobs.push(importJob.parse(res.json()).id);
    }
    for (const id of jobs) {
      // Read through B: progress lives in the database, not in the instance that took the upload.
      const job = await waitForJob(b, id, cookies);
      expect(job.status, job.error ?? "").toBe("done");
      expect(job.summary).toMatchObject({ files: 1, duplicates: 0 });
    }
    const states = async () =>
      (
        await sql<{ state: string; retry_count: number }>`
          select state, retry_count from pgboss.job where name = 'import' and id = any(${jobs}::uuid[])`.execute(a.app.database.db)
      ).rows.map((r) => [r.state, r.retry_count]);
    // pg-boss marks a job completed just after its handler returns.
    for (let i = 0; i < 100 && (await states()).some(([s]) => s !== "completed"); i++) await new Promise((r) => setTimeout(r, 50));
    // Started once each: a job taken twice would show retry_count 1 (pg-boss counts restarts).
    expect(await states()).toEqual(jobs.map(() => ["completed", 0]));
    const rows = await a.app.database.db.selectFrom("import_jobs").select(["id", "claimed_by"]).where("id", "in", jobs).execute();
    expect(rows.every((r) => r.claimed_by !== null)).toBe(true);
    const parts = await a.app.database.db.selectFrom("upload_parts").select("job_id").where("job_id", "in", jobs).execute();
    expect(parts, "upload chunks are deleted once each job ends").toEqual([]);
  });

  it("reports both instances ready, each with the shared pg-boss queue", async () => {
    for (const on of [a, b]) {
      const res = await on.server.inject({ method: "GET", url: "/api/health/ready" });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ status: "ready", db: "postgres", queue: "pg-boss" });
    }
  });
});

