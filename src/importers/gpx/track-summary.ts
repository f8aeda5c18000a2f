import type { ImportedActivity, Sport, StreamPoint } from "../../core/activity.js";
import { EARTH_RADIUS_M, RAD, elevationGainLoss, isValidLatLon, roundDegrees } from "../common/index.js";

/**
 * Track samples as parallel columns of doubles (NaN = missing), shared by the GPX and TCX readers:
 * a 1 Hz hour is eight arrays, not 3,600 objects, and a run of points read by WebAssembly is
 * appended with a copy per column. The columns hold `length` samples and may be longer (room to
 * grow) until trimTrack cuts them to size when the document is read.
 */
export interface TrackSamples {
  length: number;
  lat: Float64Array;
  lon: Float64Array;
  ele: Float64Array;
  timeMs: Float64Array;
  hr: Float64Array;
  cad: Float64Array;
  /** Cumulative distance recorded by the device (TCX DistanceMeters); NaN when not written. */
  dist: Float64Array;
  /** 1 where a new segment (GPX trkseg, TCX Track) starts: no distance is counted across it. */
  newSegment: Uint8Array;
}

export function emptyTrack(capacity = 0): TrackSamples {
  return {
    length: 0,
    lat: new Float64Array(capacity),
    lon: new Float64Array(capacity),
    ele: new Float64Array(capacity),
    timeMs: new Float64Array(capacity),
    hr: new Float64Array(capacity),
    cad: new Float64Array(capacity),
    dist: new Float64Array(capacity),
    newSegment: new Uint8Array(capacity),
  };
}

function grown<T extends Float64Array | Uint8Array>(column: T, length: number, capacity: number): T {
  const next = (column instanceof Float64Array ? new Float64Array(capacity) : new Uint8Array(capacity)) as T;
  next.set(column.subarray(0, length));
  return next;
}

/** Makes room for `more` samples after the `length` held. */
function reserve(track: TrackSamples, more: number): void {
  const need = track.length + more;
  if (need <= track.lat.length) return;
  const capacity = Math.max(need, 256, track.lat.length * 2);
  const n = track.length;
  track.lat = grown(track.lat, n, capacity);
  track.lon = grown(track.lon, n, capacity);
  track.ele = grown(track.ele, n, capacity);
  track.timeMs = grown(track.timeMs, n, capacity);
  track.hr = grown(track.hr, n, capacity);
  track.cad = grown(track.cad, n, capacity);
  track.dist = grown(track.dist, n, capacity);
  track.newSegment = grown(track.newSegment, n, capacity);
}

/** Appends one sample (NaN for what the point lacks) to every column of a track. */
export function addSample(
  track: TrackSamples,
  lat: number,
  lon: number,
  ele: number,
  timeMs: number,
  hr: number,
  cad: number,
  dist: number,
  newSegment: boolean,
): void {
  if (track.length === track.lat.length) reserve(track, 1);
  const i = track.length++;
  track.lat[i] = lat;
  track.lon[i] = lon;
  track.ele[i] = ele;
  track.timeMs[i] = timeMs;
  track.hr[i] = hr;
  track.cad[i] = cad;
  track.dist[i] = dist;
  track.newSegment[i] = newSegment ? 1 : 0;
}

/** Columns of samples to append: rows [from, to) of each (dist null: not recorded). */
export type SampleColumns = Omit<TrackSamples, "length" | "dist" | "newSegment"> & {
  dist: Float64Array | null;
};

/**
 * Appends rows [from, to) of `cols` as samples, the first starting a new segment when
 * `newSegment` is set: the same as addSample for each row, a copy per column.
 */
export function addSamples(
  track: TrackSamples,
  cols: SampleColumns,
  from: number,
  to: number,
  newSegment: boolean,
): void {
  const n = to - from;
  if (n <= 0) return;
  reserve(track, n);
  const at = track.length;
  track.lat.set(cols.lat.subarray(from, to), at);
  track.lon.set(cols.lon.subarray(from, to), at);
  track.ele.set(cols.ele.subarray(from, to), at);
  track.timeMs.set(cols.timeMs.subarray(from, to), at);
  track.hr.set(cols.hr.subarray(from, to), at);
  track.cad.set(cols.cad.subarray(from, to), at);
  if (cols.dist === null) track.dist.fill(NaN, at, at + n);
  else track.dist.set(cols.dist.subarray(from, to), at);
  track.newSegment.fill(0, at, at + n);
  if (newSegment) track.newSegment[at] = 1;
  track.length += n;
}

