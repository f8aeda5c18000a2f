import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { CORPUS_DIR } from "../../../test/paths.js";
import { parseCsv } from "./parse-csv.js";
import { parseStravaDate } from "./parse-strava-date.js";
import {
  headerName,
  parseStravaActivitiesCsv,
  stravaRowToActivity,
} from "./strava-activities-csv.js";

const read = (name: string): string => readFileSync(`${CORPUS_DIR}/csv/${name}`, "utf8");

/**
 * An independent reading of a raw line for the cross-check: these files quote only the date
 * (which holds commas) and the empty Media cell, so the fields fall out of a simple pattern.
 */
function rawFields(text: string, id: string): string[] {
  const line = text.split("\n").find((l) => l.startsWith(`${id},`));
  if (line === undefined) throw new Error(`no row ${id}`);
  return [...line.matchAll(/("[^"]*"|[^,]*)(,|$)/g)]
    .map((m) => (m[1] ?? "").replace(/^"|"$/g, ""))
    .slice(0, -1);
}

describe("parseCsv", () => {
  it("follows RFC 4180: quoted commas, doubled quotes, line breaks inside quotes and CRLF", () => {
    const text = '\ufeffa,b,c\r\n1,"x, y","say ""hi"""\r\n2,"line one\nline two",\r\n\r\n3,,"last"';
    const { records, unterminatedQuote } = parseCsv(text);
    expect(unterminatedQuote).toBe(false);
    expect(records.map((r) => r.fields)).toEqual([
      ["a", "b", "c"],
      ["1", "x, y", 'say "hi"'],
      ["2", "line one\nline two", ""],
      ["3", "", "last"],
    ]);
    expect(records.map((r) => r.line)).toEqual([1, 2, 3, 6]);
  });
  it("flags a file that ends inside a quoted field", () => {
    expect(parseCsv('a\n"open').unterminatedQuote).toBe(true);
  });
});

describe("parseStravaDate", () => {
  it("reads Strava's English UTC dates, with or without the narrow space before PM", () => {
    expect(parseStravaDate("Oct 5, 2014, 4:15:21 PM")).toBe("2014-10-05T16:15:21.000Z");
    expect(parseStravaDate("Jan 1, 2020, 12:00:05 AM")).toBe("2020-01-01T00:00:05.000Z");
    expect(parseStravaDate("Aug 25, 2025, 9:59:25\u202fPM")).toBe("2025-08-25T21:59:25.000Z");
    expect(parseStravaDate("Feb 30, 2020, 1:00:00 PM")).toBeNull();
    expect(parseStravaDate("5 oct. 2014 16:15:21")).toBeNull();
  });
});

describe("headerName", () => {
  it("takes the inner text of Strava's untranslated HTML headers", () => {
    expect(
      headerName(
        '<span class="translation_missing" title="translation missing: en-US.x.sport_type">Sport Type</span>',
      ),
    ).toBe("Sport Type");
    expect(headerName(" Activity ID ")).toBe("Activity ID");
  });
});

describe("parseStravaActivitiesCsv on real exports", () => {
  for (const [file, count, columns] of [
    ["jobo__activities-2023-10.csv", 1122, 87],
    ["jobo__activities-2025-08.csv", 1845, 99],
  ] as const) {
    it(`${file}: reads every row, picking the metre and second columns among duplicated headers`, () => {
      const text = read(file);
      const header = text.slice(0, text.indexOf("\n")).replace(/\r$/, "");
      const { rows, issues } = parseStravaActivitiesCsv(text);
      expect(issues).toEqual([]);
      expect(rows).toHaveLength(count);
      expect(rows.every((r) => r.date !== null && /^\d{4}-\d\d-\d\dT/.test(r.date))).toBe(true);
      expect(parseCsv(header).records[0]?.fields).toHaveLength(columns);

      // Cross-check a few rows against the raw cells, by position in this layout.
      const names = parseCsv(header).records[0]!.fields.map(headerName);
      const second = (n: string): number => names.lastIndexOf(n);
      for (const row of [
        rows[0]!,
        rows[Math.floor(count / 2)]!,
        rows[count - 1]!,
        rows.find((r) => r.sport === "run")!,
      ]) {
        const raw = rawFields(text, row.id);
        expect(raw).toHaveLength(columns);
        expect(row.distanceM).toBe(Math.round(Number(raw[second("Distance")])));
        expect(
          Math.abs(row.distanceM! - Number(raw[names.indexOf("Distance")]) * 1000),
        ).toBeLessThan(10);
        expect(row.elapsedS).toBe(Math.round(Number(raw[second("Elapsed Time")])));
        expect(row.movingS).toBe(Math.round(Number(raw[names.indexOf("Moving Time")])));
        expect(row.name).toBe(raw[names.indexOf("Activity Name")]);
        expect(row.gear).toBe(
          raw[names.indexOf("Activity Gear")] === "" ? null : raw[names.indexOf("Activity Gear")],
        );
        expect(row.filename).toBe(raw[names.indexOf("Filename")]);
        expect(row.date).toBe(parseStravaDate(raw[1] ?? ""));
      }
      expect(rows[0]).toMatchObject({
        id: "203707851",
        date: "2014-10-05T16:15:21.000Z",
        type: "Ride",
        sport: "ride",
        distanceM: 13609,
        elapsedS: 2833,
        movingS: 2499,
      });
      expect(new Set(rows.map((r) => r.sport))).toEqual(
        new Set(["ride", "run", "hike", "walk", "other"]),
      );
      expect(rows.some((r) => r.filename?.endsWith(".gpx.gz") === true)).toBe(true);
    });
  }
});

describe("parseStravaActivitiesCsv layouts", () => {
  it("rejects a localised export, naming the headers it expected", () => {
    const { rows, issues } = parseStravaActivitiesCsv(
      "Aktivitäts-ID,Aktivitätsdatum,Aktivitätsname,Aktivitätsart\n1,x,y,z\n",
    );
    expect(rows).toEqual([]);
    expect(issues).toEqual([
      expect.objectContaining({ code: "STRAVA_CSV_UNKNOWN_LAYOUT", severity: "error" }),
    ]);
    expect(issues[0]?.message).toContain('"Activity ID"');
    expect(issues[0]?.message).toContain("Aktivitäts-ID");
  });

  it("reads an older single-Distance layout as kilometres and says so", () => {
    const csv =
      'Activity ID,Activity Date,Activity Name,Activity Type,Elapsed Time,Distance,Activity Gear,Filename\n7,"Oct 5, 2014, 4:15:21 PM",Run,Run,1800,5.25,Pegasus,\n';
    const { rows, issues } = parseStravaActivitiesCsv(csv);
    expect(rows[0]).toMatchObject({
      distanceM: 5250,
      elapsedS: 1800,
      gear: "Pegasus",
      filename: null,
    });
    expect(issues.map((i) => i.code)).toEqual(["STRAVA_CSV_DISTANCE_UNITS"]);
  });

  it("tells miles from kilometres by comparing the two Distance columns", () => {
    const head =
      "Activity ID,Activity Date,Activity Name,Activity Type,Elapsed Time,Distance,Filename,Elapsed Time,Moving Time,Distance";
    const csv = `${head}\n1,"Oct 5, 2014, 4:15:21 PM",a,Run,600,1.00,,600,590,1609.3\n2,"Oct 6, 2014, 4:15:21 PM",b,Run,600,2.00,,600,590,\n`;
    const { rows } = parseStravaActivitiesCsv(csv);
    expect(rows.map((r) => r.distanceM)).toEqual([1609, 3219]);
  });

  it("turns a file-less row into an activity with the CSV's gear, effort and doubled run cadence", () => {
    const csv =
      'Activity ID,Activity Date,Activity Name,Activity Type,Activity Description,Elapsed Time,Distance,Activity Gear,Filename,Elapsed Time,Moving Time,Distance,Average Cadence,Average Heart Rate,Max Heart Rate,Perceived Exertion\n9,"Mar 1, 2024, 6:30:00 AM",Easy,Run,"notes, with ""quotes""",1900,5.0,Ghost 15,,1900.0,1800.0,5000.0,84,142,160,4\n';
    const { rows } = parseStravaActivitiesCsv(csv);
    const a = stravaRowToActivity(rows[0]!);
    expect(rows[0]!.description).toBe('notes, with "quotes"');
    expect(a).toMatchObject({
      sport: "run",
      startUtc: "2024-03-01T06:30:00.000Z",
      elapsedS: 1900,
      movingS: 1800,
      distanceM: 5000,
      gear: "Ghost 15",
      perceivedExertion: 4,
      avgCadence: 168,
      avgHr: 142,
      maxHr: 160,
      source: "strava_csv",
      stream: [],
    });
  });

  it("refuses to build an activity from a row without a readable date", () => {
    const { rows, issues } = parseStravaActivitiesCsv(
      "Activity ID,Activity Date,Activity Type\n1,someday,Run\n",
    );
    expect(issues.map((i) => i.code)).toEqual(["STRAVA_CSV_BAD_DATE"]);
    expect(() => stravaRowToActivity(rows[0]!)).toThrow(
      expect.objectContaining({ code: "STRAVA_ROW_NO_DATE" }),
    );
  });
});
