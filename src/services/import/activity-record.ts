/**
 * An imported activity in the shape it is stored in: integer columns, the stream as compact
 * column arrays (a 1-hour run at one point per 10 s is about 8 kB), and a richness score used to
 * keep the better of two twins. Built in the parse workers so the main thread only writes.
 */
import { Buffer } from "node:buffer";
import type { ImportedActivity, Lap, Sport, StreamPoint } from "../../core/activity.js";
import type { ActivitiesTable } from "../../store/schema.js";

/** The columns of an activities row that the file itself decides (the rest are set on insert). */
export type ActivityRecord = Omit<
  ActivitiesTable,
  "id" | "user_id" | "sport" | "surface" | "shoe_id" | "source_file" | "created_at"
> & { sport: Sport };

export interface StreamColumns {
  t: number[];
  d: (number | null)[] | null;
  alt: (number | null)[] | null;
  hr: (number | null)[] | null;
  cad: (number | null)[] | null;
  /** Degrees to 5 decimals; both left out when no point has a position (old rows have neither). */
  lat?: (number | null)[];
  lon?: (number | null)[];
}

const int = (n: number): number => Math.round(n);
const intOrNull = (n: number | null): number | null => (n === null || !Number.isFinite(n) ? null : Math.round(n));


/** The JSON of the columns, as JSON.stringify(streamColumns(points)) writes it. */
export function encodeStream(points: readonly StreamPoint[]): string {
  // Written byte by byte: JSON.stringify spends most of its time turning doubles into text, and
  // every value here is a whole number or a whole number of tenths, which are digits and a point.
  const out = new JsonBytes(points.length * 40 + 64);
  out.text('{"t":[');
  for (let i = 0; i < points.length; i++) {
    if (i > 0) out.byte(COMMA);
    out.int(Math.round(points[i]!.t));
  }
  out.text('],"d":');
  column(out, points, (p) => p.d, false);
  out.text(',"alt":');
  column(out, points, (p) => p.alt, true);
  out.text(',"hr":');
  column(out, points, (p) => p.hr, false);
  out.text(',"cad":');
  column(out, points, (p) => p.cad, false);
  if (points.some(hasPosition)) {
    out.text(',"lat":');
    column(out, points, (p) => p.lat ?? null, false, true);
    out.text(',"lon":');
    column(out, points, (p) => p.lon ?? null, false, true);
  }
  out.byte(CLOSE_BRACE);
  return out.toString();
}

/** The columns JSON.stringify would be given: whole numbers, altitude to a tenth, null where missing. */
export function streamColumns(points: readonly StreamPoint[]): StreamColumns {
  const pick = (get: (p: StreamPoint) => number | null, f: number): (number | null)[] | null => {
    let any = false;
    const values = points.map((p) => {
      const v = get(p);
      if (v === null || !Number.isFinite(v)) return null;
      any = true;
      return Math.round(v * f) / f;
    });
    return any ? values : null;
  };
  const cols: StreamColumns = {
    t: points.map((p) => int(p.t)),
    d: pick((p) => p.d, 1),
    alt: pick((p) => p.alt, 10),
    hr: pick((p) => p.hr, 1),
    cad: pick((p) => p.cad, 1),
  };
  if (points.some(hasPosition)) {
    cols.lat = pick((p) => p.lat ?? null, 1e5) ?? [];
    cols.lon = pick((p) => p.lon ?? null, 1e5) ?? [];
  }
  return cols;
}

/** A point with both coordinates: the stream then keeps its lat and lon columns. */
function hasPosition(p: StreamPoint): boolean {
  return p.lat != null && Number.isFinite(p.lat) && p.lon != null && Number.isFinite(p.lon);
}

const POWERS_OF_TEN = [1, 10, 100, 1000, 10_000, 100_000];
const COMMA = 44;
const CLOSE_BRACE = 125;
const MINUS = 45;
const POINT = 46;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;

/** ASCII JSON written into bytes, turned into a string once. */
class JsonBytes {
  private bytes: Uint8Array;
  private n = 0;

  constructor(capacity: number) {
    this.bytes = new Uint8Array(capacity);
  }

  private room(more: number): void {
    if (this.n + more <= this.bytes.length) return;
    const next = new Uint8Array(Math.max(this.bytes.length * 2, this.n + more));
    next.set(this.bytes.subarray(0, this.n));
    this.bytes = next;
  }

  byte(c: number): void {
    this.room(1);
    this.bytes[this.n++] = c;
  }

  text(s: string): void {
    this.room(s.length);
    for (let i = 0; i < s.length; i++) this.bytes[this.n++] = s.charCodeAt(i);
  }

  /** A whole number as JSON.stringify writes it (itself past 2^31, and for NaN or infinities). */
  int(v: number): void {
    if (!(Math.abs(v) < 2 ** 31)) {
      this.text(JSON.stringify(v));
      return;
    }
    this.room(12);
    let k = v | 0;
    if (k < 0) {
      this.bytes[this.n++] = MINUS;
      k = -k;
    }
    if (k < 10) {
      this.bytes[this.n++] = 48 + k;
      return;
    }
    let digits = 1;
    for (let x = k; x >= 10; x = (x / 10) | 0) digits++;
    const end = this.n + digits;
    for (let i = end - 1; i >= this.n; i--) {
      this.bytes[i] = 48 + (k % 10);
      k = (k / 10) | 0;
    }
    this.n = end;
  }

