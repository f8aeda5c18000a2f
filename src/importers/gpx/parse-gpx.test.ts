import { describe, expect, it } from "vitest";
import { haversineM } from "../common/index.js";
import { parseGpxText } from "./parse-gpx.js";
import { readGpx } from "./read-gpx.js";

interface Pt {
  lat: number | string;
  lon: number | string;
  t?: number;
  ele?: number;
  hr?: number;
  cad?: number;
}

const T0 = Date.UTC(2024, 2, 1, 6, 30);

function gpx(
  segments: Pt[][],
  opts: { type?: string; name?: string; prefix?: string } = {},
): string {
  const p = opts.prefix ?? "gpxtpx";
  const seg = segments
    .map(
      (pts) =>
        `<trkseg>${pts
          .map(
            (q) =>
              `<trkpt lat="${q.lat}" lon="${q.lon}">${q.ele !== undefined ? `<ele>${q.ele}</ele>` : ""}${
                q.t !== undefined ? `<time>${new Date(T0 + q.t * 1000).toISOString()}</time>` : ""
              }${
                q.hr !== undefined || q.cad !== undefined
                  ? `<extensions><${p}:TrackPointExtension>${q.hr !== undefined ? `<${p}:hr>${q.hr}</${p}:hr>` : ""}${
                      q.cad !== undefined ? `<${p}:cad>${q.cad}</${p}:cad>` : ""
                    }</${p}:TrackPointExtension></extensions>`
                  : ""
              }</trkpt>`,
          )
          .join("\n")}</trkseg>`,
    )
    .join("\n");
  return `<?xml version="1.0" encoding="UTF-8"?>
<gpx version="1.1" creator="Test Watch" xmlns="http://www.topografix.com/GPX/1/1" xmlns:${p}="http://www.garmin.com/xmlschemas/TrackPointExtension/v1">
<trk>${opts.name !== undefined ? `<name>${opts.name}</name>` : ""}${opts.type !== undefined ? `<type>${opts.type}</type>` : ""}
${seg}
</trk></gpx>`;
}

/** A straight run north at `speed` m/s, one point per second. */
function run(seconds: number, speed: number, from = 0, startLat = 46): Pt[] {
  const dLat = speed / 111_195;
  return Array.from({ length: seconds + 1 }, (_, i) => ({
    lat: startLat + i * dLat,
    lon: 14,
    t: from + i,
    ele: 300 + i * 0.1,
    hr: 140,
    cad: 85,
  }));
}

