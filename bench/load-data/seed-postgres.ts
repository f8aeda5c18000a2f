/**
 * The load benchmark's database: N runners × three years in a PostgreSQL database of its own,
 * written with one `INSERT … SELECT FROM unnest(arrays)` per table and batch (one round trip
 * for thousands of rows), and kept between runs: a marker table records what was seeded, and a
 * run finding the same version and size reuses it. Sessions are written directly (the table holds
 * the SHA-256 of the cookie token), so the benchmark needs no argon2 sign-ins.
 */
import { createHash, randomUUID } from "node:crypto";
import pg from "pg";
import { assignShoe, CHECKIN_ITEMS } from "../../src/core/training/index.js";
import type { Shoe } from "../../src/core/training/index.js";
import { encodeStream, dedupeKey } from "../../src/services/import/activity-record.js";
import { createApp } from "../../src/services/app.js";
import { synthRunner } from "./runner-history.js";
import type { SynthRunner } from "./runner-history.js";

/** Change when the generator changes, so an old database is seeded again. */
export const SEED_VERSION = "load-v1";
export const LOAD_END_DATE = "2026-11-15";
export const LOAD_DAYS = 3 * 365;
export const LOAD_DETAIL_DAYS = 105;
const RUNNERS_PER_BATCH = 25;

export interface LoadDatabase {
  url: string;
  /** One cookie token per runner, in runner order. */
  tokens: string[];
  reused: boolean;
  seedSeconds: number;
  activities: number;
}

/** The cookie token of runner i: derived, so a reused database needs nothing stored on disk. */
export function tokenFor(i: number): string {
  return createHash("sha256").update(`kneewise-load-session-${i}`).digest("base64url");
}

const sha256Hex = (s: string) => createHash("sha256").update(s).digest("hex");

/** A pool whose idle clients may be cut off (DROP DATABASE … WITH (FORCE)) without crashing us. */
function poolOf(url: string): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  pool.on("error", () => undefined);
  return pool;
}

function withDatabase(adminUrl: string, name: string): string {
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  return u.toString();
}

/** `INSERT INTO table (cols) SELECT * FROM unnest($1::type[], …)`: one statement for a whole batch. */
async function insertColumns(
  client: pg.PoolClient,
  table: string,
  columns: Record<string, { type: string; values: unknown[] }>,
): Promise<void> {
  const names = Object.keys(columns);
  if ((columns[names[0] ?? ""]?.values.length ?? 0) === 0) return;
  const params = names.map((n, i) => `$${i + 1}::${columns[n]?.type}[]`).join(", ");
  await client.query(
    `INSERT INTO ${table} (${names.join(", ")}) SELECT * FROM unnest(${params})`,
    names.map((n) => columns[n]?.values),
  );
}

function col(type: string): { type: string; values: unknown[] } {
  return { type, values: [] };
}

