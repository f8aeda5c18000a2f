import { Buffer } from "node:buffer";
import type { ImportIssue, ImportedActivity, ParseResult, Sport, StreamPoint } from "../../core/activity.js";
import { parseGpxText } from "../gpx/index.js";
import { scanXml } from "../xml/index.js";
import type { XmlAttributes } from "../xml/index.js";
import { parseAppleDate } from "./apple-date.js";

/**
 * One Apple Health workout as an activity file of its own: the <Workout> element exactly as
 * export.xml wrote it, followed by the route GPX files it references (workout-routes/). The import
 * composes it while streaming the export, so each workout is hashed, parsed in a worker, kept
 * among the runner's originals and recognised on a second import like any other file, and its
 * route is merged into it instead of becoming a second activity.
 *
 * Layout (lengths in bytes, so that no text in a route can end its section early):
 *   <AppleHealthWorkout xmlns="urn:kneewise:apple-health-workout" workout="N">{N bytes}
 *   <Route path="/workout-routes/route_….gpx" bytes="M">{M bytes of GPX from <gpx on}</Route>
 *   <Route path="…" missing="why it was not read"/>
 *   </AppleHealthWorkout>
 */
export const APPLE_WORKOUT_ROOT = "AppleHealthWorkout";

export interface WorkoutRouteInput {
  path: string;
  /** The GPX file, or null when it could not be read (then `missing` says why). */
  gpx: Uint8Array | null;
  missing?: string;
}

const escapeAttr = (s: string): string => s.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");

export function composeWorkoutDocument(workoutXml: string, routes: readonly WorkoutRouteInput[]): Uint8Array {
  const workout = Buffer.from(workoutXml, "utf8");
  const parts: Buffer[] = [
    Buffer.from(`<?xml version="1.0" encoding="UTF-8"?>\n<${APPLE_WORKOUT_ROOT} xmlns="urn:kneewise:apple-health-workout" workout="${workout.length}">`),
    workout,
  ];
  for (const r of routes) {
    if (r.gpx === null) {
      parts.push(Buffer.from(`\n<Route path="${escapeAttr(r.path)}" missing="${escapeAttr(r.missing ?? "not read")}"/>`));
      continue;
    }
    const gpx = Buffer.from(r.gpx.buffer, r.gpx.byteOffset, r.gpx.byteLength);
    // From the <gpx element on: the route's own XML declaration cannot stand mid-document.
    const at = gpx.indexOf("<gpx");
    const body = at === -1 ? gpx : gpx.subarray(at);
    parts.push(Buffer.from(`\n<Route path="${escapeAttr(r.path)}" bytes="${body.length}">`), body, Buffer.from("</Route>"));
  }
  parts.push(Buffer.from(`\n</${APPLE_WORKOUT_ROOT}>\n`));
  const out = Buffer.concat(parts);
  return new Uint8Array(out.buffer, out.byteOffset, out.length);
}

/** HealthKit's activity types (HKWorkoutActivityType…) that kneewise tells apart; the rest are "other". */
const SPORTS: Readonly<Record<string, Sport>> = {
  Running: "run",
  Walking: "walk",
  Hiking: "hike",
  Cycling: "ride",
  HandCycling: "ride",
  Swimming: "swim",
  Rowing: "row",
  TraditionalStrengthTraining: "strength",
  FunctionalStrengthTraining: "strength",
};

export function appleSport(activityType: string | null, indoor: boolean): Sport {
  const name = (activityType ?? "").replace(/^HKWorkoutActivityType/, "");
  const sport = SPORTS[name] ?? "other";
  return sport === "run" && indoor ? "treadmill" : sport;
}

const METRES: Readonly<Record<string, number>> = { m: 1, km: 1000, mi: 1609.344, yd: 0.9144, ft: 0.3048, cm: 0.01 };
const SECONDS: Readonly<Record<string, number>> = { s: 1, sec: 1, min: 60, hr: 3600, h: 3600 };

/** "4500 cm", "45 m": HealthKit's quantity strings in metadata. */
function quantityMetres(text: string | undefined): number | null {
  const m = /^\s*([\d.]+)\s*([a-z]+)\s*$/i.exec(text ?? "");
  if (m === null) return null;
  const factor = METRES[m[2]!.toLowerCase()];
  const v = Number(m[1]) * (factor ?? NaN);
  return Number.isFinite(v) ? v : null;
}

