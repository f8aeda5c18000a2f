import type { ImportedActivity, ImportIssue, ParseResult } from "../../core/activity.js";
import { buildActivities } from "./build-activities.js";
import { decodeFit } from "./decode-fit.js";

export interface ParseFitOptions {
  /** Only used to name the file in messages. */
  fileName?: string;
}

/**
 * Reads a FIT file (or several chained ones) into kneewise activities. Never throws.
 *
 * Severity follows ImportIssue's contract: when the file yields no activity every issue is an
 * error; when it yields one, issues are warnings. So a CRC mismatch on a file whose messages all
 * decode keeps the activity with a FIT_BAD_CRC warning (the totals cross-check against the session
 * message; a flipped bit in a sample is one sample), while a CRC mismatch on unreadable data is an
 * error. A file cut short keeps what decoded before the cut when that makes an activity.
 */
export function parseFit(bytes: Uint8Array, opts: ParseFitOptions = {}): ParseResult {
  const decoded = decodeFit(bytes);
  const issues: ImportIssue[] = [...decoded.issues];
  const activities: ImportedActivity[] = [];
  const skipped: ImportIssue[] = [];
  for (const part of decoded.parts) {
    issues.push(...part.issues);
    const partIssues: ImportIssue[] = [];
    activities.push(...buildActivities(part, partIssues));
    // Garmin appends heart-rate chunks recorded by the strap during a swim as chained FIT files
    // with no file_id; they are not activities and not worth a warning once the activity decoded.
    if (part === decoded.parts[0]) issues.push(...partIssues);
    else skipped.push(...partIssues);
  }
  if (activities.length === 0) issues.push(...skipped);
  else issues.push(...skipped.filter((i) => i.code !== "NOT_AN_ACTIVITY"));
  if (activities.length === 0 && issues.length === 0) {
    issues.push({
      code: "NOT_AN_ACTIVITY",
      message: "The file holds no activity.",
      severity: "error",
    });
  }
  const severity = activities.length === 0 ? "error" : "warning";
  const name = opts.fileName;
  return {
    activities,
    issues: issues.map((i) => ({
      ...i,
      message: name === undefined ? i.message : `${name}: ${i.message}`,
      severity,
    })),
  };
}
