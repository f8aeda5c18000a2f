import type { ImportIssue, ImportedActivity, ParseResult, Sport } from "../../core/activity.js";
import { isValidLatLon, sportFromName } from "../common/index.js";
import { addSample, emptyTrack, summarizeTrack, trackActivity } from "../gpx/track-summary.js";
import type { TrackSamples } from "../gpx/track-summary.js";
import { decodeXmlBytes, parseXsdDateTime, scanXml } from "../xml/index.js";
import type { XmlAttributes } from "../xml/index.js";

export interface KmlParseOptions {
  /** Used only in messages. */
  fileName?: string;
}

/**
 * KML tracks as OpenTracks and Google (My Tracks, Earth) write them: KML 2.2 with Google's gx
 * extension (https://developers.google.com/kml/documentation/kmlreference#gxtrack).
 *
 * - Each Placemark holding a <gx:Track> or <gx:MultiTrack> is one activity (KML 2.3, which
 *   OpenTracks writes, has the same elements without the gx: prefix; names are read without it).
 *   A Track lists <when> instants and as many <coord> ("lon lat alt", spaces), matched in order
 *   whether grouped (Google) or interleaved (OpenTracks); an empty <coord/> is a point without a
 *   fix. The tracks of a MultiTrack are segments (the recorder was paused between them).
 *   Per-point sensor values come as <SimpleArrayData name="heartrate"> (OpenTracks; Google's My
 *   Tracks wrote "heart_rate") in the track's ExtendedData, one <value> per point.
 * - A Placemark with only a <LineString> has coordinates ("lon,lat[,alt]" tuples) but no times. It
 *   is an activity only when the placemark dates it with a <TimeSpan> (begin, end) or <TimeStamp>;
 *   otherwise KML_NO_TIMES says so rather than invent a start.
 * - The sport comes from ExtendedData (OpenTracks writes <Data name="type"> with its activity
 *   type), else from words in the placemark's name or description, else "other".
 * - Times written with "Z" are UTC, like GPX, and leave the local offset unknown; a time written
 *   with its own offset ("2024-05-01T07:30:00+02:00") gives it.
 */
export function parseKml(bytes: Uint8Array, opts: KmlParseOptions = {}): ParseResult {
  return parseKmlText(decodeXmlBytes(bytes), opts);
}

interface RawPlacemark {
  name: string | null;
  description: string | null;
  type: string | null;
  /** Segments of timed points: whens and coords in document order, matched by index. */
  tracks: { whens: string[]; coords: string[]; hr: string[]; cad: string[] }[];
  /** LineString coordinate texts. */
  lines: string[];
  timeBegin: string | null;
  timeEnd: string | null;
  timeStamp: string | null;
}

/** OpenTracks writes its activity type's id as "activityType" and the same in the phone's language as "type". */
const TYPE_DATA_NAMES = new Set(["type", "activitytype", "activity_type", "activity", "category", "sport"]);
const STABLE_TYPE_NAMES = new Set(["activitytype", "activity_type"]);
const HR_ARRAY_NAMES = new Set(["heart_rate", "heartrate", "hr", "heart rate"]);
const CAD_ARRAY_NAMES = new Set(["cadence", "cad"]);

/** Words in names and descriptions (and OpenTracks' localised types) that name the sport. */
const WORD_HINTS: readonly [RegExp, Sport][] = [
  [/\btrail ?run/i, "trail_run"],
  [/\btreadmill\b/i, "treadmill"],
  [/\b(run|running|jog|jogging)\b/i, "run"],
  [/\b(ride|cycling|bike|biking|bicycle|mtb)\b/i, "ride"],
  [/\b(walk|walking)\b/i, "walk"],
  [/\b(hike|hiking)\b/i, "hike"],
  [/\b(swim|swimming)\b/i, "swim"],
  [/\b(row|rowing|kayak|canoe)\b/i, "row"],
];

function kmlSport(p: RawPlacemark): Sport {
  if (p.type !== null) {
    const sport = sportFromName(p.type);
    if (sport !== "other") return sport;
  }
  for (const text of [p.type, p.name, p.description]) {
    if (text === null) continue;
    for (const [re, sport] of WORD_HINTS) if (re.test(text)) return sport;
  }
  return "other";
}

function emptyPlacemark(): RawPlacemark {
  return { name: null, description: null, type: null, tracks: [], lines: [], timeBegin: null, timeEnd: null, timeStamp: null };
}

interface KmlDocument {
  rootName: string | null;
  placemarks: RawPlacemark[];
  opentracks: boolean;
  issues: ImportIssue[];
}

