import { isValidLatLon } from "../common/index.js";
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
  isXmlSpace,
  XsdTimeReader,
  parseFloatAt,
  textAt,
} from "../xml/index.js";
import type { PointRows, PointTemplate, TemplateRules } from "../xml/index.js";
import type { GpxDocument } from "./read-gpx.js";
import { addSample, addSamples, emptyTrack, trimTrack } from "./track-summary.js";
import type { SampleColumns } from "./track-summary.js";

const GPX = 1;
const METADATA = 2;
const TRK = 3;
const TRKSEG = 4;
const TRKPT = 5;
const RTEPT = 6;
const WPT = 7;
const NAME = 8;
const TYPE = 9;
const ELE = 10;
const TIME = 11;
const HR = 12;
const CAD = 13;

const NAMES = new NameTable({
  gpx: GPX,
  metadata: METADATA,
  trk: TRK,
  trkseg: TRKSEG,
  trkpt: TRKPT,
  rtept: RTEPT,
  wpt: WPT,
  name: NAME,
  type: TYPE,
  ele: ELE,
  time: TIME,
  hr: HR,
  heartrate: HR,
  cad: CAD,
  cadence: CAD,
});

const enc = new TextEncoder();
const LAT = enc.encode("lat");
const LON = enc.encode("lon");
const CREATOR = enc.encode("creator");
const VERSION = enc.encode("version");

/** Template fields beside the element codes ELE..CAD: the point's own lat and lon attributes. */
const F_LAT = 100;
const F_LON = 101;

function sameBytes(bytes: Uint8Array, start: number, end: number, name: Uint8Array): boolean {
  if (end - start !== name.length) return false;
  for (let i = 0; i < name.length; i++) if (bytes[start + i] !== name[i]) return false;
  return true;
}

/**
 * What a trkpt template may hold, as the point branch below reads it: elements coded ELE..CAD
 * fill their field from their text (they must be leaves, or the cursor gives up), unknown
 * elements are passed over, and any known structural element keeps the point on the cursor.
 */
const GPX_POINT_RULES: TemplateRules = {
  element: (code, _parent, isLeaf) =>
    code >= ELE ? (isLeaf ? code : TEMPLATE_REFUSE) : code === 0 ? SLOT_SKIP : TEMPLATE_REFUSE,
  attribute: (bytes, start, end) =>
    sameBytes(bytes, start, end, LAT)
      ? F_LAT
      : sameBytes(bytes, start, end, LON)
        ? F_LON
        : SLOT_SKIP,
  numeric: (field) => field !== TIME,
  columns: {
    count: 6,
    time: TIME,
    of: (field) =>
      field === F_LAT ? 0 : field === F_LON ? 1 : field >= ELE && field <= CAD ? field - ELE + 2 : -1,
  },
};
/** The columns of rows read by WebAssembly, as GPX_POINT_RULES.columns numbers them. */
const C_LAT = 0;
const C_LON = 1;
const C_ELE = ELE - ELE + 2;
const C_TIME = TIME - ELE + 2;
const C_HR = HR - ELE + 2;
const C_CAD = CAD - ELE + 2;

/**
 * The byte-level twin of readGpx for well-formed UTF-8 GPX: the same document, field for field,
 * several times faster, or null when the file has anything the cursor does not read (see
 * XmlByteCursor), in which case readGpx must be used. Every rule below mirrors readGpx's visitor;
 * read-gpx-bytes.test.ts proves the two agree on the whole corpus and on edge cases.
 */
export function readGpxBytes(bytes: Uint8Array): GpxDocument | null {
  return tryFastPath(bytes, read);
}

