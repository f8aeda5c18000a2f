import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CORPUS_DIR } from "../../../test/paths.js";
import { DEFAULT_LIMITS } from "./limits.js";
import { runParseTask } from "./parse-task.js";
import { createParsePool } from "./worker-pool.js";

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
});
