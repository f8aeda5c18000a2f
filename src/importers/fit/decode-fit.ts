import type { ImportIssue } from "../../core/activity.js";
import { numericBaseType, readNum, readString } from "./base-types.js";
import { fitCrc16 } from "./crc16.js";
import {
  ACTIVITY,
  DEVICE_INFO,
  FIELD_TIMESTAMP,
  FILE_ID,
  LAP,
  MESG_ACTIVITY,
  MESG_DEVICE_INFO,
  MESG_FILE_ID,
  MESG_LAP,
  MESG_RECORD,
  MESG_SESSION,
  MESG_SPORT,
  RECORD,
  SESSION,
  SPORT_MSG,
} from "./profile.js";
import { RecordColumns } from "./record-columns.js";
import { RecordRunReader } from "./record-runs.js";
import type { RunState } from "./record-runs.js";

/**
 * Low-level FIT decoding: bytes to the few messages kneewise needs, following the FIT protocol
 * (file header, definition and data messages, normal and compressed-timestamp record headers,
 * both byte orders, developer fields, chained files, CRC-16). Every definition message is compiled
 * once into a decode plan (byte offsets of the wanted fields); data messages are then read straight
 * from the bytes through that plan and everything else is skipped by size.
 */

export interface FitSession {
  /** Raw FIT date_time seconds of start_time (NaN when absent). */
  start: number;
  /** Raw timestamp of the session message (its end), NaN when absent. */
  end: number;
  sport: number;
  subSport: number;
  elapsedS: number;
  timerS: number;
  distanceM: number;
  avgHr: number;
  maxHr: number;
  /** avg_cadence plus avg_fractional_cadence, as recorded (rpm or strides/min). */
  avgCadence: number;
  ascentM: number;
  descentM: number;
}

export interface FitLap {
  start: number;
  end: number;
  elapsedS: number;
  timerS: number;
  distanceM: number;
}

/** One FIT file; a chained file holds several back to back. */
export interface FitPart {
  /** Byte offset of this part's header in the input. */
  offset: number;
  fileType: number;
  manufacturer: number;
  product: number;
  productName: string | null;
  /** The creator device (device_info with device_index 0), for files whose file_id names no product. */
  creatorManufacturer: number;
  creatorProduct: number;
  creatorProductName: string | null;
  /** From the sport message, used when there is no session. */
  sport: number;
  subSport: number;
  activityTimestamp: number;
  activityLocalTimestamp: number;
  sessions: FitSession[];
  laps: FitLap[];
  records: RecordColumns;
  /** Data messages decoded. */
  messages: number;
  /** Problems met in this part (severity is settled by the caller). */
  issues: ImportIssue[];
}

export interface FitDecoded {
  parts: FitPart[];
  /** Problems with the file as a whole (not FIT, empty, trailing bytes). */
  issues: ImportIssue[];
}

const K_SKIP = 0;
const K_RECORD = 1;
const K_SESSION = 2;
const K_LAP = 3;
const K_FILE_ID = 4;
const K_ACTIVITY = 5;
const K_SPORT = 6;
const K_DEVICE_INFO = 7;

// Channels read through a definition's plan into a scratch array; the timestamp is read for
// every message (compressed timestamps count from the last one), the others for records only.
const CH_TS = 0;
const CH_LAT = 1;
const CH_LON = 2;
const CH_ALT = 3;
const CH_ENH_ALT = 4;
const CH_HR = 5;
const CH_CAD = 6;
const CH_FRAC_CAD = 7;
const CH_DIST = 8;
const CH_SPEED = 9;
const CH_ENH_SPEED = 10;
const N_CH = 11;

const RECORD_CHANNEL: Readonly<Record<number, number>> = {
  [RECORD.positionLat]: CH_LAT,
  [RECORD.positionLong]: CH_LON,
  [RECORD.altitude]: CH_ALT,
  [RECORD.enhancedAltitude]: CH_ENH_ALT,
  [RECORD.heartRate]: CH_HR,
  [RECORD.cadence]: CH_CAD,
  [RECORD.fractionalCadence]: CH_FRAC_CAD,
  [RECORD.distance]: CH_DIST,
  [RECORD.speed]: CH_SPEED,
  [RECORD.enhancedSpeed]: CH_ENH_SPEED,
};

