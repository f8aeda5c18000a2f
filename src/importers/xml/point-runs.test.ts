import { describe, expect, it } from "vitest";
import { seededRandom as random } from "../../../bench/import-data/synth-run.js";
import { readGpx, readGpxBytes } from "../gpx/index.js";
import { readTcx, readTcxBytes } from "../tcx/index.js";
import { withModuleOffAndOn } from "../common/wasm.test-helpers.js";
import { decodeXmlBytes } from "./decode-xml-bytes.js";
import { POINT_RUNS_WASM } from "./point-runs.wasm.js";
import { POINT_RUNS } from "./point-runs.js";

/**
 * Points read by WebAssembly must be exactly the points the JavaScript readers read (the
 * general scanner, and the byte readers with the module turned off): same numbers to the bit,
 * and the module must really read the points it can, not quietly leave them all to JavaScript.
 */
const enc = new TextEncoder();

const pad = (n: number, w: number): string => String(n).padStart(w, "0");

/** A time as recorders write it, or (now and then) one the module must leave to JavaScript. */
function timeText(rnd: () => number): string {
  const year = rnd() < 0.05 ? Math.floor(rnd() * 120) : 1600 + Math.floor(rnd() * 800);
  const month = 1 + Math.floor(rnd() * 12);
  const day = rnd() < 0.2 ? 28 + Math.floor(rnd() * 4) : 1 + Math.floor(rnd() * 28);
  const hms = `${pad(Math.floor(rnd() * 24), 2)}:${pad(Math.floor(rnd() * 60), 2)}:${pad(Math.floor(rnd() * 60), 2)}`;
  const base = `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}T${hms}`;
  const r = rnd();
  if (r < 0.5) return `${base}Z`;
  if (r < 0.6) return `${base}.${String(Math.floor(rnd() * 1e6)).slice(0, 1 + Math.floor(rnd() * 6))}Z`;
  const odd = [
    `${base}+01:00`,
    `${base}`,
    ` ${base}Z `,
    `${base}.Z`,
    `${base.slice(0, 11)}24:00:00Z`,
    `${base.slice(0, 17)}60Z`,
    `${base.slice(0, 11)}2x:00:00Z`,
    `${base}z`,
  ];
  return odd[Math.floor(rnd() * odd.length)]!;
}

/** A number as recorders write it, or (now and then) one only parseFloat reads. */
function numberText(rnd: () => number, scale: number): string {
  const v = (rnd() - 0.3) * scale;
  const r = rnd();
  if (r < 0.7) return v.toFixed(Math.floor(rnd() * 8));
  const odd = [
    "-0",
    "+5",
    "12.",
    ".5",
    "1e2",
    ` ${v.toFixed(1)} `,
    "1234567890123456",
    "123456789012345",
    "0.000000000000001",
    "-",
    "",
    "NaN",
    "9.9.9",
    "&#49;2",
  ];
  return odd[Math.floor(rnd() * odd.length)]!;
}

function gpxDoc(seed: number, points: number): string {
  const rnd = random(seed);
  const out: string[] = [];
  for (let i = 0; i < points; i++) {
    const lat = numberText(rnd, 100);
    const lon = numberText(rnd, 200);
    const hr = rnd() < 0.9 ? `<gpxtpx:hr>${numberText(rnd, 200)}</gpxtpx:hr>` : "";
    out.push(
      `   <trkpt lat="${lat}" lon="${lon}"><ele>${numberText(rnd, 3000)}</ele><time>${timeText(rnd)}</time>` +
        `<extensions><gpxtpx:TrackPointExtension>${hr}<gpxtpx:cad>${numberText(rnd, 100)}</gpxtpx:cad></gpxtpx:TrackPointExtension></extensions></trkpt>\n`,
    );
  }
  return `<?xml version="1.0"?>\n<gpx version="1.1" creator="t" xmlns:gpxtpx="urn:x"><trk><trkseg>\n${out.join("")}  </trkseg></trk></gpx>\n`;
}