/** Table rows of one batch of runners, as column arrays. */
function batchColumns(first: number, runners: SynthRunner[], nowIso: string, expiresIso: string) {
  const users = {
    id: col("text"),
    email: col("text"),
    display_name: col("text"),
    password_hash: col("text"),
    role: col("text"),
    created_at: col("text"),
  };
  const profiles = {
    user_id: col("text"),
    experience: col("text"),
    foot_type: col("text"),
    units: col("text"),
    updated_at: col("text"),
  };
  const sessions = {
    id: col("text"),
    user_id: col("text"),
    created_at: col("text"),
    expires_at: col("text"),
    last_seen_at: col("text"),
  };
  const shoes = {
    id: col("text"),
    user_id: col("text"),
    name: col("text"),
    brand: col("text"),
    start_date: col("text"),
    sports_json: col("text"),
    retired_at: col("text"),
    created_at: col("text"),
  };
  const checkins: Record<string, { type: string; values: unknown[] }> = {
    id: col("text"),
    user_id: col("text"),
    date: col("text"),
    created_at: col("text"),
  };
  for (const item of CHECKIN_ITEMS) checkins[item] = col("integer");
  const a = {
    id: col("text"),
    user_id: col("text"),
    sport: col("text"),
    start_utc: col("text"),
    utc_offset_min: col("integer"),
    moving_s: col("integer"),
    elapsed_s: col("integer"),
    distance_m: col("integer"),
    elevation_gain_m: col("integer"),
    elevation_loss_m: col("integer"),
    avg_hr: col("integer"),
    max_hr: col("integer"),
    avg_cadence: col("integer"),
    device: col("text"),
    gear: col("text"),
    perceived_exertion: col("integer"),
    indoor: col("integer"),
    source: col("text"),
    shoe_id: col("text"),
    shoe_manual: col("integer"),
    laps_json: col("text"),
    stream_json: col("text"),
    dedupe_key: col("text"),
    created_at: col("text"),
  };
  runners.forEach((r, k) => {
    const i = first + k;
    const userId = randomUUID();
    const push = <T extends Record<string, { values: unknown[] }>>(
      t: T,
      row: Record<keyof T, unknown>,
    ) => {
      for (const key of Object.keys(row)) t[key]?.values.push(row[key]);
    };
    push(users, {
      id: userId,
      email: `runner-${i}@load.bench.invalid`,
      display_name: `Runner ${i}`,
      password_hash: "!no-sign-in",
      role: "runner",
      created_at: nowIso,
    });
    if (i % 3 !== 0)
      push(profiles, {
        user_id: userId,
        experience: r.experience,
        foot_type: "unknown",
        units: r.units,
        updated_at: nowIso,
      });
    push(sessions, {
      id: sha256Hex(tokenFor(i)),
      user_id: userId,
      created_at: nowIso,
      expires_at: expiresIso,
      last_seen_at: nowIso,
    });
    const coreShoes: Shoe[] = [];
    const idOfKey = new Map<string, string>();
    for (const s of r.shoes) {
      const id = randomUUID();
      idOfKey.set(s.key, id);
      coreShoes.push({
        id,
        name: s.name,
        brand: s.brand,
        startDate: s.startDate,
        distanceBeforeM: 0,
        limitM: 700_000,
        retiredOn: s.retiredOn,
        defaultForSports: s.defaultFor as Shoe["defaultForSports"],
      });
      push(shoes, {
        id,
        user_id: userId,
        name: s.name,
        brand: s.brand,
        start_date: s.startDate,
        sports_json: JSON.stringify(s.defaultFor),
        retired_at: s.retiredOn,
        created_at: nowIso,
      });
    }
    for (const c of r.checkins) {
      const row: Record<string, unknown> = {
        id: randomUUID(),
        user_id: userId,
        date: c.date,
        created_at: nowIso,
      };
      CHECKIN_ITEMS.forEach((item, j) => (row[item] = c.answers[j]));
      push(checkins, row);
    }
    for (const act of r.activities) {
      const localDate = new Date(Date.parse(act.startUtc) + act.utcOffsetMin * 60_000)
        .toISOString()
        .slice(0, 10);
      // Pairs are stored as the app leaves them: chosen by hand, or derived when the pairs changed.
      const shoeId =
        act.shoeKey !== null
          ? (idOfKey.get(act.shoeKey) ?? null)
          : assignShoe({ sport: act.sport, gear: act.gear, date: localDate }, coreShoes);
      push(a, {
        id: randomUUID(),
        user_id: userId,
        sport: act.sport,
        start_utc: act.startUtc,
        utc_offset_min: act.utcOffsetMin,
        moving_s: act.movingS,
        elapsed_s: act.elapsedS,
        distance_m: act.distanceM,
        elevation_gain_m: act.elevationGainM,
        elevation_loss_m: act.elevationLossM,
        avg_hr: act.avgHr,
        max_hr: act.avgHr === null ? null : act.avgHr + 20,
        avg_cadence: act.sport === "run" ? 170 : null,
        device: act.detailed ? "bench watch" : null,
        gear: act.gear,
        perceived_exertion: act.perceivedExertion,
        indoor: 0,
        source: act.detailed ? "fit" : "strava",
        shoe_id: shoeId,
        shoe_manual: act.shoeKey !== null ? 1 : 0,
        laps_json: JSON.stringify(act.laps),
        stream_json: act.stream ? encodeStream(act.stream) : "{}",
        dedupe_key: dedupeKey(act.startUtc),
        created_at: nowIso,
      });
    }
  });
  return { users, profiles, sessions, shoes, checkins, activities: a };
}

async function databaseExists(admin: pg.Pool, name: string): Promise<boolean> {
  const res = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
  return res.rowCount === 1;
}

