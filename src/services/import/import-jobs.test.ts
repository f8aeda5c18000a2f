import { spawnSync } from "node:child_process";
import os from "node:os";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { importJobs } from "../../store/index.js";
import { createInProcessQueue, createPgBossQueue } from "../jobs/index.js";
import { getImportJob } from "./import-jobs.js";
import { createImportJobRunner } from "./job-runner.js";
import { importFixture } from "./import.test-helpers.js";
import type { ImportFixture } from "./import.test-helpers.js";

let fx: ImportFixture;
const inProcess = { queue: createInProcessQueue() };
beforeEach(async () => {
  fx = await importFixture();
});
afterEach(() => fx.close());

async function job(status: "queued" | "running", lastSignMsAgo: number, claimedBy = "elsewhere:1") {
  const t = new Date(Date.now() - lastSignMsAgo).toISOString();
  return importJobs.insertImportJob(fx.app.database.db, {
    id: `job-${status}-${lastSignMsAgo}-${claimedBy}`,
    user_id: fx.userId,
    status,
    files_total: 3,
    files_done: 1,
    summary_json: null,
    error: null,
    created_at: t,
    updated_at: t,
    claimed_by: claimedBy,
    heartbeat_at: t,
  });
}

describe("an import job whose runner went silent", () => {
  it("is reported interrupted on the embedded queue (nobody else will run it), with what to do, once no heartbeat came for two minutes", async () => {
    const row = await job("running", 10 * 60_000);
    const view = await getImportJob(fx.app, inProcess, fx.userId, row.id);
    expect(view.status).toBe("interrupted");
    expect(view.error).toMatch(/interrupted.*already imported are recognised/);
    expect((await importJobs.findImportJob(fx.app.database.db, fx.userId, row.id))?.status).toBe("failed");
  });

  it("is left alone while its heartbeat is recent", async () => {
    const row = await job("queued", 5_000);
    expect((await getImportJob(fx.app, inProcess, fx.userId, row.id)).status).toBe("queued");
  });

  it("is not found by another user", async () => {
    const row = await job("running", 1000);
    await expect(getImportJob(fx.app, inProcess, "someone-else", row.id)).rejects.toMatchObject({ code: "IMPORT_NOT_FOUND" });
  });

  it("stays running on a retrying queue (pg-boss), for another instance to take over", async () => {
    // Never started: getImportJob only asks the queue whether abandoned jobs are retried.
    const retrying = { queue: createPgBossQueue(fx.app.database.db) };
    const row = await job("running", 10 * 60_000);
    const view = await getImportJob(fx.app, retrying, fx.userId, row.id);
    expect(view).toMatchObject({ status: "running", error: null });
    expect((await importJobs.findImportJob(fx.app.database.db, fx.userId, row.id))?.status).toBe("running");
  });
});

describe("a server starting again on the embedded queue", () => {
  it("reports at once the import its stopped process left running, and only that one", async () => {
    const gone = spawnSync(process.execPath, ["-e", ""]).pid;
    const orphan = await job("running", 1000, `${os.hostname()}:${gone}:abc123`);
    const alive = await job("running", 1000, `${os.hostname()}:${process.pid}:def456`);
    const elsewhere = await job("running", 1000, "another-host:1:abc123");
    const runner = createImportJobRunner(fx.app, createInProcessQueue(), { dataDir: fx.dataDir });
    await runner.start();
    try {
      expect((await getImportJob(fx.app, runner, fx.userId, orphan.id)).status).toBe("interrupted");
      expect((await getImportJob(fx.app, runner, fx.userId, alive.id)).status).toBe("running");
      expect((await getImportJob(fx.app, runner, fx.userId, elsewhere.id)).status).toBe("running");
    } finally {
      await runner.close();
    }
  });
});