function tcxDoc(seed: number, points: number): string {
  const rnd = random(seed);
  const out: string[] = [];
  for (let i = 0; i < points; i++) {
    const position =
      rnd() < 0.9
        ? `<Position><LatitudeDegrees>${numberText(rnd, 100)}</LatitudeDegrees><LongitudeDegrees>${numberText(rnd, 200)}</LongitudeDegrees></Position>`
        : "";
    const cadence =
      rnd() < 0.5
        ? `<Cadence>${numberText(rnd, 100)}</Cadence><Extensions><ns3:TPX><ns3:RunCadence>${numberText(rnd, 100)}</ns3:RunCadence></ns3:TPX></Extensions>`
        : `<Extensions><ns3:TPX><ns3:RunCadence>${numberText(rnd, 100)}</ns3:RunCadence></ns3:TPX></Extensions><Cadence>${numberText(rnd, 100)}</Cadence>`;
    out.push(
      `<Trackpoint><Time>${timeText(rnd)}</Time>${position}<AltitudeMeters>${numberText(rnd, 3000)}</AltitudeMeters>` +
        `<DistanceMeters>${numberText(rnd, 1e5)}</DistanceMeters><HeartRateBpm><Value>${numberText(rnd, 200)}</Value></HeartRateBpm>${cadence}</Trackpoint>\n`,
    );
  }
  return `<?xml version="1.0"?>\n<TrainingCenterDatabase xmlns:ns3="urn:x"><Activities><Activity Sport="Running"><Id>2024-03-01T06:10:00Z</Id><Lap StartTime="2024-03-01T06:10:00Z"><Track>\n${out.join("")}</Track></Lap></Activity></Activities></TrainingCenterDatabase>\n`;
}

/** Reads a document with the module on and off, and with the general scanner: all must agree. */
function readAllWays(kind: "gpx" | "tcx", text: string): number {
  const bytes = enc.encode(text);
  const general = kind === "gpx" ? readGpx(decodeXmlBytes(bytes)) : readTcx(decodeXmlBytes(bytes));
  const byteReader = kind === "gpx" ? readGpxBytes : readTcxBytes;
  const { off, on, rowsRead } = withModuleOffAndOn(POINT_RUNS, () => byteReader(bytes));
  expect(off).not.toBeNull();
  expect(on).toEqual(off);
  expect(on).toEqual(general);
  return rowsRead;
}