/** Cuts the columns to the samples held (views, no copy): done once a document is read. */
export function trimTrack(track: TrackSamples): TrackSamples {
  const n = track.length;
  if (track.lat.length !== n) {
    track.lat = track.lat.subarray(0, n);
    track.lon = track.lon.subarray(0, n);
    track.ele = track.ele.subarray(0, n);
    track.timeMs = track.timeMs.subarray(0, n);
    track.hr = track.hr.subarray(0, n);
    track.cad = track.cad.subarray(0, n);
    track.dist = track.dist.subarray(0, n);
    track.newSegment = track.newSegment.subarray(0, n);
  }
  return track;
}

export interface TrackSummary {
  pointCount: number;
  timedCount: number;
  startMs: number | null;
  elapsedS: number;
  movingS: number;
  /** Metres, unrounded. */
  distanceM: number;
  hasPosition: boolean;
  hasDeviceDistance: boolean;
  elevationGainM: number | null;
  elevationLossM: number | null;
  avgHr: number | null;
  maxHr: number | null;
  avgCadence: number | null;
  stream: StreamPoint[];
  /** Points whose time went backwards: kept for distance, left out of times and the stream. */
  timeBackwards: number;
  /** Heart-rate samples outside 25-250 bpm, ignored. */
  implausibleHr: number;
}

/**
 * The activity a summarised track makes (GPX, KML): distance, climbing, heart rate and cadence from
 * the summary; its start, times and stream, and what the file says of it, from the caller (a KML
 * line without times is dated by its placemark instead).
 */
export function trackActivity(
  summary: TrackSummary,
  from: Pick<
    ImportedActivity,
    "sport" | "utcOffsetMin" | "movingS" | "elapsedS" | "stream" | "device" | "name" | "source"
  > & { startMs: number },
): ImportedActivity {
  return {
    sport: from.sport,
    startUtc: new Date(from.startMs).toISOString(),
    utcOffsetMin: from.utcOffsetMin,
    movingS: from.movingS,
    elapsedS: from.elapsedS,
    distanceM: Math.round(summary.distanceM),
    elevationGainM: summary.elevationGainM,
    elevationLossM: summary.elevationLossM,
    avgHr: summary.avgHr,
    maxHr: summary.maxHr,
    avgCadence: summary.avgCadence,
    device: from.device,
    gear: null,
    name: from.name,
    perceivedExertion: null,
    indoor: false,
    laps: [],
    stream: from.stream,
    source: from.source,
  };
}

/**
 * Moving-time rule: an interval is a pause when it spans a segment break (the recorder was
 * stopped), when it lasts more than 60 s between two samples (auto-pause or signal loss), or
 * when it belongs to a run of consecutive intervals slower than 0.5 m/s that together last
 * more than 10 s (standing at a crossing). Short slow-downs stay moving time.
 */
export const PAUSE_GAP_S = 60;
export const STILL_SPEED_MPS = 0.5;
export const STILL_MIN_S = 10;

const MIN_HR = 25;
/** Stream resolution: one point per 10 s, as downsampleStream(points, 10) keeps. */
const STREAM_STEP_S = 10;
const MAX_HR = 250;

function isFootSport(sport: Sport): "run" | "walk" | null {
  if (sport === "run" || sport === "trail_run" || sport === "treadmill") return "run";
  if (sport === "walk" || sport === "hike") return "walk";
  return null;
}

/**
 * GPX and TCX cadence for foot sports is usually per foot (Garmin writes strides per minute,
 * Strava's GPX the same); kneewise stores steps per minute. The file does not say which, so
 * the median decides: running steps sit around 150-190 and strides around 75-95; walking steps
 * around 100-130 and strides around 50-65. Other sports (rpm on a bike) are kept as written.
 */
