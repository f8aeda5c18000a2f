/**
 * An imported activity in the shape it is stored in: integer columns, the stream as compact
 * column arrays (a 1-hour run at one point per 10 s is about 8 kB), and a richness score used to
 * keep the better of two twins. Built in the parse workers so the main thread only writes.
 */
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
}

const int = (n: number): number => Math.round(n);
const intOrNull = (n: number | null): number | null => (n === null || !Number.isFinite(n) ? null : Math.round(n));

function column(points: readonly StreamPoint[], pick: (p: StreamPoint) => number | null, digits: number): (number | null)[] | null {
  let any = false;
  const f = 10 ** digits;
  const out = points.map((p) => {
    const v = pick(p);
    if (v === null || !Number.isFinite(v)) return null;
    any = true;
    return Math.round(v * f) / f;
  });
  return any ? out : null;
}

export function encodeStream(points: readonly StreamPoint[]): string {
  const cols: StreamColumns = {
    t: points.map((p) => int(p.t)),
    d: column(points, (p) => p.d, 0),
    alt: column(points, (p) => p.alt, 1),
    hr: column(points, (p) => p.hr, 0),
    cad: column(points, (p) => p.cad, 0),
  };
  return JSON.stringify(cols);
}

export function decodeStream(json: string): StreamPoint[] {
  const cols = JSON.parse(json) as Partial<StreamColumns>;
  const t = cols.t ?? [];
  return t.map((ti, i) => ({
    t: ti,
    d: cols.d?.[i] ?? null,
    alt: cols.alt?.[i] ?? null,
    hr: cols.hr?.[i] ?? null,
    cad: cols.cad?.[i] ?? null,
  }));
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