describe("points read by WebAssembly", () => {
  it("loads the module here", () => {
    expect(POINT_RUNS_WASM.length).toBeGreaterThan(1000);
    expect(POINT_RUNS.get()).not.toBeNull();
  });

  it("reads a regular 1 Hz file almost wholly, the same as JavaScript", () => {
    const points = Array.from(
      { length: 500 },
      (_, i) =>
        `   <trkpt lat="48.${6712547 + i * 31}" lon="8.${2499843 + i}"><ele>${(200 + i / 10).toFixed(1)}</ele><time>2015-01-02T06:${pad(10 + Math.floor(i / 60), 2)}:${pad(i % 60, 2)}Z</time></trkpt>\n`,
    );
    const doc = `<gpx version="1.1" creator="t"><trk><trkseg>\n${points.join("")}</trkseg></trk></gpx>`;
    // The first point is read by the cursor, the second teaches nothing new: the rest are rows.
    expect(readAllWays("gpx", doc)).toBeGreaterThanOrEqual(498);
  });

  it("reads indented points by comparing their indentation, and leaves other layouts to JavaScript", () => {
    const point = (i: number, indent: string): string =>
      `    <trkpt lat="46.${1000 + i}" lon="14.${2000 + i}">\n${indent}<ele>${300 + i}</ele>\n${indent}<time>2024-03-01T06:${pad(10 + Math.floor(i / 60), 2)}:${pad(i % 60, 2)}Z</time>\n${indent}<extensions>\n${indent}  <gpxtpx:hr>${120 + (i % 30)}</gpxtpx:hr>\n${indent}</extensions>\n    </trkpt>\n`;
    const doc = (indentOf: (i: number) => string): string =>
      `<gpx version="1.1" creator="t" xmlns:gpxtpx="urn:x"><trk><trkseg>\n${Array.from({ length: 300 }, (_, i) => point(i, indentOf(i))).join("")}</trkseg></trk></gpx>`;
    expect(readAllWays("gpx", doc(() => "      "))).toBeGreaterThanOrEqual(298);
    // Every third point indented with a tab: those are read by JavaScript, the rest by the module.
    const mixed = readAllWays("gpx", doc((i) => (i % 3 === 2 ? "\t" : "      ")));
    expect(mixed).toBeGreaterThan(150);
    expect(mixed).toBeLessThan(250);
  });

  for (const seed of [1, 2, 3, 4, 5, 6, 7, 8]) {
    it(`agrees on random GPX and TCX points with odd times and numbers (seed ${seed})`, () => {
      const gpxRows = readAllWays("gpx", gpxDoc(seed, 400));
      const tcxRows = readAllWays("tcx", tcxDoc(seed, 400));
      // Most values are plain, so the module reads a good share of the points itself.
      expect(gpxRows).toBeGreaterThan(0);
      expect(tcxRows).toBeGreaterThan(0);
    });
  }

  it("reads times across the calendar to the millisecond, leap days and all", () => {
    const rnd = random(99);
    const points: string[] = [];
    const expected: number[] = [];
    for (let i = 0; i < 3000; i++) {
      const ms = Date.UTC(100, 0, 1) + Math.floor(rnd() * (Date.UTC(9999, 11, 31) - Date.UTC(100, 0, 1)));
      const iso = new Date(ms).toISOString();
      points.push(`<trkpt lat="1" lon="2"><time>${iso}</time></trkpt>\n`);
      expected.push(ms);
    }
    points.push(`<trkpt lat="1" lon="2"><time>2024-02-29T12:00:00Z</time></trkpt>\n`);
    expected.push(Date.UTC(2024, 1, 29, 12));
    points.push(`<trkpt lat="1" lon="2"><time>2023-02-29T12:00:00Z</time></trkpt>\n`);
    expected.push(NaN);
    points.push(`<trkpt lat="1" lon="2"><time>2000-02-29T23:59:59.9999Z</time></trkpt>\n`);
    expected.push(Date.UTC(2000, 1, 29, 23, 59, 59, 999));
    const doc = `<gpx version="1.1" creator="t"><trk><trkseg>\n${points.join("")}</trkseg></trk></gpx>`;
    expect(readAllWays("gpx", doc)).toBeGreaterThan(2990);
    expect(Array.from(readGpxBytes(enc.encode(doc))!.track.timeMs)).toEqual(expected);
  });

  it("reads a document larger than its window, points across the window's edge included", () => {
    const doc = gpxDoc(42, 12_000);
    expect(doc.length).toBeGreaterThan(2.5 * 1024 * 1024);
    expect(readAllWays("gpx", doc)).toBeGreaterThan(0);
  });

  it("starts a document with the templates the last one of its kind learned, its first point included", () => {
    const recorder = (day: number): Uint8Array =>
      enc.encode(
        `<gpx version="1.1" creator="t"><trk><trkseg>\n${Array.from(
          { length: 200 },
          (_, i) =>
            `  <trkpt lat="45.${5000 + day * 300 + i}" lon="6.${7000 + i}"><ele>${900 + day}</ele><time>2024-05-${pad(day, 2)}T07:${pad(Math.floor(i / 60), 2)}:${pad(i % 60, 2)}Z</time></trkpt>\n`,
        ).join("")}</trkseg></trk></gpx>`,
      );
    const first = readGpxBytes(recorder(1))!;
    // A TCX document in between learns templates of its own kind, and leaves these alone.
    readTcxBytes(enc.encode(tcxDoc(3, 50)));
    const before = POINT_RUNS.rowsRead;
    const second = readGpxBytes(recorder(2))!;
    expect(POINT_RUNS.rowsRead - before).toBe(200);
    expect(second.track.length).toBe(200);
    expect(second.track.lat[0]).toBe(45.5600);
    expect(second.track.timeMs[0]).toBe(Date.UTC(2024, 4, 2, 7));
    expect(first.track.timeMs[0]).toBe(Date.UTC(2024, 4, 1, 7));
    // The same points as the general scanner reads, and as the byte reader without the module.
    expect(readAllWays("gpx", new TextDecoder().decode(recorder(2)))).toBeGreaterThanOrEqual(198);
  });

  it("keeps two documents read in turn apart (one module, one table at a time)", () => {
    const a = enc.encode(gpxDoc(10, 300));
    const b = enc.encode(tcxDoc(11, 300));
    const expectedA = readGpxBytes(a);
    const expectedB = readTcxBytes(b);
    for (let i = 0; i < 3; i++) {
      expect(readGpxBytes(a)).toEqual(expectedA);
      expect(readTcxBytes(b)).toEqual(expectedB);
    }
  });
});
