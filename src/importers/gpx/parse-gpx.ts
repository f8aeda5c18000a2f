import type { ImportIssue, ParseResult, Sport } from "../../core/activity.js";
import { sportFromName } from "../common/index.js";
import { decodeXmlBytes } from "../xml/index.js";
import { readGpx } from "./read-gpx.js";
import type { GpxDocument } from "./read-gpx.js";
import { readGpxBytes } from "./read-gpx-bytes.js";
import { summarizeTrack, trackActivity } from "./track-summary.js";

export interface GpxParseOptions {
  /** Used only in messages. */
  fileName?: string;
}

/**
 * Strava's GPX export writes <type> as a number for some accounts; 9 (run) and 1 (ride) are the
 * values seen in Strava-written files (e.g. "Evening Run" with <type>9</type>). Other numbers
 * fall back to the track name.
 */
const STRAVA_NUMERIC_TYPES: Readonly<Record<string, string>> = { "1": "ride", "9": "running" };

/** Words in default track names ("Friday Evening Run", "Morning Ride") that name the sport. */
const NAME_HINTS: readonly [RegExp, Sport][] = [
  [/\btrail run/i, "trail_run"],
  [/\b(run|running|jog)\b/i, "run"],
  [/\b(ride|cycling|bike)\b/i, "ride"],
  [/\b(walk|walking)\b/i, "walk"],
  [/\b(hike|hiking)\b/i, "hike"],
  [/\b(swim|swimming)\b/i, "swim"],
  [/\b(row|rowing)\b/i, "row"],
];

function gpxSport(type: string | null, name: string | null): Sport {
  if (type !== null) {
    const sport = sportFromName(STRAVA_NUMERIC_TYPES[type] ?? type);
    if (sport !== "other") return sport;
  }
  if (name !== null) {
    for (const [re, sport] of NAME_HINTS) if (re.test(name)) return sport;
  }
  return "other";
}

/**
 * One GPX file gives at most one activity: all tracks and segments are joined in file order,
 * with no distance counted across a segment break and the break counted as paused time.
 *
 * Decisions:
 * - A file whose points carry no <time> at all yields no activity (GPX_NO_TIMES, error): an
 *   activity needs a start instant and durations. The message still states the track length.
 * - Points with missing, NaN, out-of-range or 0,0 coordinates are skipped (GPX_BAD_COORDINATES).
 * - A file with routes but no track is a planned route, not something done: GPX_ROUTE_ONLY.
 * - GPX times are UTC by the format's definition, so the local offset is unknown (null).
 * - A file cut short keeps the points read before the cut, with a warning.
 */
export function parseGpx(bytes: Uint8Array, opts: GpxParseOptions = {}): ParseResult {
  // The byte-level reader handles the usual well-formed UTF-8 file; it returns null for anything
  // else and the general scanner, which owns every rule about odd or hostile XML, reads it.
  const doc = readGpxBytes(bytes) ?? readGpx(decodeXmlBytes(bytes));
  return activityFromDocument(doc, opts);
}

export function parseGpxText(text: string, opts: GpxParseOptions = {}): ParseResult {
  return activityFromDocument(readGpx(text), opts);
}

function activityFromDocument(doc: GpxDocument, opts: GpxParseOptions): ParseResult {
  const say = (message: string): string =>
    opts.fileName !== undefined
      ? `${opts.fileName}: ${message}`
      : message.charAt(0).toUpperCase() + message.slice(1);
  const issues: ImportIssue[] = [];
  const scanErrors = doc.issues.filter((i) => i.severity === "error");
  const structural = doc.issues.filter((i) => i.severity === "warning");
  issues.push(...structural);

  if (doc.rootName !== null && doc.rootName !== "gpx") {
    issues.push(...scanErrors);
    issues.push({
      code: "GPX_NOT_GPX",
      message: say(`the root element is <${doc.rootName}>, not <gpx>.`),
      severity: "error",
    });
    return { activities: [], issues };
  }
  if (doc.badCoordinates > 0) {
    issues.push({
      code: "GPX_BAD_COORDINATES",
      message: say(
        `${doc.badCoordinates} track point(s) had missing or impossible coordinates and were skipped.`,
      ),
      at: `trkpt #${doc.firstBadCoordinateAt}`,
      severity: "warning",
    });
  }

  const track = doc.track;
  const failWith = (code: string, message: string): ParseResult => {
    // A scan error explains an empty result better than anything derived from it.
    if (scanErrors.length > 0) issues.push(...scanErrors);
    else issues.push({ code, message: say(message), severity: "error" });
    return { activities: [], issues };
  };

  if (track.length === 0) {
    if (doc.rawTrackPoints === 0 && doc.routePoints > 0) {
      return failWith(
        "GPX_ROUTE_ONLY",
        `the file holds a planned route (${doc.routePoints} route points) and no recorded track, so there is no activity in it.`,
      );
    }
    return failWith(
      "GPX_NO_POINTS",
      doc.rawTrackPoints > 0
        ? `none of the ${doc.rawTrackPoints} track points has usable coordinates.`
        : `the file holds no track points${doc.waypoints > 0 ? ` (only ${doc.waypoints} waypoint(s))` : ""}.`,
    );
  }

  const sport = gpxSport(doc.type, doc.name);
  const summary = summarizeTrack(track, sport);
  if (summary.startMs === null) {
    return failWith(
      "GPX_NO_TIMES",
      `the track (${track.length} points, ${(summary.distanceM / 1000).toFixed(2)} km) has no timestamps, so it cannot be placed in the training history.`,
    );
  }
  // The scan stopped early but points were read: keep them and say so.
  for (const e of scanErrors) issues.push({ ...e, severity: "warning" });

  const untimed = summary.pointCount - summary.timedCount - summary.timeBackwards;
  if (untimed > 0) {
    issues.push({
      code: "GPX_POINTS_WITHOUT_TIME",
      message: say(`${untimed} track point(s) had no time; they count for distance only.`),
      severity: "warning",
    });
  }
  if (summary.timeBackwards > 0) {
    issues.push({
      code: "GPX_TIME_NOT_INCREASING",
      message: say(
        `${summary.timeBackwards} track point(s) went back in time; they count for distance only.`,
      ),
      severity: "warning",
    });
  }
  if (summary.implausibleHr > 0) {
    issues.push({
      code: "GPX_BAD_HEART_RATE",
      message: say(`${summary.implausibleHr} heart-rate value(s) outside 25-250 bpm were ignored.`),
      severity: "warning",
    });
  }

  const activity = trackActivity(summary, {
    sport,
    startMs: summary.startMs,
    utcOffsetMin: null,
    movingS: summary.movingS,
    elapsedS: summary.elapsedS,
    stream: summary.stream,
    device: doc.creator !== null && doc.creator.trim() !== "" ? doc.creator.trim() : null,
    name: doc.name,
    source: "gpx",
  });
  return { activities: [activity], issues };
}
