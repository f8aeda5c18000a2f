import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CORPUS_DIR } from "../../../test/paths.js";
import { decodeFit } from "./decode-fit.js";
import { parseFit } from "./parse-fit.js";
import { FIT_EPOCH_S } from "./profile.js";
import type { RecordColumns } from "./record-columns.js";

const FIT_DIR = path.join(CORPUS_DIR, "fit");
const EXPECTED_DIR = path.join(FIT_DIR, "expected");

const load = (name: string): Uint8Array => new Uint8Array(readFileSync(path.join(FIT_DIR, name)));

function csvRows(name: string): string[][] {
  const lines = readFileSync(path.join(EXPECTED_DIR, name), "utf8").trim().split("\n");
  return lines.slice(1).map((l) => l.split(",").map((c) => c.trim()));
}

/** Index of each raw timestamp among the decoded records. */
function byTimestamp(cols: RecordColumns): Map<number, number> {
  const m = new Map<number, number>();
  for (let i = 0; i < cols.length; i++) m.set(cols.ts[i]!, i);
  return m;
}

/** python-fitparse's CSVs repeat a timestamp when a device wrote two records in one second; the
 * decoder merges them with later values winning, so the last row of each second is the truth. */
function lastRowPerSecond(
  rows: string[][],
  toRaw: (cell: string) => number,
): Map<number, string[]> {
  const m = new Map<number, string[]>();
  for (const r of rows) m.set(toRaw(r[0]!), r);
  return m;
}

describe("decodeFit against python-fitparse's per-record values", () => {
  it("expands compressed speed/distance with 12-bit distance rollover (Forerunner 70)", () => {
    const cols = decodeFit(load("fitparse__compressed-speed-distance.fit")).parts[0]!.records;
    const at = byTimestamp(cols);
    const rows = csvRows("fitparse__compressed-speed-distance-records.csv");
    expect(rows.length).toBe(754);
    let rolledOver = false;
    for (const [ts, hr, speed, dist, cad] of rows) {
      const i = at.get(Number(ts));
      expect(i, `record at ${ts}`).toBeDefined();
      expect(cols.hr[i!]).toBe(Number(hr));
      expect(cols.speed[i!]).toBeCloseTo(Number(speed), 3);
      expect(cols.dist[i!]).toBeCloseTo(Number(dist), 4);
      if (cad === "null") expect(cols.cad[i!]).toBeNaN();
      else expect(cols.cad[i!]).toBe(Number(cad));
      if (Number(dist) > 4096 / 16) rolledOver = true;
    }
    // 12 bits of 1/16 m wrap every 256 m; a 10 km run proves the accumulation carries over.
    expect(rolledOver).toBe(true);
    expect(cols.dist[cols.length - 1]).toBeCloseTo(10248.6875, 4);
  });

  const DATED = [
    ["fitparse__garmin-edge-500-activity.fit", "fitparse__garmin-edge-500-activity-records.csv"],
    ["fitparse__garmin-edge-820-bike.fit", "fitparse__garmin-edge-820-bike-records.csv"],
    ["fitparse__garmin-fenix-5-bike.fit", "fitparse__garmin-fenix-5-bike-records.csv"],
    ["fitparse__garmin-fenix-5-run.fit", "fitparse__garmin-fenix-5-run-records.csv"],
    ["fitparse__garmin-fenix-5-walk.fit", "fitparse__garmin-fenix-5-walk-records.csv"],
  ] as const;

  for (const [fit, csv] of DATED) {
    it(`matches timestamps, distance, heart rate, speed and altitude of every record in ${fit}`, () => {
      const cols = decodeFit(load(fit)).parts[0]!.records;
      const at = byTimestamp(cols);
      // Dates are written like "Sun Sep 25 06:00:22 PDT 2011"; V8 parses US zone abbreviations.
      const truth = lastRowPerSecond(csvRows(csv), (cell) => Date.parse(cell) / 1000 - FIT_EPOCH_S);
      expect(cols.length).toBe(truth.size);
      for (const [raw, [, hr, cad, speed, dist, lat, lon, alt]] of truth) {
        const i = at.get(raw);
        expect(i, `record at ${raw}`).toBeDefined();
        if (hr === "") expect(cols.hr[i!]).toBeNaN();
        else expect(cols.hr[i!]).toBe(Number(hr));
        expect(cols.dist[i!]).toBeCloseTo(Number(dist), 2);
        expect(cols.speed[i!]).toBeCloseTo(Number(speed), 3);
        expect(cols.alt[i!]).toBeCloseTo(Number(alt), 1);
        // The CSV repeats the last fix through GPS dropouts and writes 0 for absent cadence
        // (MANIFEST.md); compare only where the file itself has the value.
        if (cols.lat[i!] !== 0) {
          expect(cols.lat[i!]).toBe(Number(lat));
          expect(cols.lon[i!]).toBe(Number(lon));
        }
        // The decoder adds fractional_cadence (1/128 rpm); the CSV shows the integer field alone.
        if (!Number.isNaN(cols.cad[i!]!) && cad !== "")
          expect(Math.trunc(cols.cad[i!]!)).toBe(Number(cad));
      }
    });
  }
});