/** Numeric fields wanted from each non-record message kind; string fields separately. */
const WANTED: Readonly<Record<number, readonly number[]>> = {
  [K_SESSION]: Object.values(SESSION),
  [K_LAP]: Object.values(LAP),
  [K_FILE_ID]: [FILE_ID.type, FILE_ID.manufacturer, FILE_ID.product],
  [K_ACTIVITY]: [ACTIVITY.localTimestamp],
  [K_SPORT]: [SPORT_MSG.sport, SPORT_MSG.subSport],
  [K_DEVICE_INFO]: [DEVICE_INFO.deviceIndex, DEVICE_INFO.manufacturer, DEVICE_INFO.product],
};
const WANTED_STRING: Readonly<Record<number, number>> = {
  [K_FILE_ID]: FILE_ID.productName,
  [K_DEVICE_INFO]: DEVICE_INFO.productName,
};

interface LocalDef {
  kind: number;
  /** A record whose wanted fields are all integers: record-runs.ts may read its messages. */
  runnable: boolean;
  little: boolean;
  /** Bytes of one data message, developer fields included. */
  size: number;
  /**
   * The decode plan: for channel c, plan[2c] is its byte offset in the message (-1 when the
   * definition lacks it) and plan[2c + 1] its base type. A data message is then read with a few
   * fixed loads, no per-field loop and no scratch array.
   */
  plan: Int32Array;
  /** Byte offset of compressed_speed_distance in a record, or -1. */
  csdOff: number;
  /** Other kinds: triples (field number, offset, base type). */
  fields: Int32Array | null;
  strOff: number;
  strSize: number;
}

/** Base types record-runs.as.ts reads (floats and 64-bit integers are left to readNum). */
const INTEGER_TYPES = new Set([0, 1, 2, 3, 4, 5, 6, 10, 11, 12, 13]);

/** Channel c of the data message at pos through a definition's plan; NaN when absent or invalid. */
function channel(b: Uint8Array, plan: Int32Array, c: number, pos: number, little: boolean): number {
  const o = plan[c * 2]!;
  return o < 0 ? NaN : readNum(b, pos + o, plan[c * 2 + 1]!, little);
}

function kindOf(global: number): number {
  switch (global) {
    case MESG_RECORD:
      return K_RECORD;
    case MESG_SESSION:
      return K_SESSION;
    case MESG_LAP:
      return K_LAP;
    case MESG_FILE_ID:
      return K_FILE_ID;
    case MESG_ACTIVITY:
      return K_ACTIVITY;
    case MESG_SPORT:
      return K_SPORT;
    case MESG_DEVICE_INFO:
      return K_DEVICE_INFO;
    default:
      return K_SKIP;
  }
}

