/**
 * The runner's training report: everything the core needs is read in one round of queries (the
 * activities in ONE query, with laps and streams only for the weeks the training-error detectors
 * look at), then core `buildTrainingReport` does all the maths in memory. Each instance keeps the
 * reports it built, keyed by the runner's data version (users.data_version, raised by database
 * triggers on every write the report reads): one indexed read tells whether a kept report is
 * still true, on whichever instance the write happened.
 */
import { decodeLaps, decodeStream } from "./import/activity-record.js";
import { trainingExperienceOf } from "../core/profile.js";
import { DomainError } from "../core/errors.js";
import { SPORTS } from "../core/activity.js";
import type { Sport } from "../core/activity.js";
import {
  assignShoe,
  buildTrainingReport,
  CHECKIN_ITEMS,
  DEFAULT_TRAINING_CONFIG,
  SURFACES,
} from "../core/training/index.js";
import type {
  Checkin,
  CheckinAnswers,
  DistanceUnit,
  RunnerProfile,
  Shoe,
  Surface,
  TrainingActivity,
  TrainingReportInput,
} from "../core/training/index.js";
import { REPORT_WEEKS_MAX } from "../contracts/training.js";
import type { ReportResponse } from "../contracts/training.js";
import { checkins as checkinRepo, shoes as shoeRepo, trainingActivities, users } from "../store/index.js";
import type { CheckinRow, ShoeRow } from "../store/index.js";
import type { TrainingActivityRow } from "../store/repositories/manual-activities.js";
import type { App } from "./app.js";
import { getProfile } from "./profile.js";
import { enforceRateLimit, RATE_RULES } from "./rate-limit.js";

const DAY_MS = 86_400_000;

export function sportsOf(json: string): Sport[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    return [];
  }
  return Array.isArray(parsed) ? SPORTS.filter((s) => parsed.includes(s)) : [];
}

/** The core's view of a stored pair. */
export function toCoreShoe(row: ShoeRow): Shoe {
  return {
    id: row.id,
    name: row.name,
    brand: row.brand,
    startDate: row.start_date,
    distanceBeforeM: row.initial_distance_m,
    limitM: row.limit_m,
    retiredOn: row.retired_at,
    defaultForSports: sportsOf(row.sports_json),
  };
}

export function asSport(value: string): Sport {
  return (SPORTS as readonly string[]).includes(value) ? (value as Sport) : "other";
}

export function asSurface(value: string | null): Surface | null {
  return value !== null && (SURFACES as readonly string[]).includes(value) ? (value as Surface) : null;
}

/** The local date of an activity, for "was this pair in use that day". */
export function localDateOf(startUtc: string, utcOffsetMin: number | null): string {
  return new Date(Date.parse(startUtc) + (utcOffsetMin ?? 0) * 60_000).toISOString().slice(0, 10);
}


/**
 * Laps and streams are read for the detectors' window (recent + baseline days, 105 by default)
 * plus two days of slack for time zones; older activities need only their totals.
 */
export const DETAIL_DAYS =
  DEFAULT_TRAINING_CONFIG.recentDays + DEFAULT_TRAINING_CONFIG.baselineDays + 2;

/** Check-ins of the last 28 days are all the trend and its comparison read. */
const CHECKIN_DAYS = 30;