export function cadenceFactor(sport: Sport, cadences: ArrayLike<number>, count = cadences.length): number {
  const kind = isFootSport(sport);
  if (kind === null) return 1;
  // The median of the positive values is below the line exactly when more than half of them (the
  // middle one included) are: counting answers that without sorting 3,600 values per file.
  const line = kind === "run" ? 120 : 80;
  let n = 0;
  let below = 0;
  for (let i = 0; i < count; i++) {
    const c = cadences[i]!;
    if (Number.isFinite(c) && c > 0) {
      n++;
      if (c < line) below++;
    }
  }
  if (n === 0) return 1;
  return below > Math.floor(n / 2) ? 2 : 1;
}

/** Cumulative distance per point as the device recorded it (TCX DistanceMeters), never going back. */
function deviceDistance(track: TrackSamples, n: number, cum: Float64Array): number {
  const dist = track.dist;
  let total = 0;
  for (let i = 0; i < n; i++) {
    const d = dist[i]!;
    if (Number.isFinite(d) && d > total) total = d;
    cum[i] = total;
  }
  return total;
}

/**
 * Cumulative distance per point along the positions, within segments: haversineM between each
 * pair, written out so that the cosine of a point's latitude is computed once, not twice (the
 * same operations in the same order: the same metres to the bit).
 */
function positionDistance(track: TrackSamples, n: number, cum: Float64Array): number {
  const { lat: lats, lon: lons, newSegment } = track;
  let total = 0;
  let prevLat = NaN;
  let prevLon = NaN;
  let prevCos = NaN;
  for (let i = 0; i < n; i++) {
    if (newSegment[i] === 1) {
      prevLat = NaN;
      prevLon = NaN;
    }
    const lat = lats[i]!;
    const lon = lons[i]!;
    if (Number.isFinite(lat) && Number.isFinite(lon)) {
      const cosLat = Math.cos(lat * RAD);
      if (Number.isFinite(prevLat)) {
        const dLat = (lat - prevLat) * RAD;
        const dLon = (lon - prevLon) * RAD;
        const h = Math.sin(dLat / 2) ** 2 + prevCos * cosLat * Math.sin(dLon / 2) ** 2;
        total += 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
      }
      prevLat = lat;
      prevLon = lon;
      prevCos = cosLat;
    }
    cum[i] = total;
  }
  return total;
}

function anyFinite(column: Float64Array, n: number): boolean {
  for (let i = 0; i < n; i++) if (Number.isFinite(column[i])) return true;
  return false;
}

/** The stream point of sample i, t seconds after the start. */
function streamPoint(
  track: TrackSamples,
  i: number,
  t: number,
  cum: Float64Array | null,
  factor: number,
): StreamPoint {
  const hr = track.hr[i]!;
  const rawCad = track.cad[i]!;
  const ele = track.ele[i]!;
  const point: StreamPoint = {
    t,
    d: cum === null ? null : Math.round(cum[i]!),
    alt: Number.isFinite(ele) ? Math.round(ele * 10) / 10 : null,
    hr: Number.isFinite(hr) && hr >= MIN_HR && hr <= MAX_HR ? Math.round(hr) : null,
    cad: Number.isFinite(rawCad) && rawCad >= 0 ? Math.round(rawCad * factor) : null,
  };
  // Only kept points carry a position (for the route drawing); a point without a fix has none.
  const lat = track.lat[i]!;
  const lon = track.lon[i]!;
  if (isValidLatLon(lat, lon)) {
    point.lat = roundDegrees(lat);
    point.lon = roundDegrees(lon);
  }
  return point;
}

/**
 * Summarises a track. Its phases are functions of their own: each is optimised on its own, and a
 * phase a file takes for the first time (device distances after GPS tracks, say) does not throw
 * away the optimised code of the rest.
 */