  /** `Math.round(v * 10) / 10` as JSON.stringify writes it: whole tenths, a point, the last digit. */
  tenths(v: number): void {
    const k = Math.round(v * 10);
    if (!(Math.abs(k) < 2 ** 31)) {
      this.text(JSON.stringify(k / 10));
      return;
    }
    const r = k % 10;
    if (r === 0) {
      this.int(k / 10);
      return;
    }
    if (k < 0) this.byte(MINUS);
    const a = Math.abs(k);
    this.int(Math.floor(a / 10));
    this.byte(POINT);
    this.byte(48 + (a % 10));
  }

  /**
   * `Math.round(v * 1e5) / 1e5` as JSON.stringify writes it: the whole degrees, then the decimals
   * without their trailing zeros, written from the right in one pass (a stream holds hundreds).
   */
  degrees(v: number): void {
    const k = Math.round(v * 1e5);
    if (!(Math.abs(k) < 2 ** 31) || k === 0) {
      this.text(JSON.stringify(k / 1e5));
      return;
    }
    this.room(14);
    if (k < 0) this.bytes[this.n++] = MINUS;
    // An int32 from here on: % and / on it stay integer operations.
    let a = (k < 0 ? -k : k) | 0;
    let decimals = 5;
    while (decimals > 0 && a % 10 === 0) {
      a = (a / 10) | 0;
      decimals--;
    }
    let wholeDigits = 1;
    for (let x = (a / POWERS_OF_TEN[decimals]!) | 0; x >= 10; x = (x / 10) | 0) wholeDigits++;
    const end = this.n + wholeDigits + (decimals > 0 ? decimals + 1 : 0);
    let at = end - 1;
    for (let j = 0; j < decimals; j++) {
      this.bytes[at--] = 48 + (a % 10);
      a = (a / 10) | 0;
    }
    if (decimals > 0) this.bytes[at--] = POINT;
    for (; at >= this.n; at--) {
      this.bytes[at] = 48 + (a % 10);
      a = (a / 10) | 0;
    }
    this.n = end;
  }

  toString(): string {
    return Buffer.from(this.bytes.buffer, 0, this.n).toString("latin1");
  }
}

/** One column: its values in brackets, or null when no point has one. */
function column(
  out: JsonBytes,
  points: readonly StreamPoint[],
  pick: (p: StreamPoint) => number | null,
  tenths: boolean,
  degrees = false,
): void {
  let any = false;
  for (const p of points) {
    const v = pick(p);
    if (v !== null && Number.isFinite(v)) {
      any = true;
      break;
    }
  }
  if (!any) {
    out.text("null");
    return;
  }
  out.byte(OPEN_BRACKET);
  for (let i = 0; i < points.length; i++) {
    if (i > 0) out.byte(COMMA);
    const v = pick(points[i]!);
    if (v === null || !Number.isFinite(v)) out.text("null");
    else if (tenths) out.tenths(v);
    else if (degrees) out.degrees(v);
    else out.int(Math.round(v));
  }
  out.byte(CLOSE_BRACKET);
}

export function decodeStream(json: string): StreamPoint[] {
  const cols = JSON.parse(json) as Partial<StreamColumns>;
  const t = cols.t ?? [];
  const { lat, lon } = cols;
  return t.map((ti, i) => {
    const p: StreamPoint = {
      t: ti,
      d: cols.d?.[i] ?? null,
      alt: cols.alt?.[i] ?? null,
      hr: cols.hr?.[i] ?? null,
      cad: cols.cad?.[i] ?? null,
    };
    if (lat !== undefined && lon !== undefined) {
      p.lat = lat[i] ?? null;
      p.lon = lon[i] ?? null;
    }
    return p;
  });
}

export function decodeLaps(json: string): Lap[] {
  return JSON.parse(json) as Lap[];
}

/** The UTC start minute, e.g. "2024-03-01T06:30". */
export function dedupeKey(startUtc: string): string {
  return startUtc.slice(0, 16);
}

export function toRecord(a: ImportedActivity): ActivityRecord {
  return {
    sport: a.sport,
    start_utc: new Date(a.startUtc).toISOString(),
    utc_offset_min: intOrNull(a.utcOffsetMin),
    moving_s: int(a.movingS),
    elapsed_s: int(a.elapsedS),
    distance_m: int(a.distanceM),
    elevation_gain_m: intOrNull(a.elevationGainM),
    elevation_loss_m: intOrNull(a.elevationLossM),
    avg_hr: intOrNull(a.avgHr),
    max_hr: intOrNull(a.maxHr),
    avg_cadence: intOrNull(a.avgCadence),
    device: a.device,
    gear: a.gear,
    name: a.name,
    perceived_exertion: intOrNull(a.perceivedExertion),
    indoor: a.indoor ? 1 : 0,
    source: a.source,
    laps_json: JSON.stringify(a.laps.map((l) => ({ startOffsetS: int(l.startOffsetS), durationS: int(l.durationS), distanceM: int(l.distanceM) }))),
    stream_json: encodeStream(a.stream),
    dedupe_key: dedupeKey(new Date(a.startUtc).toISOString()),
  };
}

/** A device file beats a track export beats a summary row; within a kind, more samples win. */
const SOURCE_BONUS: Record<string, number> = { fit: 3000, tcx: 2000, gpx: 1000, strava_csv: 0, manual: 0 };

export function richness(r: { source: string; streamChars: number; lapsChars: number }): number {
  return r.streamChars + r.lapsChars + (SOURCE_BONUS[r.source] ?? 0);
}
