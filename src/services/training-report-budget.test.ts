import { randomUUID } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestDb, DIALECTS } from "../../test/db.js";
import type { TestDb } from "../../test/db.js";
import { isDomainError } from "../core/errors.js";
import { users } from "../store/index.js";
import { createApp } from "./app.js";
import type { App } from "./app.js";
import { addManualActivity } from "./manual-entry.js";
import { RATE_RULES } from "./rate-limit.js";
import {
  REPORT_VARIANTS_PER_RUNNER,
  reportCacheStats,
  trainingReportJson,
} from "./training-report.js";

const AS_OF = "2024-06-30";

async function addRunner(app: App, email: string): Promise<string> {
  const id = randomUUID();
  await users.insertUser(app.database.db, {
    id,
    email,
    display_name: email,
    password_hash: null,
    role: "runner",
    created_at: "2024-01-01T00:00:00.000Z",
  });
  return id;
}

async function refusal(
  promise: Promise<unknown>,
): Promise<{ code: string; message: string; retryAfterS: unknown }> {
  try {
    await promise;
  } catch (err) {
    if (isDomainError(err))
      return { code: err.code, message: err.message, retryAfterS: err.details?.retryAfterS };
    throw err;
  }
  throw new Error("expected a refusal");
}

for (const dialect of DIALECTS) {
  describe(`the report budget per runner (${dialect})`, () => {
    let testDb: TestDb;
    let app: App;
    let runner: string;
    let neighbour: string;

    beforeEach(async () => {
      testDb = await createTestDb(dialect);
      // A fixed clock: the budget's one-minute window must not roll over during a test.
      app = await createApp(
        { db: testDb.spec, multiUser: true, version: "test" },
        { now: () => new Date("2024-06-30T12:00:10.000Z") },
      );
      runner = await addRunner(app, "runner@example.org");
      neighbour = await addRunner(app, "next@example.org");
      await addManualActivity(app, runner, {
        sport: "run",
        date: "2024-06-28",
        time: "07:00",
        distanceM: 8000,
        durationS: 2880,
      });
    });

    afterEach(async () => {
      await app.close();
      await testDb.drop();
    });

    it("refuses more than five years of weeks, naming the limit", async () => {
      const refused = await refusal(trainingReportJson(app, runner, { asOf: AS_OF, weeks: 261 }));
      expect(refused.code).toBe("INVALID_WEEKS");
      expect(refused.message).toContain("1 to 260");
      await expect(trainingReportJson(app, runner, { asOf: AS_OF, weeks: 260 })).resolves.toContain(
        '"report"',
      );
    });

    it("keeps a few variants per runner, so one runner's many cannot push out another's report", async () => {
      await trainingReportJson(app, neighbour, { asOf: AS_OF, weeks: 12 });
      for (let weeks = 1; weeks <= 20; weeks++)
        await trainingReportJson(app, runner, { asOf: AS_OF, weeks });
      expect(reportCacheStats(app).size).toBe(REPORT_VARIANTS_PER_RUNNER + 1);
      const before = reportCacheStats(app);
      await trainingReportJson(app, neighbour, { asOf: AS_OF, weeks: 12 });
      expect(reportCacheStats(app)).toMatchObject({ hits: before.hits + 1, builds: before.builds });
    });

    it("builds a report asked for several times at once only once", async () => {
      const before = reportCacheStats(app).builds;
      const bodies = await Promise.all(
        Array.from({ length: 6 }, () =>
          trainingReportJson(app, runner, { asOf: AS_OF, weeks: 52 }),
        ),
      );
      expect(new Set(bodies).size).toBe(1);
      expect(reportCacheStats(app).builds).toBe(before + 1);
    });

    it("counts builds, not kept reports, against a runner's budget, and refuses past it with a wait", async () => {
      const limit = RATE_RULES.reportBuild.limit;
      for (let weeks = 1; weeks <= limit; weeks++)
        await trainingReportJson(app, runner, { asOf: AS_OF, weeks, budgetFor: runner });
      const refused = await refusal(
        trainingReportJson(app, runner, { asOf: AS_OF, weeks: limit + 1, budgetFor: runner }),
      );
      expect(refused).toMatchObject({ code: "RATE_LIMITED", retryAfterS: 50 });
      expect(refused.message).toContain("in a minute");
      // A report still kept costs nothing, and another runner has a budget of their own.
      await expect(
        trainingReportJson(app, runner, { asOf: AS_OF, weeks: limit, budgetFor: runner }),
      ).resolves.toContain('"report"');
      await expect(
        trainingReportJson(app, neighbour, { asOf: AS_OF, weeks: 99, budgetFor: neighbour }),
      ).resolves.toContain('"report"');
      // Without a budget (the CLI on the runner's own machine) nothing is counted.
      await expect(trainingReportJson(app, runner, { asOf: AS_OF, weeks: 100 })).resolves.toContain(
        '"report"',
      );
    });
  });
}
