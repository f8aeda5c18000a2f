import { readFileSync, readdirSync } from "node:fs";
import { gunzipSync, gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import type { ParseResult } from "../../core/activity.js";
import { CORPUS_DIR } from "../../../test/paths.js";
import { parseGpx } from "../gpx/index.js";
import { parseTcx } from "../tcx/index.js";

/**
 * One loop over every GPX and TCX file in the shared corpus (MANIFEST.md says what each is).
 * A file either yields activities that satisfy the invariants, or fails with the listed code.
 */
const EXPECTED_FAILURES: Readonly<Record<string, string>> = {
  "gpxpy__gpx1.1_with_extensions.gpx": "GPX_NO_POINTS", // waypoints only
  "gpxpy__gpx_with_garmin_extension.gpx": "GPX_NO_POINTS", // waypoint only
  "gpxpy__unicode_with_bom.gpx": "GPX_NO_POINTS", // waypoint only
  "togeojson__empty_trk.gpx": "GPX_NO_POINTS",
  "togeojson__bad.gpx": "GPX_NO_POINTS", // every coordinate is "undefined"
  "gpxpy__route.gpx": "GPX_ROUTE_ONLY",
  "togeojson__garmin_extensions.gpx": "GPX_NO_TIMES",
  "togeojson__north_core.gpx": "GPX_NO_TIMES",
};

/** Ground truth from MANIFEST.md (python-tcxparser's figures for its test file). */
const KNOWN: Readonly<
  Record<string, { distanceM?: number; durationS?: number; startUtc?: string; maxHr?: number }>
> = {
  "tcxparser__test.tcx": {
    distanceM: 4686.31103516,
    durationS: 1992.78,
    startUtc: "2012-12-26T21:29:53.000Z",
    maxHr: 189,
  },
  "gpxpy__Mojstrovka.gpx": { startUtc: "1901-12-13T20:45:52.207Z" },
};

interface CorpusFile {
  name: string;
  kind: "gpx" | "tcx";
  bytes: Uint8Array;
  gzippedAsFound: boolean;
}

function corpusFiles(): CorpusFile[] {
  const out: CorpusFile[] = [];
  for (const kind of ["gpx", "tcx"] as const) {
    const dir = `${CORPUS_DIR}/${kind}`;
    for (const name of readdirSync(dir).sort()) {
      const raw = readFileSync(`${dir}/${name}`);
      const gz = name.endsWith(".gz");
      out.push({ name, kind, bytes: gz ? gunzipSync(raw) : raw, gzippedAsFound: gz });
    }
  }
  return out;
}

function parse(file: CorpusFile, bytes: Uint8Array): ParseResult {
  return file.kind === "gpx"
    ? parseGpx(bytes, { fileName: file.name })
    : parseTcx(bytes, { fileName: file.name });
}

function assertAllFinite(value: unknown, where: string): void {
  if (typeof value === "number") expect(Number.isFinite(value), `${where} is ${value}`).toBe(true);
  else if (Array.isArray(value)) value.forEach((v, i) => assertAllFinite(v, `${where}[${i}]`));
  else if (value !== null && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) assertAllFinite(v, `${where}.${k}`);
  }
}

/** The file's own lap totals, read straight from the text (TCX puts them first in each <Lap>). */
function tcxLapTotals(text: string): { distanceM: number; timeS: number } | null {
  const re =
    /<Lap\b[^>]*>\s*<TotalTimeSeconds>([^<]*)<\/TotalTimeSeconds>\s*<DistanceMeters>([^<]*)<\/DistanceMeters>/g;
  let distanceM = 0;
  let timeS = 0;
  let found = false;
  for (const m of text.matchAll(re)) {
    found = true;
    timeS += Number(m[1]);
    distanceM += Number(m[2]);
  }
  return found ? { distanceM, timeS } : null;
}