async function recreate(admin: pg.Pool, name: string): Promise<void> {
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${name}`);
}

/** Migrates with the app's own code; false when the stored history no longer fits this code. */
async function migrate(url: string): Promise<boolean> {
  try {
    const app = await createApp({ db: url, multiUser: true, version: "bench" });
    await app.close();
    return true;
  } catch (err) {
    if ((err as { code?: string }).code === "DB_MIGRATION_FAILED") return false;
    throw err;
  }
}

async function seeded(
  url: string,
  runners: number,
): Promise<{ ok: boolean; activities: number; seconds: number }> {
  const pool = poolOf(url);
  try {
    const res = await pool.query<{
      version: string;
      runners: number;
      activities: number;
      seconds: number;
    }>("SELECT version, runners, activities, seconds FROM bench_load_seed");
    const row = res.rows[0];
    return {
      ok: row?.version === SEED_VERSION && row.runners === runners,
      activities: row?.activities ?? 0,
      seconds: row?.seconds ?? 0,
    };
  } catch {
    return { ok: false, activities: 0, seconds: 0 };
  } finally {
    await pool.end();
  }
}

/**
 * The load database, seeded when missing, of another version or size, or when `reseed`.
 * `adminUrl` names any database on the server (postgres); the load database sits beside it.
 */
export async function ensureLoadDatabase(opts: {
  adminUrl: string;
  name: string;
  runners: number;
  reseed: boolean;
  log: (line: string) => void;
}): Promise<LoadDatabase> {
  const url = withDatabase(opts.adminUrl, opts.name);
  const tokens = Array.from({ length: opts.runners }, (_, i) => tokenFor(i));
  const admin = poolOf(opts.adminUrl);
  try {
    if (!opts.reseed && (await databaseExists(admin, opts.name)) && (await migrate(url))) {
      const mark = await seeded(url, opts.runners);
      if (mark.ok) {
        await refreshSessions(url);
        return {
          url,
          tokens,
          reused: true,
          seedSeconds: mark.seconds,
          activities: mark.activities,
        };
      }
    }
    opts.log(`seeding ${opts.name}: ${opts.runners} runners × ${LOAD_DAYS} days…`);
    await recreate(admin, opts.name);
    if (!(await migrate(url))) throw new Error("Migrating a fresh load database failed.");
  } finally {
    await admin.end();
  }

  const t0 = performance.now();
  const pool = poolOf(url);
  const client = await pool.connect();
  let activities = 0;
  try {
    const now = new Date();
    const nowIso = now.toISOString();
    const expiresIso = new Date(now.getTime() + 30 * 86_400_000).toISOString();
    let pending: Promise<void> = Promise.resolve();
    for (let first = 0; first < opts.runners; first += RUNNERS_PER_BATCH) {
      const count = Math.min(RUNNERS_PER_BATCH, opts.runners - first);
      const runners = Array.from({ length: count }, (_, k) =>
        synthRunner(first + k, {
          endDate: LOAD_END_DATE,
          days: LOAD_DAYS,
          detailDays: LOAD_DETAIL_DAYS,
        }),
      );
      const cols = batchColumns(first, runners, nowIso, expiresIso);
      activities += cols.activities.id.values.length;
      // Generate the next batch while PostgreSQL writes this one.
      await pending;
      pending = (async () => {
        await client.query("BEGIN");
        await insertColumns(client, "users", cols.users);
        await insertColumns(client, "profiles", cols.profiles);
        await insertColumns(client, "sessions", cols.sessions);
        await insertColumns(client, "shoes", cols.shoes);
        await insertColumns(client, "checkins", cols.checkins);
        await insertColumns(client, "activities", cols.activities);
        await client.query("COMMIT");
      })();
      if ((first / RUNNERS_PER_BATCH) % 8 === 7)
        opts.log(
          `  ${first + count} runners, ${activities} activities, ${((performance.now() - t0) / 1000).toFixed(0)} s`,
        );
    }
    await pending;
    await client.query("ANALYZE");
    const seconds = (performance.now() - t0) / 1000;
    await client.query(
      "CREATE TABLE bench_load_seed (version text NOT NULL, runners integer NOT NULL, activities integer NOT NULL, seconds real NOT NULL, seeded_at text NOT NULL)",
    );
    await client.query("INSERT INTO bench_load_seed VALUES ($1, $2, $3, $4, $5)", [
      SEED_VERSION,
      opts.runners,
      activities,
      seconds,
      nowIso,
    ]);
    return { url, tokens, reused: false, seedSeconds: seconds, activities };
  } finally {
    client.release();
    await pool.end();
  }
}

/** A reused database's sessions may have expired since: give them another 30 days. */
async function refreshSessions(url: string): Promise<void> {
  const pool = poolOf(url);
  try {
    const now = new Date();
    await pool.query("UPDATE sessions SET expires_at = $1, last_seen_at = $2", [
      new Date(now.getTime() + 30 * 86_400_000).toISOString(),
      now.toISOString(),
    ]);
  } finally {
    await pool.end();
  }
}
