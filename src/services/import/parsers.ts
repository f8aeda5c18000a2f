/**
 * The one place that names the importers: a format → parser table. The pipeline, the worker and
 * the Strava merge reach the parsers only through here.
 */
import type { ImportedActivity, ParseResult } from "../../core/activity.js";
import { parseAppleWorkout } from "../../importers/apple-health/index.js";
import { parseFit } from "../../importers/fit/index.js";
import { parseGpx } from "../../importers/gpx/index.js";
import { parseKml } from "../../importers/kml/index.js";
import { parseTcx } from "../../importers/tcx/index.js";
import { parseStravaActivitiesCsv, stravaRowToActivity } from "../../importers/strava/index.js";
import type { StravaActivityRow } from "../../importers/strava/index.js";
import type { ActivityFormat } from "./file-kind.js";

export type { StravaActivityRow };

export const PARSERS: Record<ActivityFormat, (bytes: Uint8Array, opts: { fileName?: string }) => ParseResult> = {
  fit: parseFit,
  gpx: parseGpx,
  tcx: parseTcx,
  kml: parseKml,
  apple_workout: parseAppleWorkout,
};

export const readStravaCsv: (text: string) => { rows: StravaActivityRow[]; issues: ParseResult["issues"] } =
  parseStravaActivitiesCsv;

export const stravaRowActivity: (row: StravaActivityRow) => ImportedActivity = stravaRowToActivity;