function read(bytes: Uint8Array): GpxDocument {
  // Room for the points a file this size usually holds (about 200 bytes each at 1 Hz with heart
  // rate), so the columns seldom grow mid-file.
  const track = emptyTrack(Math.min(Math.ceil(bytes.length / 200), 1 << 22));
  const doc: GpxDocument = {
    rootName: "gpx",
    complete: true,
    creator: null,
    version: null,
    name: null,
    type: null,
    track,
    rawTrackPoints: 0,
    badCoordinates: 0,
    firstBadCoordinateAt: -1,
    routePoints: 0,
    waypoints: 0,
    issues: [],
  };
  const cur = new XmlByteCursor(bytes, NAMES);
  const times = new XsdTimeReader();
  const templates = new TemplateSet(NAMES, GPX_POINT_RULES);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let pointStart = -1;
  let metadataName: string | null = null;
  let inTrk = false;
  let trkDepth = -1;
  let trackIndex = 0;
  let newSegment = true;
  let inPoint = false;
  let pointValid = false;
  let lat = NaN;
  let lon = NaN;
  let ele = NaN;
  let time = NaN;
  let hr = NaN;
  let cad = NaN;

  const finishPoint = (): void => {
    if (!pointValid) return;
    addSample(track, lat, lon, ele, time, hr, cad, NaN, newSegment);
    newSegment = false;
  };
  const countPoint = (): void => {
    doc.rawTrackPoints++;
    pointValid = isValidLatLon(lat, lon);
    if (!pointValid) {
      doc.badCoordinates++;
      if (doc.firstBadCoordinateAt === -1) doc.firstBadCoordinateAt = doc.rawTrackPoints;
    }
  };
  /** A point field from its text, trimmed as the cursor trims a leaf. */
  const setField = (field: number, start: number, end: number): void => {
    let s = start;
    let e = end;
    while (s < e && isXmlSpace(bytes[s]!)) s++;
    while (e > s && isXmlSpace(bytes[e - 1]!)) e--;
    if (field === TIME) time = times.ms(bytes, s, e);
    else if (field === ELE) ele = parseFloatAt(bytes, s, e);
    else if (field === HR) hr = parseFloatAt(bytes, s, e);
    else if (field === CAD) cad = parseFloatAt(bytes, s, e);
  };
  /**
   * Reads a point matched by a learned template exactly as the TRKPT branch and the point fields
   * below would (attributes at the open tag, then fields in document order, the last of a kind
   * winning).
   */
  const readPoint = (t: PointTemplate): void => {
    const fields = t.slotField;
    const values = t.slotValue;
    const valued = t.valued;
    lat = lon = ele = time = hr = cad = NaN;
    for (let i = 0; i < valued.length; i++) {
      const k = valued[i]!;
      const f = fields[k]!;
      if (f === TIME) {
        setField(f, t.slotStart[k]!, t.slotEnd[k]!);
        continue;
      }
      // A plain decimal was read while matching; anything else is read as the cursor would.
      let v = values[k]!;
      if (v !== v) v = parseFloatAt(bytes, t.slotStart[k]!, t.slotEnd[k]!);
      if (f === F_LAT) lat = v;
      else if (f === F_LON) lon = v;
      else if (f === ELE) ele = v;
      else if (f === HR) hr = v;
      else cad = v;
    }
    countPoint();
    finishPoint();
  };
  let rowColumns: SampleColumns | null = null;
  /**
   * Reads points read by WebAssembly, the same as readPoint would one by one: points with valid
   * coordinates are appended a stretch at a time, the others only counted.
   */
  const readRows = (rows: PointRows): void => {
    const cols = rows.columns;
    rowColumns ??= {
      lat: cols[C_LAT]!,
      lon: cols[C_LON]!,
      ele: cols[C_ELE]!,
      timeMs: cols[C_TIME]!,
      hr: cols[C_HR]!,
      cad: cols[C_CAD]!,
      dist: null,
    };
    const cLat = rowColumns.lat;
    const cLon = rowColumns.lon;
    let from = 0;
    for (let i = 0; i < rows.count; i++) {
      lat = cLat[i]!;
      lon = cLon[i]!;
      countPoint();
      if (pointValid) continue;
      addSamples(track, rowColumns, from, i, newSegment);
      if (i > from) newSegment = false;
      from = i + 1;
    }
    addSamples(track, rowColumns, from, rows.count, newSegment);
    if (rows.count > from) newSegment = false;
  };
  /** Reads the points that follow for as long as they match a learned template. */
  const readTemplated = (): void => {
    const p = templates.readRun(bytes, view, cur.position, readPoint, readRows);
    if (p !== cur.position) cur.skipTo(p);
  };
  const attr = (name: Uint8Array): string | null =>
    cur.attribute(name) ? textAt(bytes, cur.valueStart, cur.valueEnd) : null;
  const floatAttr = (name: Uint8Array): number =>
    cur.attribute(name) ? parseFloatAt(bytes, cur.valueStart, cur.valueEnd) : NaN;
  const leafText = (): string | null => {
    if (!cur.leaf()) throw new FastPathUnsupported("elements inside a text field");
    const v = textAt(bytes, cur.textStart, cur.textEnd).trim();
    return v === "" ? null : v;
  };

  for (;;) {
    if (!inPoint && !templates.empty && cur.canSkip) readTemplated();
    const ev = cur.next();
    if (ev === EVENT_OPEN) {
      const code = cur.code;
      const depth = cur.depth;
      if (depth === 0) {
        if (code !== GPX) throw new FastPathUnsupported("not a gpx root");
        doc.creator = attr(CREATOR);
        doc.version = attr(VERSION);
        continue;
      }
      if (inPoint) {
        if (code >= ELE) {
          if (!cur.leaf()) throw new FastPathUnsupported("elements inside a point field");
          setField(code, cur.textStart, cur.textEnd);
        }
        continue;
      }
      switch (code) {
        case TRK:
          inTrk = true;
          trkDepth = depth;
          trackIndex++;
          newSegment = true;
          break;
        case TRKSEG:
          newSegment = true;
          break;
        case TRKPT:
          pointStart = cur.tagStart;
          lat = floatAttr(LAT);
          lon = floatAttr(LON);
          countPoint();
          inPoint = !cur.selfClosing;
          ele = time = hr = cad = NaN;
          if (cur.selfClosing) finishPoint();
          break;
        case RTEPT:
          doc.routePoints++;
          break;
        case WPT:
          if (depth === 1) doc.waypoints++;
          break;
        case NAME:
        case TYPE: {
          const parent = cur.parentCode();
          const wanted =
            (inTrk && depth === trkDepth + 1 && trackIndex === 1) ||
            (code === NAME && parent === METADATA);
          if (!wanted) break;
          const value = leafText();
          if (code === NAME && parent === METADATA) metadataName = value;
          else if (code === NAME) doc.name = value;
          else doc.type = value;
          break;
        }
        default:
          break;
      }
    } else if (ev === EVENT_CLOSE) {
      if (cur.code === TRKPT && inPoint) {
        inPoint = false;
        finishPoint();
        templates.learn(bytes, pointStart, cur.position);
      } else if (cur.code === TRK && cur.depth === trkDepth) {
        inTrk = false;
      }
    } else break;
  }
  doc.name ??= metadataName;
  trimTrack(track);
  return doc;
}
