import { describe, expect, it } from "vitest";
import { AppleHealthExportScanner, MAX_WORKOUT_BYTES, SCAN_BYTES } from "./scan-export.js";
import type { AppleHealthScanSummary, FoundWorkout } from "./scan-export.js";
import { appleSport, composeWorkoutDocument, parseAppleWorkout } from "./parse-workout.js";
import { parseAppleDate } from "./apple-date.js";

/**
 * export.xml written from Apple's published layout: the XML declaration, the internal DTD Apple
 * ships (<!DOCTYPE HealthData [ … ]>, shortened here, with an entity that would expand if read),
 * <HealthData locale>, <ExportDate>, <Me>, then Records, and Workouts in the older form (totals as
 * attributes) and the newer one (WorkoutStatistics), with a WorkoutRoute's FileReference.
 */
const DTD = `<!DOCTYPE HealthData [
<!-- HealthKit Export Version: 13 -->
<!ELEMENT HealthData (ExportDate,Me,(Record|Correlation|Workout|ActivitySummary|ClinicalRecord)*)>
<!ATTLIST HealthData
  locale CDATA #REQUIRED
>
<!ENTITY lol "lollollollollollollol">
<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ELEMENT Workout ((MetadataEntry|WorkoutEvent|WorkoutRoute|WorkoutStatistics)*)>
<!ATTLIST Workout
  workoutActivityType CDATA #REQUIRED
  comment "a '>' and a ']' in quotes, and <Workout in a string"
>
<!-- a comment with ]> inside and <Workout workoutActivityType="x"/> -->
]>`;

function record(type: string, value: string, start: string, unit = "count/min"): string {
  return `<Record type="${type}" sourceName="Ana’s Apple Watch" sourceVersion="10.1" unit="${unit}" creationDate="${start}" startDate="${start}" endDate="${start}" value="${value}"/>`;
}

const OLD_WORKOUT = `<Workout workoutActivityType="HKWorkoutActivityTypeRunning" duration="31.5" durationUnit="min" totalDistance="5.2" totalDistanceUnit="km" totalEnergyBurned="350" totalEnergyBurnedUnit="kcal" sourceName="Ana&apos;s Apple Watch" sourceVersion="8.5" creationDate="2022-03-01 08:05:00 +0100" startDate="2022-03-01 07:30:00 +0100" endDate="2022-03-01 08:03:00 +0100">
  <MetadataEntry key="HKIndoorWorkout" value="0"/>
  <MetadataEntry key="HKElevationAscended" value="4500 cm"/>
  <WorkoutEvent type="HKWorkoutEventTypePause" date="2022-03-01 07:45:00 +0100"/>
  <WorkoutRoute sourceName="Ana’s Apple Watch" sourceVersion="8.5" creationDate="2022-03-01 08:05:00 +0100" startDate="2022-03-01 07:30:05 +0100" endDate="2022-03-01 08:03:00 +0100">
    <MetadataEntry key="HKMetadataKeySyncVersion" value="2"/>
    <FileReference path="/workout-routes/route_2022-03-01_8.03am.gpx"/>
  </WorkoutRoute>
</Workout>`;

const NEW_WORKOUT = `<Workout workoutActivityType="HKWorkoutActivityTypeRunning" duration="40" durationUnit="min" sourceName="Apple Watch" sourceVersion="17.1" device="&lt;&lt;HKDevice: 0x1&gt;, name:Apple Watch&gt;" creationDate="2024-05-01 08:15:00 +0200" startDate="2024-05-01 07:30:12 +0200" endDate="2024-05-01 08:12:12 +0200">
  <MetadataEntry key="HKIndoorWorkout" value="1"/>
  <WorkoutStatistics type="HKQuantityTypeIdentifierActiveEnergyBurned" startDate="2024-05-01 07:30:12 +0200" endDate="2024-05-01 08:12:12 +0200" sum="420" unit="kcal"/>
  <WorkoutStatistics type="HKQuantityTypeIdentifierHeartRate" startDate="2024-05-01 07:30:12 +0200" endDate="2024-05-01 08:12:12 +0200" average="151.4" minimum="96" maximum="178" unit="count/min"/>
  <WorkoutStatistics type="HKQuantityTypeIdentifierDistanceWalkingRunning" startDate="2024-05-01 07:30:12 +0200" endDate="2024-05-01 08:12:12 +0200" sum="7.25" unit="km"/>
</Workout>`;

const STRENGTH = `<Workout workoutActivityType="HKWorkoutActivityTypeTraditionalStrengthTraining" duration="45" durationUnit="min" sourceName="iPhone" startDate="2024-05-02 18:00:00 -0400" endDate="2024-05-02 18:45:00 -0400"/>`;

