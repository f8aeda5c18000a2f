import fs from "node:fs";
import BetterSqlite3 from "better-sqlite3";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { captureIO } from "../../../test/cli-io.js";
import { createTestDb } from "../../../test/db.js";
import { CORPUS_DIR } from "../../../test/paths.js";
import { createApp } from "../../services/app.js";
import { signUp } from "../../services/auth.js";
import { runFit, syntheticRun } from "../../services/import/import.test-helpers.js";
import { runCli } from "../run-cli.js";

const VERSION = "9.9.9-test";
let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "kw-cli-import-"));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const env = { KNEEWISE_IMPORT_WORKERS: "0" };

function writeRuns(n: number): string {
  const runs = path.join(dir, "runs");
  fs.mkdirSync(runs, { recursive: true });
  for (let i = 0; i < n; i++) fs.writeFileSync(path.join(runs, `run-${i}.fit`), runFit(syntheticRun(i)));
  return runs;
}

interface Summary {
  files: number;
  imported: number;
  duplicates: number;
  skipped: number;
  failed: { file: string; code: string; message: string }[];
  activities: number;
  seconds: number;
}

describe("kneewise import", () => {
  it("imports files and folders, prints the JSON summary and exits 0", async () => {
    const runs = writeRuns(3);
    const c = captureIO({ cwd: dir, env });
    const code = await runCli(["import", "runs", path.join(CORPUS_DIR, "tcx", "runv__activity.tcx.gz"), "--db", "k.db", "--json"], c.io, { version: VERSION });
    expect(code, c.stderr()).toBe(0);
    const s = JSON.parse(c.stdout()) as Summary;
    expect(Object.keys(s).sort()).toEqual(["activities", "duplicates", "failed", "files", "imported", "moreWarnings", "seconds", "shoeOffers", "shoesAdded", "skipped", "warnings"]);
    expect(s).toMatchObject({ files: 4, imported: 4, duplicates: 0, skipped: 0, failed: [], activities: 4 });
    expect(s.seconds).toBeGreaterThanOrEqual(0);
    expect(fs.existsSync(path.join(runs, "run-0.fit"))).toBe(true);
  });

  it("exits 1 when some files failed, naming each, and still imports the rest", async () => {
    writeRuns(2);
    fs.writeFileSync(path.join(dir, "runs", "broken.fit"), "not a fit file");
    const c = captureIO({ cwd: dir, env });
    expect(await runCli(["import", "runs", "--db", "k.db", "--json"], c.io, { version: VERSION })).toBe(1);
    const s = JSON.parse(c.stdout()) as Summary;
    expect(s.failed).toEqual([{ file: "runs/broken.fit", code: "FIT_NOT_FIT", message: expect.stringContaining("runs/broken.fit") as string }]);
    expect(s).toMatchObject({ imported: 2, activities: 2 });
  });

  it("still imports, with its JSON summary, into an account that holds an activity dated 0050", async () => {
    writeRuns(1);
    const first = captureIO({ cwd: dir, env });
    expect(await runCli(["import", "runs", "--db", "k.db", "--json"], first.io, { version: VERSION })).toBe(0);
    // Stored by an earlier kneewise, before imports checked dates.
    const sqlite = new BetterSqlite3(path.join(dir, "k.db"));
    sqlite.exec(`create temp table t as select * from activities;
      update t set id = 'bad-0050', start_utc = '0050-06-01T06:30:00.000Z', dedupe_key = '0050-06-01T06:30', source_file = 'old.gpx';
      insert into activities select * from t;`);
    sqlite.close();
    fs.writeFileSync(path.join(dir, "runs", "run-1.fit"), runFit(syntheticRun(1)));
    const c = captureIO({ cwd: dir, env });
    expect(await runCli(["import", "runs", "--db", "k.db", "--json"], c.io, { version: VERSION }), c.stderr()).toBe(0);
    expect(JSON.parse(c.stdout())).toMatchObject({ imported: 1, duplicates: 1, failed: [], activities: 3 });
  });

  it("prints its JSON summary with the error and exits 1 when the import stops part-way", async () => {
    writeRuns(1);
    expect(await runCli(["import", "runs", "--db", "k.db", "--json"], captureIO({ cwd: dir, env }).io, { version: VERSION })).toBe(0);
    const sqlite = new BetterSqlite3(path.join(dir, "k.db"));
    sqlite.exec("create trigger kw_test_full before insert on activities begin select raise(abort, 'database or disk is full'); end");
    sqlite.close();
    fs.writeFileSync(path.join(dir, "runs", "run-1.fit"), runFit(syntheticRun(1)));
    fs.writeFileSync(path.join(dir, "runs", "broken.fit"), "not a fit file");
    const c = captureIO({ cwd: dir, env });
    expect(await runCli(["import", "runs", "--db", "k.db", "--json"], c.io, { version: VERSION })).toBe(1);
    const s = JSON.parse(c.stdout()) as Summary & { error: { code: string; message: string } };
    expect(s).toMatchObject({ files: 3, imported: 0, duplicates: 1, activities: 1, failed: [{ file: "runs/broken.fit", code: "FIT_NOT_FIT" }] });
    expect(s.error).toEqual({ code: "IMPORT_STOPPED", message: expect.stringContaining("database or disk is full") as string });
    expect(c.stderr()).toContain("database or disk is full");
  });

  it("reports the total after a second import that adds nothing", async () => {
    writeRuns(2);
    const first = captureIO({ cwd: dir, env });
    await runCli(["import", "runs", "--db", "k.db", "--json"], first.io, { version: VERSION });
    const again = captureIO({ cwd: dir, env });
    expect(await runCli(["import", "runs", "--db", "k.db", "--json"], again.io, { version: VERSION })).toBe(0);
    expect(JSON.parse(again.stdout())).toMatchObject({ imported: 0, duplicates: 2, activities: 2 });
  });

  it("prints a sentence for people without --json, and a progress bar on a terminal", async () => {
    writeRuns(2);
    const c = captureIO({ cwd: dir, env, isTTY: true });
    expect(await runCli(["import", "runs", "--db", "k.db"], c.io, { version: VERSION })).toBe(0);
    expect(c.stdout()).toMatch(/^Imported 2 activities from 2 files in [\d.]+ s \(0 duplicates left out, 0 not activities\)\. You now have 2 activities\.\n$/);
    expect(c.stderr()).toMatch(/\[#+\] 2\/2 files · [\d.]+ files\/s · [\d:-]+ left\n$/);
  });

  it("draws no progress bar when the output is not a terminal", async () => {
    writeRuns(1);
    const c = captureIO({ cwd: dir, env, isTTY: false });
    await runCli(["import", "runs", "--db", "k.db", "--json"], c.io, { version: VERSION });
    expect(c.stderr()).toBe("");
  });

  it("exits 2 without a path", async () => {
    const c = captureIO({ cwd: dir, env });
    expect(await runCli(["import", "--db", "k.db"], c.io, { version: VERSION })).toBe(2);
    expect(c.stderr()).toMatch(/missing required argument 'path'/);
  });

  it("exits 2 on a PostgreSQL database without --user, naming the flag, before connecting", async () => {
    const c = captureIO({ cwd: dir, env });
    expect(await runCli(["import", "runs", "--db", "postgres://nobody@127.0.0.1:1/none"], c.io, { version: VERSION })).toBe(2);
    expect(c.stderr()).toMatch(/--user EMAIL/);
  });

  describe("in a database with several accounts", () => {
    async function twoAccounts(spec: string) {
      const app = await createApp({ db: spec, multiUser: true, version: VERSION });
      const ada = await signUp(app, { email: "ada@example.org", password: "correct horse battery", displayName: "Ada" });
      const bo = await signUp(app, { email: "bo@example.org", password: "correct horse battery", displayName: "Bo" });
      await app.close();
      return { ada, bo };
    }

    it("imports into the account named by --user and no other", async () => {
      writeRuns(2);
      const db = path.join(dir, "site.db");
      const { ada, bo } = await twoAccounts(db);
      const c = captureIO({ cwd: dir, env });
      expect(await runCli(["import", "runs", "--db", db, "--user", "ADA@example.org", "--json"], c.io, { version: VERSION })).toBe(0);
      expect(JSON.parse(c.stdout())).toMatchObject({ imported: 2, activities: 2 });
      const app = await createApp({ db, multiUser: true, version: VERSION });
      const owners = await app.database.db.selectFrom("activities").select("user_id").execute();
      await app.close();
      expect(owners.map((o) => o.user_id)).toEqual([ada.id, ada.id]);
      expect(owners.some((o) => o.user_id === bo.id)).toBe(false);
    });

    it("exits 2 without --user rather than guess whose history it is", async () => {
      writeRuns(1);
      const db = path.join(dir, "site.db");
      await twoAccounts(db);
      const c = captureIO({ cwd: dir, env });
      expect(await runCli(["import", "runs", "--db", db], c.io, { version: VERSION })).toBe(2);
      expect(c.stderr()).toMatch(/--user EMAIL/);
    });

    it("exits 2 on an email with no account", async () => {
      writeRuns(1);
      const db = path.join(dir, "site.db");
      await twoAccounts(db);
      const c = captureIO({ cwd: dir, env });
      expect(await runCli(["import", "runs", "--db", db, "--user", "nobody@example.org"], c.io, { version: VERSION })).toBe(2);
      expect(c.stderr()).toMatch(/No account with the email address nobody@example.org/);
    });
  });

  if (process.env.TEST_DATABASE_URL) {
    it("imports into a PostgreSQL database for the account named by --user", async () => {
      writeRuns(2);
      const testDb = await createTestDb("postgres");
      try {
        const app = await createApp({ db: testDb.spec, multiUser: true, version: VERSION });
        await signUp(app, { email: "ada@example.org", password: "correct horse battery", displayName: "Ada" });
        await app.close();
        const c = captureIO({ cwd: dir, env: { ...env, KNEEWISE_DATA_DIR: dir } });
        expect(await runCli(["import", "runs", "--db", testDb.spec, "--user", "ada@example.org", "--json"], c.io, { version: VERSION })).toBe(0);
        expect(JSON.parse(c.stdout())).toMatchObject({ imported: 2, activities: 2 });
      } finally {
        await testDb.drop();
      }
    });
  }
});
