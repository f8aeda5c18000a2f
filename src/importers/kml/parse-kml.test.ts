import { describe, expect, it } from "vitest";
import { haversineM } from "../common/index.js";
import { parseKml, parseKmlText } from "./parse-kml.js";

/**
 * Documents written from the published formats: KML 2.2 with Google's gx extension (gx:Track:
 * <when> values, then as many <gx:coord> "lon lat alt"; gx:MultiTrack of tracks), as OpenTracks
 * writes them (activity type in ExtendedData, heart rate in gx:SimpleArrayData).
 */
const T0 = Date.UTC(2024, 4, 1, 5, 30);
const iso = (s: number): string => new Date(T0 + s * 1000).toISOString();

interface Pt {
  t: number;
  lat: number;
  lon: number;
  alt?: number;
  hr?: number;
}

function gxTrack(points: Pt[], opts: { hr?: boolean } = {}): string {
  const whens = points.map((p) => `<when>${iso(p.t)}</when>`).join("\n");
  const coords = points.map((p) => `<gx:coord>${p.lon} ${p.lat} ${p.alt ?? 100}</gx:coord>`).join("\n");
  const hr = opts.hr
    ? `<ExtendedData><SchemaData schemaUrl="#schema"><gx:SimpleArrayData name="heart_rate">${points
        .map((p) => `<gx:value>${p.hr ?? ""}</gx:value>`)
        .join("")}</gx:SimpleArrayData></SchemaData></ExtendedData>`
    : "";
  return `<gx:Track>\n${whens}\n${coords}\n${hr}</gx:Track>`;
}

function kml(placemarks: string, rootAttrs = ""): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<kml xmlns="http://www.opengis.net/kml/2.2" xmlns:gx="http://www.google.com/kml/ext/2.2"${rootAttrs}>
<Document><name>export</name>
${placemarks}
</Document></kml>`;
}

/** Points along a meridian, one every 10 s and about 28 m apart (a 2.8 m/s run). */
function line(from: number, count: number, lat0 = 52.5): Pt[] {
  return Array.from({ length: count }, (_, i) => ({ t: from + i * 10, lat: lat0 + (from / 10 + i) * 0.00025, lon: 13.4, hr: 140 + (i % 5) }));
}

describe("parseKml", () => {
  it("reads an OpenTracks gx:MultiTrack: its tracks are segments of one run, with its type, name and heart rate", () => {
    const seg1 = line(0, 31); // 0..300 s
    const seg2 = line(600, 31); // 600..900 s, after a 300 s pause
    const doc = kml(
      `<Placemark><name>Morning in the park</name><description>easy</description>
<ExtendedData><Data name="type"><value>running</value></Data></ExtendedData>
<gx:MultiTrack><altitudeMode>absolute</altitudeMode><gx:interpolate>1</gx:interpolate>
${gxTrack(seg1, { hr: true })}
${gxTrack(seg2, { hr: true })}
</gx:MultiTrack></Placemark>`,
      ` xmlns:opentracks="http://opentracksapp.com/xmlschemas/v1"`,
    );
    const { activities, issues } = parseKml(new TextEncoder().encode(doc), { fileName: "run.kml" });
    expect(issues.filter((i) => i.severity === "error")).toEqual([]);
    expect(activities).toHaveLength(1);
    const a = activities[0]!;
    expect(a.sport).toBe("run");
    expect(a.name).toBe("Morning in the park");
    expect(a.source).toBe("kml");
    expect(a.device).toBe("OpenTracks");
    expect(a.startUtc).toBe(iso(0));
    expect(a.utcOffsetMin).toBeNull();
    expect(a.elapsedS).toBe(900);
    // The pause between the two tracks is not moving time, and no distance is counted across it.
    expect(a.movingS).toBe(600);
    const segM = haversineM(seg1[0]!.lat, 13.4, seg1[30]!.lat, 13.4) + haversineM(seg2[0]!.lat, 13.4, seg2[30]!.lat, 13.4);
    expect(a.distanceM).toBe(Math.round(segM));
    expect(a.avgHr).toBe(142);
    expect(a.maxHr).toBe(144);
    expect(a.stream[0]).toMatchObject({ t: 0, hr: 140, alt: 100 });
  });

  it("reads OpenTracks' KML 2.3: interleaved when/coord, points without a fix, heartrate values, the activity type's id", () => {
    const pts = line(0, 13);
    const body = pts
      .map((p, i) => `<when>${new Date(T0 + p.t * 1000).toISOString().replace("Z", "+02:00").replace("T05", "T07")}</when>\n${i === 6 ? "<coord/>" : `<coord>${p.lon} ${p.lat} 40.5</coord>`}`)
      .join("\n");
    const hr = pts.map((_, i) => (i === 3 ? "<value />" : `<value>${150 + i}</value>`)).join("\n");
    const doc = `<?xml version="1.0" encoding="UTF-8"?>
