import type { ImportIssue } from "../../core/activity.js";
import { isValidLatLon } from "../common/index.js";
import { addSample, emptyTrack, trimTrack } from "../gpx/index.js";
import type { TrackSamples } from "../gpx/index.js";
import type { XmlAttributes, XmlVisitor } from "../xml/index.js";
import { parseXsdDateTime, scanXml } from "../xml/index.js";

export interface TcxLap {
  startMs: number | null;
  totalTimeS: number | null;
  distanceM: number | null;
  avgHr: number | null;
  maxHr: number | null;
  /** Lap <Cadence> or LX AvgRunCadence, as written. */
  cadence: number | null;
}

export interface TcxActivity {
  sport: string | null;
  /** From <Id>. */
  startMs: number | null;
  /** Zone offset written in <Id> (or the first lap start), minutes; null for none or Z. */
  offsetMin: number | null;
  device: string | null;
  laps: TcxLap[];
  track: TrackSamples;
  /** Trackpoints whose Position was present but unusable. */
  badPositions: number;
  /** Values that were present but not numbers (e.g. "undefined"). */
  badValues: number;
}

export interface TcxDocument {
  rootName: string | null;
  complete: boolean;
  activities: TcxActivity[];
  courses: number;
  issues: ImportIssue[];
}

function num(value: string): number {
  const v = value.trim();
  return v === "" ? NaN : Number(v);
}

/**
 * Adds a Trackpoint to the activity's track. A point that held a Position keeps it only when it
 * is a valid one (the others are counted); a point without one has no position at all.
 */
export function addPoint(
  act: TcxActivity,
  hadPosition: boolean,
  lat: number,
  lon: number,
  ele: number,
  time: number,
  hr: number,
  cad: number,
  dist: number,
  newSegment: boolean,
): void {
  let pLat = NaN;
  let pLon = NaN;
  if (hadPosition) {
    if (isValidLatLon(lat, lon)) {
      pLat = lat;
      pLon = lon;
    } else act.badPositions++;
  }
  addSample(act.track, pLat, pLon, ele, time, hr, cad, dist, newSegment);
}

/**
 * Opens a lap of the activity from its StartTime attribute; a zone written there is the
 * activity's offset unless an earlier value gave one.
 */
export function startLap(act: TcxActivity, startTime: string): TcxLap {
  const start = parseXsdDateTime(startTime);
  const lap: TcxLap = {
    startMs: start?.ms ?? null,
    totalTimeS: null,
    distanceM: null,
    avgHr: null,
    maxHr: null,
    cadence: null,
  };
  if (
    act.offsetMin === null &&
    start !== null &&
    start.offsetMin !== null &&
    start.offsetMin !== 0
  ) {
    act.offsetMin = start.offsetMin;
  }
  act.laps.push(lap);
  return lap;
}

/**
 * Reads the Activities of a TCX (Training Center Database v2) document, including those nested in
 * a MultiSportSession. Each <Track> inside a lap is a segment: Garmin starts a new one after a
 * pause, so no distance or moving time is counted across it.
 */
