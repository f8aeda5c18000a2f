/**
 * An instance killed (SIGKILL) in the middle of an import: the other instance takes the job over
 * once the first one's heartbeat has gone silent, reads the upload from the database (not the
 * dead instance's disk) and finishes it, and the runner ends up with exactly the activities a
 * clean import gives. Real `kneewise serve` child processes on one PostgreSQL database;
 * skipped without TEST_DATABASE_URL.
 */
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { writeZip } from "../../bench/import-data/zip-writer.js";
import { importJob } from "../../src/contracts/activities.js";
import { runKneewise } from "../../src/services/import/child-cli.test-helpers.js";
import type { ChildRun } from "../../src/services/import/child-cli.test-helpers.js";
import { importFixture, runFit, syntheticRun } from "../../src/services/import/import.test-helpers.js";
import { importPaths } from "../../src/services/import/index.js";
import { createTestDb } from "../db.js";
import { CORPUS_DIR } from "../paths.js";

const PG = process.env.TEST_DATABASE_URL !== undefined && process.env.TEST_DATABASE_URL !== "";
const SYNTHETIC_RUNS = 60;
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "kw-instance-dies-"));
const children: ChildRun[] = [];
afterAll(async () => {
  for (const c of children) if (c.child.exitCode === null && c.child.signalCode === null) c.child.kill("SIGKILL");
  await Promise.all(children.map((c) => c.done));
  fs.rmSync(scratch, { recursive: true, force: true });
});

/** An export of real corpus files (read in place) and generated runs, as one zip upload. */
function buildExport(): string {
  const entries: { name: string; data: Uint8Array; deflate?: boolean }[] = [];
  for (const kind of ["fit", "gpx", "tcx"]) {
    const dir = path.join(CORPUS_DIR, kind);
    for (const name of fs.readdirSync(dir).sort()) {
      const file = path.join(dir, name);
      if (fs.statSync(file).isFile()) entries.push({ name: `${kind}/${name}`, data: fs.readFileSync(file) });
    }
  }
  // Enough work that the import is still running when the first instance is killed.
  for (let i = 0; i < SYNTHETIC_RUNS; i++) entries.push({ name: `runs/run-${i}.fit`, data: runFit(syntheticRun(i, 3600)), deflate: true });
  const zip = path.join(scratch, "export.zip");
  writeZip(zip, entries);
  return zip;
}

async function freePort(): Promise<number> {
  const srv = net.createServer();
  await new Promise<void>((resolve) => srv.listen(0, "127.0.0.1", resolve));
  const { port } = srv.address() as net.AddressInfo;
  await new Promise<void>((resolve) => srv.close(() => resolve()));
  return port;
}

interface Served {
  run: ChildRun;
  url: string;
  pid: number;
}

async function serve(name: string, dbUrl: string): Promise<Served> {
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(scratch, `data-${name}-`));
  const run = runKneewise(["serve", "--db", dbUrl, "--port", String(port), "--host", "127.0.0.1"], {
    env: {
      // Each instance has its own disk: the upload can only reach the other one through PostgreSQL.
      KNEEWISE_DATA_DIR: dataDir,
      KNEEWISE_JOB_HEARTBEAT_SECONDS: "1",
      KNEEWISE_JOB_STALE_SECONDS: "4",
      KNEEWISE_IMPORT_WORKERS: "1",
      KNEEWISE_IMPORT_BATCH_FILES: "5",
      KNEEWISE_LOG_LEVEL: "warn",
    },
  });
  children.push(run);
  let stderr = "";
  await new Promise<void>((resolve, reject) => {
    run.child.stderr!.on("data", (d: Buffer) => {
      stderr += d.toString();
      if (/ on http:\/\//.test(stderr)) resolve();
    });
    void run.done.then((r) => reject(new Error(`instance ${name} exited (${r.code ?? r.signal}): ${r.stderr}`)));
  });
  return { run, url: `http://127.0.0.1:${port}`, pid: run.child.pid! };
}

async function one<T extends pg.QueryResultRow>(client: pg.Client, text: string, values: unknown[]): Promise<T | undefined> {
  return (await client.query<T>(text, values)).rows[0];
}

