import type { ImportIssue, ImportedActivity, Lap, ParseResult } from "../../core/activity.js";
import { sportFromName } from "../common/index.js";
import { cadenceFactor, summarizeTrack } from "../gpx/index.js";
import { decodeXmlBytes } from "../xml/index.js";
import { readTcx } from "./read-tcx.js";
import type { TcxDocument } from "./read-tcx.js";
import { readTcxBytes } from "./read-tcx-bytes.js";
import type { TcxActivity } from "./read-tcx.js";

export interface TcxParseOptions {
  /** Used only in messages. */
  fileName?: string;
}

/**
 * Each <Activity> gives one ImportedActivity.
 *
 * Decisions:
 * - Distance is the sum of the laps' DistanceMeters: the device's own total (it may come from a
 *   foot pod or a smoothed GPS track), so it matches what the runner saw. Without lap distances,
 *   the last trackpoint DistanceMeters, else haversine over the positions.
 * - Moving time is the sum of the laps' TotalTimeSeconds (the device timer, which stops on
 *   auto-pause); elapsed time is the span from the start to the last trackpoint, never less than
 *   the timer total. Without laps, both come from the trackpoints (same rule as GPX).
 * - The start is <Id>, else the first lap's StartTime, else the first trackpoint time. A zone
 *   offset written there (e.g. "+01:00") is kept as the local offset.
 * - No position anywhere but a distance: an indoor session; a run becomes "treadmill".
 */
export function parseTcx(bytes: Uint8Array, opts: TcxParseOptions = {}): ParseResult {
  // The byte-level reader handles the usual well-formed UTF-8 file; it returns null for anything
  // else and the general scanner, which owns every rule about odd or hostile XML, reads it.
  const doc = readTcxBytes(bytes) ?? readTcx(decodeXmlBytes(bytes));
  return activitiesFromDocument(doc, opts);
}

export function parseTcxText(text: string, opts: TcxParseOptions = {}): ParseResult {
  return activitiesFromDocument(readTcx(text), opts);
}

function activitiesFromDocument(doc: TcxDocument, opts: TcxParseOptions): ParseResult {
  const say = (message: string): string =>
    opts.fileName !== undefined
      ? `${opts.fileName}: ${message}`
      : message.charAt(0).toUpperCase() + message.slice(1);
  const issues: ImportIssue[] = doc.issues.filter((i) => i.severity === "warning");
  const scanErrors = doc.issues.filter((i) => i.severity === "error");

  if (doc.rootName !== null && doc.rootName !== "TrainingCenterDatabase") {
    issues.push(...scanErrors);
    issues.push({
      code: "TCX_NOT_TCX",
      message: say(`the root element is <${doc.rootName}>, not <TrainingCenterDatabase>.`),
      severity: "error",
    });
    return { activities: [], issues };
  }

  const activities: ImportedActivity[] = [];
  doc.activities.forEach((a, index) => {
    const where = `Activity #${index + 1}`;
    const built = buildActivity(a);
    if (typeof built === "string") {
      issues.push({
        code: built === "no-data" ? "TCX_EMPTY_ACTIVITY" : "TCX_NO_TIMES",
        message: say(
          built === "no-data"
            ? `activity ${index + 1} has no laps and no trackpoints; it was skipped.`
            : `activity ${index + 1} has no usable start time; it was skipped.`,
        ),
        at: where,
        severity: "warning",
      });
      return;
    }
    activities.push(built.activity);
    for (const w of built.warnings) issues.push({ ...w, message: say(w.message), at: where });
  });

  if (activities.length === 0) {
    if (scanErrors.length > 0) issues.push(...scanErrors);
    else if (doc.activities.length > 0) {
      // Every activity was skipped: the per-activity reasons become the file's error.
      for (const i of issues)
        if (i.code === "TCX_EMPTY_ACTIVITY" || i.code === "TCX_NO_TIMES") i.severity = "error";
    } else if (doc.courses > 0) {
      issues.push({
        code: "TCX_COURSE_ONLY",
        message: say(
          `the file holds ${doc.courses} course(s) (planned routes) and no recorded activity.`,
        ),
        severity: "error",
      });
    } else {
      issues.push({
        code: "TCX_NO_ACTIVITIES",
        message: say("the file holds no <Activity>."),
        severity: "error",
      });
    }
    return { activities, issues };
  }
  // The scan stopped early but activities were read: keep them and say so.
  for (const e of scanErrors) issues.push({ ...e, severity: "warning" });
  return { activities, issues };
}

type Built =
  { activity: ImportedActivity; warnings: Omit<ImportIssue, "at">[] } | "no-data" | "no-start";

function sum(values: readonly (number | null)[]): number | null {
  let total = 0;
  let any = false;
  for (const v of values) {
    if (v !== null) {
      total += v;
      any = true;
    }
  }
  return any ? total : null;
}

