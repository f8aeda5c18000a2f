import type {
  ImportedActivity,
  ImportIssue,
  Lap,
  Sport,
  StreamPoint,
} from "../../core/activity.js";
import { downsampleStream, elevationGainLoss, haversineM, isValidLatLon, roundDegrees, sportFromName } from "../common/index.js";
import type { FitLap, FitPart, FitSession } from "./decode-fit.js";
import { deviceName } from "./devices.js";
import {
  FILE_TYPE_ACTIVITY,
  FIT_EPOCH_S,
  FIT_MIN_ABSOLUTE_TIME,
  INDOOR_SUB_SPORTS,
  SPORT_NAMES,
  SPORT_TRANSITION,
  SUB_SPORT_NAMES,
} from "./profile.js";
import type { RecordColumns } from "./record-columns.js";

const STREAM_STEP_S = 10;
/** Records this far past a session's end still belong to it (devices log a last sample late). */
const END_SLACK_S = 60;
/** A jump forward this long between records is taken as corrupt data, not a pause. */
const MAX_GAP_S = 7 * 86_400;
const MAX_SESSIONS = 64;
const SEMICIRCLE_DEG = 180 / 2 ** 31;
const FOOT_SPORTS: ReadonlySet<Sport> = new Set(["run", "trail_run", "treadmill", "walk", "hike"]);

const FILE_TYPE_NAMES: Readonly<Record<number, string>> = {
  1: "device",
  2: "settings",
  3: "sport settings",
  5: "workout",
  6: "course",
  7: "schedules",
  9: "weight",
  10: "totals",
  11: "goals",
  14: "blood pressure",
  15: "monitoring",
  20: "activity summary",
  28: "daily monitoring",
  32: "monitoring",
  34: "segment",
  35: "segment list",
};

const warn = (code: string, message: string, at?: string): ImportIssue =>
  at === undefined
    ? { code, message, severity: "warning" }
    : { code, message, at, severity: "warning" };

/** A session's time window in raw FIT seconds, with the session's own totals. */
interface Window {
  session: FitSession | null;
  from: number;
  to: number;
  sport: number;
  subSport: number;
}

/**
 * Turns one decoded FIT file into activities: one per session (transitions of a multisport file
 * are skipped), or one built from the records when the file has no session (a file never closed).
 * Returns no activity, with a NOT_AN_ACTIVITY issue saying why, for settings, workouts and the like.
 */
export function buildActivities(part: FitPart, issues: ImportIssue[]): ImportedActivity[] {
  const cols = part.records;
  if (!Number.isNaN(part.fileType) && part.fileType !== FILE_TYPE_ACTIVITY) {
    const name = FILE_TYPE_NAMES[part.fileType] ?? `type ${part.fileType}`;
    issues.push(
      warn("NOT_AN_ACTIVITY", `This FIT file is a ${name} file, not an activity.`, "file_id.type"),
    );
    return [];
  }
  const sessions = part.sessions.filter((s) => !Number.isNaN(s.start) || !Number.isNaN(s.end));
  if (sessions.length === 0 && cols.length < 2) {
    // A file cut short or corrupt before its first samples already says why it holds nothing.
    const damaged = part.issues.some((i) => i.code === "FIT_TRUNCATED" || i.code === "FIT_CORRUPT");
    if (damaged) return [];
    issues.push(
      warn(
        "NOT_AN_ACTIVITY",
        cols.length === 0
          ? "This FIT file holds no session and no record: there is no activity in it."
          : "This FIT file holds a single record and no session: too little to make an activity.",
      ),
    );
    return [];
  }

  const clock = timeBase(part, sessions, cols, issues);
  if (clock === null) return [];

  let windows = sessions.length > 0 ? sessionWindows(sessions, cols) : [recordsWindow(part, cols)];
  if (windows.length > MAX_SESSIONS) {
    // Real multisport files hold a handful of sessions; thousands mean damaged data.
    issues.push(
      warn(
        "FIT_TOO_MANY_SESSIONS",
        `Only the first ${MAX_SESSIONS} of ${windows.length} sessions were read.`,
      ),
    );
    windows = windows.slice(0, MAX_SESSIONS);
  }
  const sorted = isSorted(cols);
  const out: ImportedActivity[] = [];
  for (const w of windows) {
    if (w.sport === SPORT_TRANSITION) continue;
    out.push(buildOne(part, w, clock, sorted));
  }
  if (out.length === 0) {
    issues.push(warn("NOT_AN_ACTIVITY", "This FIT file holds only transition sessions."));
  }
  return out;
}

