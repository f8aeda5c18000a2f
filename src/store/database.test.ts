import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import BetterSqlite3 from "better-sqlite3";
import { sql } from "kysely";
import { createTestDb, DIALECTS } from "../../test/db.js";
import type { TestDb } from "../../test/db.js";
import { migrateToLatest, openDatabase, SQLITE_PAGE_SIZE } from "./database.js";
import type { Database } from "./database.js";
import { countUsers, findUserByEmail, insertUser } from "./repositories/users.js";
import { deleteExpiredSessions, findSession, insertSession } from "./repositories/sessions.js";

for (const dialect of DIALECTS) {
  describe(`storage on ${dialect}`, () => {
    let testDb: TestDb;
    let database: Database;

    beforeAll(async () => {
      testDb = await createTestDb(dialect);
      database = await openDatabase(testDb.spec);
    });
    afterAll(async () => {
      await database.close();
      await testDb.drop();
    });

    it("reports its dialect", () => {
      expect(database.dialect).toBe(dialect);
    });

    it("migrates an empty database, and a second run changes nothing", async () => {
      const first = await migrateToLatest(database);
      expect(first).toContain("0001-accounts");
      expect(await migrateToLatest(database)).toEqual([]);
    });

    it("stores users with a unique lower-case email and counts them as a number", async () => {
      await insertUser(database.db, {
        id: "u1",
        email: "ada@example.org",
        display_name: "Ada",
        password_hash: null,
        role: "runner",
        created_at: "2026-11-25T10:00:00.000Z",
      });
      expect(await countUsers(database.db)).toBe(1);
      expect((await findUserByEmail(database.db, "ADA@example.org"))?.display_name).toBe("Ada");
      await expect(
        insertUser(database.db, {
          id: "u2",
          email: "ada@example.org",
          display_name: "Twin",
          password_hash: null,
          role: "runner",
          created_at: "2026-11-25T10:00:00.000Z",
        }),
      ).rejects.toThrow();
    });

    it("deletes a user's sessions with the user and expires old sessions", async () => {
      await insertSession(database.db, {
        id: "s-old",
        user_id: "u1",
        created_at: "2026-01-01T00:00:00.000Z",
        expires_at: "2026-02-01T00:00:00.000Z",
        last_seen_at: "2026-01-01T00:00:00.000Z",
      });
      await insertSession(database.db, {
        id: "s-new",
        user_id: "u1",
        created_at: "2026-11-25T00:00:00.000Z",
        expires_at: "2026-12-25T00:00:00.000Z",
        last_seen_at: "2026-11-25T00:00:00.000Z",
      });
      expect(await deleteExpiredSessions(database.db, "2026-11-25T12:00:00.000Z")).toBe(1);
      expect(await findSession(database.db, "s-new")).toBeDefined();
      await database.db.deleteFrom("users").where("id", "=", "u1").execute();
      expect(await findSession(database.db, "s-new")).toBeUndefined();
    });

    it("answers a round trip", async () => {
      const r = await sql<{ one: number }>`select 1 as one`.execute(database.db);
      expect(Number(r.rows[0]?.one)).toBe(1);
    });
  });
}