function addDays(date: string, n: number): string {
  return new Date(Date.parse(`${date}T00:00:00.000Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

/** The local date now at a given offset from UTC (null reads as UTC). */
function dateAtOffset(now: Date, offsetMin: number | null): string {
  return new Date(now.getTime() + (offsetMin ?? 0) * 60_000).toISOString().slice(0, 10);
}

/**
 * Today in the runner's time zone. The server does not know where the runner is, so it takes
 * the offset of their latest activity (the web sends its own date, which wins when given).
 */
export async function todayForRunner(app: App, userId: string): Promise<string> {
  const offset = await trainingActivities.latestUtcOffset(app.database.db, userId);
  return dateAtOffset(app.now(), offset);
}

export function checkinAnswersOf(row: CheckinRow): CheckinAnswers {
  const answers = {} as CheckinAnswers;
  for (const item of CHECKIN_ITEMS) answers[item] = row[item];
  return answers;
}

function toTrainingActivity(row: TrainingActivityRow, shoes: readonly Shoe[]): TrainingActivity {
  const sport = asSport(row.sport);
  // A hand-picked pair (or "none") stands, and so does a derived one: every change to the pairs
  // derives them again in the same transaction (reassignShoes). Only activities without a pair
  // (imported since, or derived to none) are derived here, so new imports count in the right
  // pair at once, and ten years of history cost no matching at all.
  const shoeId =
    row.shoe_id !== null || Number(row.shoe_manual) === 1 || shoes.length === 0
      ? row.shoe_id
      : assignShoe({ sport, gear: row.gear, date: localDateOf(row.start_utc, row.utc_offset_min) }, shoes);
  return {
    id: row.id,
    sport,
    startUtc: row.start_utc,
    utcOffsetMin: row.utc_offset_min,
    movingS: row.moving_s,
    elapsedS: row.elapsed_s,
    distanceM: row.distance_m,
    elevationGainM: row.elevation_gain_m,
    elevationLossM: row.elevation_loss_m,
    // Heart rate plays no part in the report's rules, so it is not read.
    avgHr: null,
    perceivedExertion: row.perceived_exertion,
    shoeId,
    surface: asSurface(row.surface),
    laps: row.laps_json === null ? [] : decodeLaps(row.laps_json),
    stream: row.stream_json === null || row.stream_json === "{}" ? null : decodeStream(row.stream_json),
  };
}

export interface TrainingInputs {
  /** Everything buildTrainingReport needs except `weeks`. */
  reportInput: Omit<TrainingReportInput, "weeks">;
  shoeRows: ShoeRow[];
  rampThresholdPct: number;
  units: DistanceUnit;
  /** The offset from UTC of the latest activity, which decides "today" when no date is given. */
  latestUtcOffset: number | null;
}

export interface LoadOptions {
  /** The runner's local date; by default today in their zone. */
  asOf?: string | undefined;
  /** Read laps and streams for the detectors' window (false for shoe mileage alone). */
  streams: boolean;
  units?: DistanceUnit | undefined;
  /** False: leave the check-ins unread, as if the runner had none (a coach they are not shared with). */
  checkins?: boolean | undefined;
}

/** Reads the profile, pairs, check-ins and activities of one runner, once each. */
export async function loadTrainingInputs(app: App, userId: string, opts: LoadOptions): Promise<TrainingInputs> {
  const { db } = app.database;
  // Before the query we only know asOf roughly (the zone comes from the activities); a day of
  // slack on each side of the windows covers every offset.
  const around = opts.asOf ?? app.now().toISOString().slice(0, 10);
  const detailFromUtc = opts.streams ? `${addDays(around, -DETAIL_DAYS)}T00:00:00.000Z` : null;
  const [profile, shoeRows, rows, checkinRows] = await Promise.all([
    getProfile(app, userId),
    shoeRepo.listShoes(db, userId),
    trainingActivities.listTrainingActivities(db, userId, detailFromUtc),
    opts.checkins === false
      ? []
      : checkinRepo.listCheckins(db, userId, { from: addDays(around, -CHECKIN_DAYS - 1), to: addDays(around, 1) }),
  ]);

  let latest: TrainingActivityRow | undefined;
  for (const r of rows) if (latest === undefined || r.start_utc > latest.start_utc) latest = r;
  const latestUtcOffset = latest?.utc_offset_min ?? null;
  const asOf = opts.asOf ?? dateAtOffset(app.now(), latestUtcOffset);

  const shoes = shoeRows.map(toCoreShoe);
  const activities = rows.map((r) => toTrainingActivity(r, shoes));
  const checkins: Checkin[] = checkinRows.map((c) => ({ date: c.date, answers: checkinAnswersOf(c) }));
  const experience = trainingExperienceOf(profile);
  const units: DistanceUnit = opts.units ?? profile.units;
  const runner: RunnerProfile = { experience, units, weekStart: profile.weekStart };
  return {
    reportInput: { activities, shoes, checkins, profile: runner, asOf },
    shoeRows,
    rampThresholdPct:
      experience === "regular" ? DEFAULT_TRAINING_CONFIG.rampPct : DEFAULT_TRAINING_CONFIG.rampPctCautious,
    units,
    latestUtcOffset,
  };
}

export interface ReportOptions {
  asOf?: string | undefined;
  weeks?: number | undefined;
  units?: DistanceUnit | undefined;
  /** The reader's language tag: the days the warnings name in its style (YYYY-MM-DD without one). */
  locale?: string | undefined;
  /**
   * The runner's users.data_version when the caller has just read it (with the session): saves
   * a round trip on the dashboard's hot path. It must have been read before any of the data.
   */
  knownDataVersion?: number | undefined;
  /**
   * Whose budget a report that must be built counts against (the requesting user, over HTTP):
   * RATE_RULES.reportBuild, refused with RATE_LIMITED. Kept reports are free. Omitted: no budget
   * (the CLI, a runner's own machine).
   */
  budgetFor?: string | undefined;
  /**
   * False: the report as if the runner had no check-ins (an empty checkins section, no
   * OVERTRAINING_SIGNS), for a coach the runner does not share their check-ins with. Kept apart
   * from the runner's own report in the cache, so neither is ever served the other.
   */
  checkins?: boolean | undefined;
}

export const DEFAULT_REPORT_WEEKS = 12;

/**
 * Reports kept per instance, as the JSON text the dashboard sends (about 20 kB each, where the
 * object graph would take ten times that and grow the heap under load). The runners least
 * recently asked for go first, so memory stays bounded under any number of runners.
 */
export const REPORT_CACHE_ENTRIES = 1500;

/**
 * Reports kept per runner (different weeks, dates or units). A runner asking for many variants
 * only pushes out their own older ones, never other runners' reports.
 */
export const REPORT_VARIANTS_PER_RUNNER = 4;

interface KeptReport {
  /** The date the report is as of, and the offset that decided it when none was asked for. */
  asOf: string;
  latestUtcOffset: number | null;
  json: string;
}

/** One runner's kept reports, all built from the same data version. */
interface RunnerReports {
  version: number;
  /** Variant key → report, least recently asked for first. */
  variants: Map<string, KeptReport>;
}

/**
 * Kept reports by runner and data version, least recently used first (a Map iterates in
 * insertion order), with the builds under way: one build per runner at a time, and a request
 * for a report already being built waits for that build.
 */
class ReportCache {
  private readonly runners = new Map<string, RunnerReports>();
  private entries = 0;
  private readonly building = new Map<string, Promise<string>>();
  private readonly queues = new Map<string, Promise<unknown>>();
  hits = 0;
  misses = 0;
  builds = 0;

  get size(): number {
    return this.entries;
  }

  get(userId: string, version: number | null, variant: string): KeptReport | undefined {
    const runner = this.runners.get(userId);
    if (runner === undefined || runner.version !== version) return undefined;
    const kept = runner.variants.get(variant);
    if (kept) {
      this.runners.delete(userId);
      this.runners.set(userId, runner);
      runner.variants.delete(variant);
      runner.variants.set(variant, kept);
    }
    return kept;
  }

  set(userId: string, version: number, variant: string, kept: KeptReport): void {
    let runner = this.runners.get(userId);
    if (runner !== undefined && runner.version > version) return; // a newer build got here first
    if (runner === undefined || runner.version !== version) {
      if (runner !== undefined) this.entries -= runner.variants.size;
      runner = { version, variants: new Map() };
    }
    this.runners.delete(userId);
    this.runners.set(userId, runner);
    if (runner.variants.delete(variant)) this.entries -= 1;
    runner.variants.set(variant, kept);
    this.entries += 1;
    if (runner.variants.size > REPORT_VARIANTS_PER_RUNNER) {
      const oldest = runner.variants.keys().next();
      if (!oldest.done) runner.variants.delete(oldest.value);
      this.entries -= 1;
    }
    for (const [otherId, other] of this.runners) {
      if (this.entries <= REPORT_CACHE_ENTRIES || otherId === userId) break;
      this.runners.delete(otherId);
      this.entries -= other.variants.size;
    }
  }

  /**
   * Runs `build` after the runner's earlier builds (a burst of expensive requests from one runner
   * takes turns, so other runners' requests get the event loop between them), and shares one
   * build between identical requests.
   */
  async buildOnce(userId: string, key: string, build: () => Promise<string>): Promise<string> {
    const running = this.building.get(key);
    if (running !== undefined) return running;
    const previous = this.queues.get(userId) ?? Promise.resolve();
    const run = previous.then(build);
    const settled = run.then(
      () => undefined,
      () => undefined,
    );
    this.building.set(key, run);
    this.queues.set(userId, settled);
    try {
      return await run;
    } finally {
      if (this.building.get(key) === run) this.building.delete(key);
      if (this.queues.get(userId) === settled) this.queues.delete(userId);
    }
  }
}

/** One cache per App (a test's app, the server's app), never shared between databases. */
const caches = new WeakMap<App, ReportCache>();

function cacheOf(app: App): ReportCache {
  let cache = caches.get(app);
  if (!cache) caches.set(app, (cache = new ReportCache()));
  return cache;
}

/** How often the kept reports served a request, and how many were built, for tests and benchmarks. */
export function reportCacheStats(app: App): {
  hits: number;
  misses: number;
  builds: number;
  size: number;
} {
  const cache = cacheOf(app);
  return { hits: cache.hits, misses: cache.misses, builds: cache.builds, size: cache.size };
}

/**
 * The key a report is kept under beside the runner's others: every option that changes what it
 * says, so a variant (a coach's report without the check-ins, a locale) is never served for another.
 */
function variantOf(weeks: number, opts: ReportOptions): string {
  return JSON.stringify([weeks, opts.asOf ?? null, opts.units ?? null, opts.locale ?? null, opts.checkins !== false]);
}

/**
 * The report for one runner as the JSON text the API sends, as of their today unless told
 * otherwise; kept per instance while the runner's data version stays the same.
 */
export async function trainingReportJson(
  app: App,
  userId: string,
  opts: ReportOptions = {},
): Promise<string> {
  const weeks = opts.weeks ?? DEFAULT_REPORT_WEEKS;
  if (!Number.isInteger(weeks) || weeks < 1 || weeks > REPORT_WEEKS_MAX)
    throw new DomainError(
      "INVALID_WEEKS",
      `The number of weeks must be a whole number from 1 to ${REPORT_WEEKS_MAX}, got ${weeks}.`,
    );
  // The version is read BEFORE the data: a write landing in between raises it again, so a kept
  // report is never filed under a version newer than the data it was built from.
  const version =
    opts.knownDataVersion ??
    (await trainingActivities.trainingDataVersion(app.database.db, userId));
  const cache = cacheOf(app);
  const variant = variantOf(weeks, opts);
  const kept = cache.get(userId, version, variant);
  if (
    kept !== undefined &&
    (opts.asOf !== undefined || dateAtOffset(app.now(), kept.latestUtcOffset) === kept.asOf)
  ) {
    cache.hits += 1;
    return kept.json;
  }
  cache.misses += 1;
  if (opts.budgetFor !== undefined)
    await enforceRateLimit(app.database.db, RATE_RULES.reportBuild, opts.budgetFor, app.now());
  return cache.buildOnce(userId, `${userId}|${version}|${variant}`, async () => {
    cache.builds += 1;
    const inputs = await loadTrainingInputs(app, userId, {
      asOf: opts.asOf,
      streams: true,
      units: opts.units,
      checkins: opts.checkins,
    });
    const locale = opts.locale === undefined ? {} : { locale: opts.locale };
    const report = buildTrainingReport({ ...inputs.reportInput, weeks, ...locale });
    const response: ReportResponse = {
      report,
      rampThresholdPct: inputs.rampThresholdPct,
      units: inputs.units,
    };
    const json = JSON.stringify(response);
    if (version !== null)
      cache.set(userId, version, variant, {
        asOf: inputs.reportInput.asOf,
        latestUtcOffset: inputs.latestUtcOffset,
        json,
      });
    return json;
  });
}

/** The report for one runner, as of their today unless told otherwise: a fresh object each call. */
export async function trainingReport(app: App, userId: string, opts: ReportOptions = {}): Promise<ReportResponse> {
  return JSON.parse(await trainingReportJson(app, userId, opts)) as ReportResponse;
}

/**
 * Whose report the CLI prints: the account with that email; without one, the local owner of an
 * embedded database, or the only account there is. Never a guess between several runners.
 */
export async function findReportUser(app: App, email?: string): Promise<{ id: string; email: string }> {
  const { db } = app.database;
  if (email !== undefined) {
    const row = await users.findUserByEmail(db, email.trim());
    if (!row) throw new DomainError("USER_NOT_FOUND", `There is no account with the email address ${email}.`);
    return { id: row.id, email: row.email };
  }
  const owner = await users.findLocalOwner(db);
  if (owner) return { id: owner.id, email: owner.email };
  const all = await db.selectFrom("users").select(["id", "email"]).orderBy("email").limit(2).execute();
  const only = all[0];
  if (all.length === 1 && only) return only;
  throw new DomainError(
    all.length === 0 ? "USER_NOT_FOUND" : "USER_AMBIGUOUS",
    all.length === 0
      ? "This database has no runner yet: import or log some runs first."
      : "This database holds several runners: choose one with --user EMAIL.",
  );
}
