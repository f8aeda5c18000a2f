import net from "node:net";
import { sql } from "kysely";
import { afterEach, describe, expect, it } from "vitest";
import { createTestDb } from "../../test/db.js";
import type { TestDb } from "../../test/db.js";
import { migrateToLatest, openDatabase } from "./database.js";
import { isTransientConnectError, withDatabaseWait } from "./wait-for-database.js";

const refused = () =>
  Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" });
const noSleep = () => Promise.resolve();

describe("waiting for PostgreSQL at start", () => {
  it("tries again after a refused connection, one line per retry, with growing pauses", async () => {
    let calls = 0;
    const lines: string[] = [];
    const pauses: number[] = [];
    const result = await withDatabaseWait(
      () => (++calls < 4 ? Promise.reject(refused()) : Promise.resolve("up")),
      {
        where: "db.internal:5432/kneewise",
        wait: { maxWaitMs: 60_000, firstDelayMs: 500, maxDelayMs: 1_000 },
        onRetry: (l) => lines.push(l),
        sleep: (ms) => (pauses.push(ms), Promise.resolve()),
      },
    );
    expect(result).toBe("up");
    expect(pauses).toEqual([500, 1000, 1000]);
    expect(lines).toHaveLength(3);
    for (const line of lines) {
      expect(line).not.toContain("\n");
      expect(line).toMatch(
        /^PostgreSQL at db\.internal:5432\/kneewise is not reachable yet \(connect ECONNREFUSED .*\); trying again in /,
      );
    }
  });

  it("gives up with one clear DB_UNREACHABLE sentence once the wait is over", async () => {
    // The pauses are counted, not slept: the wait ends when they would pass its limit.
    await expect(
      withDatabaseWait(() => Promise.reject(refused()), {
        where: "db.internal:5432/kneewise",
        wait: { maxWaitMs: 0, firstDelayMs: 500, maxDelayMs: 500 },
        sleep: noSleep,
      }),
    ).rejects.toThrow(
      /^Cannot reach PostgreSQL at db\.internal:5432\/kneewise: connect ECONNREFUSED 127\.0\.0\.1:5432\. Check that PostgreSQL runs/,
    );
  });

  it("fails at once on what waiting cannot mend (a wrong password, a missing database)", async () => {
    let calls = 0;
    const wrongPassword = Object.assign(
      new Error('password authentication failed for user "kneewise"'),
      { code: "28P01" },
    );
    await expect(
      withDatabaseWait(() => (calls++, Promise.reject(wrongPassword)), {
        where: "x",
        wait: { maxWaitMs: 60_000, firstDelayMs: 1, maxDelayMs: 1 },
        sleep: noSleep,
      }),
    ).rejects.toMatchObject({ code: "DB_UNREACHABLE" });
    expect(calls).toBe(1);
    expect(
      isTransientConnectError(
        Object.assign(new Error('database "nope" does not exist'), { code: "3D000" }),
      ),
    ).toBe(false);
    expect(
      isTransientConnectError(
        Object.assign(new Error("the database system is starting up"), { code: "57P03" }),
      ),
    ).toBe(true);
    expect(isTransientConnectError(new AggregateError([refused(), refused()]))).toBe(true);
  });
});

const PG = process.env.TEST_DATABASE_URL;

/** A free loopback port, closed again: nothing listens there until the test says so. */
async function freePort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

describe.skipIf(!PG)("a kneewise start while PostgreSQL comes up late", () => {
  let proxy: net.Server | undefined;
  const sockets = new Set<net.Socket>();
  let testDb: TestDb | undefined;
  afterEach(async () => {
    for (const s of sockets) s.destroy();
    await new Promise<void>((resolve) => (proxy ? proxy.close(() => resolve()) : resolve()));
    proxy = undefined;
    await testDb?.drop();
    testDb = undefined;
  });

  /** Starts forwarding `port` to the real PostgreSQL: the server "comes up". */
  function comeUp(port: number): void {
    const target = new URL(PG!);
    proxy = net.createServer((client) => {
      const upstream = net.connect(Number(target.port || 5432), target.hostname);
      for (const s of [client, upstream]) {
        sockets.add(s);
        s.on("error", () => client.destroy());
        s.on("close", () => (client.destroy(), upstream.destroy()));
      }
      client.pipe(upstream).pipe(client);
    });
    proxy.listen(port, "127.0.0.1");
  }

  it("waits, logging each retry, and starts once PostgreSQL answers", async () => {
    const port = await freePort();
    // A database of its own, reached through the late proxy.
    testDb = await createTestDb("postgres");
    const url = new URL(testDb.spec);
    url.port = String(port);
    const lines: string[] = [];
    // PostgreSQL "comes up" when kneewise has retried twice: no clocks in the test, only order.
    const database = await openDatabase(url.toString(), {
      wait: { maxWaitMs: 60_000, firstDelayMs: 20, maxDelayMs: 200 },
      onRetry: (line) => {
        lines.push(line);
        if (lines.length === 2) comeUp(port);
      },
    });
    try {
      expect(lines.length).toBeGreaterThanOrEqual(2);
      expect(
        lines.every(
          (l) =>
            l.startsWith(`PostgreSQL at 127.0.0.1:${port}/`) && l.includes("not reachable yet"),
        ),
      ).toBe(true);
      expect(lines.join("\n")).not.toContain(url.password || "\u0000");
      // Connected for real: it migrates and answers.
      const applied = await migrateToLatest(database);
      expect(applied).toContain("0001-accounts");
      const migrated = (
        await sql<{ n: number }>`select count(*)::int as n from kysely_migration`.execute(
          database.db,
        )
      ).rows[0]?.n;
      expect(migrated).toBeGreaterThan(0);
      // A fresh database: every migration it ran is recorded, one row each.
      expect(migrated).toBe(applied.length);
    } finally {
      await database.close();
    }
  });

  it("ends with a clear error when PostgreSQL never comes", async () => {
    const port = await freePort();
    const url = new URL(PG!);
    url.port = String(port);
    const opening = openDatabase(url.toString(), {
      wait: { maxWaitMs: 100, firstDelayMs: 20, maxDelayMs: 40 },
    });
    await expect(opening).rejects.toMatchObject({ code: "DB_UNREACHABLE" });
    await expect(opening).rejects.toThrow(`Cannot reach PostgreSQL at 127.0.0.1:${port}/`);
  });
});