<kml xmlns="http://www.opengis.net/kml/2.3" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:opentracks="http://opentracksapp.com/xmlschemas/v1">
<Document><open>1</open><name><![CDATA[Tuesday intervals]]></name><atom:generator><![CDATA[OpenTracks]]></atom:generator>
<Folder><name>Markers</name><Placemark><name><![CDATA[Water]]></name><TimeStamp><when>2024-05-01T07:32:00+02:00</when></TimeStamp><Point><coordinates>13.4,52.5,40</coordinates></Point></Placemark></Folder>
<Placemark>
<name><![CDATA[Tuesday intervals]]></name>
<description><![CDATA[]]></description>
<opentracks:trackid>6d2f0c56-1111-2222-3333-444455556666</opentracks:trackid>
<styleUrl>#track</styleUrl>
<ExtendedData>
<Data name="activityType"><value><![CDATA[running]]></value></Data>
</ExtendedData>
<ExtendedData>
<Data name="type"><value><![CDATA[Laufen]]></value></Data>
</ExtendedData>
<MultiTrack>
<altitudeMode>absolute</altitudeMode>
<interpolate>1</interpolate>
<Track>
${body}
<ExtendedData>
<SchemaData schemaUrl="#schema">
<SimpleArrayData name="trackpoint_type">${pts.map(() => "<value>TRACKPOINT</value>").join("")}</SimpleArrayData>
<SimpleArrayData name="heartrate">
${hr}
</SimpleArrayData>
</SchemaData>
</ExtendedData>
</Track>
</MultiTrack>
</Placemark>
</Document>
</kml>`;
    const { activities, issues } = parseKmlText(doc);
    expect(issues).toEqual([]);
    expect(activities).toHaveLength(1);
    const a = activities[0]!;
    expect(a).toMatchObject({ sport: "run", name: "Tuesday intervals", device: "OpenTracks", utcOffsetMin: 120, startUtc: iso(0), elapsedS: 120 });
    expect(a.maxHr).toBe(162);
    // The point without a fix adds no distance but keeps its time; the rest of the line counts.
    expect(a.distanceM).toBe(Math.round(haversineM(pts[0]!.lat, 13.4, pts[12]!.lat, 13.4)));
    expect(a.stream.find((p) => p.t === 30)).toMatchObject({ hr: null });
    expect(a.stream.find((p) => p.t === 40)).toMatchObject({ hr: 154, alt: 40.5 });
  });

  it("gives one activity per track placemark and ignores start and end markers", () => {
    const doc = kml(
      `<Placemark><name>Start</name><Point><coordinates>13.4,52.5,0</coordinates></Point></Placemark>
<Placemark><name>Evening walk</name>${gxTrack(line(0, 20))}</Placemark>
<Placemark><name>Sunday ride</name>${gxTrack(line(7200, 20, 48.1))}</Placemark>`,
    );
    const { activities } = parseKmlText(doc);
    expect(activities.map((a) => [a.name, a.sport, a.startUtc])).toEqual([
      ["Evening walk", "walk", iso(0)],
      ["Sunday ride", "ride", iso(7200)],
    ]);
  });

  it("keeps the local offset of times written with one", () => {
    const doc = kml(`<Placemark><gx:Track><when>2024-05-01T07:30:00+02:00</when><when>2024-05-01T07:31:00+02:00</when>
<gx:coord>13.4 52.5 30</gx:coord><gx:coord>13.4 52.501 31</gx:coord></gx:Track></Placemark>`);
    const a = parseKmlText(doc).activities[0]!;
    expect(a.startUtc).toBe("2024-05-01T05:30:00.000Z");
    expect(a.utcOffsetMin).toBe(120);
    expect(a.elapsedS).toBe(60);
  });

  it("reports a LineString without any time instead of inventing a start", () => {
    const doc = kml(`<Placemark><name>Route</name><LineString><coordinates>13.4,52.5,0 13.4,52.51,0 13.41,52.52,0</coordinates></LineString></Placemark>`);
    const { activities, issues } = parseKmlText(doc, { fileName: "route.kml" });
    expect(activities).toEqual([]);
    expect(issues).toEqual([expect.objectContaining({ code: "KML_NO_TIMES", severity: "error" })]);
    expect(issues[0]!.message).toContain("route.kml");
    expect(issues[0]!.message).toContain('"Route"');
  });

  it("dates a LineString from its placemark's TimeSpan", () => {
    const doc = kml(`<Placemark><name>Lunch run</name><TimeSpan><begin>2024-05-01T12:00:00Z</begin><end>2024-05-01T12:30:00Z</end></TimeSpan>
<LineString><coordinates>
13.4,52.5,0 13.4,52.51,0
</coordinates></LineString></Placemark>`);
    const { activities } = parseKmlText(doc);
    expect(activities).toHaveLength(1);
    expect(activities[0]).toMatchObject({ sport: "run", startUtc: "2024-05-01T12:00:00.000Z", elapsedS: 1800, stream: [] });
    expect(activities[0]!.distanceM).toBe(Math.round(haversineM(52.5, 13.4, 52.51, 13.4)));
  });

  it("skips impossible coordinates with a warning and keeps the rest", () => {
    const doc = kml(`<Placemark>${gxTrack([...line(0, 5), { t: 50, lat: 95, lon: 13.4 }, ...line(60, 5)])}</Placemark>`);
    const { activities, issues } = parseKmlText(doc);
    expect(activities).toHaveLength(1);
    expect(issues).toContainEqual(expect.objectContaining({ code: "KML_BAD_COORDINATES", severity: "warning" }));
    expect(activities[0]!.sport).toBe("other");
  });

  it("refuses a document that is not KML, and a KML without tracks", () => {
    expect(parseKmlText("<gpx></gpx>").issues).toContainEqual(expect.objectContaining({ code: "KML_NOT_KML", severity: "error" }));
    expect(parseKmlText(kml("<Placemark><Point><coordinates>1,2</coordinates></Point></Placemark>")).issues).toEqual([
      expect.objectContaining({ code: "KML_NO_TRACKS", severity: "error" }),
    ]);
  });

  it("ignores a DOCTYPE's entities rather than expanding them", () => {
    const doc = `<?xml version="1.0"?><!DOCTYPE kml [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>
<kml xmlns:gx="http://www.google.com/kml/ext/2.2"><Placemark><name>&b;</name>${gxTrack(line(0, 3))}</Placemark></kml>`;
    const { activities, issues } = parseKmlText(doc);
    expect(activities[0]!.name).toBe("&b;");
    expect(issues).toContainEqual(expect.objectContaining({ code: "XML_DTD_IGNORED" }));
  });
});