/** Compiles a definition message at `p` (the byte after its header); returns null when cut short. */
function compileDefinition(
  b: Uint8Array,
  p: number,
  end: number,
  hasDevFields: boolean,
): { def: LocalDef; next: number } | { error: string } {
  if (p + 5 > end) return { error: "truncated" };
  const arch = b[p + 1]!;
  if (arch > 1) return { error: `architecture byte ${arch} is neither 0 nor 1` };
  const little = arch === 0;
  const global = little ? b[p + 2]! | (b[p + 3]! << 8) : (b[p + 2]! << 8) | b[p + 3]!;
  const nFields = b[p + 4]!;
  let q = p + 5;
  if (q + nFields * 3 > end) return { error: "truncated" };
  const kind = kindOf(global);
  const def: LocalDef = {
    kind,
    runnable: false,
    little,
    size: 0,
    plan: new Int32Array(N_CH * 2).fill(-1),
    csdOff: -1,
    fields: null,
    strOff: -1,
    strSize: 0,
  };
  const isRecord = kind === K_RECORD;
  const wanted = WANTED[kind];
  const wantedString = WANTED_STRING[kind];
  const plan = def.plan;
  const triples: number[] = [];
  let off = 0;
  for (let i = 0; i < nFields; i++, q += 3) {
    const num = b[q]!;
    const size = b[q + 1]!;
    const btByte = b[q + 2]!;
    if (num === FIELD_TIMESTAMP) {
      const bt = numericBaseType(btByte, size);
      if (bt >= 0 && size >= 4) {
        plan[CH_TS * 2] = off;
        plan[CH_TS * 2 + 1] = bt;
      }
    } else if (isRecord) {
      if (num === RECORD.compressedSpeedDistance) {
        if (size >= 3) def.csdOff = off;
      } else {
        const ch = RECORD_CHANNEL[num];
        const bt = ch === undefined ? -1 : numericBaseType(btByte, size);
        if (ch !== undefined && bt >= 0) {
          plan[ch * 2] = off;
          plan[ch * 2 + 1] = bt;
        }
      }
    } else if (wanted !== undefined) {
      if (num === wantedString) {
        def.strOff = off;
        def.strSize = size;
      } else if (wanted.includes(num)) {
        const bt = numericBaseType(btByte, size);
        if (bt >= 0) triples.push(num, off, bt);
      }
    }
    off += size;
  }
  if (hasDevFields) {
    if (q + 1 > end) return { error: "truncated" };
    const nDev = b[q]!;
    q += 1;
    if (q + nDev * 3 > end) return { error: "truncated" };
    // Developer fields are never read: the definition gives each one's size, which is all that is
    // needed to skip it (field_description only matters for interpreting the values).
    for (let i = 0; i < nDev; i++, q += 3) off += b[q + 1]!;
  }
  def.size = off;
  def.fields = triples.length > 0 ? Int32Array.from(triples) : null;
  def.runnable = isRecord && plan.every((v, i) => i % 2 === 0 || plan[i - 1]! < 0 || INTEGER_TYPES.has(v));
  return { def, next: q };
}

/**
 * Compiled plans by the bytes of their definition message. Some writers (COROS) repeat the same
 * few definitions every few records; a repeat then costs a hash and a compare, not a compile.
 */
type DefinitionCache = Map<number, { start: number; len: number; def: LocalDef }[]>;

function hashBytes(b: Uint8Array, start: number, len: number): number {
  let h = 0x811c9dc5;
  for (let i = start; i < start + len; i++) h = Math.imul(h ^ b[i]!, 0x01000193);
  return h >>> 0;
}

/** Length of the definition message (header byte included) at p, or -1 when cut short. */
function definitionLength(b: Uint8Array, p: number, end: number): number {
  if (p + 6 > end) return -1;
  let len = 6 + b[p + 5]! * 3;
  if ((b[p]! & 0x20) !== 0) {
    if (p + len >= end) return -1;
    len += 1 + b[p + len]! * 3;
  }
  return p + len > end ? -1 : len;
}

function findCached(
  cache: DefinitionCache,
  b: Uint8Array,
  p: number,
  end: number,
): { def: LocalDef; len: number } | null {
  const len = definitionLength(b, p, end);
  if (len < 0) return null;
  const bucket = cache.get(hashBytes(b, p, len));
  if (bucket === undefined) return null;
  for (const e of bucket) {
    if (e.len !== len) continue;
    let same = true;
    for (let i = 0; i < len && same; i++) same = b[e.start + i] === b[p + i];
    if (same) return e;
  }
  return null;
}

function remember(
  cache: DefinitionCache,
  b: Uint8Array,
  p: number,
  len: number,
  def: LocalDef,
): void {
  const key = hashBytes(b, p, len);
  const bucket = cache.get(key);
  if (bucket === undefined) cache.set(key, [{ start: p, len, def }]);
  else if (bucket.length < 8) bucket.push({ start: p, len, def });
}

function readFields(b: Uint8Array, pos: number, def: LocalDef): Map<number, number> {
  const out = new Map<number, number>();
  const f = def.fields;
  if (f === null) return out;
  for (let i = 0; i < f.length; i += 3) {
    const v = readNum(b, pos + f[i + 1]!, f[i + 2]!, def.little);
    if (!Number.isNaN(v)) out.set(f[i]!, v);
  }
  return out;
}