const within = (actual: number, expected: number, fraction: number): boolean =>
  Math.abs(actual - expected) <= Math.max(1, Math.abs(expected) * fraction);

const files = corpusFiles();

describe("GPX and TCX corpus", () => {
  it("holds the files MANIFEST.md lists", () => {
    expect(files.filter((f) => f.kind === "gpx")).toHaveLength(28);
    expect(files.filter((f) => f.kind === "tcx")).toHaveLength(8);
  });

  for (const file of files) {
    it(`${file.kind}/${file.name}: imports with sound values or fails with its expected code`, () => {
      const result = parse(file, file.bytes);
      for (const issue of result.issues) {
        expect(issue.code).toMatch(/^[A-Z][A-Z0-9_]+$/);
        expect(issue.message.length).toBeGreaterThan(10);
      }
      const expectedFailure = EXPECTED_FAILURES[file.name];
      if (expectedFailure !== undefined) {
        expect(result.activities).toEqual([]);
        expect(result.issues).toContainEqual(
          expect.objectContaining({ code: expectedFailure, severity: "error" }),
        );
        return;
      }
      expect(result.activities.length).toBeGreaterThan(0);
      expect(result.issues.filter((i) => i.severity === "error")).toEqual([]);

      for (const a of result.activities) {
        assertAllFinite(a, file.name);
        expect(new Date(a.startUtc).toISOString()).toBe(a.startUtc);
        expect(a.source).toBe(file.kind);
        expect(a.movingS).toBeGreaterThanOrEqual(0);
        expect(a.movingS).toBeLessThanOrEqual(a.elapsedS);
        expect(a.distanceM).toBeGreaterThanOrEqual(0);
        if (a.avgHr !== null) expect(a.avgHr).toBeLessThanOrEqual(a.maxHr ?? 0);
        expect(a.stream.length).toBeGreaterThan(0);
        for (let i = 1; i < a.stream.length; i++) {
          const prev = a.stream[i - 1]!;
          const cur = a.stream[i]!;
          expect(cur.t).toBeGreaterThanOrEqual(prev.t);
          if (prev.d !== null && cur.d !== null) expect(cur.d).toBeGreaterThanOrEqual(prev.d);
        }
        const last = a.stream[a.stream.length - 1]!;
        expect(last.t).toBeLessThanOrEqual(a.elapsedS);
        if (file.kind === "gpx" && last.d !== null) expect(last.d).toBeLessThanOrEqual(a.distanceM);
      }

      if (file.kind === "tcx") {
        const totals = tcxLapTotals(new TextDecoder().decode(file.bytes));
        expect(totals).not.toBeNull();
        const distance = result.activities.reduce((s, a) => s + a.distanceM, 0);
        const moving = result.activities.reduce((s, a) => s + a.movingS, 0);
        expect(
          within(distance, totals!.distanceM, 0.01),
          `distance ${distance} vs laps ${totals!.distanceM}`,
        ).toBe(true);
        expect(within(moving, totals!.timeS, 0.01), `time ${moving} vs laps ${totals!.timeS}`).toBe(
          true,
        );
      }

      const known = KNOWN[file.name];
      const first = result.activities[0]!;
      if (known?.distanceM !== undefined)
        expect(within(first.distanceM, known.distanceM, 0.01)).toBe(true);
      if (known?.durationS !== undefined)
        expect(within(first.elapsedS, known.durationS, 0.01)).toBe(true);
      if (known?.startUtc !== undefined) expect(first.startUtc).toBe(known.startUtc);
      if (known?.maxHr !== undefined) expect(first.maxHr).toBe(known.maxHr);
    });

    it(`${file.kind}/${file.name}: parses the same after a gzip round trip`, () => {
      // Strava exports gzip most files; the bytes after gunzip must give the identical result.
      const roundTrip = gunzipSync(gzipSync(file.bytes));
      expect(parse(file, roundTrip)).toEqual(parse(file, file.bytes));
    });
  }
});