function buildActivity(a: TcxActivity): Built {
  if (a.laps.length === 0 && a.track.length === 0) return "no-data";
  const warnings: Omit<ImportIssue, "at">[] = [];
  let sport = sportFromName(a.sport);
  let summary = summarizeTrack(a.track, sport);
  const lapDistance = sum(a.laps.map((l) => l.distanceM));
  const lapTime = sum(a.laps.map((l) => l.totalTimeS));
  const distanceM = lapDistance !== null && lapDistance > 0 ? lapDistance : summary.distanceM;
  const indoor = !summary.hasPosition && distanceM > 0;
  if (indoor && sport === "run") {
    sport = "treadmill";
    summary = summarizeTrack(a.track, sport);
  }

  const firstLapStart = a.laps.find((l) => l.startMs !== null)?.startMs ?? null;
  const startMs = a.startMs ?? firstLapStart ?? summary.startMs;
  if (startMs === null) return "no-start";

  const lastPointMs = summary.startMs === null ? null : summary.startMs + summary.elapsedS * 1000;
  const span = lastPointMs === null ? 0 : Math.max(0, Math.round((lastPointMs - startMs) / 1000));
  const elapsedS = Math.max(span, lapTime !== null ? Math.round(lapTime) : 0);
  const movingS = lapTime !== null ? Math.min(Math.round(lapTime), elapsedS) : summary.movingS;

  // Heart rate and cadence from the trackpoints; lap summaries only when no point carries them.
  let avgHr = summary.avgHr;
  let maxHr = summary.maxHr;
  if (avgHr === null) {
    const weighted = a.laps.filter(
      (l) => l.avgHr !== null && l.totalTimeS !== null && l.totalTimeS > 0,
    );
    const w = weighted.reduce((s, l) => s + (l.totalTimeS ?? 0), 0);
    if (w > 0)
      avgHr = Math.round(
        weighted.reduce((s, l) => s + (l.avgHr ?? 0) * (l.totalTimeS ?? 0), 0) / w,
      );
    const lapMax = a.laps.map((l) => l.maxHr ?? -1).reduce((m, v) => Math.max(m, v), -1);
    if (lapMax > 0) maxHr = Math.round(lapMax);
  }
  let avgCadence = summary.avgCadence;
  if (avgCadence === null) {
    const lapCad = a.laps.map((l) => l.cadence).filter((c): c is number => c !== null && c > 0);
    if (lapCad.length > 0) {
      const factor = cadenceFactor(sport, lapCad);
      avgCadence = Math.round((lapCad.reduce((s, c) => s + c, 0) / lapCad.length) * factor);
    }
  }

  // Stream times are relative to the activity start, which may precede the first trackpoint.
  const shift = summary.startMs === null ? 0 : Math.round((summary.startMs - startMs) / 1000);
  const stream =
    shift === 0
      ? summary.stream
      : summary.stream.map((p) => ({ ...p, t: Math.max(0, p.t + shift) }));

  const laps: Lap[] = a.laps.map((l) => ({
    startOffsetS: l.startMs === null ? 0 : Math.round((l.startMs - startMs) / 1000),
    durationS: Math.round(l.totalTimeS ?? 0),
    distanceM: Math.round(l.distanceM ?? 0),
  }));

  if (a.badPositions > 0) {
    warnings.push({
      code: "TCX_BAD_COORDINATES",
      message: `${a.badPositions} trackpoint position(s) were missing or impossible; the points were kept without a position.`,
      severity: "warning",
    });
  }
  if (a.badValues > 0) {
    warnings.push({
      code: "TCX_BAD_VALUE",
      message: `${a.badValues} value(s) were not numbers or times and were ignored.`,
      severity: "warning",
    });
  }
  if (summary.timeBackwards > 0) {
    warnings.push({
      code: "TCX_TIME_NOT_INCREASING",
      message: `${summary.timeBackwards} trackpoint(s) went back in time and were left out of the stream.`,
      severity: "warning",
    });
  }
  if (summary.implausibleHr > 0) {
    warnings.push({
      code: "TCX_BAD_HEART_RATE",
      message: `${summary.implausibleHr} heart-rate value(s) outside 25-250 bpm were ignored.`,
      severity: "warning",
    });
  }

  return {
    activity: {
      sport,
      startUtc: new Date(startMs).toISOString(),
      utcOffsetMin: a.offsetMin,
      movingS,
      elapsedS,
      distanceM: Math.round(distanceM),
      elevationGainM: summary.elevationGainM,
      elevationLossM: summary.elevationLossM,
      avgHr,
      maxHr,
      avgCadence,
      device: a.device,
      gear: null,
      name: null,
      perceivedExertion: null,
      indoor,
      laps,
      stream,
      source: "tcx",
    },
    warnings,
  };
}