const get = (m: Map<number, number>, k: number): number => m.get(k) ?? NaN;

function issue(code: string, message: string, at?: number | string): ImportIssue {
  return at === undefined
    ? { code, message, severity: "warning" }
    : { code, message, at: typeof at === "number" ? `byte ${at}` : at, severity: "warning" };
}

function newPart(offset: number, capacity: number): FitPart {
  return {
    offset,
    fileType: NaN,
    manufacturer: NaN,
    product: NaN,
    productName: null,
    creatorManufacturer: NaN,
    creatorProduct: NaN,
    creatorProductName: null,
    sport: NaN,
    subSport: NaN,
    activityTimestamp: NaN,
    activityLocalTimestamp: NaN,
    sessions: [],
    laps: [],
    records: new RecordColumns(capacity),
    messages: 0,
    issues: [],
  };
}

const SIGNATURE = [0x2e, 0x46, 0x49, 0x54]; // ".FIT"

function hasSignature(b: Uint8Array, p: number): boolean {
  for (let i = 0; i < 4; i++) if (b[p + 8 + i] !== SIGNATURE[i]) return false;
  return true;
}

/** True when the bytes at p could be the first bytes of a FIT header cut short. */
function looksLikeCutHeader(b: Uint8Array, p: number): boolean {
  const hs = b[p]!;
  if (hs !== 12 && hs !== 14) return false;
  for (let i = 8; i < 12 && p + i < b.length; i++) if (b[p + i] !== SIGNATURE[i - 8]) return false;
  return true;
}

/** Decodes every FIT file in `b` (one, or several chained back to back). Never throws. */
export function decodeFit(b: Uint8Array): FitDecoded {
  const parts: FitPart[] = [];
  const issues: ImportIssue[] = [];
  if (b.length === 0) {
    issues.push(issue("EMPTY_FILE", "The file is empty."));
    return { parts, issues };
  }
  let p = 0;
  while (p < b.length) {
    const first = parts.length === 0;
    const remaining = b.length - p;
    if (remaining < 12 || b[p]! < 12 || !hasSignature(b, p)) {
      if (first) {
        if (remaining < 12 && looksLikeCutHeader(b, p)) {
          issues.push(
            issue("FIT_TRUNCATED", `The file ends inside its ${b[p]}-byte FIT header.`, p),
          );
        } else {
          issues.push(
            issue("FIT_NOT_FIT", 'This is not a FIT file: the header has no ".FIT" signature.', 0),
          );
        }
      } else {
        issues.push(
          issue("FIT_TRAILING_DATA", `${remaining} bytes after the last FIT file were ignored.`, p),
        );
      }
      break;
    }
    const result = decodePart(b, p);
    parts.push(result.part);
    if (result.next < 0) break;
    p = result.next;
  }
  return { parts, issues };
}

