/**
 * The pg-boss queue as two instances see it: a job goes to one of them, a job whose instance went
 * silent is handed to the other by retry(), and retry() says when its retries are used up.
 * PostgreSQL only.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb } from "../../../test/db.js";
import type { TestDb } from "../../../test/db.js";
import { openDatabase } from "../../store/index.js";
import type { Database } from "../../store/index.js";
import { createPgBossQueue } from "./pg-boss-queue.js";
import type { JobQueue } from "./job-queue.js";

const PG = process.env.TEST_DATABASE_URL !== undefined && process.env.TEST_DATABASE_URL !== "";

interface Taken {
  by: string;
  id: string;
  release: () => void;
}

describe.skipIf(!PG)("the pg-boss job queue shared by two instances", () => {
  let testDb: TestDb;
  const databases: Database[] = [];
  const queues: JobQueue[] = [];
  const taken: Taken[] = [];
  let arrived: (() => void) | null = null;

  async function instance(name: string): Promise<JobQueue> {
    const database = await openDatabase(testDb.spec);
    databases.push(database);
    const queue = createPgBossQueue(database.db, { retryLimit: 1, pollingIntervalSeconds: 0.5 });
    queues.push(queue);
    await queue.start();
    // A handler that holds its job until released: a busy (or hung) instance.
    await queue.work<{ n: number }>("demo", (_data, job) => new Promise<void>((release) => {
      taken.push({ by: name, id: job.id, release });
      arrived?.();
    }));
    return queue;
  }

  async function nextTaken(count: number): Promise<Taken> {
    while (taken.length < count) await new Promise<void>((r) => (arrived = r));
    return taken[count - 1]!;
  }

  beforeAll(async () => {
    testDb = await createTestDb("postgres");
  });
  afterAll(async () => {
    for (const t of taken) t.release();
    for (const q of queues) await q.close();
    for (const d of databases) await d.close();
    await testDb.drop();
  });

  it("gives a job to one instance, hands it to the other on retry, then reports the retries used up", async () => {
    const a = await instance("a");
    await instance("b");
    const id = randomUUID();
    await a.send("demo", { n: 1 }, { id });

    const first = await nextTaken(1);
    expect(first.id).toBe(id);
    // The first holder has gone silent: the job goes back to the queue and the other instance
    // (the only one free) takes it.
    expect(await a.retry("demo", id)).toBe(true);
    const second = await nextTaken(2);
    expect(second).toMatchObject({ id, by: first.by === "a" ? "b" : "a" });
    // retryLimit 1: a second silence fails the job for good.
    expect(await a.retry("demo", id)).toBe(false);
    expect(taken).toHaveLength(2);
  });
});