const DISTANCE_TYPES = new Set([
  "HKQuantityTypeIdentifierDistanceWalkingRunning",
  "HKQuantityTypeIdentifierDistanceCycling",
  "HKQuantityTypeIdentifierDistanceSwimming",
  "HKQuantityTypeIdentifierDistanceWheelchair",
  "HKQuantityTypeIdentifierDistanceDownhillSnowSports",
  "HKQuantityTypeIdentifierDistanceRowing",
  "HKQuantityTypeIdentifierDistancePaddleSports",
  "HKQuantityTypeIdentifierDistanceSkatingSports",
  "HKQuantityTypeIdentifierDistanceCrossCountrySkiing",
]);

interface WorkoutFields {
  attrs: XmlAttributes;
  metadata: Map<string, string>;
  statistics: XmlAttributes[];
}

function readWorkout(xml: string): { fields: WorkoutFields | null; issues: ImportIssue[] } {
  let fields: WorkoutFields | null = null;
  let depth = 0;
  const scan = scanXml(xml, {
    open(name, attrs) {
      depth++;
      if (depth === 1 && name === "Workout") fields = { attrs, metadata: new Map(), statistics: [] };
      else if (depth === 2 && fields !== null) {
        const f: WorkoutFields = fields;
        if (name === "MetadataEntry" && attrs.key !== undefined) f.metadata.set(attrs.key, attrs.value ?? "");
        else if (name === "WorkoutStatistics") f.statistics.push(attrs);
      }
    },
    text() {},
    close() {
      depth--;
    },
  });
  return { fields, issues: scan.issues };
}

/** Sections of a composed document: the workout's text and its routes. */
function splitDocument(bytes: Uint8Array): { workout: string; routes: { path: string; gpx: string | null; missing: string | null }[] } | null {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const rootAt = buf.indexOf(`<${APPLE_WORKOUT_ROOT}`);
  if (rootAt === -1) return null;
  const rootEnd = buf.indexOf(">", rootAt);
  const len = /\bworkout="(\d+)"/.exec(buf.toString("utf8", rootAt, rootEnd));
  if (rootEnd === -1 || len === null) return null;
  const wStart = rootEnd + 1;
  const wEnd = wStart + Number(len[1]);
  if (wEnd > buf.length) return null;
  const routes: { path: string; gpx: string | null; missing: string | null }[] = [];
  let pos = wEnd;
  for (;;) {
    const at = buf.indexOf("<Route ", pos);
    if (at === -1) break;
    const end = buf.indexOf(">", at);
    if (end === -1) break;
    const tag = buf.toString("utf8", at, end + 1);
    const attr = (name: string): string | null => {
      const m = new RegExp(`\\b${name}="([^"]*)"`).exec(tag);
      return m === null ? null : m[1]!.replace(/&lt;/g, "<").replace(/&quot;/g, '"').replace(/&amp;/g, "&");
    };
    const size = attr("bytes");
    if (size === null) {
      routes.push({ path: attr("path") ?? "", gpx: null, missing: attr("missing") });
      pos = end + 1;
      continue;
    }
    const gEnd = end + 1 + Number(size);
    if (gEnd > buf.length) break;
    routes.push({ path: attr("path") ?? "", gpx: buf.toString("utf8", end + 1, gEnd), missing: null });
    pos = gEnd;
  }
  return { workout: buf.toString("utf8", wStart, wEnd), routes };
}

export interface AppleWorkoutParseOptions {
  fileName?: string;
}

/**
 * Reads a workout in both of the forms exports have used: totals as attributes of <Workout>
 * (totalDistance with totalDistanceUnit, duration with durationUnit; iOS before 16) and as
 * <WorkoutStatistics> children (sum of a distance type, average and maximum heart rate).
 * Apple's dates carry their offset ("2024-05-01 07:30:12 +0200"), so the local offset is known.
 * Active energy is read by neither form into the activity: kneewise has no place for it.
 */