/** Decodes the FIT file whose header starts at p; `next` is where a chained file would start, or -1. */
function decodePart(b: Uint8Array, p: number): { part: FitPart; next: number } {
  const hs = b[p]!;
  const declared = (b[p + 4]! | (b[p + 5]! << 8) | (b[p + 6]! << 16) | (b[p + 7]! << 24)) >>> 0;
  // One row per 20 bytes covers the usual records (a 1 Hz run's are 24 bytes with their header)
  // without regrowing the columns mid-file.
  const part = newPart(p, Math.min(declared, b.length - p) / 20 + 16);
  const issues = part.issues;
  if (p + hs > b.length) {
    issues.push(issue("FIT_TRUNCATED", `The file ends inside its ${hs}-byte FIT header.`, p));
    return { part, next: -1 };
  }
  if (hs >= 14) {
    const stored = b[p + 12]! | (b[p + 13]! << 8);
    // A stored header CRC of 0 means "not computed" (FIT protocol, file header).
    if (stored !== 0 && stored !== fitCrc16(b, p, p + 12)) {
      issues.push(issue("FIT_BAD_CRC", "The FIT header's CRC does not match its bytes.", "header"));
    }
  }
  const dataStart = p + hs;
  let dataEnd = dataStart + declared;
  let truncated = false;
  if (declared === 0 && b.length > dataStart + 2) {
    // Writers put 0 here until the file is closed; a file never closed still holds its messages.
    dataEnd = b.length;
    truncated = true;
    issues.push(
      issue("FIT_TRUNCATED", "The FIT header declares no data: the file was never closed.", p + 4),
    );
  } else if (dataEnd > b.length) {
    truncated = true;
    issues.push(
      issue(
        "FIT_TRUNCATED",
        `The file is cut short: its header declares ${declared} bytes of data, only ${b.length - dataStart} are present.`,
        b.length,
      ),
    );
    dataEnd = b.length;
  }

  const stopped = decodeMessages(b, dataStart, dataEnd, part, truncated);
  if (truncated) return { part, next: -1 };
  if (dataEnd + 2 > b.length) {
    if (!stopped) issues.push(issue("FIT_TRUNCATED", "The file ends before its CRC.", dataEnd));
    return { part, next: -1 };
  }
  // Checked even when decoding stopped early: a mismatch then confirms the damage.
  const storedCrc = b[dataEnd]! | (b[dataEnd + 1]! << 8);
  if (storedCrc !== fitCrc16(b, p, dataEnd)) {
    issues.push(
      issue("FIT_BAD_CRC", "The file's CRC does not match its bytes: it may be damaged.", dataEnd),
    );
  }
  return { part, next: stopped ? -1 : dataEnd + 2 };
}

/**
 * The message loop. Returns true when it stopped early (corrupt or cut-short data), after adding
 * the issue. `cut` says the data end is the end of a file already reported as truncated.
 */
