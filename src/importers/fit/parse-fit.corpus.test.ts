import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CORPUS_DIR } from "../../../test/paths.js";
import { decodeFit } from "./decode-fit.js";
import { parseFit } from "./parse-fit.js";
import { FIT_MIN_ABSOLUTE_TIME, SPORT_TRANSITION } from "./profile.js";

const FIT_DIR = path.join(CORPUS_DIR, "fit");

/**
 * What each corpus file must yield beyond the invariants (MANIFEST.md gives the reasons): files
 * that are not activities, and the known-broken ones with the code that names their damage.
 */
const EXPECTED: Record<string, { notActivity?: true; warnings?: string[] }> = {
  "fitparse__Settings.fit": { notActivity: true },
  "muktihari__valid_only_contain_fileid.fit": { notActivity: true },
  "fitparse__nick.fit": { warnings: ["FIT_TRUNCATED", "FIT_BAD_CRC"] },
  "fitparse__strava-android-app-201.10-b1218918.fit": {
    warnings: ["FIT_CORRUPT", "FIT_TRUNCATED"],
  },
  "fitparse__compressed-speed-distance.fit": { warnings: ["FIT_LOCAL_TIME_ONLY"] },
  "fitparse__antfs-dump.63.fit": { warnings: ["FIT_LOCAL_TIME_ONLY"] },
};

const files = readdirSync(FIT_DIR).filter((f) => f.endsWith(".fit"));

describe("parseFit over every FIT file of the corpus", () => {
  it("finds the corpus", () => {
    expect(files.length).toBeGreaterThanOrEqual(37);
  });

  for (const file of files) {
    it(`reads ${file} with totals matching the file's own`, () => {
      const bytes = new Uint8Array(readFileSync(path.join(FIT_DIR, file)));
      const result = parseFit(bytes, { fileName: file });
      const expected = EXPECTED[file] ?? {};
      const codes = result.issues.map((i) => i.code).sort();

      if (expected.notActivity) {
        expect(result.activities).toEqual([]);
        expect(codes).toEqual(["NOT_AN_ACTIVITY"]);
        expect(result.issues[0]!.severity).toBe("error");
        expect(result.issues[0]!.message).toContain(file);
        return;
      }
      expect(codes).toEqual((expected.warnings ?? []).sort());
      expect(result.issues.every((i) => i.severity === "warning")).toBe(true);

      // The file's own totals, read from the decoded session messages (transitions excluded).
      const sessions = decodeFit(bytes).parts.flatMap((p) => p.sessions);
      const real = sessions.filter((s) => s.sport !== SPORT_TRANSITION);
      expect(result.activities.length).toBe(Math.max(1, real.length));

      result.activities.forEach((a, k) => {
        const s = real[k];
        if (s !== undefined) {
          if (!Number.isNaN(s.elapsedS)) {
            expect(Math.abs(a.elapsedS - s.elapsedS)).toBeLessThanOrEqual(
              Math.max(1, s.elapsedS * 0.01),
            );
          }
          if (!Number.isNaN(s.timerS)) {
            expect(Math.abs(a.movingS - s.timerS)).toBeLessThanOrEqual(
              Math.max(1, s.timerS * 0.01),
            );
          }
          if (s.distanceM > 0) {
            expect(Math.abs(a.distanceM - s.distanceM)).toBeLessThanOrEqual(
              Math.max(1, s.distanceM * 0.01),
            );
          }
        } else {
          // No session (a file never closed): totals come from the records.
          expect(a.elapsedS).toBeGreaterThan(0);
          expect(a.distanceM).toBeGreaterThan(0);
        }
        const start = Date.parse(a.startUtc);
        expect(new Date(start).toISOString()).toBe(a.startUtc);
        expect(new Date(start).getUTCFullYear()).toBeGreaterThanOrEqual(2010);
        expect(start).toBeLessThan(Date.parse("2027-01-01T00:00:00Z"));
        expect(a.source).toBe("fit");
        expect(a.movingS).toBeLessThanOrEqual(a.elapsedS + 1);
        if (a.utcOffsetMin !== null) expect(Math.abs(a.utcOffsetMin % 15)).toBe(0);

        const ts = a.stream.map((p) => p.t);
        expect(ts).toEqual([...ts].sort((x, y) => x - y));
        expect(new Set(ts).size).toBe(ts.length);
        expect(ts[0] ?? 0).toBeGreaterThanOrEqual(0);
        expect(ts[ts.length - 1] ?? 0).toBeLessThanOrEqual(a.elapsedS + 61);
        for (const p of a.stream) {
          if (p.d !== null) expect(p.d).toBeGreaterThanOrEqual(0);
          if (p.hr !== null) expect(p.hr).toBeGreaterThan(0);
        }
        for (const lap of a.laps) {
          expect(lap.startOffsetS).toBeGreaterThanOrEqual(0);
          expect(lap.durationS).toBeGreaterThanOrEqual(0);
        }
        if (a.avgHr !== null) expect(a.maxHr ?? Infinity).toBeGreaterThanOrEqual(a.avgHr);
      });
    });
  }

  it("dates relative timestamps from the activity's local clock, not from 1990", () => {
    const bytes = new Uint8Array(
      readFileSync(path.join(FIT_DIR, "fitparse__compressed-speed-distance.fit")),
    );
    const part = decodeFit(bytes).parts[0]!;
    expect(part.records.ts[0]).toBeLessThan(FIT_MIN_ABSOLUTE_TIME);
    const [run] = parseFit(bytes).activities;
    expect(run!.startUtc.slice(0, 4)).toBe("2012");
    expect(run!.utcOffsetMin).toBeNull();
  });
});
