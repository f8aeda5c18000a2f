import type { ImportIssue, ImportedActivity, Sport } from "../../core/activity.js";
import { DomainError } from "../../core/errors.js";
import { METRES_PER_MILE } from "../../core/units.js";
import { sportFromName } from "../common/index.js";
import { cadenceFactor } from "../gpx/index.js";
import { parseCsv } from "./parse-csv.js";
import { parseStravaDate } from "./parse-strava-date.js";

/** One row of a Strava bulk export's activities.csv, in kneewise units. */
export interface StravaActivityRow {
  id: string;
  /** "Activity Date" (UTC) as an ISO string; null when it could not be read. */
  date: string | null;
  name: string | null;
  /** Strava's type as written ("Run", "Ride", "Nordic Ski", or the finer "Sport Type" when given). */
  type: string | null;
  sport: Sport;
  elapsedS: number | null;
  movingS: number | null;
  distanceM: number | null;
  elevationGainM: number | null;
  elevationLossM: number | null;
  avgHr: number | null;
  maxHr: number | null;
  /** As written by Strava (per foot for runs); stravaRowToActivity converts to steps/min. */
  avgCadence: number | null;
  gear: string | null;
  perceivedExertion: number | null;
  /** Path inside the export, e.g. "activities/123.gpx.gz"; null for manual entries. */
  filename: string | null;
  description: string | null;
  /** 1-based line in the CSV where the row starts. */
  line: number;
}

/** The headers without which a file cannot be an English Strava activities.csv. */
export const REQUIRED_HEADERS = ["Activity ID", "Activity Date", "Activity Type"] as const;

/**
 * Strava's 2023 exports wrote some headers as untranslated HTML, e.g.
 * `<span class="translation_missing" title="...">Sport Type</span>`; the inner text is the name.
 */
export function headerName(raw: string): string {
  const s = raw.trim();
  if (s.charAt(0) !== "<") return s;
  return s.replace(/<[^>]*>/g, "").trim();
}

/**
 * Header positions. Several names appear twice (Elapsed Time, Distance, Max Heart Rate, Relative
 * Effort, Commute): the first copy is the summary shown on strava.com in the athlete's display
 * units (Distance in km or miles), the later one sits in the detailed block in SI units
 * (Distance in metres). So a value is read from the later copy, and the earlier one is a fallback.
 */
class HeaderMap {
  private readonly positions = new Map<string, number[]>();
  constructor(headers: readonly string[]) {
    headers.forEach((h, i) => {
      const name = headerName(h);
      const list = this.positions.get(name);
      if (list === undefined) this.positions.set(name, [i]);
      else list.push(i);
    });
  }
  has(name: string): boolean {
    return this.positions.has(name);
  }
  /** Positions of a name, detailed (later) copy first. */
  order(name: string): number[] {
    return [...(this.positions.get(name) ?? [])].reverse();
  }
  count(name: string): number {
    return this.positions.get(name)?.length ?? 0;
  }
}

function cell(fields: readonly string[], i: number | undefined): string {
  return i === undefined ? "" : (fields[i] ?? "").trim();
}

function text(fields: readonly string[], map: HeaderMap, name: string): string | null {
  for (const i of map.order(name)) {
    const v = cell(fields, i);
    if (v !== "") return v;
  }
  return null;
}

function number(fields: readonly string[], map: HeaderMap, name: string): number | null {
  for (const i of map.order(name)) {
    const v = cell(fields, i);
    if (v === "") continue;
    const n = Number(v);
    if (Number.isFinite(n)) return n;
  }
  return null;
}

/**
 * The summary Distance column is in the athlete's display units. Where a row has both copies the
 * ratio tells km from miles; with only the summary copy (older layouts) km is assumed.
 */
function displayDistanceFactor(records: readonly { fields: string[] }[], map: HeaderMap): number {
  const [metres, display] = map.order("Distance");
  if (metres === undefined || display === undefined) return 1000;
  const ratios: number[] = [];
  for (const r of records) {
    const m = Number(cell(r.fields, metres));
    const d = Number(cell(r.fields, display));
    if (cell(r.fields, metres) !== "" && m > 100 && d > 0) ratios.push(m / d);
    if (ratios.length >= 50) break;
  }
  ratios.sort((a, b) => a - b);
  const median = ratios[Math.floor(ratios.length / 2)];
  return median !== undefined && Math.abs(median - METRES_PER_MILE) < Math.abs(median - 1000)
    ? METRES_PER_MILE
    : 1000;
}