describe("parseGpx", () => {
  it("builds a run with haversine distance, heart rate, doubled cadence and a 10 s stream", () => {
    const pts = run(600, 3);
    const r = parseGpxText(gpx([pts], { type: "running", name: "Morning Run" }));
    expect(r.issues).toEqual([]);
    const a = r.activities[0]!;
    const expected = haversineM(46, 14, pts[600]!.lat as number, 14);
    expect(Math.abs(a.distanceM - expected)).toBeLessThanOrEqual(1);
    expect(a.sport).toBe("run");
    expect(a.startUtc).toBe(new Date(T0).toISOString());
    expect(a.elapsedS).toBe(600);
    expect(a.movingS).toBe(600);
    expect([a.avgHr, a.maxHr]).toEqual([140, 140]);
    expect(a.avgCadence).toBe(170);
    expect(a.device).toBe("Test Watch");
    expect(a.name).toBe("Morning Run");
    expect(a.utcOffsetMin).toBeNull();
    expect(a.stream.map((s) => s.t).slice(0, 3)).toEqual([0, 10, 20]);
    expect(a.stream[a.stream.length - 1]).toMatchObject({
      t: 600,
      d: a.distanceM,
      hr: 140,
      cad: 170,
    });
    expect(a.elevationGainM).toBe(60);
  });

  it("counts no distance across a segment gap and treats the gap as a pause", () => {
    const first = run(100, 3, 0, 46);
    const second = run(100, 3, 400, 47); // 111 km away, 300 s later
    const a = parseGpxText(gpx([first, second], { type: "running" })).activities[0]!;
    const oneSegment = parseGpxText(gpx([first], { type: "running" })).activities[0]!;
    expect(Math.abs(a.distanceM - 2 * oneSegment.distanceM)).toBeLessThanOrEqual(1);
    expect(a.elapsedS).toBe(500);
    expect(a.movingS).toBe(200);
  });

  it("removes standing still for more than 10 s from moving time, but not a short stop", () => {
    const moving = run(100, 3);
    const last = moving[moving.length - 1]!;
    const stand = (n: number, from: number): Pt[] =>
      Array.from({ length: n }, (_, i) => ({ ...last, t: from + i + 1 }));
    const longStop = [
      ...moving,
      ...stand(30, 100),
      ...run(100, 3, 131, last.lat as number).slice(1),
    ];
    const long = parseGpxText(gpx([longStop])).activities[0]!;
    expect(long.elapsedS).toBe(231);
    expect(long.movingS).toBe(231 - 30);
    const shortStop = [
      ...moving,
      ...stand(5, 100),
      ...run(100, 3, 106, last.lat as number).slice(1),
    ];
    const short = parseGpxText(gpx([shortStop])).activities[0]!;
    expect(short.movingS).toBe(short.elapsedS);
  });

  it("reads heart rate and cadence under any extension prefix (ns3:)", () => {
    const a = parseGpxText(gpx([run(60, 3)], { prefix: "ns3", type: "running" })).activities[0]!;
    expect(a.avgHr).toBe(140);
    expect(a.avgCadence).toBe(170);
  });

  it("keeps cadence already in steps per minute and bike cadence as written", () => {
    const steps = run(60, 3).map((p) => ({ ...p, cad: 172 }));
    expect(parseGpxText(gpx([steps], { type: "running" })).activities[0]!.avgCadence).toBe(172);
    expect(parseGpxText(gpx([run(60, 8)], { type: "cycling" })).activities[0]!.avgCadence).toBe(85);
  });

  it("takes the sport from Strava's numeric type and otherwise from the track name", () => {
    expect(parseGpxText(gpx([run(20, 3)], { type: "9" })).activities[0]!.sport).toBe("run");
    expect(parseGpxText(gpx([run(20, 3)], { name: "Evening Ride" })).activities[0]!.sport).toBe(
      "ride",
    );
    expect(parseGpxText(gpx([run(20, 3)])).activities[0]!.sport).toBe("other");
  });

  it("skips NaN and out-of-range coordinates with a warning and keeps the rest", () => {
    const pts: Pt[] = [
      ...run(30, 3),
      { lat: "NaN", lon: 14, t: 31 },
      { lat: 95, lon: 14, t: 32 },
      { lat: "", lon: "x", t: 33 },
    ];
    const r = parseGpxText(gpx([pts]));
    expect(r.activities).toHaveLength(1);
    expect(r.issues).toEqual([
      expect.objectContaining({
        code: "GPX_BAD_COORDINATES",
        severity: "warning",
        at: "trkpt #32",
      }),
    ]);
    expect(r.issues[0]?.message).toContain("3 track point");
    expect(r.activities[0]!.elapsedS).toBe(30);
  });

  it("fails with GPX_NO_POINTS when a file has no usable track point", () => {
    const r = parseGpxText(`<gpx version="1.1"><trk><trkseg></trkseg></trk></gpx>`);
    expect(r.activities).toEqual([]);
    expect(r.issues).toEqual([
      expect.objectContaining({ code: "GPX_NO_POINTS", severity: "error" }),
    ]);
    const allBad = parseGpxText(gpx([[{ lat: "NaN", lon: "NaN", t: 0 }]]));
    expect(allBad.issues.map((i) => i.code)).toEqual(["GPX_BAD_COORDINATES", "GPX_NO_POINTS"]);
  });

  it("fails with GPX_NO_TIMES but still measures the track when no point has a time", () => {
    const pts = run(100, 3).map(({ t: _t, ...rest }) => rest);
    const r = parseGpxText(gpx([pts]));
    expect(r.activities).toEqual([]);
    expect(r.issues).toEqual([
      expect.objectContaining({ code: "GPX_NO_TIMES", severity: "error" }),
    ]);
    expect(r.issues[0]?.message).toContain("0.30 km");
    expect(readGpx(gpx([pts])).track.lat).toHaveLength(101);
  });

  it("skips a route-only file with GPX_ROUTE_ONLY", () => {
    const r = parseGpxText(
      `<gpx><rte><rtept lat="46" lon="14"/><rtept lat="46.1" lon="14"/></rte></gpx>`,
    );
    expect(r.issues).toEqual([
      expect.objectContaining({ code: "GPX_ROUTE_ONLY", severity: "error" }),
    ]);
  });

  it("keeps the points read before a cut and warns that the file is truncated", () => {
    const full = gpx([run(100, 3)]);
    const cut = full.slice(0, Math.floor(full.length / 2));
    const r = parseGpxText(cut);
    expect(r.activities).toHaveLength(1);
    expect(r.activities[0]!.elapsedS).toBeGreaterThan(30);
    expect(r.issues).toContainEqual(
      expect.objectContaining({ code: "XML_TRUNCATED", severity: "warning" }),
    );
    const tiny = parseGpxText(full.slice(0, 150));
    expect(tiny.activities).toEqual([]);
    expect(tiny.issues).toContainEqual(
      expect.objectContaining({ code: "XML_TRUNCATED", severity: "error" }),
    );
  });

  it("does not expand an entity bomb placed in a track name", () => {
    const bomb = `<?xml version="1.0"?><!DOCTYPE gpx [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;"><!ENTITY e SYSTEM "file:///etc/passwd">]>`;
    const body = gpx([run(20, 3)], { name: "&d;&e;" }).replace(/^<\?xml[^>]*>/, "");
    const r = parseGpxText(bomb + body);
    expect(r.activities[0]!.name).toBe("&d;&e;");
    expect(r.issues.map((i) => i.code)).toEqual(["XML_DTD_IGNORED", "XML_UNKNOWN_ENTITY"]);
  });

  it("reports a non-GPX document instead of reading it as an empty track", () => {
    const r = parseGpxText(`<TrainingCenterDatabase/>`);
    expect(r.issues).toEqual([expect.objectContaining({ code: "GPX_NOT_GPX", severity: "error" })]);
  });
});