export function parseAppleWorkout(bytes: Uint8Array, opts: AppleWorkoutParseOptions = {}): ParseResult {
  const say = (message: string): string =>
    opts.fileName !== undefined ? `${opts.fileName}: ${message}` : message.charAt(0).toUpperCase() + message.slice(1);
  const issues: ImportIssue[] = [];
  const fail = (code: string, message: string): ParseResult => ({ activities: [], issues: [...issues, { code, message: say(message), severity: "error" }] });
  const doc = splitDocument(bytes);
  if (doc === null) return fail("APPLE_WORKOUT_INVALID", "this is not a workout as kneewise reads them from an Apple Health export.");
  const { fields, issues: scanIssues } = readWorkout(doc.workout);
  const scanError = scanIssues.find((i) => i.severity === "error");
  if (fields === null || scanError !== undefined) {
    return fail("APPLE_WORKOUT_INVALID", `the workout element cannot be read${scanError !== undefined ? ` (${scanError.message})` : ""}.`);
  }
  const { attrs, metadata, statistics } = fields;
  const start = parseAppleDate(attrs.startDate ?? "");
  if (start === null) return fail("APPLE_WORKOUT_NO_DATE", `the workout has no readable startDate ("${attrs.startDate ?? ""}").`);
  const end = parseAppleDate(attrs.endDate ?? "");
  const indoor = metadata.get("HKIndoorWorkout") === "1";
  const sport = appleSport(attrs.workoutActivityType ?? null, indoor);

  // Totals: the statistics elements when present, the older attributes otherwise.
  let distanceM: number | null = null;
  let avgHr: number | null = null;
  let maxHr: number | null = null;
  for (const s of statistics) {
    const type = s.type ?? "";
    if (DISTANCE_TYPES.has(type)) {
      const v = Number(s.sum) * (METRES[s.unit ?? ""] ?? NaN);
      if (Number.isFinite(v) && v >= 0) distanceM = (distanceM ?? 0) + v;
    } else if (type === "HKQuantityTypeIdentifierHeartRate") {
      const avg = Number(s.average);
      const max = Number(s.maximum);
      if (Number.isFinite(avg) && avg >= 25 && avg <= 250) avgHr = Math.round(avg);
      if (Number.isFinite(max) && max >= 25 && max <= 250) maxHr = Math.round(max);
    }
  }
  if (distanceM === null && attrs.totalDistance !== undefined) {
    const v = Number(attrs.totalDistance) * (METRES[attrs.totalDistanceUnit ?? "km"] ?? NaN);
    if (Number.isFinite(v) && v >= 0) distanceM = v;
    else issues.push({ code: "APPLE_BAD_DISTANCE", message: say(`the distance "${attrs.totalDistance} ${attrs.totalDistanceUnit ?? ""}" cannot be read; it was left out.`), severity: "warning" });
  }
  const durationS = Number(attrs.duration) * (SECONDS[attrs.durationUnit ?? "min"] ?? NaN);
  const spanS = end !== null && end.ms >= start.ms ? (end.ms - start.ms) / 1000 : null;
  const elapsedS = Math.round(spanS ?? (Number.isFinite(durationS) ? durationS : 0));
  const movingS = Math.round(Number.isFinite(durationS) && durationS >= 0 ? Math.min(durationS, elapsedS > 0 ? elapsedS : durationS) : elapsedS);

  // The route: its samples become the stream; its distance stands in when the workout has none.
  let stream: StreamPoint[] = [];
  let routeGain: number | null = null;
  let routeLoss: number | null = null;
  let routeDistance: number | null = null;
  for (const r of doc.routes) {
    if (r.gpx === null) {
      issues.push({ code: "APPLE_ROUTE_MISSING", message: say(`its route ${r.path} was not read (${r.missing ?? "missing from the export"}).`), severity: "warning" });
      continue;
    }
    if (stream.length > 0) {
      issues.push({ code: "APPLE_EXTRA_ROUTE", message: say(`it references more than one route; ${r.path} was left out.`), severity: "warning" });
      continue;
    }
    const parsed = parseGpxText(r.gpx, { fileName: r.path });
    const route = parsed.activities[0];
    if (route === undefined) {
      const why = parsed.issues.find((i) => i.severity === "error");
      issues.push({ code: "APPLE_ROUTE_UNREADABLE", message: say(`its route ${r.path} could not be read${why !== undefined ? `: ${why.message}` : ""}.`), severity: "warning" });
      continue;
    }
    // The route starts when the GPS first had a fix, often a few seconds into the workout.
    const shift = Math.round((Date.parse(route.startUtc) - start.ms) / 1000);
    stream = route.stream.map((p) => ({ ...p, t: p.t + shift })).filter((p) => p.t >= 0);
    routeGain = route.elevationGainM;
    routeLoss = route.elevationLossM;
    routeDistance = route.distanceM;
  }
  const ascended = quantityMetres(metadata.get("HKElevationAscended"));
  const descended = quantityMetres(metadata.get("HKElevationDescended"));
  const device = (attrs.sourceName ?? "").trim();

  const activity: ImportedActivity = {
    sport,
    startUtc: new Date(start.ms).toISOString(),
    utcOffsetMin: start.offsetMin,
    movingS,
    elapsedS,
    distanceM: Math.round(distanceM ?? routeDistance ?? 0),
    elevationGainM: ascended !== null ? Math.round(ascended) : routeGain,
    elevationLossM: descended !== null ? Math.round(descended) : routeLoss,
    avgHr,
    maxHr,
    avgCadence: null,
    device: device === "" ? null : device,
    gear: null,
    name: null,
    perceivedExertion: null,
    indoor,
    laps: [],
    stream,
    source: "apple_health",
  };
  return { activities: [activity], issues };
}