describe("opening SQLite", () => {
  it("creates the file in WAL mode", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kw-wal-"));
    const file = path.join(dir, "k.db");
    const database = await openDatabase(file);
    const r = await sql<{ journal_mode: string }>`pragma journal_mode`.execute(database.db);
    expect(r.rows[0]?.journal_mode).toBe("wal");
    await database.close();
    expect(fs.existsSync(file)).toBe(true);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("makes a new file with large pages, and opens an older file with the pages it has", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kw-pages-"));
    const pageSize = async (database: Database): Promise<number> =>
      Number((await sql<{ page_size: number }>`pragma page_size`.execute(database.db)).rows[0]?.page_size);
    try {
      const fresh = await openDatabase(path.join(dir, "new.db"));
      await migrateToLatest(fresh);
      expect(SQLITE_PAGE_SIZE).toBeGreaterThan(4096);
      expect(await pageSize(fresh)).toBe(SQLITE_PAGE_SIZE);
      await fresh.close();
      // A database made by an earlier kneewise (SQLite's 4 KiB pages, WAL, tables in it).
      const older = new BetterSqlite3(path.join(dir, "old.db"));
      older.pragma("journal_mode = WAL");
      older.exec("create table kept (v text); insert into kept values ('still here')");
      older.close();
      const reopened = await openDatabase(path.join(dir, "old.db"));
      expect(await pageSize(reopened)).toBe(4096);
      const kept = await sql<{ v: string }>`select v from kept`.execute(reopened.db);
      expect(kept.rows[0]?.v).toBe("still here");
      expect(await migrateToLatest(reopened)).toContain("0001-accounts");
      await reopened.close();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("checkpoints on another thread during bulk writes, and in the commits again afterwards", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kw-bulk-"));
    const file = path.join(dir, "k.db");
    const database = await openDatabase(file);
    const autocheckpoint = async (): Promise<number> =>
      Number(
        (await sql<{ wal_autocheckpoint: number }>`pragma wal_autocheckpoint`.execute(database.db))
          .rows[0]?.wal_autocheckpoint,
      );
    try {
      await sql`create table blobs (b blob)`.execute(database.db);
      const blob = new Uint8Array(64 * 1024).fill(7);
      const seen = await database.bulkWrites(async () => {
        const during = await autocheckpoint();
        const mainBefore = fs.statSync(file).size;
        // 16 MB in the log: far past the 1,000 pages at which a commit would checkpoint.
        for (let i = 0; i < 256; i++)
          await sql`insert into blobs values (${blob})`.execute(database.db);
        // Only the other thread copies the log into the database file now.
        for (let k = 0; k < 50 && fs.statSync(file).size < mainBefore + 8 * 1024 * 1024; k++)
          await new Promise((r) => setTimeout(r, 100));
        return { during, mainBefore, mainAfter: fs.statSync(file).size };
      });
      expect(seen.during).toBe(0);
      expect(seen.mainAfter).toBeGreaterThan(seen.mainBefore + 8 * 1024 * 1024);
      expect(await autocheckpoint()).toBe(1000);
      const count = await sql<{ n: number }>`select count(*) as n from blobs`.execute(database.db);
      expect(Number(count.rows[0]?.n)).toBe(256);
    } finally {
      await database.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("names a missing folder in one clear sentence", async () => {
    await expect(openDatabase("/nonexistent-folder-kw/k.db")).rejects.toMatchObject({
      code: "DB_FOLDER_MISSING",
      message: expect.stringContaining("/nonexistent-folder-kw") as unknown,
    });
  });

  it("names a read-only folder", async () => {
    // Permission bits do not stop root, so as root use a folder the kernel itself keeps
    // read-only; anyone else gets a temp folder with its write bits removed.
    const asRoot = process.getuid?.() === 0;
    const dir = asRoot ? "/proc/sys" : fs.mkdtempSync(path.join(os.tmpdir(), "kw-ro-"));
    if (!asRoot) fs.chmodSync(dir, 0o555);
    try {
      await expect(openDatabase(path.join(dir, "k.db"))).rejects.toMatchObject({
        code: "DB_FOLDER_READONLY",
        message: expect.stringContaining(dir) as unknown,
      });
    } finally {
      if (!asRoot) {
        fs.chmodSync(dir, 0o755);
        fs.rmSync(dir, { recursive: true, force: true });
      }
    }
  });
});

describe("opening PostgreSQL", () => {
  it("answers with a clear sentence naming the server when nothing listens", async () => {
    // Waiting for a late server is wait-for-database.test.ts's; here it is off.
    const noWait = { maxWaitMs: 0, firstDelayMs: 1, maxDelayMs: 1 };
    await expect(openDatabase("postgres://nobody@127.0.0.1:1/none", { wait: noWait })).rejects.toMatchObject({
      code: "DB_UNREACHABLE",
      message: expect.stringContaining("127.0.0.1:1/none") as unknown,
    });
  });
});
