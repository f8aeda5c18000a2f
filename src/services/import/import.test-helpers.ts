/** Test support for the import pipeline: a fresh app and owner, and generated activity files. */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { encodeFitRun } from "../../../bench/import-data/fit-encoder.js";
import { synthRun } from "../../../bench/import-data/synth-run.js";
import { writeGpx, writeTcx } from "../../../bench/import-data/xml-writers.js";
import { createTestDb } from "../../../test/db.js";
import type { TestDialect } from "../../../test/db.js";
import { createApp } from "../app.js";
import type { App } from "../app.js";
import { ensureLocalOwner } from "../auth.js";

export interface ImportFixture {
  app: App;
  userId: string;
  /** A private data folder (nested archives are unpacked under its tmp/). */
  dataDir: string;
  /** A scratch folder for generated inputs. */
  workDir: string;
  close(): Promise<void>;
}

export async function importFixture(dialect: TestDialect = "sqlite"): Promise<ImportFixture> {
  const db = await createTestDb(dialect);
  const app = await createApp({ db: db.spec, multiUser: false, version: "0.0.0-test" });
  const owner = await ensureLocalOwner(app);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "kw-import-data-"));
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), "kw-import-in-"));
  return {
    app,
    userId: owner.id,
    dataDir,
    workDir,
    async close() {
      await app.close();
      await db.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
      fs.rmSync(workDir, { recursive: true, force: true });
    },
  };
}

export interface SyntheticRun {
  startMs: number;
  durationS: number;
  seed: number;
}

export function syntheticRun(i: number, durationS = 1200): SyntheticRun {
  // One run a day at 06:30 UTC from 2021-03-01: never twins of each other.
  return { startMs: Date.UTC(2021, 2, 1, 6, 30) + i * 86_400_000, durationS, seed: 1000 + i };
}

export function runFit(r: SyntheticRun): Uint8Array {
  return encodeFitRun({ startMs: r.startMs, utcOffsetMin: 60, samples: synthRun(r.seed, r.durationS), serial: 4242 });
}

export function runGpx(r: SyntheticRun, name = "Morning Run"): Uint8Array {
  return new TextEncoder().encode(writeGpx(r.startMs, name, synthRun(r.seed, r.durationS)));
}

export function runTcx(r: SyntheticRun): Uint8Array {
  return new TextEncoder().encode(writeTcx(r.startMs, synthRun(r.seed, r.durationS)));
}

export function gz(bytes: Uint8Array): Uint8Array {
  return gzipSync(bytes);
}

/** "May 3, 2020, 6:30:00 AM", the way an English Strava export writes Activity Date (UTC). */
export function stravaDate(ms: number): string {
  const d = new Date(ms);
  const month = d.toLocaleString("en-US", { month: "short", timeZone: "UTC" });
  const h = d.getUTCHours();
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${month} ${d.getUTCDate()}, ${d.getUTCFullYear()}, ${h % 12 === 0 ? 12 : h % 12}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} ${h < 12 ? "AM" : "PM"}`;
}

export interface CsvRow {
  id: string;
  dateMs: number;
  name: string;
  type: string;
  elapsedS: number;
  distanceM: number;
  filename: string;
  gear: string;
  perceivedExertion: string;
}

const quote = (s: string): string => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/** An activities.csv in the 2025 English layout (the duplicated Distance and Elapsed Time included). */
export function stravaCsv(rows: readonly CsvRow[]): string {
  const header = ["Activity ID", "Activity Date", "Activity Name", "Activity Type", "Activity Description", "Elapsed Time", "Distance", "Filename", "Elapsed Time", "Moving Time", "Distance", "Activity Gear", "Perceived Exertion"];
  const lines = [header.join(",")];
  for (const r of rows) {
    lines.push(
      [r.id, stravaDate(r.dateMs), r.name, r.type, "", String(r.elapsedS), (r.distanceM / 1000).toFixed(2), r.filename, String(r.elapsedS), String(r.elapsedS), r.distanceM.toFixed(1), r.gear, r.perceivedExertion]
        .map(quote)
        .join(","),
    );
  }
  return lines.join("\n") + "\n";
}
