import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import fastifyCookie from "@fastify/cookie";
import Fastify from "fastify";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeZip } from "../../../bench/import-data/zip-writer.js";
import { signUpVerified, startTestServer } from "../../../test/app.js";
import { DIALECTS } from "../../../test/db.js";
import { CORPUS_DIR } from "../../../test/paths.js";
import { importJob, importJobList } from "../../contracts/activities.js";
import type { ImportJob } from "../../contracts/activities.js";
import { gz, runFit, runGpx, stravaCsv, syntheticRun } from "../../services/import/import.test-helpers.js";
import { INTERRUPTED_MESSAGE } from "../../services/import/job-runner.js";
import { installAuthContext } from "../auth-context.js";
import { installErrorHandler } from "../errors.js";
import { importRoutes } from "./imports.js";

type TestServer = Awaited<ReturnType<typeof startTestServer>>;

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "kw-http-import-"));
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

function stravaExport(): Buffer {
  const r1 = syntheticRun(1, 1200);
  const r2 = syntheticRun(2, 1200);
  const file = path.join(scratch, `export-${Math.random().toString(36).slice(2)}.zip`);
  writeZip(file, [
    {
      name: "activities.csv",
      data: Buffer.from(
        stravaCsv([
          { id: "1", dateMs: r1.startMs, name: "Canal loop", type: "Run", elapsedS: 1200, distanceM: 3500, filename: "activities/1.fit.gz", gear: "Clifton 9", perceivedExertion: "4" },
          { id: "2", dateMs: r2.startMs, name: "Park laps", type: "Run", elapsedS: 1200, distanceM: 3500, filename: "activities/2.gpx.gz", gear: "", perceivedExertion: "" },
        ]),
      ),
      deflate: true,
    },
    { name: "activities/1.fit.gz", data: gz(runFit(r1)) },
    { name: "activities/2.gpx.gz", data: gz(runGpx(r2)) },
    { name: "activities/broken.fit", data: Buffer.from("this is not a FIT file") },
  ]);
  return fs.readFileSync(file);
}

function multipart(files: { name: string; data: Uint8Array }[], boundary = "----kneewiseBoundary7MA4YWxkTrZu0gW") {
  const parts: Buffer[] = [Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="note"\r\n\r\nhello\r\n`)];
  for (const f of files) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="${f.name}"\r\nContent-Type: application/octet-stream\r\n\r\n`));
    parts.push(Buffer.from(f.data));
    parts.push(Buffer.from("\r\n"));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

async function waitForJob(t: TestServer, id: string, cookies: Record<string, string> = {}): Promise<ImportJob> {
  for (let i = 0; i < 1200; i++) {
    const res = await t.server.inject({ method: "GET", url: `/api/imports/${id}`, cookies });
    expect(res.statusCode).toBe(200);
    const job = importJob.parse(res.json());
    if (job.status === "done" || job.status === "failed") return job;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`import ${id} did not finish`);
}

async function signUp(t: TestServer, email: string): Promise<Record<string, string>> {
  return (await signUpVerified(t.server, { email, password: "correct horse battery" })).cookies;
}