function exportXml(filler = 50): string {
  const records: string[] = [];
  for (let i = 0; i < filler; i++) records.push(record("HKQuantityTypeIdentifierStepCount", String(100 + i), "2024-05-01 09:00:00 +0200", "count"));
  return `<?xml version="1.0" encoding="UTF-8"?>
${DTD}
<HealthData locale="en_GB">
 <ExportDate value="2024-05-03 10:00:00 +0200"/>
 <Me HKCharacteristicTypeIdentifierDateOfBirth="1985-01-01" HKCharacteristicTypeIdentifierBiologicalSex="HKBiologicalSexFemale"/>
 ${records.join("\n ")}
 ${record("HKQuantityTypeIdentifierRestingHeartRate", "52", "2024-05-01 06:00:00 +0200")}
 ${record("HKQuantityTypeIdentifierRestingHeartRate", "54", "2024-05-01 22:00:00 +0200")}
 ${record("HKQuantityTypeIdentifierHeartRateVariabilitySDNN", "48.5", "2024-05-01 03:00:00 +0200", "ms")}
 ${record("HKQuantityTypeIdentifierHeartRate", "61", "2024-05-01 03:00:00 +0200")}
 <!-- <Workout workoutActivityType="HKWorkoutActivityTypeCycling" startDate="2000-01-01 00:00:00 +0000"/> -->
 ${OLD_WORKOUT}
 ${records.join("\n ")}
 ${NEW_WORKOUT}
 <MetadataEntry key="note" value="HKQuantityTypeIdentifierRestingHeartRate"/>
 ${STRENGTH}
 ${record("HKQuantityTypeIdentifierHeartRateVariabilitySDNN", "60", "2024-05-02 03:00:00 -0400", "ms")}
 <ActivitySummary dateComponents="2024-05-01" activeEnergyBurned="500"/>
</HealthData>
`;
}

function scanInPieces(bytes: Uint8Array, size: number): { workouts: FoundWorkout[]; summary: AppleHealthScanSummary } {
  const scanner = new AppleHealthExportScanner();
  const workouts: FoundWorkout[] = [];
  // One buffer reused for every piece, as a stream may do: the scanner must copy what it keeps.
  const piece = new Uint8Array(size);
  for (let i = 0; i < bytes.length; i += size) {
    const part = bytes.subarray(i, i + size);
    piece.set(part);
    workouts.push(...scanner.push(piece.subarray(0, part.length)));
    piece.fill(0);
  }
  const summary = scanner.finish();
  workouts.push(...summary.remaining);
  return { workouts, summary };
}

const encode = (s: string): Uint8Array => new TextEncoder().encode(s);