interface Clock {
  /** Unix seconds = raw FIT seconds + base. */
  base: number;
  utcOffsetMin: number | null;
}

/**
 * FIT times count from 1989-12-31T00:00:00Z, except values below 0x10000000, which count from the
 * device's power-on (Forerunner 60/70 era). Those are anchored through the activity message's
 * local_timestamp, which gives local time only: the UTC offset then stays unknown.
 */
function timeBase(
  part: FitPart,
  sessions: readonly FitSession[],
  cols: RecordColumns,
  issues: ImportIssue[],
): Clock | null {
  const first = sessions[0];
  const ref =
    first !== undefined ? (Number.isNaN(first.start) ? first.end : first.start) : cols.ts[0]!;
  const actTs = part.activityTimestamp;
  const local = part.activityLocalTimestamp;
  if (ref >= FIT_MIN_ABSOLUTE_TIME) {
    let utcOffsetMin: number | null = null;
    if (actTs >= FIT_MIN_ABSOLUTE_TIME && local >= FIT_MIN_ABSOLUTE_TIME) {
      // Offsets come in quarter hours; rounding absorbs a second's skew between the two clocks.
      const q = Math.round((local - actTs) / 900) * 15;
      if (Math.abs(q) <= 14 * 60) utcOffsetMin = q;
    }
    return { base: FIT_EPOCH_S, utcOffsetMin };
  }
  if (actTs < FIT_MIN_ABSOLUTE_TIME && local >= FIT_MIN_ABSOLUTE_TIME) {
    issues.push(
      warn(
        "FIT_LOCAL_TIME_ONLY",
        "The device recorded times since power-on; the start time comes from its local clock, so the UTC offset is unknown.",
        "activity.local_timestamp",
      ),
    );
    return { base: FIT_EPOCH_S + local - actTs, utcOffsetMin: null };
  }
  issues.push(
    warn(
      "FIT_NO_START_TIME",
      "The device recorded times since power-on and the file gives no clock time to anchor them: the start date is unknown.",
    ),
  );
  return null;
}

function sessionWindows(sessions: readonly FitSession[], cols: RecordColumns): Window[] {
  const starts = sessions.map((s) => sessionStart(s, cols));
  const order = sessions.map((_, i) => i).sort((a, b) => starts[a]! - starts[b]!);
  const windows: Window[] = [];
  for (let k = 0; k < order.length; k++) {
    const s = sessions[order[k]!]!;
    const from = starts[order[k]!]!;
    const byElapsed = Number.isNaN(s.elapsedS) ? NaN : from + s.elapsedS;
    let own = Math.max(
      Number.isNaN(byElapsed) ? -Infinity : byElapsed,
      Number.isNaN(s.end) ? -Infinity : s.end,
    );
    if (own === -Infinity) own = Infinity;
    const next = order[k + 1];
    // Multisport sessions follow one another; a session's records stop where the next one starts
    // (fenix 2 files give a first session an elapsed time that overlaps the next).
    const to = next === undefined ? own + END_SLACK_S : Math.min(own + END_SLACK_S, starts[next]!);
    windows.push({ session: s, from, to, sport: s.sport, subSport: s.subSport });
  }
  return windows;
}

function sessionStart(s: FitSession, cols: RecordColumns): number {
  if (!Number.isNaN(s.start)) return s.start;
  if (!Number.isNaN(s.elapsedS)) return s.end - s.elapsedS;
  return cols.length > 0 ? cols.ts[0]! : s.end;
}

function recordsWindow(part: FitPart, cols: RecordColumns): Window {
  return {
    session: null,
    from: cols.ts[0]!,
    to: Infinity,
    sport: part.sport,
    subSport: part.subSport,
  };
}