for (const dialect of DIALECTS) {
  describe(`POST /api/imports and GET /api/imports/:id on ${dialect}`, () => {
    let t: TestServer;
    let me: Record<string, string>;
    beforeAll(async () => {
      t = await startTestServer(dialect, { multiUser: true });
      me = await signUp(t, "runner@example.org");
    });
    afterAll(() => t.close());

    it("streams a whole Strava export zip, then reports the counts and each failed file", async () => {
      const res = await t.server.inject({ method: "POST", url: "/api/imports?name=export_2024.zip", headers: { "content-type": "application/zip" }, payload: stravaExport(), cookies: me });
      expect(res.statusCode, res.body).toBe(202);
      const queued = importJob.parse(res.json());
      expect(queued.status).toBe("queued");
      const job = await waitForJob(t, queued.id, me);
      expect(job.status).toBe("done");
      expect(job.summary).toMatchObject({ files: 4, imported: 2, duplicates: 0, activities: 2 });
      expect(job.summary!.failed).toEqual([{ file: "export_2024.zip/activities/broken.fit", code: "FIT_NOT_FIT", message: expect.any(String) as string }]);
      expect(job.filesDone).toBe(job.filesTotal);
      const list = await t.server.inject({ method: "GET", url: "/api/activities?sort=date&dir=asc", cookies: me });
      expect(list.json<{ activities: { name: string; gear: string | null }[] }>().activities.map((a) => [a.name, a.gear])).toEqual([
        ["Canal loop", "Clifton 9"],
        ["Park laps", null],
      ]);
    });

    it("takes several loose files as multipart form data in one job", async () => {
      const { payload, contentType } = multipart([
        { name: "morning.fit", data: runFit(syntheticRun(30)) },
        { name: "evening.gpx.gz", data: gz(runGpx(syntheticRun(31))) },
        { name: "sample.tcx", data: fs.readFileSync(path.join(CORPUS_DIR, "tcx", "togeojson__sample.tcx")) },
      ]);
      const res = await t.server.inject({ method: "POST", url: "/api/imports", headers: { "content-type": contentType }, payload, cookies: me });
      expect(res.statusCode, res.body).toBe(202);
      const job = await waitForJob(t, importJob.parse(res.json()).id, me);
      expect(job.summary).toMatchObject({ files: 3, imported: 3, failed: [] });
    });

    it("takes a single raw file named by X-File-Name", async () => {
      const res = await t.server.inject({
        method: "POST",
        url: "/api/imports",
        headers: { "content-type": "application/octet-stream", "x-file-name": encodeURIComponent("Lauf am Fluss.fit") },
        payload: Buffer.from(runFit(syntheticRun(40))),
        cookies: me,
      });
      expect(res.statusCode).toBe(202);
      const job = await waitForJob(t, importJob.parse(res.json()).id, me);
      expect(job.summary).toMatchObject({ imported: 1, failed: [] });
    });

    it("answers a JSON body with 415 and an empty upload with 400", async () => {
      const json = await t.server.inject({ method: "POST", url: "/api/imports", payload: { files: [] }, cookies: me });
      expect(json.statusCode).toBe(415);
      expect(json.json()).toMatchObject({ error: { code: "UNSUPPORTED_MEDIA_TYPE" } });
      const empty = await t.server.inject({ method: "POST", url: "/api/imports?name=a.fit", headers: { "content-type": "application/octet-stream" }, payload: Buffer.alloc(0), cookies: me });
      expect(empty.statusCode).toBe(400);
      expect(empty.json()).toMatchObject({ error: { code: "UPLOAD_EMPTY" } });
    });

    it("lists the runner's imports newest first, running, done, failed and interrupted, each with its counts", async () => {
      const cal = await signUp(t, "cal@example.org");
      const calId = (await t.app.database.db.selectFrom("users").select("id").where("email", "=", "cal@example.org").executeTakeFirstOrThrow()).id;
      const done = await t.server.inject({ method: "POST", url: "/api/imports?name=a.fit", headers: { "content-type": "application/octet-stream" }, payload: Buffer.from(runFit(syntheticRun(50))), cookies: cal });
      const doneId = importJob.parse(done.json()).id;
      await waitForJob(t, doneId, cal);
      // Rows as a running job, a job whose server stopped and a job that failed leave them.
      const at = (minutesAgo: number) => new Date(Date.now() - minutesAgo * 60_000).toISOString();
      const row = (id: string, minutesAgo: number, patch: object) => ({
        id, user_id: calId, status: "failed" as const, files_total: 10, files_done: 4, summary_json: null, error: null,
        created_at: at(minutesAgo), updated_at: at(minutesAgo), claimed_by: "elsewhere:1", heartbeat_at: at(minutesAgo), ...patch,
      });
      const progress = { filesDone: 4, filesTotal: 10, imported: 3, duplicates: 1, skipped: 0, failed: 0, elapsedS: 2, ratePerS: 2, etaS: 3 };
      await t.app.database.db.insertInto("import_jobs").values([
        row("job-interrupted", 30, { error: INTERRUPTED_MESSAGE, summary_json: JSON.stringify({ progress }) }),
        row("job-failed", 20, { error: "The import stopped: database or disk is full" }),
        row("job-running", 10, { status: "running", summary_json: JSON.stringify({ progress }), heartbeat_at: new Date(Date.now() + 60_000).toISOString() }),
      ]).execute();

      const res = await t.server.inject({ method: "GET", url: "/api/imports", cookies: cal });
      expect(res.statusCode, res.body).toBe(200);
      const { imports } = importJobList.parse(res.json());
      expect(imports.map((j) => [j.id, j.status])).toEqual([
        [doneId, "done"],
        ["job-running", "running"],
        ["job-failed", "failed"],
        ["job-interrupted", "interrupted"],
      ]);
      expect(imports[0]!.counts).toEqual({ imported: 1, duplicates: 0, skipped: 0, failed: 0 });
      expect(imports[1]).toMatchObject({ counts: { imported: 3, duplicates: 1, skipped: 0, failed: 0 }, filesDone: 4, filesTotal: 10, ratePerS: 2 });
      expect(imports[3]).toMatchObject({ counts: { imported: 3, duplicates: 1 }, ratePerS: null, error: INTERRUPTED_MESSAGE });
      expect(importJobList.parse((await t.server.inject({ method: "GET", url: "/api/imports?limit=1", cookies: cal })).json()).imports).toHaveLength(1);
      expect((await t.server.inject({ method: "GET", url: "/api/imports?limit=0", cookies: cal })).statusCode).toBe(400);
      // No one else's.
      const dee = await signUp(t, "dee@example.org");
      expect(importJobList.parse((await t.server.inject({ method: "GET", url: "/api/imports", cookies: dee })).json()).imports).toEqual([]);
    });

    it("answers an unknown import with 404", async () => {
      const res = await t.server.inject({ method: "GET", url: "/api/imports/no-such-job", cookies: me });
      expect(res.statusCode).toBe(404);
      expect(res.json()).toMatchObject({ error: { code: "IMPORT_NOT_FOUND" } });
    });
  
    it("requires sign-in to upload or to read an import", async () => {
      const post = await t.server.inject({ method: "POST", url: "/api/imports?name=a.fit", headers: { "content-type": "application/octet-stream" }, payload: Buffer.from(runFit(syntheticRun(1))) });
      expect(post.statusCode).toBe(401);
      const get = await t.server.inject({ method: "GET", url: "/api/imports/anything" });
      expect(get.statusCode).toBe(401);
      expect((await t.server.inject({ method: "GET", url: "/api/imports" })).statusCode).toBe(401);
    });

    it("shows an import only to the runner who uploaded it", async () => {
      const ada = await signUp(t, "ada@example.org");
      const bo = await signUp(t, "bo@example.org");
      const res = await t.server.inject({ method: "POST", url: "/api/imports?name=a.fit", headers: { "content-type": "application/octet-stream" }, payload: Buffer.from(runFit(syntheticRun(2))), cookies: ada });
      expect(res.statusCode).toBe(202);
      const id = importJob.parse(res.json()).id;
      await waitForJob(t, id, ada);
      const other = await t.server.inject({ method: "GET", url: `/api/imports/${id}`, cookies: bo });
      expect(other.statusCode).toBe(404);
      const boList = await t.server.inject({ method: "GET", url: "/api/activities", cookies: bo });
      expect(boList.json()).toMatchObject({ activities: [], total: 0 });
    });
  });
}

