import { isValidLatLon } from "../common/index.js";
import {
  EVENT_CLOSE,
  EVENT_OPEN,
  FastPathUnsupported,
  NameTable,
  XmlByteCursor,
  XsdTimeReader,
  isUtf8Xml,
  parseFloatAt,
  textAt,
} from "../xml/index.js";
import type { GpxDocument } from "./read-gpx.js";
import { emptyTrack } from "./track-summary.js";

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

/**
 * The byte-level twin of readGpx for well-formed UTF-8 GPX: the same document, field for field,
 * several times faster, or null when the file has anything the cursor does not read (see
 * XmlByteCursor), in which case readGpx must be used. Every rule below mirrors readGpx's visitor;
 * read-gpx-bytes.test.ts proves the two agree on the whole corpus and on edge cases.
 */
export function readGpxBytes(bytes: Uint8Array): GpxDocument | null {
  if (!isUtf8Xml(bytes)) return null;
  try {
    return read(bytes);
  } catch (e) {
    if (e instanceof FastPathUnsupported) return null;
    throw e;
  }
}

function read(bytes: Uint8Array): GpxDocument {
  const track = emptyTrack();
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
    track.lat.push(lat);
    track.lon.push(lon);
    track.ele.push(ele);
    track.timeMs.push(time);
    track.hr.push(hr);
    track.cad.push(cad);
    track.dist.push(NaN);
    track.newSegment.push(newSegment);
    newSegment = false;
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
          const s = cur.textStart;
          const e = cur.textEnd;
          if (code === TIME) time = times.ms(bytes, s, e);
          else if (code === ELE) ele = parseFloatAt(bytes, s, e);
          else if (code === HR) hr = parseFloatAt(bytes, s, e);
          else cad = parseFloatAt(bytes, s, e);
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
          doc.rawTrackPoints++;
          lat = floatAttr(LAT);
          lon = floatAttr(LON);
          pointValid = isValidLatLon(lat, lon);
          if (!pointValid) {
            doc.badCoordinates++;
            if (doc.firstBadCoordinateAt === -1) doc.firstBadCoordinateAt = doc.rawTrackPoints;
          }
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
      } else if (cur.code === TRK && cur.depth === trkDepth) {
        inTrk = false;
      }
    } else break;
  }
  doc.name ??= metadataName;
  return doc;
}
