import { isValidLatLon } from "../common/index.js";
import { addSamples, emptyTrack, trimTrack } from "../gpx/index.js";
import type { SampleColumns } from "../gpx/index.js";
import {
  EVENT_CLOSE,
  EVENT_OPEN,
  FastPathUnsupported,
  NameTable,
  SLOT_SKIP,
  TEMPLATE_REFUSE,
  TemplateSet,
  XmlByteCursor,
  tryFastPath,
  XsdTimeReader,
  isBlankAt,
  isXmlSpace,
  numberAt,
  parseXsdDateTime,
  textAt,
} from "../xml/index.js";
import type { PointRows, PointTemplate, TemplateRules } from "../xml/index.js";
import { addPoint, startLap } from "./read-tcx.js";
import type { TcxActivity, TcxDocument, TcxLap } from "./read-tcx.js";

// Structural elements (readTcx's switch) first; every other element may be a leaf.
const ROOT = 1;
const ACTIVITY = 2;
const COURSE = 3;
const LAP = 4;
const TRACK = 5;
const TRACKPOINT = 6;
const CREATOR = 7;
const POSITION = 8;
const LAST_STRUCTURAL = POSITION;
const TIME = 10;
const LATITUDE = 11;
const LONGITUDE = 12;
const ALTITUDE = 13;
const DISTANCE = 14;
const VALUE = 15;
const CADENCE = 16;
const RUN_CADENCE = 17;
const TOTAL_TIME = 18;
const AVG_RUN_CADENCE = 19;
const ID = 20;
const NAME = 21;
const HEART_RATE = 22;
const AVERAGE_HEART_RATE = 23;
const MAXIMUM_HEART_RATE = 24;

const NAMES = new NameTable({
  TrainingCenterDatabase: ROOT,
  Activity: ACTIVITY,
  Course: COURSE,
  Lap: LAP,
  Track: TRACK,
  Trackpoint: TRACKPOINT,
  Creator: CREATOR,
  Position: POSITION,
  Time: TIME,
  LatitudeDegrees: LATITUDE,
  LongitudeDegrees: LONGITUDE,
  AltitudeMeters: ALTITUDE,
  DistanceMeters: DISTANCE,
  Value: VALUE,
  Cadence: CADENCE,
  RunCadence: RUN_CADENCE,
  TotalTimeSeconds: TOTAL_TIME,
  AvgRunCadence: AVG_RUN_CADENCE,
  Id: ID,
  Name: NAME,
  HeartRateBpm: HEART_RATE,
  AverageHeartRateBpm: AVERAGE_HEART_RATE,
  MaximumHeartRateBpm: MAXIMUM_HEART_RATE,
});

/** Template field for a heart-rate Value (a Value elsewhere in a point is not read). */
const F_HR = 100;
/** Template flag: the point holds a Position element. */
const HAS_POSITION = 1;

/**
 * What a Trackpoint template may hold, as onLeaf reads a point: leaves fill their field, a
 * Position is noted, other elements are passed over, and any other structural element keeps
 * the point on the cursor.
 */
const TCX_POINT_RULES: TemplateRules = {
  element(code, parent, isLeaf) {
    if (code === POSITION) return SLOT_SKIP;
    if (code !== 0 && code <= LAST_STRUCTURAL) return TEMPLATE_REFUSE;
    if (!isLeaf) return SLOT_SKIP;
    switch (code) {
      case TIME:
      case LATITUDE:
      case LONGITUDE:
      case ALTITUDE:
      case DISTANCE:
      case CADENCE:
      case RUN_CADENCE:
        return code;
      case VALUE:
        return parent === HEART_RATE ? F_HR : SLOT_SKIP;
      default:
        return SLOT_SKIP;
    }
  },
  attribute: () => SLOT_SKIP,
  numeric: (field) => field !== TIME,
  columns: {
    count: 7,
    time: TIME,
    // Cadence and RunCadence share a column: the last in the point wins, as in pointField.
    of: (field) => TCX_COLUMNS.indexOf(field === RUN_CADENCE ? CADENCE : field),
  },
};
/** The columns of rows read by WebAssembly, in TCX_POINT_RULES.columns' order (readRows names them). */
const TCX_COLUMNS = [TIME, LATITUDE, LONGITUDE, ALTITUDE, DISTANCE, F_HR, CADENCE];
const TCX_FLAGS: ReadonlyMap<number, number> = new Map([[POSITION, HAS_POSITION]]);

const enc = new TextEncoder();
const SPORT = enc.encode("Sport");
const START_TIME = enc.encode("StartTime");