/**
 * Indices of the records inside a window, in time order; out-of-order or wild samples dropped.
 * Records are almost always in time order, so the scan starts at the window by binary search and
 * stops at its end: a multisport file costs one pass over its records, not one per session.
 */
function selectRecords(cols: RecordColumns, from: number, to: number, sorted: boolean): Int32Array {
  const ts = cols.ts;
  let i0 = 0;
  if (sorted) {
    let hi = cols.length;
    while (i0 < hi) {
      const mid = (i0 + hi) >>> 1;
      if (ts[mid]! < from) i0 = mid + 1;
      else hi = mid;
    }
  }
  const idx = new Int32Array(cols.length - i0);
  let n = 0;
  let last = -Infinity;
  for (let i = i0; i < cols.length; i++) {
    const t = ts[i]!;
    if (sorted && t >= to) break;
    if (t < from || t >= to || t < last) continue;
    if (last !== -Infinity && t - last > MAX_GAP_S) break;
    idx[n++] = i;
    last = t;
  }
  return idx.subarray(0, n);
}

function isSorted(cols: RecordColumns): boolean {
  const ts = cols.ts;
  for (let i = 1; i < cols.length; i++) if (ts[i]! < ts[i - 1]!) return false;
  return true;
}

const valid = (v: number): boolean => !Number.isNaN(v);
const round1 = (v: number): number => Math.round(v * 10) / 10;

function buildOne(part: FitPart, w: Window, clock: Clock, sorted: boolean): ImportedActivity {
  const cols = part.records;
  const s = w.session;
  const idx = selectRecords(cols, w.from, w.to, sorted);
  const sport = sportFromName(SPORT_NAMES[w.sport] ?? null, SUB_SPORT_NAMES[w.subSport] ?? null);
  const cadFactor = FOOT_SPORTS.has(sport) ? 2 : 1;
  const start = s !== null ? w.from : idx.length > 0 ? cols.ts[idx[0]!]! : w.from;

  // One pass over the session's samples for the stream and the cheap fallbacks; the costly ones
  // (elevation from altitudes, distance from GPS) run only when the session lacks the total.
  let d0 = NaN;
  let dLast = NaN;
  let hrSum = 0;
  let hrN = 0;
  let hrMax = NaN;
  let cadSum = 0;
  let cadN = 0;
  let hasPos = false;
  const candidates: StreamPoint[] = [];
  let nextT = -Infinity;
  const n = idx.length;
  for (let k = 0; k < n; k++) {
    const i = idx[k]!;
    const dist = cols.dist[i]!;
    if (dist === dist) {
      if (Number.isNaN(d0)) d0 = dist;
      dLast = dist;
    }
    // A heart rate of 0 is a strap not worn (Zwift, Onelap write 0), not a reading.
    const hr = cols.hr[i]!;
    if (hr > 0) {
      hrSum += hr;
      hrN++;
      if (!(hr <= hrMax)) hrMax = hr;
    }
    const cad = cols.cad[i]!;
    if (cad > 0) {
      cadSum += cad;
      cadN++;
    }
    if (!hasPos && (cols.lat[i] !== 0 || cols.lon[i] !== 0)) hasPos = true;
    // The shared downsampling rule (first sample at or after each 10 s step, plus the last) is
    // applied here on the columns so that only kept samples become objects; downsampleStream
    // below then keeps all of them and remains the single definition of the rule.
    const t = cols.ts[i]! - start;
    if (t >= nextT || k === n - 1) {
      nextT = t + STREAM_STEP_S;
      const alt = cols.alt[i]!;
      const point: StreamPoint = {
        t,
        d: Number.isNaN(dLast) ? null : round1(dLast - d0),
        alt: alt === alt ? round1(alt) : null,
        hr: hr > 0 ? Math.round(hr) : null,
        cad: cad === cad ? Math.round(cad * cadFactor) : null,
      };
      addPosition(point, cols.lat[i]!, cols.lon[i]!);
      candidates.push(point);
    }
  }
  const stream = downsampleStream(candidates, STREAM_STEP_S);

  const spanS = n > 0 ? cols.ts[idx[n - 1]!]! - start : 0;
  const elapsedS = s !== null && valid(s.elapsedS) ? s.elapsedS : spanS;
  const movingS = s !== null && valid(s.timerS) ? s.timerS : elapsedS;
  const recordDist = valid(d0) ? dLast - d0 : 0;
  let distanceM: number;
  if (s !== null && s.distanceM > 0) distanceM = s.distanceM;
  else if (recordDist > 0) distanceM = recordDist;
  else if (hasPos) distanceM = gpsDistance(cols, idx);
  else distanceM = s !== null && valid(s.distanceM) ? s.distanceM : 0;

  let gain = s !== null && valid(s.ascentM) ? s.ascentM : null;
  let loss = s !== null && valid(s.descentM) ? s.descentM : null;
  if (gain === null || loss === null) {
    const computed = elevationGainLoss(Float64Array.from(idx, (i) => cols.alt[i]!));
    gain ??= computed.gainM;
    loss ??= computed.lossM;
  }
  const avgHr = s !== null && s.avgHr > 0 ? s.avgHr : hrN > 0 ? hrSum / hrN : NaN;
  const maxHr = s !== null && s.maxHr > 0 ? s.maxHr : hrMax;
  const avgCad = s !== null && valid(s.avgCadence) ? s.avgCadence : cadN > 0 ? cadSum / cadN : NaN;

  const productName =
    part.productName ??
    (part.creatorManufacturer === part.manufacturer ? part.creatorProductName : null);
  const product = valid(part.product) ? part.product : part.creatorProduct;

  return {
    sport,
    startUtc: new Date((start + clock.base) * 1000).toISOString(),
    utcOffsetMin: clock.utcOffsetMin,
    movingS: Math.round(movingS),
    elapsedS: Math.round(elapsedS),
    distanceM: Math.round(distanceM),
    elevationGainM: gain === null ? null : Math.round(gain),
    elevationLossM: loss === null ? null : Math.round(loss),
    avgHr: valid(avgHr) ? Math.round(avgHr) : null,
    maxHr: valid(maxHr) ? Math.round(maxHr) : null,
    avgCadence: valid(avgCad) ? Math.round(avgCad * cadFactor) : null,
    device: deviceName(part.manufacturer, product, productName),
    gear: null,
    name: null,
    perceivedExertion: null,
    indoor: !hasPos || INDOOR_SUB_SPORTS.has(w.subSport) || w.sport === 4,
    laps: lapsIn(part.laps, start, w.to),
    stream,
    source: "fit",
  };
}

