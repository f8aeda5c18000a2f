/** What a file is, judged by its name first and, when the name says nothing, by its first bytes. */
export type ActivityFormat = "fit" | "gpx" | "tcx" | "kml" | "apple_workout";
/**
 * "kmz" is a zip holding one KML document (Google Earth, OpenTracks): one activity file, never an
 * export to walk. "apple_health" is an Apple Health export.xml, streamed rather than parsed whole;
 * "apple_workout" is one of its workouts with its route, as the walk composes it
 * (importers/apple-health/parse-workout.ts).
 */
export type FileKind = ActivityFormat | "kmz" | "apple_health" | "strava_csv" | "zip" | "unknown";

const ACTIVITY_FORMATS: ReadonlySet<FileKind> = new Set<FileKind>(["fit", "gpx", "tcx", "kml", "apple_workout"]);

export function isActivityFormat(kind: FileKind): kind is ActivityFormat {
  return ACTIVITY_FORMATS.has(kind);
}

export interface FileType {
  kind: FileKind;
  /** Gzipped on top (Strava writes "123.fit.gz"). */
  gz: boolean;
}

export function baseName(name: string): string {
  const i = Math.max(name.lastIndexOf("/"), name.lastIndexOf("\\"));
  return i < 0 ? name : name.slice(i + 1);
}

const KINDS: readonly FileKind[] = ["fit", "gpx", "tcx", "kml", "apple_workout", "kmz", "apple_health", "strava_csv", "zip", "unknown"];
/** One frozen object per kind and gzip flag: an export lists tens of thousands of files. */
const TYPES = new Map<string, FileType>(
  KINDS.flatMap((kind) => [false, true].map((gz) => [`${kind}${gz ? ".gz" : ""}`, Object.freeze({ kind, gz })] as const)),
);

export function fileType(kind: FileKind, gz: boolean): FileType {
  return TYPES.get(`${kind}${gz ? ".gz" : ""}`)!;
}

export function fileTypeFromName(name: string): FileType {
  let lower = baseName(name).toLowerCase();
  const gz = lower.endsWith(".gz");
  if (gz) lower = lower.slice(0, -3);
  const ext = lower.slice(lower.lastIndexOf(".") + 1);
  if (ext === "fit") return fileType("fit", gz);
  if (ext === "gpx") return fileType("gpx", gz);
  if (ext === "tcx") return fileType("tcx", gz);
  if (ext === "kml") return fileType("kml", gz);
  if (ext === "kmz" && !gz) return fileType("kmz", gz);
  // Apple names it export.xml (its folder apple_health_export/); other XML files say nothing.
  if (lower === "export.xml" && !gz) return fileType("apple_health", gz);
  if (ext === "zip" && !gz) return fileType("zip", gz);
  if (ext === "csv" && !gz) return fileType("strava_csv", gz);
  return fileType("unknown", gz);
}

/** Names that are certainly not activity data, not worth opening (photos, the export's own pages). */
export function isIgnorable(name: string): boolean {
  const b = baseName(name);
  return b.startsWith(".") || b === "Thumbs.db" || name.includes("__MACOSX/");
}

/** Recognises a file by its first bytes, for names without a telling extension (Strava's ".bin.gz"). */
export function sniffKind(head: Uint8Array): FileKind {
  if (head.length >= 12 && head[8] === 0x2e && head[9] === 0x46 && head[10] === 0x49 && head[11] === 0x54) return "fit";
  if (head.length >= 4 && head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04) return "zip";
  const text = new TextDecoder("utf-8", { fatal: false }).decode(head.subarray(0, 1024));
  // A workout kneewise composed from an Apple Health export, as its data export gives it back: first,
  // since the route GPX inside it may start within the bytes looked at.
  if (/<AppleHealthWorkout[\s>]/.test(text)) return "apple_workout";
  if (/<gpx[\s>]/.test(text)) return "gpx";
  if (/<TrainingCenterDatabase[\s>]/.test(text)) return "tcx";
  if (/<kml[\s>]/.test(text)) return "kml";
  return "unknown";
}

export function isGzip(head: Uint8Array): boolean {
  return head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b;
}