function decodeMessages(
  b: Uint8Array,
  start: number,
  end: number,
  part: FitPart,
  cut: boolean,
): boolean {
  const defs: (LocalDef | undefined)[] = new Array<LocalDef | undefined>(16);
  const cols = part.records;
  const issues = part.issues;
  let pos = start;
  let lastTs = NaN;
  // compressed_speed_distance: 12-bit distance accumulated across records with rollover.
  let csdLast = 0;
  let csdAcc = 0;
  let messages = 0;
  let stopped = false;
  const cache: DefinitionCache = new Map();
  // The record columns live in locals through the loop (reloaded only when they grow), sparing
  // eight property loads per record.
  let n = cols.length;
  let {
    ts: tsA,
    dist: distA,
    speed: speedA,
    alt: altA,
    hr: hrA,
    cad: cadA,
    lat: latA,
    lon: lonA,
  } = cols;
  // Runs of records go to WebAssembly; any message it does not read comes back here.
  const runs = RecordRunReader.open(b);
  const runState: RunState = { lastTs: NaN, csdLast: 0, csdAcc: 0 };
  while (pos < end) {
    const h = b[pos]!;
    if (runs !== null && (h & 0xc0) !== 0x40 && defs[(h & 0x80) !== 0 ? (h >> 5) & 3 : h & 0x0f]?.runnable === true) {
      runState.lastTs = lastTs;
      runState.csdLast = csdLast;
      runState.csdAcc = csdAcc;
      const rows = runs.read(pos, end, defs, runState, n > 0 ? tsA[n - 1]! : NaN);
      if (rows.messages > 0) {
        const k = rows.count;
        if (n + k > tsA.length) {
          cols.length = n;
          cols.reserveRows(k);
          ({ ts: tsA, dist: distA, speed: speedA, alt: altA, hr: hrA, cad: cadA, lat: latA, lon: lonA } = cols);
        }
        tsA.set(rows.ts.subarray(0, k), n);
        distA.set(rows.dist.subarray(0, k), n);
        speedA.set(rows.speed.subarray(0, k), n);
        altA.set(rows.alt.subarray(0, k), n);
        hrA.set(rows.hr.subarray(0, k), n);
        cadA.set(rows.cad.subarray(0, k), n);
        latA.set(rows.lat.subarray(0, k), n);
        lonA.set(rows.lon.subarray(0, k), n);
        n += k;
        lastTs = runState.lastTs;
        csdLast = runState.csdLast;
        csdAcc = runState.csdAcc;
        messages += rows.messages;
        pos = rows.stop;
        continue;
      }
    }
    let def: LocalDef | undefined;
    let ts = NaN;
    if ((h & 0x80) !== 0) {
      def = defs[(h >> 5) & 3];
      if (def !== undefined && !Number.isNaN(lastTs)) {
        // Compressed timestamp header: 5-bit offset from the last full timestamp, rolling over.
        ts = lastTs + (((h & 0x1f) - (lastTs & 0x1f)) & 0x1f);
        lastTs = ts;
      }
    } else if ((h & 0x40) !== 0) {
      const cached = findCached(cache, b, pos, end);
      if (cached !== null) {
        defs[h & 0x0f] = cached.def;
        pos += cached.len;
        continue;
      }
      const r = compileDefinition(b, pos + 1, end, (h & 0x20) !== 0);
      if ("error" in r) {
        if (r.error === "truncated") {
          if (!cut)
            issues.push(issue("FIT_TRUNCATED", "The data ends inside a definition message.", pos));
        } else {
          issues.push(issue("FIT_CORRUPT", `Unreadable definition message: ${r.error}.`, pos));
        }
        stopped = true;
        break;
      }
      defs[h & 0x0f] = r.def;
      remember(cache, b, pos, r.next - pos, r.def);
      pos = r.next;
      continue;
    } else {
      def = defs[h & 0x0f];
    }
    if (def === undefined) {
      issues.push(
        issue(
          "FIT_CORRUPT",
          "Data message for a local message type that was never defined: the data after this point is unreadable.",
          pos,
        ),
      );
      stopped = true;
      break;
    }
    pos += 1;
    if (pos + def.size > end) {
      if (!cut)
        issues.push(
          issue("FIT_TRUNCATED", "The last message runs past the end of the data.", pos - 1),
        );
      stopped = true;
      break;
    }
    const plan = def.plan;
    const little = def.little;
    const t = channel(b, plan, CH_TS, pos, little);
    if (!Number.isNaN(t)) {
      ts = t;
      lastTs = t;
    }
    messages++;
    const kind = def.kind;
    if (kind === K_RECORD) {
      if (Number.isNaN(ts)) ts = lastTs;
      if (!Number.isNaN(ts)) {
        let alt = channel(b, plan, CH_ENH_ALT, pos, little);
        if (Number.isNaN(alt)) alt = channel(b, plan, CH_ALT, pos, little);
        alt = alt / 5 - 500;
        let speed = channel(b, plan, CH_ENH_SPEED, pos, little);
        if (Number.isNaN(speed)) speed = channel(b, plan, CH_SPEED, pos, little);
        speed = speed / 1000;
        let dist = channel(b, plan, CH_DIST, pos, little) / 100;
        const o = def.csdOff;
        if (o >= 0) {
          const b0 = b[pos + o]!;
          const b1 = b[pos + o + 1]!;
          const b2 = b[pos + o + 2]!;
          if (!(b0 === 0xff && b1 === 0xff && b2 === 0xff)) {
            const raw = b0 | (b1 << 8) | (b2 << 16);
            const distRaw = raw >>> 12;
            csdAcc += (distRaw - csdLast) & 0xfff;
            csdLast = distRaw;
            if (Number.isNaN(speed)) speed = (raw & 0xfff) / 100;
            if (Number.isNaN(dist)) dist = csdAcc / 16;
          }
        }
        const hr = channel(b, plan, CH_HR, pos, little);
        let cad = channel(b, plan, CH_CAD, pos, little);
        const frac = channel(b, plan, CH_FRAC_CAD, pos, little);
        if (!Number.isNaN(frac)) cad += frac / 128;
        const lat = channel(b, plan, CH_LAT, pos, little);
        const lon = channel(b, plan, CH_LON, pos, little);

        if (n > 0 && tsA[n - 1] === ts) {
          // Several record messages for one second (e.g. Strava writes position and distance
          // apart): merge them into one sample, later values winning.
          const i = n - 1;
          if (!Number.isNaN(dist)) distA[i] = dist;
          if (!Number.isNaN(speed)) speedA[i] = speed;
          if (!Number.isNaN(alt)) altA[i] = alt;
          if (!Number.isNaN(hr)) hrA[i] = hr;
          if (!Number.isNaN(cad)) cadA[i] = cad;
          if (!Number.isNaN(lat) && !Number.isNaN(lon)) {
            latA[i] = lat;
            lonA[i] = lon;
          }
        } else {
          if (n === tsA.length) {
            cols.length = n;
            cols.reserve();
            ({
              ts: tsA,
              dist: distA,
              speed: speedA,
              alt: altA,
              hr: hrA,
              cad: cadA,
              lat: latA,
              lon: lonA,
            } = cols);
          }
          tsA[n] = ts;
          distA[n] = dist;
          speedA[n] = speed;
          altA[n] = alt;
          hrA[n] = hr;
          cadA[n] = cad;
          const fix = !Number.isNaN(lat) && !Number.isNaN(lon);
          latA[n] = fix ? lat : 0;
          lonA[n] = fix ? lon : 0;
          n++;
        }
      }
    } else if (kind !== K_SKIP) {
      decodeSummary(b, pos, def, ts, part);
    }
    pos += def.size;
  }
  cols.length = n;
  part.messages = messages;
  return stopped;
}

