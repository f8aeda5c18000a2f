import type { ImportIssue } from "../../core/activity.js";
import { isValidLatLon } from "../common/index.js";
import type { XmlAttributes, XmlVisitor } from "../xml/index.js";
import { scanXml } from "../xml/index.js";
import { parseXsdDateTime } from "../xml/index.js";
import { addSample, emptyTrack, trimTrack } from "./track-summary.js";
import type { TrackSamples } from "./track-summary.js";

/** What a GPX file holds, before any activity is built from it. */
export interface GpxDocument {
  rootName: string | null;
  /** The scanner got to the end of the file without a structural error. */
  complete: boolean;
  creator: string | null;
  version: string | null;
  /** First track's <name>, else the metadata <name>. */
  name: string | null;
  /** First track's <type> (Strava writes "running", "9", ...). */
  type: string | null;
  track: TrackSamples;
  /** Every <trkpt> seen, including ones skipped for bad coordinates. */
  rawTrackPoints: number;
  badCoordinates: number;
  firstBadCoordinateAt: number;
  routePoints: number;
  waypoints: number;
  issues: ImportIssue[];
}

/** Elements whose text the reader needs; everything else is skipped without copying. */
const POINT_FIELDS = new Set(["ele", "time", "hr", "heartrate", "cad", "cadence"]);

/**
 * Reads the track points of a GPX 1.0 or 1.1 document. Heart rate and cadence are taken from any
 * extension element named hr/heartrate or cad/cadence whatever its prefix (gpxtpx:, ns3:,
 * gpxdata:), because writers disagree on prefixes while the local names are stable.
 */
export function readGpx(text: string): GpxDocument {
  const track = emptyTrack();
  const doc: GpxDocument = {
    rootName: null,
    complete: false,
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

  const path: string[] = [];
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
  let capture: string | null = null;
  let buffer = "";

  const visitor: XmlVisitor = {
    open(name: string, attributes: XmlAttributes, selfClosing: boolean) {
      const depth = path.length;
      path.push(name);
      if (depth === 0) {
        doc.creator = attributes.creator ?? null;
        doc.version = attributes.version ?? null;
        return;
      }
      if (inPoint) {
        if (POINT_FIELDS.has(name)) {
          capture = name;
          buffer = "";
        }
        return;
      }
      switch (name) {
        case "trk":
          inTrk = true;
          trkDepth = depth;
          trackIndex++;
          newSegment = true;
          return;
        case "trkseg":
          newSegment = true;
          return;
        case "trkpt": {
          doc.rawTrackPoints++;
          lat = Number.parseFloat(attributes.lat ?? "");
          lon = Number.parseFloat(attributes.lon ?? "");
          pointValid = isValidLatLon(lat, lon);
          if (!pointValid) {
            doc.badCoordinates++;
            if (doc.firstBadCoordinateAt === -1) doc.firstBadCoordinateAt = doc.rawTrackPoints;
          }
          inPoint = !selfClosing;
          ele = NaN;
          time = NaN;
          hr = NaN;
          cad = NaN;
          if (selfClosing) finishPoint();
          return;
        }
        case "rtept":
          doc.routePoints++;
          return;
        case "wpt":
          if (depth === 1) doc.waypoints++;
          return;
        case "name":
        case "type": {
          const parent = path[depth - 1];
          const wanted =
            (inTrk && depth === trkDepth + 1 && trackIndex === 1) ||
            (name === "name" && parent === "metadata");
          if (wanted) {
            capture = name;
            buffer = "";
          }
          return;
        }
        default:
          return;
      }
    },
    text(t: string) {
      if (capture !== null) buffer += t;
    },
    close(name: string) {
      path.pop();
      if (capture === name) {
        capture = null;
        const value = buffer.trim();
        if (inPoint) {
          if (name === "ele") ele = Number.parseFloat(value);
          else if (name === "time") time = parseXsdDateTime(value)?.ms ?? NaN;
          else if (name === "hr" || name === "heartrate") hr = Number.parseFloat(value);
          else cad = Number.parseFloat(value);
        } else if (name === "name" && path[path.length - 1] === "metadata") {
          metadataName = value === "" ? null : value;
        } else if (name === "name") {
          doc.name = value === "" ? null : value;
        } else if (name === "type") {
          doc.type = value === "" ? null : value;
        }
        return;
      }
      if (name === "trkpt" && inPoint) {
        inPoint = false;
        finishPoint();
      } else if (name === "trk" && path.length === trkDepth) {
        inTrk = false;
      }
    },
  };

  function finishPoint(): void {
    if (!pointValid) return;
    addSample(track, lat, lon, ele, time, hr, cad, NaN, newSegment);
    newSegment = false;
  }

  const scan = scanXml(text, visitor);
  doc.rootName = scan.rootName;
  doc.complete = scan.complete;
  doc.issues.push(...scan.issues);
  doc.name ??= metadataName;
  trimTrack(track);
  return doc;
}
