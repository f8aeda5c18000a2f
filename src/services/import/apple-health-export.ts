/**
 * An Apple Health export (export.zip, or its unpacked apple_health_export/ folder) in the walk.
 * export.xml is streamed through the importer's scanner, never held whole (it is often several
 * gigabytes); each <Workout> it finds becomes one file to parse, composed with the route GPX files
 * it references from workout-routes/, so a route is merged into its workout and never imported as
 * a second activity. Its resting heart rate and HRV records, folded into one value per local day,
 * come out as one "wellness" event at the end.
 */
import { AppleHealthExportScanner, composeWorkoutDocument } from "../../importers/apple-health/index.js";
import type { FoundWorkout, WorkoutRouteInput } from "../../importers/apple-health/index.js";
import { fileType } from "./file-kind.js";
import type { RawEntry } from "./zip-archive.js";
import type { WalkEvent } from "./walk-sources.js";

/** What the walk knows of a file in the export's container. */
export interface HealthItem {
  relPath: string;
  name: string;
  innerName: string;
  size: number;
  read(): Promise<Uint8Array>;
}

export interface HealthExportItem extends HealthItem {
  stream(): Promise<AsyncIterable<Uint8Array>>;
}

export interface AppleHealthWalk {
  /** Route files the workouts referenced (and so read): not to be imported on their own. */
  usedRoutes: Set<string>;
}

/** The folder holding export.xml, with a trailing "/" ("" at the root). */
export function exportDir(relPath: string): string {
  const i = relPath.lastIndexOf("/");
  return i < 0 ? "" : relPath.slice(0, i + 1);
}

/** Resolves a FileReference path ("/workout-routes/route_1.gpx") against the export's folder. */
export function routeRelPath(dir: string, path: string): string {
  return dir + path.replace(/^\.?\/+/, "");
}

/** Whether an item lies in the export's workout-routes/ folder (Apple's routes, one GPX each). */
export function isRouteFile(dir: string, relPath: string): boolean {
  return relPath.startsWith(`${dir}workout-routes/`) && relPath.toLowerCase().endsWith(".gpx");
}

function compactDate(startDate: string | null, index: number): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})/.exec(startDate ?? "");
  return m === null ? `workout-${index}` : `workout-${m[1]}${m[2]}${m[3]}-${m[4]}${m[5]}${m[6]}`;
}

/**
 * Streams export.xml and yields, per workout, a "found" and a "file" event. `admit` checks a route
 * against the archive's limits (and spends its budget) before it is read; it returns why not.
 */
export async function* walkAppleHealth<T extends HealthItem>(
  exportItem: HealthExportItem,
  items: readonly T[],
  admit: (item: T) => { code: string; message: string } | null,
  walk: AppleHealthWalk,
): AsyncGenerator<WalkEvent> {
  const dir = exportDir(exportItem.relPath);
  const byPath = new Map<string, T>();
  for (const i of items) if (isRouteFile(dir, i.relPath)) byPath.set(i.relPath, i);
  const scanner = new AppleHealthExportScanner();
  const type = fileType("apple_workout", false);

  const fileEvents = function* (workouts: FoundWorkout[]): Generator<WalkEvent> {
    for (const w of workouts) {
      for (const p of w.routePaths) walk.usedRoutes.add(routeRelPath(dir, p));
      const label = compactDate(w.startDate, w.index);
      const read = async (): Promise<RawEntry> => {
        const routes: WorkoutRouteInput[] = [];
        for (const p of w.routePaths) {
          const route = byPath.get(routeRelPath(dir, p));
          if (route === undefined) {
            routes.push({ path: p, gpx: null, missing: "not in the export" });
            continue;
          }
          const refused = admit(route);
          if (refused !== null) {
            routes.push({ path: p, gpx: null, missing: refused.message });
            continue;
          }
          routes.push({ path: p, gpx: await route.read() });
        }
        const bytes = composeWorkoutDocument(w.xml, routes);
        return { bytes, deflated: false, size: bytes.length };
      };
      yield { type: "found", count: 1 };
      yield {
        type: "file",
        file: {
          name: `${exportItem.name} (${label}${w.activityType !== null ? `, ${w.activityType.replace(/^HKWorkoutActivityType/, "")}` : ""})`,
          innerName: `${dir}workouts/${label}-${w.index}.xml`,
          type,
          read,
          stravaRow: null,
          strava: null,
        },
      };
    }
  };

  let stream: AsyncIterable<Uint8Array>;
  try {
    stream = await exportItem.stream();
  } catch (err) {
    yield { type: "found", count: 1 };
    yield { type: "failed", name: exportItem.name, code: "READ_FAILED", message: `${exportItem.name} could not be read: ${(err as Error).message}`, sha256: null };
    return;
  }
  try {
    for await (const chunk of stream) yield* fileEvents(scanner.push(chunk));
  } catch (err) {
    // A zip entry that breaks mid-way: the workouts before the break are already on their way.
    yield { type: "found", count: 1 };
    yield { type: "failed", name: exportItem.name, code: "READ_FAILED", message: `${exportItem.name} could not be read to the end: ${(err as Error).message}`, sha256: null };
    // The days read before the break are stored; importing a whole export later completes them.
    const { daily } = scanner.finish();
    if (daily.length > 0) yield { type: "wellness", source: "apple_health", days: daily };
    return;
  }
  const summary = scanner.finish();
  yield* fileEvents(summary.remaining);
  // Resting heart rate and HRV by day, for the check-in trend (run-import stores them).
  if (summary.daily.length > 0) yield { type: "wellness", source: "apple_health", days: summary.daily };
  const error = summary.issues.find((i) => i.severity === "error");
  if (error?.code === "APPLE_NOT_HEALTH_EXPORT") {
    // Some other program's export.xml: read, and simply not ours.
    yield { type: "found", count: 1 };
    yield { type: "skipped", name: exportItem.name, code: "UNSUPPORTED_FILE", message: `${exportItem.name}: ${error.message}`, sha256: null };
  } else if (error !== undefined && summary.workouts === 0) {
    yield { type: "found", count: 1 };
    yield { type: "failed", name: exportItem.name, code: error.code, message: `${exportItem.name}: ${error.message}`, sha256: null };
  } else if (error !== undefined || summary.issues.length > 0) {
    const issue = error ?? summary.issues[0]!;
    yield { type: "found", count: 1 };
    yield { type: "failed", name: exportItem.name, code: issue.code, message: `${exportItem.name}: ${issue.message}`, sha256: null };
  } else if (summary.workouts === 0) {
    yield { type: "found", count: 1 };
    yield { type: "skipped", name: exportItem.name, code: "NOT_AN_ACTIVITY", message: `${exportItem.name} holds no workouts.`, sha256: null };
  }
}