export function parseStravaActivitiesCsv(csvText: string): {
  rows: StravaActivityRow[];
  issues: ImportIssue[];
} {
  const issues: ImportIssue[] = [];
  const { records, unterminatedQuote } = parseCsv(csvText);
  const header = records[0];
  const map = new HeaderMap(header?.fields ?? []);
  const missing = REQUIRED_HEADERS.filter((h) => !map.has(h));
  if (header === undefined || missing.length > 0) {
    const seen = (header?.fields ?? []).slice(0, 4).map(headerName).join(", ");
    issues.push({
      code: "STRAVA_CSV_UNKNOWN_LAYOUT",
      message:
        `This activities.csv does not have the English Strava headers kneewise reads (expected ${REQUIRED_HEADERS.map((h) => `"${h}"`).join(", ")}; ` +
        `found ${seen === "" ? "no header row" : `"${seen}…"`}). Strava names the columns in the account's language: ` +
        "switch the Strava account to English, request a new export, and import that.",
      at: "line 1",
      severity: "error",
    });
    return { rows: [], issues };
  }
  if (unterminatedQuote) {
    issues.push({
      code: "STRAVA_CSV_UNTERMINATED_QUOTE",
      message:
        "The file ends inside a quoted field: it looks cut short, so its last row may be incomplete.",
      severity: "warning",
    });
  }

  const body = records.slice(1);
  const kmFactor = displayDistanceFactor(body, map);
  const onlyDisplayDistance = map.count("Distance") < 2;
  const width = header.fields.length;
  const rows: StravaActivityRow[] = [];
  let ragged = 0;
  let firstRagged = 0;
  const badDates: number[] = [];

  for (const r of body) {
    const f = r.fields;
    if (f.length !== width) {
      ragged++;
      if (firstRagged === 0) firstRagged = r.line;
    }
    const id = text(f, map, "Activity ID");
    if (id === null) {
      issues.push({
        code: "STRAVA_CSV_NO_ID",
        message: "A row has no Activity ID and was skipped.",
        at: `line ${r.line}`,
        severity: "warning",
      });
      continue;
    }
    const rawDate = text(f, map, "Activity Date");
    const date = rawDate === null ? null : parseStravaDate(rawDate);
    if (date === null) badDates.push(r.line);

    let distanceM: number | null = null;
    const [metresCol, displayCol] = map.order("Distance");
    if (!onlyDisplayDistance) {
      const m = Number(cell(f, metresCol));
      if (cell(f, metresCol) !== "" && Number.isFinite(m)) distanceM = m;
    }
    if (distanceM === null) {
      const col = onlyDisplayDistance ? metresCol : displayCol;
      const d = Number(cell(f, col));
      if (cell(f, col) !== "" && Number.isFinite(d)) distanceM = d * kmFactor;
    }

    const activityType = text(f, map, "Activity Type");
    const sportType = text(f, map, "Sport Type");
    const type = sportType ?? activityType;
    let sport = sportFromName(sportType);
    if (sport === "other") sport = sportFromName(activityType);
    const filename = text(f, map, "Filename");
    const pe = number(f, map, "Perceived Exertion");

    rows.push({
      id,
      date,
      name: text(f, map, "Activity Name"),
      type,
      sport,
      elapsedS: roundOrNull(number(f, map, "Elapsed Time")),
      movingS: roundOrNull(number(f, map, "Moving Time")),
      distanceM: roundOrNull(distanceM),
      elevationGainM: roundOrNull(number(f, map, "Elevation Gain")),
      elevationLossM: roundOrNull(number(f, map, "Elevation Loss")),
      avgHr: roundOrNull(number(f, map, "Average Heart Rate")),
      maxHr: roundOrNull(number(f, map, "Max Heart Rate")),
      avgCadence: number(f, map, "Average Cadence"),
      gear: text(f, map, "Activity Gear"),
      perceivedExertion: pe !== null && pe >= 1 && pe <= 10 ? pe : null,
      filename,
      description: text(f, map, "Activity Description"),
      line: r.line,
    });
  }

  if (ragged > 0) {
    issues.push({
      code: "STRAVA_CSV_RAGGED_ROW",
      message: `${ragged} row(s) do not have the ${width} columns of the header; their cells were read by position anyway.`,
      at: `line ${firstRagged}`,
      severity: "warning",
    });
  }
  if (badDates.length > 0) {
    issues.push({
      code: "STRAVA_CSV_BAD_DATE",
      message: `${badDates.length} row(s) have an Activity Date kneewise cannot read (expected e.g. "Oct 5, 2014, 4:15:21 PM").`,
      at: `line ${badDates[0]}`,
      severity: "warning",
    });
  }
  if (map.count("Distance") === 1 && rows.length > 0) {
    issues.push({
      code: "STRAVA_CSV_DISTANCE_UNITS",
      message: "This export has only the display-unit Distance column; it was read as kilometres.",
      severity: "warning",
    });
  }
  return { rows, issues };
}

function roundOrNull(v: number | null): number | null {
  return v === null ? null : Math.round(v);
}

/**
 * An activity from the CSV row alone, for rows that name no file (manual entries) or whose file
 * could not be read. There is no stream, and the local offset is unknown (Strava writes UTC).
 * Throws DomainError STRAVA_ROW_NO_DATE when the row's date could not be read: check `row.date`.
 */
export function stravaRowToActivity(row: StravaActivityRow): ImportedActivity {
  if (row.date === null) {
    throw new DomainError("STRAVA_ROW_NO_DATE", `Strava activity ${row.id} has no readable date.`, {
      line: row.line,
    });
  }
  const elapsedS = row.elapsedS ?? row.movingS ?? 0;
  const cadence = row.avgCadence;
  const factor = cadence === null ? 1 : cadenceFactor(row.sport, [cadence]);
  const virtual = row.type !== null && /virtual/i.test(row.type);
  return {
    sport: row.sport,
    startUtc: row.date,
    utcOffsetMin: null,
    movingS: Math.min(row.movingS ?? elapsedS, elapsedS),
    elapsedS,
    distanceM: row.distanceM ?? 0,
    elevationGainM: row.elevationGainM,
    elevationLossM: row.elevationLossM,
    avgHr: row.avgHr,
    maxHr: row.maxHr,
    avgCadence: cadence === null || cadence <= 0 ? null : Math.round(cadence * factor),
    device: null,
    gear: row.gear,
    name: row.name,
    perceivedExertion: row.perceivedExertion,
    indoor: row.sport === "treadmill" || virtual,
    laps: [],
    stream: [],
    source: "strava_csv",
  };
}