for (const dialect of DIALECTS) {
  describe(`an import that stops part-way on ${dialect}`, () => {
    it("ends failed with what it had counted, and the list shows it", async () => {
      const t = await startTestServer(dialect, { multiUser: true });
      try {
        const me = await signUp(t, "stop@example.org");
        const { db } = t.app.database;
        // The database refuses every new activity, as a full disk would.
        if (dialect === "sqlite") await sql`create trigger kw_test_full before insert on activities begin select raise(abort, 'database or disk is full'); end`.execute(db);
        else {
          await sql`create function kw_test_full() returns trigger language plpgsql as $$ begin raise exception 'database or disk is full'; end $$`.execute(db);
          await sql`create trigger kw_test_full before insert on activities for each statement execute function kw_test_full()`.execute(db);
        }
        const { payload, contentType } = multipart([
          { name: "a.fit", data: runFit(syntheticRun(60)) },
          { name: "broken.fit", data: Buffer.from("not a FIT file") },
        ]);
        const res = await t.server.inject({ method: "POST", url: "/api/imports", headers: { "content-type": contentType }, payload, cookies: me });
        expect(res.statusCode, res.body).toBe(202);
        const job = await waitForJob(t, importJob.parse(res.json()).id, me);
        expect(job.status).toBe("failed");
        expect(job.error).toMatch(/^The import stopped: .*database or disk is full/);
        expect(job.counts).toMatchObject({ failed: 1 });
        expect(job.summary).toMatchObject({ files: 2, imported: 0, activities: 0, failed: [{ file: "broken.fit", code: "FIT_NOT_FIT" }] });
        const list = importJobList.parse((await t.server.inject({ method: "GET", url: "/api/imports", cookies: me })).json());
        expect(list.imports.map((j) => [j.id, j.status])).toEqual([[job.id, "failed"]]);
      } finally {
        await t.close();
      }
    });
  });
}

for (const dialect of DIALECTS) {
  describe(`the upload size limit on ${dialect}`, () => {
    it("answers 413 once an upload passes the configured limit, and keeps nothing of it", async () => {
      const t = await startTestServer(dialect, { multiUser: true });
      const me = await signUp(t, "big@example.org");
      const dataDir = fs.mkdtempSync(path.join(scratch, "data-"));
      const server = Fastify();
      installErrorHandler(server);
      await server.register(fastifyCookie);
      installAuthContext(server, t.app);
      await server.register(importRoutes(t.app, { uploadLimitBytes: 4096, dataDir }));
      try {
        const res = await server.inject({ method: "POST", url: "/api/imports?name=big.fit", headers: { "content-type": "application/octet-stream" }, payload: Buffer.alloc(10_000), cookies: me });
        expect(res.statusCode).toBe(413);
        expect(res.json()).toMatchObject({ error: { code: "PAYLOAD_TOO_LARGE" } });
        const { payload, contentType } = multipart([{ name: "a.fit", data: Buffer.alloc(10_000) }]);
        const mp = await server.inject({ method: "POST", url: "/api/imports", headers: { "content-type": contentType }, payload, cookies: me });
        expect(mp.statusCode).toBe(413);
        // SQLite keeps uploads under the data folder, PostgreSQL in upload_parts: neither keeps any.
        const tmp = path.join(dataDir, "tmp");
        expect(fs.existsSync(tmp) ? fs.readdirSync(tmp) : []).toEqual([]);
        expect(await t.app.database.db.selectFrom("upload_parts").select("job_id").execute()).toEqual([]);
        expect(await t.app.database.db.selectFrom("import_jobs").select("id").execute()).toEqual([]);
      } finally {
        await server.close();
        await t.close();
      }
    });
  });
}