describe("AppleHealthExportScanner", () => {
  const bytes = encode(exportXml());

  it("finds every workout, whole and once, past the DTD, comments and records, whatever the chunk size", () => {
    for (const size of [1, 7, 64, 1000, 100_000, bytes.length]) {
      const { workouts, summary } = scanInPieces(bytes, size);
      expect(workouts.map((w) => w.xml)).toEqual([OLD_WORKOUT, NEW_WORKOUT, STRENGTH]);
      expect(workouts.map((w) => [w.index, w.startDate, w.activityType])).toEqual([
        [1, "2022-03-01 07:30:00 +0100", "HKWorkoutActivityTypeRunning"],
        [2, "2024-05-01 07:30:12 +0200", "HKWorkoutActivityTypeRunning"],
        [3, "2024-05-02 18:00:00 -0400", "HKWorkoutActivityTypeTraditionalStrengthTraining"],
      ]);
      expect(workouts[0]!.routePaths).toEqual(["/workout-routes/route_2022-03-01_8.03am.gpx"]);
      expect(summary.issues).toEqual([]);
      // Resting heart rate and HRV by the runner's local day (means), nothing from other records.
      expect(summary.daily).toEqual([
        { date: "2024-05-01", restingHr: 53, hrvSdnnMs: 48.5 },
        { date: "2024-05-02", restingHr: null, hrvSdnnMs: 60 },
      ]);
    }
  });

  it("holds at most one scan's worth and the unfinished tail between chunks, never the file", () => {
    const big = encode(exportXml(20_000)); // about 4 MB of records
    const scanner = new AppleHealthExportScanner();
    let held = 0;
    let found = 0;
    for (let i = 0; i < big.length; i += 16_384) {
      found += scanner.push(big.subarray(i, i + 16_384)).length;
      held = Math.max(held, scanner.heldBytes);
    }
    const summary = scanner.finish();
    expect(found + summary.remaining.length).toBe(3);
    expect(summary.workouts).toBe(3);
    expect(big.length).toBeGreaterThan(10 * SCAN_BYTES);
    expect(held).toBeLessThan(SCAN_BYTES + 16_384);
  });

  it("says so when export.xml is not Apple's or stops inside a workout", () => {
    const other = new AppleHealthExportScanner();
    other.push(encode(`<?xml version="1.0"?><gpx version="1.1"></gpx>`));
    expect(other.finish().issues).toEqual([expect.objectContaining({ code: "APPLE_NOT_HEALTH_EXPORT", severity: "error" })]);

    const cut = new AppleHealthExportScanner();
    const text = exportXml(1);
    cut.push(encode(text.slice(0, text.indexOf("<WorkoutStatistics"))));
    const summary = cut.finish();
    expect(summary.remaining).toHaveLength(1);
    expect(summary.issues).toEqual([expect.objectContaining({ code: "APPLE_TRUNCATED", severity: "warning" })]);
  });

  it("stops at a workout that never ends instead of holding it", () => {
    const scanner = new AppleHealthExportScanner();
    scanner.push(encode(`<HealthData locale="en"><Workout workoutActivityType="HKWorkoutActivityTypeRunning">`));
    const filler = encode(`<WorkoutEvent type="HKWorkoutEventTypeLap" date="2024-05-01 07:30:12 +0200"/>`.repeat(10_000));
    for (let i = 0; i < 12; i++) scanner.push(filler);
    const summary = scanner.finish();
    expect(MAX_WORKOUT_BYTES).toBeLessThan(12 * filler.length);
    expect(summary.issues).toEqual([expect.objectContaining({ code: "APPLE_WORKOUT_TOO_LARGE" })]);
  });

  it("stops at a comment or a tag that never ends instead of holding it", () => {
    for (const opening of ["<!-- ", '<Record type="HKQuantityTypeIdentifierRestingHeartRate" note="', "<?xml "]) {
      const scanner = new AppleHealthExportScanner();
      if (opening !== "<?xml ") scanner.push(encode(`<HealthData locale="en">`));
      scanner.push(encode(opening));
      const filler = encode("x".repeat(1024 * 1024));
      let held = 0;
      for (let i = 0; i < 12; i++) {
        scanner.push(filler);
        held = Math.max(held, scanner.heldBytes);
      }
      expect(held).toBeLessThanOrEqual(MAX_WORKOUT_BYTES + filler.length);
      expect(scanner.finish().issues, opening).toEqual([expect.objectContaining({ code: "APPLE_MALFORMED", severity: "error" })]);
    }
  });
});

const ROUTE_GPX = (startIso: string, points: number): string => {
  const t0 = Date.parse(startIso);
  const pts = Array.from(
    { length: points },
    (_, i) =>
      `<trkpt lon="-0.1" lat="${(51.5 + i * 0.0003).toFixed(6)}"><ele>${20 + (i % 3)}</ele><time>${new Date(t0 + i * 10_000).toISOString()}</time><extensions><speed>3.2</speed><course>0</course><hAcc>2</hAcc><vAcc>1</vAcc></extensions></trkpt>`,
  ).join("\n");
  return `<?xml version="1.0" encoding="UTF-8"?>
<gpx version="1.1" creator="Apple Health Export" xmlns="http://www.topografix.com/GPX/1/1">
 <metadata><time>${startIso}</time></metadata>
 <trk><name>Route 2022-03-01 8:03am</name><trkseg>
${pts}
 </trkseg></trk>
</gpx>
`;
};

