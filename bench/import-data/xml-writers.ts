/** GPX 1.1 (Garmin TrackPointExtension) and TCX writers for generated runs, as Strava exports them. */
import type { RunSample } from "./synth-run.js";

const iso = (ms: number): string => new Date(ms).toISOString().replace(".000Z", "Z");

export function writeGpx(startMs: number, name: string, samples: readonly RunSample[]): string {
  const parts: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>\n<gpx creator="kneewise bench" version="1.1" xmlns="http://www.topografix.com/GPX/1/1" xmlns:gpxtpx="http://www.garmin.com/xmlschemas/TrackPointExtension/v1">\n',
    ` <metadata><time>${iso(startMs)}</time></metadata>\n <trk>\n  <name>${name}</name>\n  <type>running</type>\n  <trkseg>\n`,
  ];
  for (const s of samples) {
    parts.push(
      `   <trkpt lat="${s.lat.toFixed(7)}" lon="${s.lon.toFixed(7)}"><ele>${s.altM.toFixed(1)}</ele><time>${iso(startMs + s.t * 1000)}</time>` +
        `<extensions><gpxtpx:TrackPointExtension><gpxtpx:hr>${s.hr}</gpxtpx:hr><gpxtpx:cad>${s.cadenceSpm / 2}</gpxtpx:cad></gpxtpx:TrackPointExtension></extensions></trkpt>\n`,
    );
  }
  parts.push("  </trkseg>\n </trk>\n</gpx>\n");
  return parts.join("");
}

export function writeTcx(startMs: number, samples: readonly RunSample[]): string {
  const last = samples[samples.length - 1]!;
  const parts: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>\n<TrainingCenterDatabase xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2" xmlns:ns3="http://www.garmin.com/xmlschemas/ActivityExtension/v2">\n',
    ` <Activities>\n  <Activity Sport="Running">\n   <Id>${iso(startMs)}</Id>\n   <Lap StartTime="${iso(startMs)}">\n`,
    `    <TotalTimeSeconds>${last.t}</TotalTimeSeconds>\n    <DistanceMeters>${last.distanceM.toFixed(1)}</DistanceMeters>\n    <Intensity>Active</Intensity>\n    <TriggerMethod>Manual</TriggerMethod>\n    <Track>\n`,
  ];
  for (const s of samples) {
    parts.push(
      `     <Trackpoint><Time>${iso(startMs + s.t * 1000)}</Time><Position><LatitudeDegrees>${s.lat.toFixed(7)}</LatitudeDegrees><LongitudeDegrees>${s.lon.toFixed(7)}</LongitudeDegrees></Position>` +
        `<AltitudeMeters>${s.altM.toFixed(1)}</AltitudeMeters><DistanceMeters>${s.distanceM.toFixed(1)}</DistanceMeters><HeartRateBpm><Value>${s.hr}</Value></HeartRateBpm>` +
        `<Extensions><ns3:TPX><ns3:RunCadence>${s.cadenceSpm / 2}</ns3:RunCadence></ns3:TPX></Extensions></Trackpoint>\n`,
    );
  }
  parts.push("    </Track>\n   </Lap>\n  </Activity>\n </Activities>\n</TrainingCenterDatabase>\n");
  return parts.join("");
}
