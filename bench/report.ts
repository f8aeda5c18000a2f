/**
 * The training report on ten years of daily runs (3,650 activities, the last 15 weeks with
 * 360-point streams as a watch would give): the time of buildTrainingReport alone (target
 * <= 50 ms) and the dashboard API's p95 through inject() (target < 100 ms), on SQLite and, when
 * TEST_DATABASE_URL is set, on PostgreSQL. Run: npm run bench:report
 */
import { randomUUID } from "node:crypto";
import { buildTrainingReport } from "../src/core/training/index.js";
import { buildServer } from "../src/server/build-server.js";
import { SESSION_COOKIE } from "../src/server/auth-context.js";
import { createApp } from "../src/services/app.js";
import { logIn, signUp } from "../src/services/auth.js";
import { saveCheckin } from "../src/services/checkins.js";
import { createShoe } from "../src/services/shoes.js";
import { loadTrainingInputs } from "../src/services/training-report.js";
import { dedupeKey, encodeStream } from "../src/services/import/activity-record.js";
import { activities } from "../src/store/index.js";
import type { NewActivityRow } from "../src/store/index.js";
import { createTestDb } from "../test/db.js";
import type { TestDialect } from "../test/db.js";
import { DAY_MS, lcg, synthStream } from "./load-data/runner-history.js";

const DAYS = 3650;
const AS_OF = "2024-12-31";
/** The dashboard asks for this many weeks. */
const DASHBOARD_WEEKS = 16;
const CORE_RUNS = 200;
const API_RUNS = 200;

function history(userId: string): NewActivityRow[] {
  const rand = lcg(42);
  const end = Date.parse(`${AS_OF}T00:00:00.000Z`);
  const rows: NewActivityRow[] = [];
  for (let i = DAYS - 1; i >= 0; i--) {
    const day = end - i * DAY_MS;
    const start = new Date(day + 6 * 3_600_000 + Math.floor(rand() * 3_600_000)).toISOString();
    const distance = Math.round(5000 + rand() * 10_000);
    const seconds = Math.round(distance * (0.3 + rand() * 0.06));
    const detailed = i < 15 * 7;
    rows.push({
      id: randomUUID(),
      user_id: userId,
      sport: i % 7 === 3 ? "ride" : "run",
      start_utc: start,
      utc_offset_min: 60,
      moving_s: seconds,
      elapsed_s: seconds + 60,
      distance_m: distance,
      elevation_gain_m: detailed ? null : Math.round(rand() * 80),
      elevation_loss_m: detailed ? null : Math.round(rand() * 80),
      avg_hr: 150,
      max_hr: 175,
      avg_cadence: 170,
      device: "bench",
      gear: i % 2 === 0 ? "Pegasus" : null,
      name: null,
      perceived_exertion: rand() < 0.5 ? Math.ceil(rand() * 10) : null,
      indoor: 0,
      source: "fit",
      surface: null,
      shoe_id: null,
      laps_json: "[]",
      stream_json: detailed ? encodeStream(synthStream(distance, seconds, rand)) : "{}",
      source_file: null,
      dedupe_key: dedupeKey(start),
      created_at: new Date().toISOString(),
    });
  }
  return rows;
}

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? Number.NaN;
}

const ms = (x: number) => `${x.toFixed(1)} ms`;

async function bench(dialect: TestDialect): Promise<void> {
  const testDb = await createTestDb(dialect);
  const app = await createApp({ db: testDb.spec, multiUser: true, version: "bench" });
  try {
    const email = "bench@example.org";
    const password = "a long enough password";
    const user = await signUp(app, { email, password, displayName: "Bench" });
    const t0 = performance.now();
    await activities.insertActivities(app.database.db, history(user.id));
    const loadS = (performance.now() - t0) / 1000;
    await createShoe(app, user.id, { name: "Pegasus", brand: "Nike", startDate: "2015-01-01" });
    await createShoe(app, user.id, { name: "Daily", defaultForSports: ["run"], startDate: "2015-01-01" });
    for (let d = 0; d < 28; d += 3)
      await saveCheckin(app, user.id, new Date(Date.parse(`${AS_OF}T00:00:00Z`) - d * DAY_MS).toISOString().slice(0, 10), {
        fatigue: 1, irritability_low_mood: 0, appetite: 0, enthusiasm: 1, headaches: 0, general_aches: 1, performance_drop: 0, sleep: 1,
      });

    // The computation alone, on inputs read once.
    const inputs = await loadTrainingInputs(app, user.id, { asOf: AS_OF, streams: true });
    const core: number[] = [];
    for (let i = 0; i < CORE_RUNS + 20; i++) {
      const s = performance.now();
      const report = buildTrainingReport({ ...inputs.reportInput, weeks: DASHBOARD_WEEKS });
      const e = performance.now() - s;
      if (report.weeks.length !== DASHBOARD_WEEKS) throw new Error("unexpected report");
      if (i >= 20) core.push(e);
    }

    // The dashboard API, end to end through Fastify: session, queries, maths, JSON.
    const server = await buildServer({ app });
    const grant = await logIn(app, { email, password });
    const url = `/api/training/report?asOf=${AS_OF}&weeks=${DASHBOARD_WEEKS}`;
    const api: number[] = [];
    let bytes = 0;
    for (let i = 0; i < API_RUNS + 10; i++) {
      const s = performance.now();
      const res = await server.inject({ method: "GET", url, cookies: { [SESSION_COOKIE]: grant.token } });
      const e = performance.now() - s;
      if (res.statusCode !== 200) throw new Error(`API answered ${res.statusCode}: ${res.body}`);
      bytes = res.body.length;
      if (i >= 10) api.push(e);
    }
    await server.close();

    const coreMedian = percentile(core, 50);
    const apiP95 = percentile(api, 95);
    console.log(`\n${dialect}: ${inputs.reportInput.activities.length} activities (loaded in ${loadS.toFixed(1)} s), ${DASHBOARD_WEEKS} weeks shown`);
    console.log(`  buildTrainingReport  median ${ms(coreMedian)}  p95 ${ms(percentile(core, 95))}  (${CORE_RUNS} runs; target <= 50 ms) ${coreMedian <= 50 ? "OK" : "SLOW"}`);
    console.log(`  GET report via API   median ${ms(percentile(api, 50))}  p95 ${ms(apiP95)}  (${API_RUNS} requests, ${(bytes / 1024).toFixed(0)} kB; target < 100 ms) ${apiP95 < 100 ? "OK" : "SLOW"}`);
  } finally {
    await app.close();
    await testDb.drop();
  }
}

await bench("sqlite");
if (process.env.TEST_DATABASE_URL) await bench("postgres");
else console.log("\npostgres: skipped (set TEST_DATABASE_URL=postgres://… to measure it too)");