function readKml(text: string): KmlDocument {
  const placemarks: RawPlacemark[] = [];
  const path: string[] = [];
  let rootName: string | null = null;
  let opentracks = false;
  let pm: RawPlacemark | null = null;
  let track: RawPlacemark["tracks"][number] | null = null;
  let dataName: string | null = null;
  let arrayName: string | null = null;
  let buf = "";
  const parent = (up = 1): string => path[path.length - 1 - up] ?? "";

  const scan = scanXml(text, {
    open(name: string, attrs: XmlAttributes) {
      if (rootName === null) {
        rootName = name;
        opentracks = Object.entries(attrs).some(([k, v]) => k.startsWith("xmlns") && /opentracks/i.test(v));
      }
      path.push(name);
      buf = "";
      if (name === "Placemark") pm = emptyPlacemark();
      else if (pm === null) return;
      else if (name === "Track") {
        track = { whens: [], coords: [], hr: [], cad: [] };
        pm.tracks.push(track);
      } else if (name === "Data") dataName = (attrs.name ?? "").toLowerCase();
      else if (name === "SimpleData") dataName = (attrs.name ?? "").toLowerCase();
      else if (name === "SimpleArrayData") arrayName = (attrs.name ?? "").toLowerCase();
    },
    text(t: string) {
      buf += t;
    },
    close(name: string) {
      const value = buf.trim();
      buf = "";
      path.pop();
      if (pm === null) return;
      const p: RawPlacemark = pm;
      const up = parent(0);
      switch (name) {
        case "Placemark":
          placemarks.push(p);
          pm = null;
          track = null;
          break;
        case "Track":
          track = null;
          break;
        case "when":
          if (up === "Track" && track !== null) track.whens.push(value);
          else if (up === "TimeStamp") p.timeStamp = value;
          break;
        case "coord":
          if (up === "Track" && track !== null) track.coords.push(value);
          break;
        case "value":
          if (up === "Data" && dataName !== null && TYPE_DATA_NAMES.has(dataName) && value !== "") {
            if (STABLE_TYPE_NAMES.has(dataName)) p.type = value;
            else p.type ??= value;
          }
          else if (up === "SimpleArrayData" && track !== null && arrayName !== null) {
            if (HR_ARRAY_NAMES.has(arrayName)) track.hr.push(value);
            else if (CAD_ARRAY_NAMES.has(arrayName)) track.cad.push(value);
          }
          break;
        case "SimpleData":
          if (dataName !== null && TYPE_DATA_NAMES.has(dataName) && value !== "") p.type ??= value;
          dataName = null;
          break;
        case "Data":
          dataName = null;
          break;
        case "SimpleArrayData":
          arrayName = null;
          break;
        case "coordinates":
          if (up === "LineString") p.lines.push(value);
          break;
        case "begin":
          if (up === "TimeSpan") p.timeBegin = value;
          break;
        case "end":
          if (up === "TimeSpan") p.timeEnd = value;
          break;
        case "name":
          if (up === "Placemark") p.name = value === "" ? null : value;
          break;
        case "description":
          if (up === "Placemark") p.description = value === "" ? null : value;
          break;
        case "type":
          // OpenTracks also writes the activity type as an element of its own namespace.
          if (value !== "") p.type ??= value;
          break;
      }
    },
  });
  return { rootName, placemarks, opentracks, issues: scan.issues };
}

const num = (s: string | undefined): number => {
  if (s === undefined || s.trim() === "") return NaN;
  const v = Number(s);
  return Number.isFinite(v) ? v : NaN;
};

interface Built {
  track: TrackSamples;
  bad: number;
  /** The first explicit offset among the times, when any was written. */
  offsetMin: number | null;
  mismatched: number;
}

function buildTimedTrack(p: RawPlacemark): Built {
  const track = emptyTrack(256);
  let bad = 0;
  let mismatched = 0;
  let offsetMin: number | null = null;
  let offsetSeen = false;
  for (const seg of p.tracks) {
    if (seg.whens.length !== seg.coords.length) mismatched++;
    let first = true;
    for (let i = 0; i < seg.coords.length; i++) {
      const parts = seg.coords[i]!.split(/\s+/);
      const lon = num(parts[0]);
      const lat = num(parts[1]);
      const when = seg.whens[i];
      const t = when === undefined ? null : parseXsdDateTime(when);
      if (!offsetSeen && t !== null) {
        offsetSeen = true;
        offsetMin = t.offsetMin === 0 ? null : t.offsetMin;
      }
      const hasPos = Number.isFinite(lat) && Number.isFinite(lon) && isValidLatLon(lat, lon);
      // OpenTracks writes an empty <gx:coord/> for a point without a fix (paused, indoors).
      if (!hasPos && seg.coords[i]!.trim() !== "") bad++;
      addSample(
        track,
        hasPos ? lat : NaN,
        hasPos ? lon : NaN,
        hasPos ? num(parts[2]) : NaN,
        t === null ? NaN : t.ms,
        num(seg.hr[i]),
        num(seg.cad[i]),
        NaN,
        first,
      );
      first = false;
    }
  }
  return { track, bad, offsetMin, mismatched };
}

