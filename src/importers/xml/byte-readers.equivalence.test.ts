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

  describe("points read by a learned template", () => {
    const gpxPoint = (i: number, body?: string): string =>
      `   <trkpt lat="46.${1000 + i}" lon="14.${2000 + i}">${body ?? `<ele>${300 + i / 10}</ele><time>2024-03-01T06:${String(10 + (i % 50)).padStart(2, "0")}:0${i % 10}Z</time><extensions><ns3:TrackPointExtension><ns3:hr>${120 + (i % 40)}</ns3:hr><ns3:cad>${80 + (i % 9)}</ns3:cad><ns3:atemp>2${i % 10}.0</ns3:atemp></ns3:TrackPointExtension></extensions>`}</trkpt>\n`;
    const gpxDoc = (points: string[]): string =>
      `<?xml version="1.0"?>\n<gpx version="1.1" creator="t" xmlns:ns3="urn:x"><trk><name>T</name><trkseg>\n${points.join("")}  </trkseg></trk></gpx>\n`;
    const tcxPoint = (i: number, body?: string): string =>
      `<Trackpoint>${body ?? `<Time>2024-03-01T06:${String(10 + (i % 50)).padStart(2, "0")}:0${i % 10}Z</Time><Position><LatitudeDegrees>46.${1000 + i}</LatitudeDegrees><LongitudeDegrees>14.${2000 + i}</LongitudeDegrees></Position><AltitudeMeters>${300 + i / 10}</AltitudeMeters><DistanceMeters>${i * 3.1}</DistanceMeters><HeartRateBpm><Value>${120 + (i % 40)}</Value></HeartRateBpm><Extensions><ns3:TPX><ns3:RunCadence>${80 + (i % 9)}</ns3:RunCadence></ns3:TPX></Extensions>`}</Trackpoint>\n`;
    const tcxDoc = (points: string[]): string =>
      `<?xml version="1.0"?>\n<TrainingCenterDatabase xmlns:ns3="urn:x"><Activities><Activity Sport="Running"><Id>2024-03-01T06:10:00Z</Id><Lap StartTime="2024-03-01T06:10:00Z"><Track>\n${points.join("")}</Track></Lap></Activity></Activities></TrainingCenterDatabase>\n`;
    const many = <T>(n: number, f: (i: number) => T): T[] =>
      Array.from({ length: n }, (_, i) => f(i));

    it("read every point of a regular file, the same as the general scanner", () => {
      const gpx = enc.encode(gpxDoc(many(200, (i) => gpxPoint(i))));
      expect(check("gpx", gpx)).toBe("fast");
      expect(Array.from(readGpxBytes(gpx)!.track.hr.slice(0, 3))).toEqual([120, 121, 122]);
      expect(readGpxBytes(gpx)?.track.lat[150]).toBe(46.115);
      const tcx = enc.encode(tcxDoc(many(200, (i) => tcxPoint(i))));
      expect(check("tcx", tcx)).toBe("fast");
      expect(readTcxBytes(tcx)?.activities[0]?.track.dist[100]).toBeCloseTo(310, 9);
    });

    it("read points whose shape changes, repeats or varies in values and layout", () => {
      const shapes = [
        (i: number) => gpxPoint(i),
        (i: number) => gpxPoint(i, `<ele>${i}</ele><time>2024-03-01T06:30:0${i % 10}Z</time>`),
        (i: number) =>
          gpxPoint(
            i,
            `<time>2024-03-01T06:30:0${i % 10}Z</time><ele> ${i}e1 </ele><ele>${i + 0.5}</ele>`,
          ),
        (i: number) => `   <trkpt lon='14.${i}' lat='46.${i}'><ele>+${i}.</ele></trkpt>\n`,
        (i: number) => gpxPoint(i, `<ele>${i}</ele><name>p${i}</name>`),
        (i: number) => gpxPoint(i, `<ele>${i}</ele><ns3:x a="&amp;">v</ns3:x>`),
        (i: number) => gpxPoint(i, `<ele>${i}</ele><ns3:x>a &amp; b</ns3:x>`),
        (i: number) => gpxPoint(i, `<ele/><time>2024-03-01T06:30:0${i % 10}Z</time>`),
        (i: number) => gpxPoint(i, `<ele>${i}</ele><!-- c -->`),
        (i: number) => `   <trkpt lat="91.${i}" lon="14"><ele>1</ele></trkpt>\n`,
        (i: number) =>
          `   <trkpt lat="46.0503123456789123${i}" lon="-14.123456789012345${i}"><ele>-0</ele></trkpt>\n`,
        (i: number) => `   <trkpt lat="46.${i}" lon="14" lat="47"><ele>1</ele></trkpt>\n`,
        () => `   <trkpt lat="46" lon="14"/>\n`,
        (i: number) => gpxPoint(i, `<elx>${i}</elx>`),
      ];
      for (let s = 0; s < shapes.length; s++) {
        // Runs of a shape, shapes in turn, and every shape after a learned regular point.
        const runs = many(60, (i) => shapes[Math.floor(i / 6) % shapes.length]!(i));
        // Every shape is well-formed, so the fast path must read each document itself, with
        // templates learned, refused and dropped along the way, and still agree to the bit.
        expect(check("gpx", enc.encode(gpxDoc(runs)))).toBe("fast");
        const turns = many(60, (i) => shapes[(i + s) % shapes.length]!(i));
        expect(check("gpx", enc.encode(gpxDoc(turns)))).toBe("fast");
        const after = [
          ...many(20, (i) => gpxPoint(i)),
          ...many(5, (i) => shapes[s]!(i)),
          ...many(20, (i) => gpxPoint(i)),
        ];
        expect(check("gpx", enc.encode(gpxDoc(after)))).toBe("fast");
      }
      const tcxShapes = [
        (i: number) => tcxPoint(i),
        (i: number) =>
          tcxPoint(
            i,
            `<Time>2024-03-01T06:30:0${i % 10}Z</Time><HeartRateBpm><Value>${i}</Value></HeartRateBpm><Value>9</Value>`,
          ),
        (i: number) =>
          tcxPoint(
            i,
            `<Time>x${i}</Time><AltitudeMeters>y</AltitudeMeters><DistanceMeters> </DistanceMeters>`,
          ),
        (i: number) =>
          tcxPoint(i, `<Position/><Cadence>${i}</Cadence><RunCadence>${i + 1}</RunCadence>`),
        (i: number) =>
          tcxPoint(
            i,
            `<Position><LatitudeDegrees>95</LatitudeDegrees><LongitudeDegrees>1</LongitudeDegrees></Position>`,
          ),
        (i: number) => tcxPoint(i, `<Track/>`),
        (i: number) => tcxPoint(i, `<AltitudeMeters/>`),
        (i: number) =>
          tcxPoint(
            i,
            `<Time>2024-03-01T06:30:0${i % 10}Z</Time><Extensions><Time>2024-03-01T07:00:00Z</Time></Extensions>`,
          ),
        () => `<Trackpoint/>\n`,
      ];
      for (let s = 0; s < tcxShapes.length; s++) {
        expect(
          check(
            "tcx",
            enc.encode(
              tcxDoc(many(60, (i) => tcxShapes[Math.floor(i / 6) % tcxShapes.length]!(i))),
            ),
          ),
        ).toBe("fast");
        expect(
          check(
            "tcx",
            enc.encode(tcxDoc(many(60, (i) => tcxShapes[(i + s) % tcxShapes.length]!(i)))),
          ),
        ).toBe("fast");
        const after = [
          ...many(20, (i) => tcxPoint(i)),
          ...many(5, (i) => tcxShapes[s]!(i)),
          ...many(20, (i) => tcxPoint(i)),
        ];
        expect(check("tcx", enc.encode(tcxDoc(after)))).toBe("fast");
      }
    });

    it("step aside when a later point is broken, and agree on every damaged copy", () => {
      const good = gpxDoc(many(100, (i) => gpxPoint(i)));
      const at = good.indexOf("<trkpt", good.length / 2);
      for (const bad of [
        good.slice(0, at) + good.slice(at).replace("</ele>", "</elf>"),
        good.slice(0, at) + good.slice(at).replace("</ele>", ""),
        good.slice(0, at) + good.slice(at).replace("<time>", "<time><![CDATA[x]]>"),
        good.slice(0, at) + good.slice(at).replace("<ele>", "<ele>&bogus;"),
        good.slice(0, at + 40),
      ]) {
        expect(check("gpx", enc.encode(bad))).toBe("fallback");
      }
      // Random damage to the points after the first ones: every accepted copy must agree.
      let seed = 99;
      const rnd = (n: number): number => {
        seed = (seed * 1103515245 + 12345) & 0x7fffffff;
        return seed % n;
      };
      const alphabet = enc.encode(`<>/="' &;:!?-.0123456789eaZ\n`);
      for (const [kind, doc] of [
        ["gpx", enc.encode(good)],
        ["tcx", enc.encode(tcxDoc(many(100, (i) => tcxPoint(i))))],
      ] as const) {
        let fast = 0;
        for (let k = 0; k < 300; k++) {
          const changed = doc.slice();
          changed[doc.length / 4 + rnd((doc.length * 3) / 4)] = alphabet[rnd(alphabet.length)]!;
          if (check(kind, changed) === "fast") fast++;
        }
        expect(fast).toBeGreaterThan(20);
      }
    });
  });
});