export function readTcx(text: string): TcxDocument {
  const doc: TcxDocument = {
    rootName: null,
    complete: false,
    activities: [],
    courses: 0,
    issues: [],
  };
  const path: string[] = [];
  let act: TcxActivity | null = null;
  let lap: TcxLap | null = null;
  let inPoint = false;
  let inCreator = false;
  let newSegment = true;
  let lat = NaN;
  let lon = NaN;
  let ele = NaN;
  let time = NaN;
  let hr = NaN;
  let cad = NaN;
  let dist = NaN;
  let hadPosition = false;
  let buffer = "";
  let capturing = false;

  const badNumber = (v: number, raw: string): number => {
    if (Number.isNaN(v) && raw.trim() !== "" && act !== null) act.badValues++;
    return v;
  };

  const visitor: XmlVisitor = {
    open(name: string, attributes: XmlAttributes) {
      path.push(name);
      capturing = false;
      switch (name) {
        case "Activity":
          act = {
            sport: attributes.Sport ?? null,
            startMs: null,
            offsetMin: null,
            device: null,
            laps: [],
            track: emptyTrack(),
            badPositions: 0,
            badValues: 0,
          };
          doc.activities.push(act);
          return;
        case "Course":
          doc.courses++;
          return;
        case "Lap": {
          if (act === null) return;
          lap = startLap(act, attributes.StartTime ?? "");
          return;
        }
        case "Track":
          newSegment = true;
          return;
        case "Trackpoint":
          inPoint = act !== null;
          lat = lon = ele = time = hr = cad = dist = NaN;
          hadPosition = false;
          return;
        case "Creator":
          inCreator = path[path.length - 2] === "Activity";
          return;
        case "Position":
          if (inPoint) hadPosition = true;
          return;
        default:
          // Leaf elements: capture text only; which ones matter is decided on close.
          capturing = act !== null;
          buffer = "";
          return;
      }
    },
    text(t: string) {
      if (capturing) buffer += t;
    },
    close(name: string) {
      path.pop();
      const parent = path[path.length - 1];
      if (capturing) {
        capturing = false;
        onLeaf(name, parent, buffer);
        return;
      }
      if (name === "Trackpoint" && inPoint) {
        inPoint = false;
        finishPoint();
      } else if (name === "Lap") lap = null;
      else if (name === "Activity") act = null;
      else if (name === "Creator") inCreator = false;
    },
  };

  function onLeaf(name: string, parent: string | undefined, raw: string): void {
    const a = act;
    if (a === null) return;
    if (inPoint) {
      switch (name) {
        case "Time":
          time = parseXsdDateTime(raw)?.ms ?? NaN;
          if (Number.isNaN(time) && raw.trim() !== "") a.badValues++;
          return;
        case "LatitudeDegrees":
          lat = num(raw);
          return;
        case "LongitudeDegrees":
          lon = num(raw);
          return;
        case "AltitudeMeters":
          ele = badNumber(num(raw), raw);
          return;
        case "DistanceMeters":
          dist = badNumber(num(raw), raw);
          return;
        case "Value":
          if (parent === "HeartRateBpm") hr = badNumber(num(raw), raw);
          return;
        case "Cadence":
        case "RunCadence":
          cad = badNumber(num(raw), raw);
          return;
        default:
          return;
      }
    }
    if (lap !== null) {
      switch (name) {
        case "TotalTimeSeconds":
          if (parent === "Lap") lap.totalTimeS = finiteOrNull(badNumber(num(raw), raw));
          return;
        case "DistanceMeters":
          if (parent === "Lap") lap.distanceM = finiteOrNull(badNumber(num(raw), raw));
          return;
        case "Value":
          if (parent === "AverageHeartRateBpm") lap.avgHr = finiteOrNull(num(raw));
          else if (parent === "MaximumHeartRateBpm") lap.maxHr = finiteOrNull(num(raw));
          return;
        case "Cadence":
          if (parent === "Lap") lap.cadence = finiteOrNull(num(raw));
          return;
        case "AvgRunCadence":
          lap.cadence ??= finiteOrNull(num(raw));
          return;
        default:
          return;
      }
    }
    if (name === "Id" && parent === "Activity") {
      const start = parseXsdDateTime(raw);
      a.startMs = start?.ms ?? null;
      if (start !== null && start.offsetMin !== null && start.offsetMin !== 0)
        a.offsetMin = start.offsetMin;
    } else if (name === "Name" && inCreator && parent === "Creator") {
      const v = raw.trim();
      a.device = v === "" ? null : v;
    }
  }

  function finishPoint(): void {
    if (act === null) return;
    addPoint(act, hadPosition, lat, lon, ele, time, hr, cad, dist, newSegment);
    newSegment = false;
  }

  const scan = scanXml(text, visitor);
  doc.rootName = scan.rootName;
  doc.complete = scan.complete;
  doc.issues.push(...scan.issues);
  for (const a of doc.activities) trimTrack(a.track);
  return doc;
}

function finiteOrNull(v: number): number | null {
  return Number.isFinite(v) ? v : null;
}