function finiteOrNull(v: number): number | null {
  return Number.isFinite(v) ? v : null;
}

/**
 * The byte-level twin of readTcx for well-formed UTF-8 TCX: the same document, or null when the
 * file has anything the cursor does not read (then readTcx must be used). The rules mirror
 * readTcx's visitor, where a "leaf" is an element outside readTcx's structural switch that holds
 * only text; read-tcx-bytes.test.ts proves both agree on the corpus and on edge cases.
 */
export function readTcxBytes(bytes: Uint8Array): TcxDocument | null {
  return tryFastPath(bytes, read);
}

function read(bytes: Uint8Array): TcxDocument {
  const doc: TcxDocument = {
    rootName: "TrainingCenterDatabase",
    complete: true,
    activities: [],
    courses: 0,
    issues: [],
  };
  const cur = new XmlByteCursor(bytes, NAMES);
  const times = new XsdTimeReader();
  const templates = new TemplateSet(NAMES, TCX_POINT_RULES, TCX_FLAGS);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let pointStart = -1;
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

  const attr = (name: Uint8Array): string | null =>
    cur.attribute(name) ? textAt(bytes, cur.valueStart, cur.valueEnd) : null;

  /** readTcx's badNumber(num(raw), raw). */
  const counted = (a: TcxActivity, s: number, e: number): number => {
    const v = numberAt(bytes, s, e);
    if (Number.isNaN(v) && !isBlankAt(bytes, s, e)) a.badValues++;
    return v;
  };

  /** A point's leaf, by its template field: the element code, or F_HR for a heart-rate Value. */
  function pointField(a: TcxActivity, field: number, s: number, e: number): void {
    switch (field) {
      case TIME:
        time = times.ms(bytes, s, e);
        if (Number.isNaN(time) && !isBlankAt(bytes, s, e)) a.badValues++;
        return;
      case LATITUDE:
        lat = numberAt(bytes, s, e);
        return;
      case LONGITUDE:
        lon = numberAt(bytes, s, e);
        return;
      case ALTITUDE:
        ele = counted(a, s, e);
        return;
      case DISTANCE:
        dist = counted(a, s, e);
        return;
      case F_HR:
        hr = counted(a, s, e);
        return;
      case CADENCE:
      case RUN_CADENCE:
        cad = counted(a, s, e);
        return;
      default:
        return;
    }
  }

  /**
   * Reads a point matched by a learned template exactly as the TRACKPOINT branch, onLeaf and
   * finishPoint would (templates are used only while an activity is open).
   */
  function readPoint(t: PointTemplate): void {
    const a = act;
    if (a === null) return;
    lat = lon = ele = time = hr = cad = dist = NaN;
    hadPosition = (t.flags & HAS_POSITION) !== 0;
    const fields = t.slotField;
    const values = t.slotValue;
    const valued = t.valued;
    for (let i = 0; i < valued.length; i++) {
      const k = valued[i]!;
      const f = fields[k]!;
      const v = values[k]!;
      // A plain decimal read while matching is what numberAt and counted would give.
      if (f !== TIME && v === v) {
        if (f === LATITUDE) lat = v;
        else if (f === LONGITUDE) lon = v;
        else if (f === ALTITUDE) ele = v;
        else if (f === DISTANCE) dist = v;
        else if (f === F_HR) hr = v;
        else cad = v;
        continue;
      }
      let s = t.slotStart[k]!;
      let e = t.slotEnd[k]!;
      while (s < e && isXmlSpace(bytes[s]!)) s++;
      while (e > s && isXmlSpace(bytes[e - 1]!)) e--;
      pointField(a, f, s, e);
    }
    finishPoint();
  }

  /** Reads points read by WebAssembly: the same as readPoint, from their columns. */
  let rowColumns: SampleColumns | null = null;
  /**
   * Reads points read by WebAssembly, the same as readPoint would one by one: the rows are
   * appended as they are, then a position is kept only where the point held a valid one (addPoint).
   */
  function readRows(rows: PointRows): void {
    const a = act;
    if (a === null) return;
    const cols = rows.columns;
    rowColumns ??= {
      timeMs: cols[0]!,
      lat: cols[1]!,
      lon: cols[2]!,
      ele: cols[3]!,
      dist: cols[4]!,
      hr: cols[5]!,
      cad: cols[6]!,
    };
    const track = a.track;
    const at = track.length;
    addSamples(track, rowColumns, 0, rows.count, newSegment);
    newSegment = false;
    const index = rows.templateIndex;
    const templates = rows.templates;
    const lat = track.lat;
    const lon = track.lon;
    for (let i = 0; i < rows.count; i++) {
      hadPosition = (templates[index[i]!]!.flags & HAS_POSITION) !== 0;
      if (hadPosition && isValidLatLon(lat[at + i]!, lon[at + i]!)) continue;
      if (hadPosition) a.badPositions++;
      lat[at + i] = NaN;
      lon[at + i] = NaN;
    }
  }

  /** Reads the points that follow for as long as they match a learned template. */
  function readTemplated(): void {
    const p = templates.readRun(bytes, view, cur.position, readPoint, readRows);
    if (p !== cur.position) cur.skipTo(p);
  }

  function onLeaf(a: TcxActivity, code: number, parent: number, s: number, e: number): void {
    if (inPoint) {
      pointField(a, code === VALUE ? (parent === HEART_RATE ? F_HR : SLOT_SKIP) : code, s, e);
      return;
    }
    if (lap !== null) {
      switch (code) {
        case TOTAL_TIME:
          if (parent === LAP) lap.totalTimeS = finiteOrNull(counted(a, s, e));
          return;
        case DISTANCE:
          if (parent === LAP) lap.distanceM = finiteOrNull(counted(a, s, e));
          return;
        case VALUE:
          if (parent === AVERAGE_HEART_RATE) lap.avgHr = finiteOrNull(numberAt(bytes, s, e));
          else if (parent === MAXIMUM_HEART_RATE) lap.maxHr = finiteOrNull(numberAt(bytes, s, e));
          return;
        case CADENCE:
          if (parent === LAP) lap.cadence = finiteOrNull(numberAt(bytes, s, e));
          return;
        case AVG_RUN_CADENCE:
          lap.cadence ??= finiteOrNull(numberAt(bytes, s, e));
          return;
        default:
          return;
      }
    }
    if (code === ID && parent === ACTIVITY) {
      const start = parseXsdDateTime(textAt(bytes, s, e));
      a.startMs = start?.ms ?? null;
      if (start !== null && start.offsetMin !== null && start.offsetMin !== 0)
        a.offsetMin = start.offsetMin;
    } else if (code === NAME && inCreator && parent === CREATOR) {
      const v = textAt(bytes, s, e).trim();
      a.device = v === "" ? null : v;
    }
  }

  function finishPoint(): void {
    if (act === null) return;
    addPoint(act, hadPosition, lat, lon, ele, time, hr, cad, dist, newSegment);
    newSegment = false;
  }

  for (;;) {
    if (act !== null && !inPoint && !templates.empty && cur.canSkip) readTemplated();
    const ev = cur.next();
    if (ev === EVENT_OPEN) {
      const code = cur.code;
      if (cur.depth === 0 && code !== ROOT) throw new FastPathUnsupported("not a TCX root");
      if (code === 0 || code > LAST_STRUCTURAL) {
        // readTcx captures text only while an activity is open.
        if (act === null) continue;
        const parent = cur.parentCode();
        if (cur.leaf()) onLeaf(act, code, parent, cur.textStart, cur.textEnd);
        continue;
      }
      switch (code) {
        case ACTIVITY:
          act = {
            sport: attr(SPORT),
            startMs: null,
            offsetMin: null,
            device: null,
            laps: [],
            // Room for the points left in the file (about 300 bytes each at 1 Hz), so the
            // columns seldom grow mid-file.
            track: emptyTrack(Math.min(Math.ceil((bytes.length - cur.position) / 300), 1 << 22)),
            badPositions: 0,
            badValues: 0,
          };
          doc.activities.push(act);
          break;
        case COURSE:
          doc.courses++;
          break;
        case LAP: {
          if (act === null) break;
          lap = startLap(act, attr(START_TIME) ?? "");
          break;
        }
        case TRACK:
          newSegment = true;
          break;
        case TRACKPOINT:
          inPoint = act !== null;
          pointStart = cur.tagStart;
          lat = lon = ele = time = hr = cad = dist = NaN;
          hadPosition = false;
          break;
        case CREATOR:
          inCreator = cur.parentCode() === ACTIVITY;
          break;
        case POSITION:
          if (inPoint) hadPosition = true;
          break;
        default:
          break;
      }
    } else if (ev === EVENT_CLOSE) {
      const code = cur.code;
      if (code === TRACKPOINT && inPoint) {
        inPoint = false;
        finishPoint();
        templates.learn(bytes, pointStart, cur.position);
      } else if (code === LAP) lap = null;
      else if (code === ACTIVITY) act = null;
      else if (code === CREATOR) inCreator = false;
    } else break;
  }
  for (const a of doc.activities) trimTrack(a.track);
  return doc;
}
