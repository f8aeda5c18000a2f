export {
  parseStravaActivitiesCsv,
  stravaRowToActivity,
  headerName,
  REQUIRED_HEADERS,
} from "./strava-activities-csv.js";
export type { StravaActivityRow } from "./strava-activities-csv.js";
export { parseCsv } from "./parse-csv.js";
export type { CsvRecord, CsvParseResult } from "./parse-csv.js";
export { parseStravaDate } from "./parse-strava-date.js";