function buildLineTrack(p: RawPlacemark): { track: TrackSamples; bad: number } {
  const track = emptyTrack(256);
  let bad = 0;
  for (const line of p.lines) {
    let first = true;
    for (const tuple of line.split(/\s+/)) {
      if (tuple === "") continue;
      const parts = tuple.split(",");
      const lon = num(parts[0]);
      const lat = num(parts[1]);
      if (!Number.isFinite(lat) || !Number.isFinite(lon) || !isValidLatLon(lat, lon)) {
        bad++;
        continue;
      }
      addSample(track, lat, lon, num(parts[2]), NaN, NaN, NaN, NaN, first);
      first = false;
    }
  }
  return { track, bad };
}

export function parseKmlText(text: string, opts: KmlParseOptions = {}): ParseResult {
  const say = (message: string): string =>
    opts.fileName !== undefined ? `${opts.fileName}: ${message}` : message.charAt(0).toUpperCase() + message.slice(1);
  const doc = readKml(text);
  const scanErrors = doc.issues.filter((i) => i.severity === "error");
  const issues: ImportIssue[] = doc.issues.filter((i) => i.severity === "warning");
  const activities: ImportedActivity[] = [];
  const fail = (code: string, message: string): ParseResult => {
    issues.push(...(scanErrors.length > 0 ? scanErrors : [{ code, message: say(message), severity: "error" as const }]));
    return { activities: [], issues };
  };
  if (doc.rootName !== null && doc.rootName !== "kml") {
    issues.push(...scanErrors);
    issues.push({ code: "KML_NOT_KML", message: say(`the root element is <${doc.rootName}>, not <kml>.`), severity: "error" });
    return { activities: [], issues };
  }

  const noTimes: string[] = [];
  let tracksSeen = 0;
  doc.placemarks.forEach((p, index) => {
    const label = p.name !== null ? `placemark "${p.name}"` : `placemark #${index + 1}`;
    const sport = kmlSport(p);
    let offsetMin: number | null = null;
    let track: TrackSamples;
    let bad: number;
    if (p.tracks.length > 0) {
      const built = buildTimedTrack(p);
      ({ track, bad, offsetMin } = built);
      if (built.mismatched > 0) {
        issues.push({
          code: "KML_TRACK_MISMATCH",
          message: say(`${label}: a gx:Track has a different number of <when> and <gx:coord> values; they were paired in order.`),
          severity: "warning",
        });
      }
    } else if (p.lines.length > 0) {
      ({ track, bad } = buildLineTrack(p));
    } else {
      return; // A point (start or end marker), a polygon: not a track.
    }
    tracksSeen++;
    if (bad > 0) {
      issues.push({ code: "KML_BAD_COORDINATES", message: say(`${label}: ${bad} point(s) had unreadable or impossible coordinates and were skipped.`), severity: "warning" });
    }
    const summary = summarizeTrack(track, sport);
    let startMs = summary.startMs;
    let elapsedS = summary.elapsedS;
    let movingS = summary.movingS;
    let stream = summary.stream;
    if (startMs === null) {
      // No time on any point: a TimeSpan or TimeStamp on the placemark may still date it.
      const begin = parseXsdDateTime(p.timeBegin ?? p.timeStamp ?? "");
      const end = parseXsdDateTime(p.timeEnd ?? "");
      if (begin === null) {
        noTimes.push(`${label} (${track.length} points, ${(summary.distanceM / 1000).toFixed(2)} km)`);
        return;
      }
      startMs = begin.ms;
      offsetMin = begin.offsetMin === 0 ? null : begin.offsetMin;
      elapsedS = end !== null && end.ms > begin.ms ? Math.round((end.ms - begin.ms) / 1000) : 0;
      movingS = elapsedS;
      // Distances without times: no stream to chart against time.
      stream = [];
    }
    activities.push(
      trackActivity(summary, {
        sport,
        startMs,
        utcOffsetMin: offsetMin,
        movingS,
        elapsedS,
        stream,
        device: doc.opentracks ? "OpenTracks" : null,
        name: p.name,
        source: "kml",
      }),
    );
  });

  if (activities.length === 0) {
    if (noTimes.length > 0) {
      return fail("KML_NO_TIMES", `${noTimes.join(", ")}: no timestamps and no TimeSpan or TimeStamp, so it cannot be placed in the training history.`);
    }
    return fail("KML_NO_TRACKS", tracksSeen === 0 ? "the file holds no track (no gx:Track and no LineString)." : "no track in the file has usable points.");
  }
  for (const e of scanErrors) issues.push({ ...e, severity: "warning" });
  if (noTimes.length > 0) {
    issues.push({ code: "KML_NO_TIMES", message: say(`${noTimes.join(", ")}: no timestamps, so it was left out.`), severity: "warning" });
  }
  return { activities, issues };
}
