/**
 * A Strava bulk export pairs activities.csv (names, types, gear, perceived exertion: what the
 * runner typed on strava.com) with the recorded files it names. The file gives the samples, the
 * row gives the words; rows without a readable file still become activities from the row alone.
 */
import type { Sport } from "../../core/activity.js";
import type { ActivityRecord } from "./activity-record.js";
import type { StravaActivityRow } from "./parsers.js";

export interface StravaContext {
  /** Display name of the CSV. */
  csvName: string;
  sha256: string;
  rows: StravaActivityRow[];
  /** Normalised path of each named file, relative to the archive or folder root → its row. */
  byFile: Map<string, StravaActivityRow>;
  /** Rows whose file gave at least one activity. */
  used: Set<StravaActivityRow>;
  /** The CSV itself, gzipped, kept among the runner's originals when its rows give anything. */
  original: { gz: Uint8Array; sizeBytes: number; innerName: string } | null;
}

/** "./activities//123.fit.gz" and "Activities\\123.FIT.GZ" name the same entry. */
export function normaliseEntryPath(p: string): string {
  const parts: string[] = [];
  for (const part of p.replace(/\\/g, "/").split("/")) {
    if (part === "" || part === ".") continue;
    parts.push(part);
  }
  return parts.join("/").toLowerCase();
}

export function createStravaContext(
  csvName: string,
  sha256: string,
  csvRelPath: string,
  rows: StravaActivityRow[],
  original: StravaContext["original"] = null,
): StravaContext {
  const slash = csvRelPath.replace(/\\/g, "/").lastIndexOf("/");
  const base = slash < 0 ? "" : csvRelPath.slice(0, slash);
  const byFile = new Map<string, StravaActivityRow>();
  for (const row of rows) {
    if (row.filename === null || row.filename === "") continue;
    byFile.set(normaliseEntryPath(`${base}/${row.filename}`), row);
  }
  return { csvName, sha256, rows, byFile, used: new Set(), original };
}

/** Strava's type is the runner's word; the file's is kept when it is a finer kind of the same. */
function mergedSport(fileSport: Sport, rowSport: Sport): Sport {
  if (rowSport === "other") return fileSport;
  if (rowSport === "run" && (fileSport === "trail_run" || fileSport === "treadmill")) return fileSport;
  return rowSport;
}

export function applyStravaRow(records: ActivityRecord[], row: StravaActivityRow): ActivityRecord[] {
  return records.map((r) => ({
    ...r,
    // A multisport file holds several activities: the row's type describes the whole, not each.
    sport: records.length === 1 ? mergedSport(r.sport, row.sport) : r.sport,
    name: row.name ?? r.name,
    gear: row.gear ?? r.gear,
    perceived_exertion: row.perceivedExertion === null ? r.perceived_exertion : Math.round(row.perceivedExertion),
  }));
}
