import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CORPUS_DIR } from "../../../test/paths.js";
import { DEFAULT_LIMITS } from "./limits.js";
import { runParseTask } from "./parse-task.js";
import { PARSE_BUDGET_BYTES, createParsePool, unpackedEstimate } from "./worker-pool.js";
import { repeatedGpx } from "../../../bench/import-data/overlap-zip.js";

const task = (id: number, file: string) => ({
  id,
  kind: "fit" as const,
  gz: false,
  bytes: new Uint8Array(fs.readFileSync(path.join(CORPUS_DIR, "fit", file))),
  fileName: file,
  limits: DEFAULT_LIMITS,
});

describe("the parse pool", () => {
  it("starts real worker threads from the TypeScript sources and parses in them as on this thread", async () => {
    const pool = createParsePool(2, new Set());
    try {
      expect(await pool.ready()).toBe(2);
      const files = ["fitparse__activity-small-fenix2-run.fit", "fitparse__garmin-fenix-5-run.fit", "fitparse__Settings.fit"];
      const outcomes = await Promise.all(files.map((f, i) => pool.parse(task(i, f))));
      files.forEach((f, i) => {
        expect(outcomes[i]).toEqual(runParseTask(task(i, f), new Set()));
      });
      expect(outcomes[2]!.skipped?.code).toBe("NOT_AN_ACTIVITY");
    } finally {
      await pool.close();
    }
  }, 60_000);

  it("recognises a file whose hash it was given, without parsing it", async () => {
    const first = runParseTask(task(0, "fitparse__garmin-fenix-5-run.fit"), new Set());
    const pool = createParsePool(1, new Set([first.sha256!]));
    try {
      await pool.ready();
      const again = await pool.parse(task(1, "fitparse__garmin-fenix-5-run.fit"));
      expect(again).toMatchObject({ known: true, sha256: first.sha256, activities: [] });
    } finally {
      await pool.close();
    }
  }, 60_000);

  it("hands a large file to a worker only while no other large file is with one", async () => {
    // Two 30 MiB GPX files: each costs about three times that while parsed, so both at once, on
    // two workers, would pass the import's memory budget.
    const big = (id: number) => ({ id, kind: "gpx" as const, gz: false, bytes: repeatedGpx(30 * 1024 * 1024), fileName: `big-${id}.gpx`, limits: DEFAULT_LIMITS });
    expect(unpackedEstimate(big(0)) * 2).toBeGreaterThan(PARSE_BUDGET_BYTES);
    const pool = createParsePool(2, new Set());
    try {
      expect(await pool.ready()).toBe(2);
      const first = pool.parse(big(1));
      const seen: number[] = [pool.sentBytes];
      const second = pool.parse(big(2));
      seen.push(pool.sentBytes);
      const done = await first;
      seen.push(pool.sentBytes);
      await second;
      seen.push(pool.sentBytes);
      expect(done.failure).toBeNull();
      expect(seen).toEqual([30 * 1024 * 1024, 30 * 1024 * 1024, 30 * 1024 * 1024, 0]);
    } finally {
      await pool.close();
    }
  }, 120_000);
});