describe("parseAppleWorkout", () => {
  it("reads the older form, its offset, indoor flag, device, elevation, and merges its route", () => {
    const route = encode(ROUTE_GPX("2022-03-01T06:30:05Z", 100));
    const doc = composeWorkoutDocument(OLD_WORKOUT, [{ path: "/workout-routes/route_2022-03-01_8.03am.gpx", gpx: route }]);
    const { activities, issues } = parseAppleWorkout(doc, { fileName: "export.xml (workout 1)" });
    expect(issues).toEqual([]);
    expect(activities).toHaveLength(1);
    const a = activities[0]!;
    expect(a).toMatchObject({
      sport: "run",
      source: "apple_health",
      startUtc: "2022-03-01T06:30:00.000Z",
      utcOffsetMin: 60,
      elapsedS: 33 * 60,
      movingS: 31.5 * 60,
      distanceM: 5200,
      elevationGainM: 45,
      device: "Ana's Apple Watch",
      indoor: false,
    });
    // The route's samples, placed in the workout's time: its first fix came 5 s in.
    expect(a.stream[0]).toMatchObject({ t: 5, d: 0, alt: 20 });
    expect(a.stream.length).toBeGreaterThan(50);
    expect(a.stream[a.stream.length - 1]!.t).toBe(5 + 99 * 10);
  });

  it("reads the newer form's statistics: distance, average and maximum heart rate; indoor running is the treadmill", () => {
    const { activities } = parseAppleWorkout(composeWorkoutDocument(NEW_WORKOUT, []));
    expect(activities[0]).toMatchObject({
      sport: "treadmill",
      startUtc: "2024-05-01T05:30:12.000Z",
      utcOffsetMin: 120,
      elapsedS: 42 * 60,
      movingS: 40 * 60,
      distanceM: 7250,
      avgHr: 151,
      maxHr: 178,
      indoor: true,
      device: "Apple Watch",
      stream: [],
    });
  });

  it("takes the route's distance when the workout has none, and says when a route is missing", () => {
    const noTotals = OLD_WORKOUT.replace(' totalDistance="5.2" totalDistanceUnit="km"', "");
    const route = encode(ROUTE_GPX("2022-03-01T06:30:05Z", 11));
    const withRoute = parseAppleWorkout(composeWorkoutDocument(noTotals, [{ path: "/workout-routes/a.gpx", gpx: route }]));
    expect(withRoute.activities[0]!.distanceM).toBeGreaterThan(300);
    expect(withRoute.activities[0]!.distanceM).toBeLessThan(340);
    const missing = parseAppleWorkout(composeWorkoutDocument(OLD_WORKOUT, [{ path: "/workout-routes/b.gpx", gpx: null, missing: "not in the export" }]));
    expect(missing.activities).toHaveLength(1);
    expect(missing.issues).toEqual([expect.objectContaining({ code: "APPLE_ROUTE_MISSING", severity: "warning" })]);
  });

  it("a route cannot end its section early, whatever it holds", () => {
    const hostile = encode(ROUTE_GPX("2022-03-01T06:30:05Z", 5).replace("<trk>", `<trk><desc><![CDATA[</Route><Route path="x" bytes="1">]]></desc>`));
    const { activities, issues } = parseAppleWorkout(composeWorkoutDocument(OLD_WORKOUT, [{ path: "/workout-routes/c.gpx", gpx: hostile }]));
    expect(issues).toEqual([]);
    expect(activities[0]!.stream.length).toBeGreaterThan(0);
    // All five points were read, as from the same route without the hostile description.
    const clean = parseAppleWorkout(composeWorkoutDocument(OLD_WORKOUT, [{ path: "/workout-routes/c.gpx", gpx: encode(ROUTE_GPX("2022-03-01T06:30:05Z", 5)) }]));
    expect(activities[0]!.stream).toHaveLength(5);
    expect(activities[0]!.stream).toEqual(clean.activities[0]!.stream);
  });

  it("maps HealthKit's activity types to kneewise's sports", () => {
    expect(appleSport("HKWorkoutActivityTypeWalking", false)).toBe("walk");
    expect(appleSport("HKWorkoutActivityTypeHiking", false)).toBe("hike");
    expect(appleSport("HKWorkoutActivityTypeCycling", true)).toBe("ride");
    expect(appleSport("HKWorkoutActivityTypeSwimming", false)).toBe("swim");
    expect(appleSport("HKWorkoutActivityTypeFunctionalStrengthTraining", false)).toBe("strength");
    expect(appleSport("HKWorkoutActivityTypeYoga", false)).toBe("other");
    const { activities } = parseAppleWorkout(composeWorkoutDocument(STRENGTH, []));
    expect(activities[0]).toMatchObject({ sport: "strength", distanceM: 0, utcOffsetMin: -240, elapsedS: 2700, startUtc: "2024-05-02T22:00:00.000Z" });
  });

  it("refuses a workout without a readable start", () => {
    const { activities, issues } = parseAppleWorkout(composeWorkoutDocument(STRENGTH.replace("2024-05-02 18:00:00 -0400", "yesterday"), []));
    expect(activities).toEqual([]);
    expect(issues).toEqual([expect.objectContaining({ code: "APPLE_WORKOUT_NO_DATE", severity: "error" })]);
  });
});

describe("parseAppleDate", () => {
  it("reads local time with its offset", () => {
    expect(parseAppleDate("2024-05-01 07:30:12 +0200")).toEqual({ ms: Date.UTC(2024, 4, 1, 5, 30, 12), offsetMin: 120, localDate: "2024-05-01" });
    expect(parseAppleDate("2024-05-01 23:30:00 -0530")!.ms).toBe(Date.UTC(2024, 4, 2, 5, 0));
    expect(parseAppleDate("2024-13-01 07:30:12 +0200")).toBeNull();
  });
});