/** Session rows of muktihari's FitCSVTool-style dump: {field: value} with the values unquoted. */
function dumpSessions(): Record<string, string>[] {
  const text = readFileSync(
    path.join(EXPECTED_DIR, "muktihari__triathlon_summary_first.csv"),
    "utf8",
  );
  return text
    .split("\n")
    .filter((l) => /^Data,\d+,session,/.test(l))
    .map((l) => {
      const out: Record<string, string> = {};
      for (const m of l.matchAll(/([a-z_]+),"([^"]*)"/g)) out[m[1]!] ??= m[2]!;
      return out;
    });
}

describe("multisport files become one activity per sport", () => {
  it("splits the Forerunner 255 triathlon (summary written first) into swim, ride and run", () => {
    const result = parseFit(load("ffp__triathlon_summary_first.fit"));
    const truth = dumpSessions().filter((s) => s.sport !== "3");
    expect(truth.length).toBe(3);
    expect(result.activities.map((a) => a.sport)).toEqual(["swim", "ride", "run"]);
    result.activities.forEach((a, k) => {
      const s = truth[k]!;
      expect(a.distanceM).toBe(Math.round(Number(s.total_distance)));
      expect(a.elapsedS).toBe(Math.round(Number(s.total_elapsed_time)));
      expect(Date.parse(a.startUtc) / 1000 - FIT_EPOCH_S).toBe(Number(s.start_time));
      // Records carry the whole race's distance; each activity's stream starts from zero.
      expect(a.stream[0]!.d ?? 0).toBeLessThan(5);
      const last = a.stream[a.stream.length - 1]!;
      expect(Math.abs((last.d ?? 0) - a.distanceM)).toBeLessThan(a.distanceM * 0.05 + 20);
      expect(last.t).toBeLessThanOrEqual(a.elapsedS + 1);
    });
    expect(result.activities[2]!.avgCadence).toBeGreaterThan(140); // strides doubled to steps
  });

  it("splits the fenix 2 multisport file and the chained Forerunner 920XT triathlon, skipping transitions", () => {
    const fenix = parseFit(load("fitparse__activity-large-fenxi2-multisport.fit"));
    expect(fenix.activities.map((a) => a.sport)).toEqual(["other", "run", "run", "ride"]);
    const starts = fenix.activities.map((a) => Date.parse(a.startUtc));
    expect(starts).toEqual([...starts].sort((x, y) => x - y));
    expect(
      fenix.activities.every((a) => a.device === "garmin fenix 2" && a.utcOffsetMin === 120),
    ).toBe(true);

    // Three HR chunks follow the activity as chained FIT files; they add no issue.
    const chained = parseFit(load("fitparse__sample_mulitple_header.fit"));
    expect(decodeFit(load("fitparse__sample_mulitple_header.fit")).parts.length).toBe(4);
    expect(chained.activities.map((a) => a.sport)).toEqual(["swim", "ride", "run"]);
    expect(chained.issues).toEqual([]);
  });
});

describe("activity fields", () => {
  it("fills device, offset, cadence in steps and laps from a fenix 5 run", () => {
    const [run] = parseFit(load("fitparse__garmin-fenix-5-run.fit")).activities;
    expect(run).toMatchObject({
      sport: "run",
      device: "garmin fenix 5",
      utcOffsetMin: -420,
      gear: null,
      name: null,
      perceivedExertion: null,
      indoor: false,
    });
    expect(run!.avgCadence).toBeGreaterThan(120);
    expect(run!.laps.length).toBe(1);
    expect(run!.laps[0]!.startOffsetS).toBe(0);
    expect(run!.stream.some((p) => p.cad !== null && p.cad > 120)).toBe(true);
  });

  it("keeps an indoor rowing file's own totals and reads its big-endian neighbours (Wahoo)", () => {
    const [row] = parseFit(load("fitparse__20170518-191602-1740899583.fit")).activities;
    expect(row!.sport).toBe("row");
    expect(row!.indoor).toBe(true);
    const [ride] = parseFit(load("fitparse__2019-02-17-062644-ELEMNT-297E-195-0.fit")).activities;
    // python-fitparse test_speed: the session's average speed is 5.86 m/s.
    expect(ride!.distanceM / ride!.movingS).toBeCloseTo(5.86, 2);
    expect(ride!.device).toBe("wahoo elemnt");
  });

  it("builds a file with no session (never closed) from its records", () => {
    const result = parseFit(load("fitparse__nick.fit"));
    const [ride] = result.activities;
    expect(ride!.sport).toBe("ride");
    expect(ride!.distanceM).toBeGreaterThan(100_000);
    expect(ride!.elevationGainM).toBeGreaterThan(0);
    expect(result.issues.map((i) => i.code).sort()).toEqual(["FIT_BAD_CRC", "FIT_TRUNCATED"]);
  });
});
