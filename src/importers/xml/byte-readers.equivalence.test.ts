import { readFileSync, readdirSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { CORPUS_DIR } from "../../../test/paths.js";
import { synthRun } from "../../../bench/import-data/synth-run.js";
import { writeGpx, writeTcx } from "../../../bench/import-data/xml-writers.js";
import { readGpx, readGpxBytes } from "../gpx/index.js";
import { readTcx, readTcxBytes } from "../tcx/index.js";
import { decodeXmlBytes } from "./decode-xml-bytes.js";

/**
 * The byte-level GPX and TCX readers are a fast path: whenever they return a document it must be
 * exactly the one the general scanner builds (same numbers to the bit, same names, same counts),
 * and whenever the general scanner reports any issue they must step aside (return null).
 */
type Kind = "gpx" | "tcx";

const enc = new TextEncoder();

function check(kind: Kind, bytes: Uint8Array): "fast" | "fallback" {
  const general = kind === "gpx" ? readGpx(decodeXmlBytes(bytes)) : readTcx(decodeXmlBytes(bytes));
  const fast = kind === "gpx" ? readGpxBytes(bytes) : readTcxBytes(bytes);
  if (fast === null) return "fallback";
  expect(general.issues).toEqual([]);
  expect(fast).toEqual(general);
  return "fast";
}

const corpus: { name: string; kind: Kind; bytes: Uint8Array }[] = [];
for (const kind of ["gpx", "tcx"] as const) {
  for (const name of readdirSync(`${CORPUS_DIR}/${kind}`).sort()) {
    const raw = new Uint8Array(readFileSync(`${CORPUS_DIR}/${kind}/${name}`));
    corpus.push({ name, kind, bytes: name.endsWith(".gz") ? gunzipSync(raw) : raw });
  }
}

describe("byte-level GPX and TCX readers", () => {
  it("agree with the general scanner on every corpus file, and read most of them", () => {
    const fallbacks: string[] = [];
    for (const f of corpus) if (check(f.kind, f.bytes) === "fallback") fallbacks.push(f.name);
    // Files with comments, CDATA, DOCTYPEs, odd encodings or unknown entities go the general way.
    expect(fallbacks.length).toBeLessThan(corpus.length / 3);
  });

  it("read the generated Strava-like files the import benchmark uses", () => {
    const run = synthRun(7, 600);
    expect(check("gpx", enc.encode(writeGpx(Date.UTC(2020, 0, 1), "Morning Run", run)))).toBe(
      "fast",
    );
    expect(check("tcx", enc.encode(writeTcx(Date.UTC(2020, 0, 1), run)))).toBe("fast");
  });

  it("read GPX with other prefixes, attributes in either order, single quotes and missing fields", () => {
    const doc = `<?xml version='1.0' encoding='utf-8'?>
<gpx version='1.1' creator='Tom &amp; Jerry &#233;' xmlns:ns3="urn:x">
 <!-- a comment between elements, with a > inside -->
 <metadata><name> Meta name </name></metadata>
 <trk><name>Lunch  Run</name><type>9</type>
  <trkseg>
   <trkpt lon='14.5' lat='46.05'><ele> 301.5 </ele><time>2024-03-01T06:30:00.5Z</time>
    <extensions><ns3:TrackPointExtension><ns3:hr>150</ns3:hr><ns3:cad>85</ns3:cad></ns3:TrackPointExtension></extensions></trkpt>
   <trkpt lat="46.0501" lon="14.5001"><time>2024-03-01T07:30:01+01:00</time><extensions><heartrate>151</heartrate><cadence>86.5</cadence></extensions></trkpt>
   <trkpt lat="46.0502" lon="14.5002"/>
   <trkpt lat="0" lon="0"><time>2024-03-01T06:30:03Z</time></trkpt>
   <trkpt lat="46.0503" lon="14.5003"><ele/><time></time><gpxtpx:hr>1e2</gpxtpx:hr></trkpt>
   <trkpt lat="-46.05031234567891234" lon="+14.5004"><time>2024-02-30T06:30:04Z</time><ele>12abc</ele></trkpt>
  </trkseg><trkseg/>
 </trk>
 <rte><rtept lat="1" lon="2"/></rte>
 <wpt lat="1" lon="2"><name>ignored</name></wpt>
</gpx>
<?trailing instruction?>
`;
    expect(check("gpx", enc.encode(doc))).toBe("fast");
    expect(readGpxBytes(enc.encode(doc))?.creator).toBe("Tom & Jerry é");
  });

  it("read TCX with nested activities, lap values, creators and bad values", () => {
    const doc = `<?xml version="1.0" encoding="UTF-8"?>
<TrainingCenterDatabase xmlns:ns3="urn:x"><Activities><MultiSportSession><FirstSport>
 <Activity Sport='Running'><Id> 2024-03-01T06:30:00+01:00 </Id>
  <Lap StartTime="2024-03-01T05:30:00Z"><TotalTimeSeconds>60.5</TotalTimeSeconds><DistanceMeters>200</DistanceMeters>
   <AverageHeartRateBpm><Value>140</Value></AverageHeartRateBpm><MaximumHeartRateBpm><Value>x</Value></MaximumHeartRateBpm>
   <Cadence>80</Cadence><Extensions><ns3:LX><ns3:AvgRunCadence>81</ns3:AvgRunCadence></ns3:LX></Extensions>
   <Track><Trackpoint><Time>2024-03-01T05:30:00Z</Time><Position><LatitudeDegrees>46.1</LatitudeDegrees><LongitudeDegrees>14.1</LongitudeDegrees></Position>
     <AltitudeMeters>undefined</AltitudeMeters><DistanceMeters>0x10</DistanceMeters><HeartRateBpm><Value>150</Value></HeartRateBpm>
     <Extensions><ns3:TPX><ns3:RunCadence>88</ns3:RunCadence></ns3:TPX></Extensions></Trackpoint>
    <Trackpoint><Time>nope</Time><Position><LatitudeDegrees>95</LatitudeDegrees><LongitudeDegrees>14.1</LongitudeDegrees></Position><Cadence/></Trackpoint>
    <Trackpoint/>
   </Track><Track><Trackpoint><Time>2024-03-01T05:31:00.123456Z</Time><DistanceMeters> 1.5e2 </DistanceMeters></Trackpoint></Track>
  </Lap>
  <Creator><Name> Forerunner &lt;965&gt; </Name></Creator>
 </Activity></FirstSport></MultiSportSession></Activities>
 <Courses><Course><Name>c</Name></Course></Courses>
</TrainingCenterDatabase>`;
    expect(check("tcx", enc.encode(doc))).toBe("fast");
  });

  it("step aside for comments, CDATA, DOCTYPEs, unknown entities, Latin-1 and broken files", () => {
    const ok = `<gpx><trk><name>A</name><trkseg><trkpt lat="1" lon="2"><time>2024-03-01T06:30:00Z</time></trkpt></trkseg></trk></gpx>`;
    expect(check("gpx", enc.encode(ok))).toBe("fast");
    for (const bad of [
      ok.replace(">A<", ">A<!-- note --><"),
      ok.replace(">A<", "><![CDATA[A]]><"),
      `<!DOCTYPE gpx [<!ENTITY a "b">]>${ok.replace(">A<", ">&a;<")}`,
      ok.replace(">A<", ">&nbsp;<"),
      `<?xml version="1.0" encoding="ISO-8859-1"?>${ok}`,
      ok.replace("</trkseg>", ""),
      ok.slice(0, ok.length - 10),
      ok.replace("<name>A</name>", "<name>A<b>x</b></name>"),
      `${ok}<gpx/>`,
      ok.replace("<trk>", "<trk x=1>"),
      ok.replace("<trk>", "<trké>"),
      ok.replace("<gpx>", "<kml>").replace("</gpx>", "</kml>"),
    ]) {
      expect(check("gpx", enc.encode(bad))).toBe("fallback");
    }
  });

  it("agree with the general scanner on every cut and byte change of real files", () => {
    // A seeded walk over damaged copies: whatever the fast path accepts must match exactly.
    let seed = 12345;
    const rnd = (n: number): number => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    const alphabet = enc.encode(`<>/="' &;:!?-.0123456789aZ\n`);
    for (const f of corpus) {
      if (f.bytes.length > 400_000) continue;
      for (let k = 0; k < 4; k++) {
        const cut = f.bytes.subarray(0, rnd(f.bytes.length));
        check(f.kind, cut);
        const changed = f.bytes.slice();
        changed[rnd(changed.length)] = alphabet[rnd(alphabet.length)]!;
        check(f.kind, changed);
      }
    }
  });
});
