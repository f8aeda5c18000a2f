import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CORPUS_DIR } from "../../../test/paths.js";
import type { ImportedActivity, StreamPoint } from "../../core/activity.js";
import { parseFit } from "../fit/index.js";
import { parseGpx } from "../gpx/index.js";
import { parseTcx } from "../tcx/index.js";
import { haversineM } from "./geo.js";

const read = (kind: string, file: string) => new Uint8Array(readFileSync(path.join(CORPUS_DIR, kind, file)));

function only(activities: ImportedActivity[]): ImportedActivity {
  expect(activities).toHaveLength(1);
  return activities[0]!;
}

type Fixed = StreamPoint & { lat: number; lon: number };
const fixes = (a: ImportedActivity): Fixed[] => a.stream.filter((p): p is Fixed => p.lat != null && p.lon != null);

/** The length of the line through the kept positions, in metres. */
function pathLengthM(points: readonly Fixed[]): number {
  let total = 0;
  for (let i = 1; i < points.length; i++) total += haversineM(points[i - 1]!.lat, points[i - 1]!.lon, points[i]!.lat, points[i]!.lon);
  return total;
}

/** Invariants of any stream with positions: degrees in range, at most 5 decimals. */
function expectWellFormed(points: readonly Fixed[]): void {
  for (const p of points) {
    expect(Math.abs(p.lat)).toBeLessThanOrEqual(90);
    expect(Math.abs(p.lon)).toBeLessThanOrEqual(180);
    expect(Math.round(p.lat * 1e5) / 1e5).toBe(p.lat);
    expect(Math.round(p.lon * 1e5) / 1e5).toBe(p.lon);
  }
}

describe("stream points keep the route's positions", () => {
  it("from a GPX run: the first point is the file's first trackpoint, to 5 decimals, and the line is as long as the run", () => {
    const a = only(parseGpx(read("gpx", "togeojson__run.gpx"), { fileName: "run.gpx" }).activities);
    const points = fixes(a);
    expect(points).toHaveLength(a.stream.length);
    expectWellFormed(points);
    // <trkpt lon="-77.02016168273985" lat="38.92747367732227">
    expect(points[0]).toMatchObject({ t: 0, lat: 38.92747, lon: -77.02016 });
    // Kept points every 10 s or so cut corners a little; the line stays close to the full distance.
    expect(pathLengthM(points) / a.distanceM).toBeGreaterThan(0.9);
    expect(pathLengthM(points) / a.distanceM).toBeLessThanOrEqual(1.01);
  });

  it("from a TCX run: positions in Durham, North Carolina, where the file's Position elements put them", () => {
    const a = only(parseTcx(read("tcx", "tcxparser__test.tcx"), { fileName: "test.tcx" }).activities);
    const points = fixes(a);
    expect(points.length).toBeGreaterThan(150);
    expectWellFormed(points);
    expect(points[0]).toMatchObject({ lat: 35.95188, lon: -79.09319 });
    for (const p of points) {
      expect(p.lat).toBeGreaterThan(35.8);
      expect(p.lat).toBeLessThan(36.1);
      expect(p.lon).toBeGreaterThan(-79.2);
      expect(p.lon).toBeLessThan(-78.9);
    }
    expect(pathLengthM(points) / a.distanceM).toBeGreaterThan(0.85);
    expect(pathLengthM(points) / a.distanceM).toBeLessThan(1.1);
  });

  it("from a FIT run: semicircles turned into degrees, the line as long as the session's distance", () => {
    const a = only(parseFit(read("fit", "fitparse__activity-small-fenix2-run.fit"), { fileName: "fenix2.fit" }).activities);
    const points = fixes(a);
    expect(points).toHaveLength(a.stream.length);
    expectWellFormed(points);
    // Stavanger, Norway.
    expect(points[0]!.lat).toBeCloseTo(58.959, 2);
    expect(points[0]!.lon).toBeCloseTo(5.729, 2);
    expect(pathLengthM(points) / a.distanceM).toBeGreaterThan(0.9);
    expect(pathLengthM(points) / a.distanceM).toBeLessThan(1.1);
  });

  it("and none where the file has none: an indoor ride and a run recorded without GPS", () => {
    for (const file of ["fitparse__sample-activity-indoor-trainer.fit", "fitparse__compressed-speed-distance.fit"]) {
      const [a] = parseFit(read("fit", file), { fileName: file }).activities;
      expect(a!.stream.length).toBeGreaterThan(100);
      expect(a!.stream.every((p) => p.lat === undefined && p.lon === undefined)).toBe(true);
    }
  });
});