export function summarizeTrack(track: TrackSamples, sport: Sport): TrackSummary {
  const n = track.length;
  const hasDeviceDistance = anyFinite(track.dist, n);
  const hasPosition = anyFinite(track.lat, n);
  const cum = new Float64Array(n);
  const total = hasDeviceDistance
    ? deviceDistance(track, n, cum)
    : hasPosition
      ? positionDistance(track, n, cum)
      : 0;
  const hasDistance = hasDeviceDistance || hasPosition;
  const distances = hasDistance ? cum : null;

  const factor = cadenceFactor(sport, track.cad, n);
  // The 10 s stream is picked as the points go (the points downsampleStream would keep), so a
  // 1 Hz hour makes a few hundred point objects instead of 3,600.
  const stream: StreamPoint[] = [];
  let timedCount = 0;
  let nextStreamT = -Infinity;
  let lastIncluded = -1;
  let lastIncludedT = 0;
  let lastKept = -1;
  let startMs: number | null = null;
  let lastMs = -Infinity;
  let lastIdx = -1;
  let timeBackwards = 0;
  let implausibleHr = 0;
  let paused = 0;
  let stillRun = 0;
  let segmentBreak = false;
  let hrSum = 0;
  let hrCount = 0;
  let maxHr = -1;
  let cadSum = 0;
  let cadCount = 0;

  for (let i = 0; i < n; i++) {
    if (track.newSegment[i] === 1 && i > 0) segmentBreak = true;
    const hr = track.hr[i]!;
    const hrOk = Number.isFinite(hr) && hr >= MIN_HR && hr <= MAX_HR;
    if (Number.isFinite(hr) && !hrOk) implausibleHr++;
    const t = track.timeMs[i]!;
    if (!Number.isFinite(t)) continue;
    if (t < lastMs) {
      timeBackwards++;
      continue;
    }
    if (startMs === null) startMs = t;
    else {
      const dt = (t - lastMs) / 1000;
      if (segmentBreak || dt > PAUSE_GAP_S) {
        paused += dt;
        if (stillRun > STILL_MIN_S) paused += stillRun;
        stillRun = 0;
      } else if (hasDistance && dt > 0) {
        const speed = (cum[i]! - cum[lastIdx]!) / dt;
        if (speed < STILL_SPEED_MPS) stillRun += dt;
        else {
          if (stillRun > STILL_MIN_S) paused += stillRun;
          stillRun = 0;
        }
      }
    }
    segmentBreak = false;
    lastMs = t;
    lastIdx = i;

    if (hrOk) {
      hrSum += hr;
      hrCount++;
      if (hr > maxHr) maxHr = hr;
    }
    const rawCad = track.cad[i]!;
    const cad = Number.isFinite(rawCad) && rawCad >= 0 ? Math.round(rawCad * factor) : null;
    if (cad !== null && cad > 0) {
      cadSum += cad;
      cadCount++;
    }
    const pointT = Math.round((t - startMs) / 1000);
    timedCount++;
    lastIncluded = i;
    lastIncludedT = pointT;
    if (pointT >= nextStreamT) {
      nextStreamT = pointT + STREAM_STEP_S;
      stream.push(streamPoint(track, i, pointT, distances, factor));
      lastKept = i;
    }
  }
  // The last timed point always ends the stream, so totals survive the downsampling.
  if (lastIncluded !== -1 && lastIncluded !== lastKept)
    stream.push(streamPoint(track, lastIncluded, lastIncludedT, distances, factor));
  if (stillRun > STILL_MIN_S) paused += stillRun;

  const elapsed = startMs === null ? 0 : (lastMs - startMs) / 1000;
  const { gainM, lossM } = elevationGainLoss(track.ele.subarray(0, n)); // it skips NaN samples
  return {
    pointCount: n,
    timedCount,
    startMs,
    elapsedS: Math.round(elapsed),
    movingS: Math.round(Math.max(0, elapsed - paused)),
    distanceM: total,
    hasPosition,
    hasDeviceDistance,
    elevationGainM: gainM,
    elevationLossM: lossM,
    avgHr: hrCount > 0 ? Math.round(hrSum / hrCount) : null,
    maxHr: hrCount > 0 ? Math.round(maxHr) : null,
    avgCadence: cadCount > 0 ? Math.round(cadSum / cadCount) : null,
    stream,
    timeBackwards,
    implausibleHr,
  };
}