/** A kept point's position, from semicircles (0 and 0: no fix) to degrees, for the route drawing. */
function addPosition(point: StreamPoint, latSc: number, lonSc: number): void {
  if (latSc === 0 && lonSc === 0) return;
  const lat = latSc * SEMICIRCLE_DEG;
  const lon = lonSc * SEMICIRCLE_DEG;
  if (!isValidLatLon(lat, lon)) return;
  point.lat = roundDegrees(lat);
  point.lon = roundDegrees(lon);
}

function gpsDistance(cols: RecordColumns, idx: Int32Array): number {
  let total = 0;
  let pLat = NaN;
  let pLon = NaN;
  for (let k = 0; k < idx.length; k++) {
    const i = idx[k]!;
    const lat = cols.lat[i]!;
    const lon = cols.lon[i]!;
    if (lat === 0 && lon === 0) continue;
    const la = lat * SEMICIRCLE_DEG;
    const lo = lon * SEMICIRCLE_DEG;
    if (pLat === pLat) total += haversineM(pLat, pLon, la, lo);
    pLat = la;
    pLon = lo;
  }
  return total;
}

function lapsIn(laps: readonly FitLap[], from: number, to: number): Lap[] {
  const out: Lap[] = [];
  for (const lap of laps) {
    const start = valid(lap.start) ? lap.start : lap.end - lap.elapsedS;
    if (!valid(start) || start < from || start >= to) continue;
    const duration = valid(lap.elapsedS) ? lap.elapsedS : valid(lap.timerS) ? lap.timerS : 0;
    out.push({
      startOffsetS: Math.round(start - from),
      durationS: Math.round(duration),
      distanceM: valid(lap.distanceM) ? Math.round(lap.distanceM) : 0,
    });
  }
  return out;
}
