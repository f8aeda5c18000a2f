/**
 * Writes a Strava-like bulk export: activities.csv plus activities/<id>.fit.gz | .gpx.gz | .tcx.gz,
 * one-hour runs recorded at 1 Hz, one a day for as many days as asked (3,000 is about ten years
 * of a keen runner). Deterministic: the same arguments give the same bytes.
 */
import { gzipSync } from "node:zlib";
import { encodeFitRun } from "./fit-encoder.js";
import { synthRun } from "./synth-run.js";
import { writeGpx, writeTcx } from "./xml-writers.js";
import { ZipWriter } from "./zip-writer.js";

export interface ExportStats {
  activities: number;
  zipBytes: number;
  unpackedBytes: number;
}

const FORMATS = ["fit", "gpx", "tcx"] as const;

function stravaDate(ms: number): string {
  const d = new Date(ms);
  const month = d.toLocaleString("en-US", { month: "short", timeZone: "UTC" });
  const h = d.getUTCHours();
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${month} ${d.getUTCDate()}, ${d.getUTCFullYear()}, ${h % 12 === 0 ? 12 : h % 12}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} ${h < 12 ? "AM" : "PM"}`;
}

export function generateStravaExport(file: string, count: number, durationS = 3600, onProgress?: (done: number) => void): ExportStats {
  const zip = new ZipWriter(file);
  const csv = ["Activity ID,Activity Date,Activity Name,Activity Type,Elapsed Time,Distance,Filename,Elapsed Time,Moving Time,Distance,Activity Gear,Perceived Exertion"];
  const start0 = Date.UTC(2015, 0, 1, 6, 0);
  let zipBytes = 0;
  let unpacked = 0;
  const te = new TextEncoder();
  for (let i = 0; i < count; i++) {
    const startMs = start0 + i * 86_400_000 + (i % 7) * 600_000;
    const samples = synthRun(i + 1, durationS);
    const fmt = FORMATS[i % 3]!;
    const raw = fmt === "fit" ? encodeFitRun({ startMs, utcOffsetMin: 60, samples, serial: 77 }) : te.encode(fmt === "gpx" ? writeGpx(startMs, "Morning Run", samples) : writeTcx(startMs, samples));
    const gz = gzipSync(raw);
    const name = `activities/${100000 + i}.${fmt}.gz`;
    // Gzipped entries are stored, not deflated again, as compressing them twice gains nothing.
    zip.add(name, gz);
    zipBytes += gz.length;
    unpacked += raw.length;
    const last = samples[samples.length - 1]!;
    csv.push([100000 + i, `"${stravaDate(startMs)}"`, i % 10 === 0 ? "Long run" : "Morning Run", "Run", last.t, (last.distanceM / 1000).toFixed(2), name, last.t, last.t, last.distanceM.toFixed(1), i % 2 === 0 ? "Shoe A" : "Shoe B", ""].join(","));
    onProgress?.(i + 1);
  }
  zip.add("activities.csv", te.encode(csv.join("\n") + "\n"), { deflate: true });
  zip.close();
  return { activities: count, zipBytes, unpackedBytes: unpacked };
}
