import { describe, expect, it } from "vitest";
import { parseTcxText } from "./parse-tcx.js";

const T0 = Date.UTC(2024, 2, 1, 6, 30);
const iso = (s: number, zone = "Z"): string =>
  new Date(T0 + s * 1000).toISOString().replace("Z", zone);

function trackpoint(
  s: number,
  opts: { pos?: boolean; dist?: number; hr?: number; runCad?: number } = {},
): string {
  const pos =
    opts.pos === false
      ? ""
      : `<Position><LatitudeDegrees>${46 + s * 0.00003}</LatitudeDegrees><LongitudeDegrees>14</LongitudeDegrees></Position>`;
  return `<Trackpoint><Time>${iso(s)}</Time>${pos}<AltitudeMeters>300</AltitudeMeters>${
    opts.dist !== undefined ? `<DistanceMeters>${opts.dist}</DistanceMeters>` : ""
  }${opts.hr !== undefined ? `<HeartRateBpm><Value>${opts.hr}</Value></HeartRateBpm>` : ""}${
    opts.runCad !== undefined
      ? `<Extensions><ns3:TPX><ns3:Speed>3</ns3:Speed><ns3:RunCadence>${opts.runCad}</ns3:RunCadence></ns3:TPX></Extensions>`
      : ""
  }</Trackpoint>`;
}

function lap(startS: number, seconds: number, metres: number, points: string, extra = ""): string {
  return `<Lap StartTime="${iso(startS)}"><TotalTimeSeconds>${seconds}</TotalTimeSeconds><DistanceMeters>${metres}</DistanceMeters>${extra}<Track>${points}</Track></Lap>`;
}

function tcx(activities: string): string {
  return `<?xml version="1.0"?><TrainingCenterDatabase xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2" xmlns:ns3="http://www.garmin.com/xmlschemas/ActivityExtension/v2"><Activities>${activities}</Activities></TrainingCenterDatabase>`;
}

function activity(sport: string, laps: string, id = iso(0)): string {
  return `<Activity Sport="${sport}"><Id>${id}</Id>${laps}<Creator xsi:type="Device_t" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><Name>Forerunner 965</Name></Creator></Activity>`;
}

const pts = (
  from: number,
  to: number,
  o: { pos?: boolean; hr?: number; runCad?: number } = {},
): string =>
  Array.from({ length: to - from + 1 }, (_, i) =>
    trackpoint(from + i, { ...o, dist: (from + i) * 3 }),
  ).join("");

describe("parseTcx", () => {
  it("sums the laps for distance and timer time and reads points for heart rate and cadence", () => {
    const laps =
      lap(0, 300, 900, pts(0, 300, { hr: 150, runCad: 84 })) +
      lap(300, 200, 600.5, pts(301, 500, { hr: 160, runCad: 86 }));
    const r = parseTcxText(tcx(activity("Running", laps)));
    expect(r.issues).toEqual([]);
    const a = r.activities[0]!;
    expect(a).toMatchObject({
      sport: "run",
      source: "tcx",
      distanceM: 1501,
      movingS: 500,
      elapsedS: 500,
      maxHr: 160,
      device: "Forerunner 965",
      indoor: false,
    });
    expect(a.avgHr).toBe(Math.round((301 * 150 + 200 * 160) / 501)); // sample mean over the points
    expect(a.avgCadence).toBe(170);
    expect(a.laps).toEqual([
      { startOffsetS: 0, durationS: 300, distanceM: 900 },
      { startOffsetS: 300, durationS: 200, distanceM: 601 },
    ]);
    expect(a.stream[a.stream.length - 1]).toMatchObject({ t: 500, d: 1500 });
  });

  it("gives one activity per <Activity> in the file", () => {
    const one = activity("Running", lap(0, 100, 300, pts(0, 100)));
    const two = activity("Biking", lap(0, 100, 900, pts(0, 100)), iso(0));
    const r = parseTcxText(tcx(one + two));
    expect(r.activities.map((a) => a.sport)).toEqual(["run", "ride"]);
  });

  it("marks a run without any position as an indoor treadmill session", () => {
    const r = parseTcxText(tcx(activity("Running", lap(0, 120, 400, pts(0, 120, { pos: false })))));
    expect(r.activities[0]).toMatchObject({ sport: "treadmill", indoor: true, distanceM: 400 });
  });

  it("keeps the local offset written in the start time", () => {
    const r = parseTcxText(
      tcx(activity("Running", lap(0, 60, 100, pts(0, 60)), iso(0, "+01:00").replace(/\.\d+/, ""))),
    );
    expect(r.activities[0]!.utcOffsetMin).toBe(60);
  });

  it("skips malformed values and positions with warnings instead of failing", () => {
    const bad = `<Trackpoint><Time>${iso(61)}</Time><Position><LatitudeDegrees>undefined</LatitudeDegrees><LongitudeDegrees>no</LongitudeDegrees></Position><AltitudeMeters>high</AltitudeMeters><HeartRateBpm><Value>NaN</Value></HeartRateBpm></Trackpoint>`;
    const r = parseTcxText(
      tcx(activity("Running", lap(0, 61, 180, pts(0, 60, { hr: 150 }) + bad))),
    );
    expect(r.activities).toHaveLength(1);
    expect(r.issues.map((i) => i.code).sort()).toEqual(["TCX_BAD_COORDINATES", "TCX_BAD_VALUE"]);
    expect(r.activities[0]!.avgHr).toBe(150);
  });

  it("fails clearly when the file has no activity, only courses, or is not TCX", () => {
    expect(parseTcxText(tcx("")).issues).toEqual([
      expect.objectContaining({ code: "TCX_NO_ACTIVITIES", severity: "error" }),
    ]);
    const course = `<TrainingCenterDatabase><Courses><Course><Name>x</Name></Course></Courses></TrainingCenterDatabase>`;
    expect(parseTcxText(course).issues).toEqual([
      expect.objectContaining({ code: "TCX_COURSE_ONLY" }),
    ]);
    expect(parseTcxText(`<gpx/>`).issues).toEqual([
      expect.objectContaining({ code: "TCX_NOT_TCX" }),
    ]);
    expect(parseTcxText(tcx(`<Activity Sport="Running"></Activity>`)).issues).toEqual([
      expect.objectContaining({ code: "TCX_EMPTY_ACTIVITY", severity: "error" }),
    ]);
  });
});