describe.skipIf(!PG)("an instance killed in the middle of an import", () => {
  it("is replaced by another instance that finishes the job with a clean import's activities", async () => {
    const zip = buildExport();

    // What a clean, uninterrupted import of the same export stores.
    const clean = await importFixture("postgres");
    let expected: number;
    try {
      expected = (await importPaths(clean.app, clean.userId, [{ path: zip, displayName: "export.zip" }], { dataDir: clean.dataDir })).activities;
    } finally {
      await clean.close();
    }
    expect(expected).toBeGreaterThan(SYNTHETIC_RUNS);

    const db = await createTestDb("postgres");
    const client = new pg.Client({ connectionString: db.spec });
    try {
      // Both instances take jobs from the start; whichever claims the upload is the one killed.
      const [a, b] = await Promise.all([serve("a", db.spec), serve("b", db.spec)]);
      // Sign-up mails a link (to the instance's log, without SMTP); opening it makes the account.
      let log = "";
      a.run.child.stdout!.on("data", (d: Buffer) => (log += d.toString()));
      const signup = await fetch(`${a.url}/api/auth/signup`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email: "runner@example.org", password: "a long enough password", displayName: "Runner" }),
      });
      expect(signup.status).toBe(202);
      for (let i = 0; i < 200 && !/#verify=/.test(log); i++) await new Promise((r) => setTimeout(r, 25));
      const token = decodeURIComponent(/#verify=([A-Za-z0-9_%-]+)/.exec(log)?.[1] ?? "");
      const verified = await fetch(`${a.url}/api/auth/verify-email`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ token }),
      });
      expect(verified.status, await verified.clone().text()).toBe(200);
      const cookie = verified.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
      const upload = await fetch(`${a.url}/api/imports?name=export.zip`, {
        method: "POST",
        headers: { "content-type": "application/zip", cookie },
        body: fs.readFileSync(zip),
      });
      expect(upload.status, await upload.clone().text()).toBe(202);
      const jobId = importJob.parse(await upload.json()).id;

      // Wait until one instance is visibly in the middle of the job: claimed, a batch committed.
      await client.connect();
      let holder: Served | undefined;
      for (let i = 0; i < 3000 && holder === undefined; i++) {
        const job = await one<{ status: string; claimed_by: string | null }>(client, "select status, claimed_by from import_jobs where id = $1", [jobId]);
        const files = await one<{ n: string }>(client, "select count(*) as n from import_files", []);
        if (job?.status === "running" && Number(files?.n) >= 5) holder = [a, b].find((s) => (job.claimed_by ?? "").includes(`:${s.pid}:`));
        if (holder === undefined) {
          expect(job?.status, "the import finished before the instance could be killed").not.toBe("done");
          await new Promise((r) => setTimeout(r, 10));
        }
      }
      expect(holder).toBeDefined();
      const dying = holder!;
      const survivor = dying === a ? b : a;
      dying.run.child.kill("SIGKILL");
      expect((await dying.run.done).signal).toBe("SIGKILL");
      const partial = Number((await one<{ n: string }>(client, "select count(*) as n from activities", []))?.n);
      expect(partial).toBeLessThan(expected);

      let view = null;
      for (let i = 0; i < 1800; i++) {
        const res = await fetch(`${survivor.url}/api/imports/${jobId}`, { headers: { cookie } });
        expect(res.status).toBe(200);
        view = importJob.parse(await res.json());
        // A retried job never shows failed while another instance can still take it.
        expect(view.status, view.error ?? "").not.toBe("failed");
        if (view.status === "done") break;
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(view?.status).toBe("done");

      const total = Number((await one<{ n: string }>(client, "select count(*) as n from activities", []))?.n);
      expect(total).toBe(expected);
      const row = await one<{ claimed_by: string }>(client, "select claimed_by from import_jobs where id = $1", [jobId]);
      expect(row?.claimed_by).toContain(`:${survivor.pid}:`);
      // pg-boss marks the job completed just after the handler returns.
      let boss: { state: string; retry_count: number } | undefined;
      for (let i = 0; i < 100 && boss?.state !== "completed"; i++) {
        boss = await one(client, "select state, retry_count from pgboss.job where id = $1", [jobId]);
        if (boss?.state !== "completed") await new Promise((r) => setTimeout(r, 50));
      }
      // Run twice in all: once by the killed instance, once by the survivor.
      expect(boss).toEqual({ state: "completed", retry_count: 1 });
      const parts = await one<{ n: string }>(client, "select count(*) as n from upload_parts where job_id = $1", [jobId]);
      expect(Number(parts?.n)).toBe(0);

      survivor.run.child.kill("SIGTERM");
      expect((await survivor.run.done).code).toBe(0);
    } finally {
      await client.end().catch(() => undefined);
      await db.drop();
    }
  }, 300_000);
});
