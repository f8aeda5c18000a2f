/**
 * The words a file carries (activity name, gear, device) held to the limits of what a runner can
 * type: a GPX <name> or a Strava title can be megabytes, and it would then be stored, exported,
 * listed on every page and matched against every shoe (issue 19, item 11). Cut, never refused:
 * the activity is still the runner's; the summary says what was shortened.
 */
import { ACTIVITY_NAME_MAX, GEAR_NAME_MAX } from "../../contracts/activities.js";
import type { ActivityRecord } from "./activity-record.js";

/** A device name is not typed anywhere; a title's length is more than any model name needs. */
const DEVICE_NAME_MAX = ACTIVITY_NAME_MAX;

const FIELDS = [
  ["name", "name", ACTIVITY_NAME_MAX],
  ["gear", "gear name", GEAR_NAME_MAX],
  ["device", "device name", DEVICE_NAME_MAX],
] as const;

// Controls (tabs and line breaks included) read as spaces: a title is one line.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROLS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g;
// eslint-disable-next-line no-control-regex -- as above
const HAS_CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

/** `text` on one line, trimmed, and at most `max` characters (whole code points); null when empty. */
export function boundText(text: string | null, max: number): { text: string | null; cutFrom: number | null } {
  if (text === null) return { text: null, cutFrom: null };
  let s = text.length > max * 8 ? text.slice(0, max * 8) : text;
  s = s.replace(CONTROLS, " ").trim();
  const points = Array.from(s);
  if (points.length <= max) return { text: s === "" ? null : s, cutFrom: null };
  const cut = points.slice(0, max).join("").trimEnd();
  return { text: cut === "" ? null : cut, cutFrom: text.length };
}

/**
 * The record with its words bounded, and one sentence per field that was cut (null when none).
 * Returns the same object when nothing changed: the common case costs three length checks.
 */
export function boundRecordText(rec: ActivityRecord): { record: ActivityRecord; cut: string | null } {
  let record = rec;
  const notes: string[] = [];
  for (const [field, label, max] of FIELDS) {
    const value = rec[field];
    if (value === null || (value.length <= max && !HAS_CONTROL.test(value))) continue;
    const b = boundText(value, max);
    if (record === rec) record = { ...rec };
    record[field] = b.text;
    if (b.cutFrom !== null) notes.push(`the ${label} was cut from ${b.cutFrom} to ${max} characters`);
  }
  return { record, cut: notes.length > 0 ? notes.join("; ") : null };
}