function decodeSummary(b: Uint8Array, pos: number, def: LocalDef, ts: number, part: FitPart): void {
  const v = readFields(b, pos, def);
  switch (def.kind) {
    case K_SESSION: {
      const cadence = get(v, SESSION.avgCadence);
      const frac = get(v, SESSION.avgFractionalCadence);
      part.sessions.push({
        start: get(v, SESSION.startTime),
        end: ts,
        sport: get(v, SESSION.sport),
        subSport: get(v, SESSION.subSport),
        elapsedS: get(v, SESSION.totalElapsedTime) / 1000,
        timerS: get(v, SESSION.totalTimerTime) / 1000,
        distanceM: get(v, SESSION.totalDistance) / 100,
        avgHr: get(v, SESSION.avgHeartRate),
        maxHr: get(v, SESSION.maxHeartRate),
        avgCadence: Number.isNaN(frac) ? cadence : cadence + frac / 128,
        ascentM: get(v, SESSION.totalAscent),
        descentM: get(v, SESSION.totalDescent),
      });
      break;
    }
    case K_LAP:
      part.laps.push({
        start: get(v, LAP.startTime),
        end: ts,
        elapsedS: get(v, LAP.totalElapsedTime) / 1000,
        timerS: get(v, LAP.totalTimerTime) / 1000,
        distanceM: get(v, LAP.totalDistance) / 100,
      });
      break;
    case K_FILE_ID:
      part.fileType = get(v, FILE_ID.type);
      part.manufacturer = get(v, FILE_ID.manufacturer);
      part.product = get(v, FILE_ID.product);
      if (def.strOff >= 0) part.productName = readString(b, pos + def.strOff, def.strSize);
      break;
    case K_ACTIVITY:
      part.activityTimestamp = ts;
      part.activityLocalTimestamp = get(v, ACTIVITY.localTimestamp);
      break;
    case K_SPORT:
      if (Number.isNaN(part.sport)) {
        part.sport = get(v, SPORT_MSG.sport);
        part.subSport = get(v, SPORT_MSG.subSport);
      }
      break;
    case K_DEVICE_INFO:
      // device_index 0 is the creator: the watch or computer that wrote the file.
      if (get(v, DEVICE_INFO.deviceIndex) === 0 && Number.isNaN(part.creatorManufacturer)) {
        part.creatorManufacturer = get(v, DEVICE_INFO.manufacturer);
        part.creatorProduct = get(v, DEVICE_INFO.product);
        if (def.strOff >= 0) part.creatorProductName = readString(b, pos + def.strOff, def.strSize);
      }
      break;
  }
}
