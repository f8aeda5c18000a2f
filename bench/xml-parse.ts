/**
 * Throughput of the GPX and TCX importers against the floor of just gunzipping the same bytes
 * (a Strava export gzips its files, so gunzip is work no importer can avoid).
 * Run: npx tsx bench/xml-parse.ts
 */
import { gunzipSync, gzipSync } from "node:zlib";
import { parseGpx } from "../src/importers/gpx/index.js";
import { parseTcx } from "../src/importers/tcx/index.js";

const SECONDS = 3600;
const START = Date.UTC(2024, 2, 1, 6, 30);

/** A deterministic one-hour run at 1 Hz: gentle wander, rolling hills, HR and cadence. */
function samples(): {
  t: string;
  lat: number;
  lon: number;
  ele: number;
  hr: number;
  cad: number;
  dist: number;
}[] {
  const out = [];
  let lat = 46.05;
  let lon = 14.5;
  let dist = 0;
  for (let i = 0; i <= SECONDS; i++) {
    const heading = i / 600;
    const step = 3 + Math.sin(i / 97);
    lat += (step * Math.cos(heading)) / 111_195;
    lon += (step * Math.sin(heading)) / (111_195 * Math.cos((lat * Math.PI) / 180));
    dist += step;
    out.push({
      t: new Date(START + i * 1000).toISOString(),
      lat,
      lon,
      ele: 300 + 20 * Math.sin(i / 300),
      hr: Math.round(140 + 15 * Math.sin(i / 400)),
      cad: 84 + (i % 3),
      dist,
    });
  }
  return out;
}

function makeGpx(): string {
  const pts = samples()
    .map(
      (p) =>
        `   <trkpt lat="${p.lat.toFixed(7)}" lon="${p.lon.toFixed(7)}">\n    <ele>${p.ele.toFixed(1)}</ele>\n    <time>${p.t}</time>\n    <extensions>\n     <gpxtpx:TrackPointExtension>\n      <gpxtpx:hr>${p.hr}</gpxtpx:hr>\n      <gpxtpx:cad>${p.cad}</gpxtpx:cad>\n     </gpxtpx:TrackPointExtension>\n    </extensions>\n   </trkpt>`,
    )
    .join("\n");
  return `<?xml version="1.0" encoding="UTF-8"?>\n<gpx creator="StravaGPX" version="1.1" xmlns="http://www.topografix.com/GPX/1/1" xmlns:gpxtpx="http://www.garmin.com/xmlschemas/TrackPointExtension/v1">\n <metadata><time>${new Date(START).toISOString()}</time></metadata>\n <trk>\n  <name>Morning Run</name>\n  <type>running</type>\n  <trkseg>\n${pts}\n  </trkseg>\n </trk>\n</gpx>\n`;
}

function makeTcx(): string {
  const s = samples();
  const pts = s
    .map(
      (p) =>
        `          <Trackpoint>\n            <Time>${p.t}</Time>\n            <Position>\n              <LatitudeDegrees>${p.lat}</LatitudeDegrees>\n              <LongitudeDegrees>${p.lon}</LongitudeDegrees>\n            </Position>\n            <AltitudeMeters>${p.ele}</AltitudeMeters>\n            <DistanceMeters>${p.dist}</DistanceMeters>\n            <HeartRateBpm>\n              <Value>${p.hr}</Value>\n            </HeartRateBpm>\n            <Extensions>\n              <ns3:TPX>\n                <ns3:Speed>3.0</ns3:Speed>\n                <ns3:RunCadence>${p.cad}</ns3:RunCadence>\n              </ns3:TPX>\n            </Extensions>\n          </Trackpoint>`,
    )
    .join("\n");
  const total = s[s.length - 1]?.dist ?? 0;
  return `<?xml version="1.0" encoding="UTF-8"?>\n<TrainingCenterDatabase xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2" xmlns:ns3="http://www.garmin.com/xmlschemas/ActivityExtension/v2">\n  <Activities>\n    <Activity Sport="Running">\n      <Id>${new Date(START).toISOString()}</Id>\n      <Lap StartTime="${new Date(START).toISOString()}">\n        <TotalTimeSeconds>${SECONDS}</TotalTimeSeconds>\n        <DistanceMeters>${total}</DistanceMeters>\n        <Track>\n${pts}\n        </Track>\n      </Lap>\n      <Creator><Name>Forerunner 965</Name></Creator>\n    </Activity>\n  </Activities>\n</TrainingCenterDatabase>\n`;
}

function medianMs(fn: () => void, runs = 5): number {
  for (let i = 0; i < 2; i++) fn(); // warm-up: let the JIT settle
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    fn();
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(runs / 2)] ?? NaN;
}

function bench(
  label: string,
  text: string,
  parse: (b: Uint8Array) => { activities: unknown[] },
): void {
  const bytes = new TextEncoder().encode(text);
  const gz = gzipSync(bytes);
  if (parse(bytes).activities.length !== 1)
    throw new Error(`${label}: the generated file did not parse`);
  // Repeat inside each timing so one sample is long enough to measure.
  const reps = 20;
  const parseMs =
    medianMs(() => {
      for (let i = 0; i < reps; i++) parse(bytes);
    }) / reps;
  const gunzipMs =
    medianMs(() => {
      for (let i = 0; i < reps; i++) gunzipSync(gz);
    }) / reps;
  const mb = bytes.length / 1e6;
  console.log(
    `${label}: ${mb.toFixed(2)} MB (gzip ${(gz.length / 1e6).toFixed(2)} MB) | parse ${parseMs.toFixed(2)} ms = ${(mb / (parseMs / 1000)).toFixed(0)} MB/s | gunzip ${gunzipMs.toFixed(2)} ms = ${(mb / (gunzipMs / 1000)).toFixed(0)} MB/s | parse/gunzip = ${(parseMs / gunzipMs).toFixed(2)}x`,
  );
}

bench("GPX 1 h @ 1 Hz", makeGpx(), (b) => parseGpx(b));
bench("TCX 1 h @ 1 Hz", makeTcx(), (b) => parseTcx(b));
