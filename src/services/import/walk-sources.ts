/**
 * Turns the paths given to an import (files, folders, zips, zips inside zips) into a stream of
 * files to parse, without ever holding an archive in memory. Each folder or archive is listed
 * first, so a Strava activities.csv is read before the files it names, and the total grows as
 * nested archives are opened.
 */
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { isDomainError } from "../../core/errors.js";
import type { DailyWellness } from "../../importers/apple-health/index.js";
import { baseName, fileTypeFromName, isIgnorable } from "./file-kind.js";
import type { FileType } from "./file-kind.js";
import type { ImportLimits } from "./limits.js";
import { formatBytes } from "./parse-task.js";
import { isRouteFile, exportDir, walkAppleHealth } from "./apple-health-export.js";
import type { AppleHealthWalk } from "./apple-health-export.js";
import { readStravaCsv } from "./parsers.js";
import { createStravaContext, normaliseEntryPath } from "./strava-export.js";
import type { StravaContext } from "./strava-export.js";
import { openZip } from "./zip-archive.js";
import type { RawEntry, ZipArchive, ZipEntryInfo } from "./zip-archive.js";

export interface ImportInput {
  /** A file or folder on disk. */
  path: string;
  /** How to name it in messages (an upload's original file name); defaults to the path. */
  displayName?: string;
}

export interface SourceFile {
  /** For people: "export.zip/activities/123.fit.gz". */
  name: string;
  /** Its path inside what the runner gave (the zip, the folder): "activities/123.fit.gz". */
  innerName: string;
  type: FileType;
  /**
   * The file's bytes as they lie in their container: still deflated when the archive deflated
   * them (the parse worker inflates), and still gzipped when the file itself is.
   */
  read: () => Promise<RawEntry>;
  /** The Strava row naming this file, when its container holds an activities.csv. */
  stravaRow: StravaContext["rows"][number] | null;
  strava: StravaContext | null;
}

export type WalkEvent =
  | { type: "found"; count: number }
  | { type: "file"; file: SourceFile }
  | { type: "strava"; context: StravaContext }
  | { type: "skipped"; name: string; code: string; message: string; sha256: string | null }
  | { type: "failed"; name: string; code: string; message: string; sha256: string | null }
  /** Resting heart rate and HRV by local day, from an Apple Health export: stored apart from the activities. */
  | { type: "wellness"; source: "apple_health"; days: DailyWellness[] };

export interface WalkOptions {
  limits: ImportLimits;
  /** A private folder for nested archives, under the data folder; removed by the caller. */
  tmpDir: string;
}

/** Extensions that never hold activities (photos, videos, an export's own pages): not even counted. */
const NEVER_ACTIVITIES = new Set([
  "jpg", "jpeg", "png", "gif", "heic", "webp", "bmp", "tif", "tiff", "mp4", "mov", "avi", "m4v", "webm",
  "json", "html", "htm", "css", "js", "pdf", "txt", "md", "ics", "db",
]);

function isCandidate(name: string): boolean {
  if (isIgnorable(name) || name.endsWith("/")) return false;
  const b = baseName(name).toLowerCase().replace(/\.gz$/, "");
  const dot = b.lastIndexOf(".");
  return dot < 0 || !NEVER_ACTIVITIES.has(b.slice(dot + 1));
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

interface Budget {
  used: number;
}

/** A folder or an archive, listed: its files by path relative to its root. */
interface ContainerItem {
  relPath: string;
  name: string;
  /** Path inside the input the runner gave; a zip given as the input itself is "". */
  innerName: string;
  type: FileType;
  size: number;
  read: () => Promise<Buffer>;
  /** The bytes as stored, for activity files (see SourceFile.read). */
  readRaw: () => Promise<RawEntry>;
  /** For nested zips: writes the item to a file without holding it. */
  extractTo?: (file: string) => Promise<void>;
  /** Reads the item a chunk at a time (an Apple Health export.xml of gigabytes). */
  stream: () => Promise<AsyncIterable<Uint8Array>>;
  /** Set when the item must not be read, with the reason. */
  refuse: { code: string; message: string } | null;
  /** A zip lying on disk is opened where it is. */
  diskPath?: string;
}

export async function* walkSources(inputs: readonly ImportInput[], opts: WalkOptions): AsyncGenerator<WalkEvent> {
  const budget: Budget = { used: 0 };
  const state = { nested: 0 };
  for (const input of inputs) {
    const display = input.displayName ?? input.path;
    let stat;
    try {
      stat = await fs.stat(input.path);
    } catch {
      yield { type: "found", count: 1 };
      yield { type: "failed", name: display, code: "FILE_NOT_FOUND", message: `${display} does not exist or cannot be read.`, sha256: null };
      continue;
    }
    if (stat.isDirectory()) {
      const items = await listFolder(input.path, display, opts.limits);
      yield* walkContainer(items, opts, budget, state, 0);
    } else {
      const base = baseName(display);
      const item = fileItem(input.path, base, display, stat.size, opts.limits, fileTypeFromName(base).kind === "zip" ? "" : base);
      yield* walkContainer([item], opts, budget, state, 0);
    }
  }
}

function fileItem(file: string, relPath: string, name: string, size: number, limits: ImportLimits, innerName: string): ContainerItem {
  const type = fileTypeFromName(name);
  const refuse =
    !isStreamedOrArchive(type) && size > limits.maxFileBytes
      ? { code: "FILE_TOO_LARGE", message: `${name} is ${formatBytes(size)}, more than the ${formatBytes(limits.maxFileBytes)} one file may hold.` }
      : null;
  const readRaw = async (): Promise<RawEntry> => {
    const b = await fs.readFile(file);
    return { bytes: new Uint8Array(b.buffer, b.byteOffset, b.length), deflated: false, size: b.length };
  };
  const stream = (): Promise<AsyncIterable<Uint8Array>> => Promise.resolve(createReadStream(file, { highWaterMark: 1024 * 1024 }));
  return { relPath, name, innerName, type, size, refuse, read: () => fs.readFile(file), readRaw, stream, diskPath: file };
}

/** Archives are opened, and an Apple Health export.xml streamed: neither is held whole. */
function isStreamedOrArchive(type: FileType): boolean {
  return type.kind === "zip" || type.kind === "apple_health";
}

async function listFolder(root: string, display: string, limits: ImportLimits): Promise<ContainerItem[]> {
  const out: ContainerItem[] = [];
  const visit = async (dir: string, rel: string): Promise<void> => {
    const dirents = await fs.readdir(dir, { withFileTypes: true });
    dirents.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const d of dirents) {
      const abs = path.join(dir, d.name);
      const r = rel === "" ? d.name : `${rel}/${d.name}`;
      // Symbolic links are not followed: a link loop must not hang an import.
      if (d.isDirectory()) await visit(abs, r);
      else if (d.isFile() && isCandidate(r)) {
        const st = await fs.stat(abs);
        out.push(fileItem(abs, r, `${display}/${r}`, st.size, limits, r));
      }
    }
  };
  await visit(root, "");
  return out;
}

function zipItems(zip: ZipArchive, display: string, inner: string, limits: ImportLimits): ContainerItem[] {
  const out: ContainerItem[] = [];
  for (const e of zip.entries) {
    if (!isCandidate(e.name)) continue;
    out.push(zipItem(zip, e, display, inner, limits));
  }
  return out;
}

function zipItem(zip: ZipArchive, e: ZipEntryInfo, display: string, inner: string, limits: ImportLimits): ContainerItem {
  const item = new ZipItem(zip, e, display, inner);
  const name = item.name;
  const type = item.type;
  if (e.unsafe !== null) {
    item.refuse = { code: "UNSAFE_ENTRY_NAME", message: `${name}: the entry's name points outside the archive (${e.unsafe}); it was not read.` };
  } else if (e.isEncrypted()) {
    item.refuse = { code: "ZIP_ENCRYPTED", message: `${name} is encrypted; kneewise cannot read it.` };
  } else if (e.uncompressedSize > limits.ratioFloorBytes && e.uncompressedSize / Math.max(1, e.compressedSize) > limits.maxRatio) {
    item.refuse = {
      code: "ZIP_BOMB",
      message: `${name} would unpack ${formatBytes(e.compressedSize)} into ${formatBytes(e.uncompressedSize)} (more than ${limits.maxRatio} times): refused as a likely zip bomb.`,
    };
  } else if (!isStreamedOrArchive(type) && e.uncompressedSize > limits.maxFileBytes) {
    item.refuse = { code: "FILE_TOO_LARGE", message: `${name} unpacks to ${formatBytes(e.uncompressedSize)}, more than the ${formatBytes(limits.maxFileBytes)} one file may hold.` };
  }
  return item;
}

/**
 * An archive entry as a container item. An export of 40,000 runs lists 40,000 of them, kept for
 * the whole import: methods and names made when asked, not three closures and two joined
 * strings apiece (about 0.4 kB each).
 */
class ZipItem implements ContainerItem {
  readonly type: FileType;
  refuse: ContainerItem["refuse"] = null;

  constructor(
    private readonly zip: ZipArchive,
    private readonly entry: ZipEntryInfo,
    private readonly display: string,
    private readonly inner: string,
  ) {
    this.type = fileTypeFromName(entry.name);
  }

  get relPath(): string {
    return this.entry.name;
  }

  get name(): string {
    return `${this.display}/${this.entry.name}`;
  }

  get innerName(): string {
    return this.inner === "" ? this.entry.name : `${this.inner}/${this.entry.name}`;
  }

  get size(): number {
    return this.entry.uncompressedSize;
  }

  read(): Promise<Buffer> {
    return this.zip.read(this.entry);
  }

  readRaw(): Promise<RawEntry> {
    return this.zip.readRaw(this.entry);
  }

  extractTo(file: string): Promise<void> {
    return this.zip.extractTo(this.entry, file);
  }

  stream(): Promise<AsyncIterable<Uint8Array>> {
    return this.zip.stream(this.entry);
  }
}

async function* walkContainer(
  items: ContainerItem[],
  opts: WalkOptions,
  budget: Budget,
  state: { nested: number },
  depth: number,
): AsyncGenerator<WalkEvent> {
  const { limits } = opts;
  const fromArchive = depth > 0;
  const csvs = items.filter((i) => i.type.kind === "strava_csv");
  // An Apple Health export: its route files wait for the workouts that reference them, and its
  // clinical record (export_cda.xml, often hundreds of MB) holds no activity.
  // Apple writes NAME.xml beside NAME_cda.xml ("export.xml", or its name in the phone's language).
  const cdaStems = new Set(items.filter((i) => isCdaName(i.relPath)).map((i) => i.relPath.replace(/_cda\.xml$/i, ".xml")));
  const healths = items.filter((i) => i.type.kind === "apple_health" || (cdaStems.has(i.relPath) && !i.type.gz));
  const healthDirs = healths.map((h) => exportDir(h.relPath));
  const isRoute = (i: ContainerItem): boolean => healthDirs.some((d) => isRouteFile(d, i.relPath));
  const isCda = (i: ContainerItem): boolean => isCdaName(i.relPath) && healthDirs.includes(exportDir(i.relPath));
  const routes = healths.length === 0 ? [] : items.filter(isRoute);
  const cdas = healths.length === 0 ? [] : items.filter(isCda);
  const files = items.filter(
    (i) => !OPENED_KINDS.has(i.type.kind) && (healths.length === 0 || (!healths.includes(i) && !isRoute(i) && !isCda(i))),
  );
  const zips = items.filter((i) => i.type.kind === "zip");
  // A KMZ is one activity file that happens to be a zip: its KML is read, nothing else in it.
  const kmzs = items.filter((i) => i.type.kind === "kmz");
  yield { type: "found", count: csvs.length + files.length + cdas.length };

  // Reading an archive entry spends the archive budget; a refused or over-budget entry is not read.
  const admit = (item: ContainerItem): { code: string; message: string } | null => {
    if (item.refuse !== null) return item.refuse;
    if (fromArchive) {
      if (budget.used + item.size > limits.maxTotalBytes)
        return { code: "ARCHIVE_TOO_LARGE", message: `${item.name}: the archive unpacks to more than ${formatBytes(limits.maxTotalBytes)}; reading stopped here.` };
      budget.used += item.size;
    }
    return null;
  };

  let strava: StravaContext | null = null;
  for (const csv of csvs) {
    const refused = admit(csv);
    if (refused) {
      yield { type: "failed", name: csv.name, ...refused, sha256: null };
      continue;
    }
    let bytes: Buffer;
    try {
      bytes = await csv.read();
    } catch (err) {
      yield { type: "failed", name: csv.name, code: "READ_FAILED", message: `${csv.name} could not be read: ${(err as Error).message}`, sha256: null };
      continue;
    }
    const sha = sha256Hex(bytes);
    const { rows, issues } = readStravaCsv(bytes.toString("utf8"));
    const isActivitiesCsv = baseName(csv.relPath).toLowerCase() === "activities.csv";
    const layoutError = issues.find((i) => i.severity === "error");
    if (layoutError !== undefined && rows.length === 0) {
      // Only activities.csv is expected to be Strava's; other CSVs of an export are not activities.
      if (isActivitiesCsv) yield { type: "failed", name: csv.name, code: layoutError.code, message: `${csv.name}: ${layoutError.message}`, sha256: sha };
      else yield { type: "skipped", name: csv.name, code: "UNSUPPORTED_FILE", message: `${csv.name} is not a Strava activities.csv.`, sha256: sha };
      continue;
    }
    const context = createStravaContext(csv.name, sha, csv.relPath, rows, { gz: gzipSync(bytes, { level: 1 }), sizeBytes: bytes.length, innerName: csv.innerName });
    if (strava === null || isActivitiesCsv) strava = context;
    yield { type: "strava", context };
  }

  // The export's resting heart rate and HRV by day travel as a "wellness" event (stored in
  // daily_wellness, shown beside the check-ins).
  const health: AppleHealthWalk = { usedRoutes: new Set() };
  for (const h of healths) {
    // The one-file limit bounds files parsed whole; export.xml is streamed (its name in another
    // language does not tell its kind, so it may have been judged as a file to parse).
    if (h.refuse?.code === "FILE_TOO_LARGE") h.refuse = null;
    const refused = admit(h);
    if (refused) {
      yield { type: "found", count: 1 };
      yield { type: "failed", name: h.name, ...refused, sha256: null };
      continue;
    }
    yield* walkAppleHealth(h, routes, admit, health);
  }
  // Routes no workout referenced (a workout deleted since) are still the runner's tracks.
  const unreferenced = routes.filter((r) => !health.usedRoutes.has(r.relPath));
  if (unreferenced.length > 0) yield { type: "found", count: unreferenced.length };
  for (const cda of cdas) {
    yield { type: "skipped", name: cda.name, code: "NOT_AN_ACTIVITY", message: `${cda.name} is the export's clinical record: it holds no activity.`, sha256: null };
  }

  for (const item of unreferenced.length === 0 ? files : [...files, ...unreferenced]) {
    const refused = admit(item);
    if (refused) {
      yield { type: "failed", name: item.name, ...refused, sha256: null };
      continue;
    }
    const row = strava?.byFile.get(normaliseEntryPath(item.relPath)) ?? null;
    yield { type: "file", file: { name: item.name, innerName: item.innerName, type: item.type, read: () => item.readRaw(), stravaRow: row, strava: row === null ? null : strava } };
  }

  for (const z of zips) {
    yield* walkZip(z, opts, budget, state, depth);
  }
  for (const k of kmzs) {
    yield* walkZip(k, opts, budget, state, depth, true);
  }
}

function isCdaName(relPath: string): boolean {
  return /_cda\.xml$/i.test(relPath);
}

/** Kinds the walk opens or streams itself rather than hand to a parse worker. */
const OPENED_KINDS: ReadonlySet<FileType["kind"]> = new Set(["strava_csv", "zip", "kmz", "apple_health"]);

/**
 * The whole archive against its size: each entry's own ratio is checked, but thousands of small
 * entries under the ratio floor (or entries sharing their data, refused when listed) add up.
 */
function archiveBomb(items: readonly ContainerItem[], fileBytes: number, name: string, limits: ImportLimits): { code: string; message: string } | null {
  let total = 0;
  // Entries refused on their own (a bomb, too large, encrypted) are never read: they cost nothing.
  for (const i of items) if (i.refuse === null) total += i.size;
  if (total <= limits.archiveRatioFloorBytes || total / Math.max(1, fileBytes) <= limits.maxArchiveRatio) return null;
  return {
    code: "ZIP_BOMB",
    message: `${name} would unpack ${formatBytes(fileBytes)} into ${formatBytes(total)} (more than ${limits.maxArchiveRatio} times): refused as a likely zip bomb; none of it was read.`,
  };
}

async function* walkZip(
  item: ContainerItem,
  opts: WalkOptions,
  budget: Budget,
  state: { nested: number },
  depth: number,
  kmz = false,
): AsyncGenerator<WalkEvent> {
  if (item.refuse !== null) {
    yield { type: "found", count: 1 };
    yield { type: "failed", name: item.name, ...item.refuse, sha256: null };
    return;
  }
  if (depth >= opts.limits.maxNesting) {
    yield { type: "found", count: 1 };
    yield { type: "failed", name: item.name, code: "ZIP_TOO_DEEP", message: `${item.name} is nested more than ${opts.limits.maxNesting} archives deep; it was not opened.`, sha256: null };
    return;
  }
  let file = item.diskPath;
  let temp: string | null = null;
  if (file === undefined) {
    if (budget.used + item.size > opts.limits.maxTotalBytes) {
      yield { type: "found", count: 1 };
      yield { type: "failed", name: item.name, code: "ARCHIVE_TOO_LARGE", message: `${item.name}: the archive unpacks to more than ${formatBytes(opts.limits.maxTotalBytes)}; reading stopped here.`, sha256: null };
      return;
    }
    budget.used += item.size;
    // The inner zip goes to a file of our own naming in our private folder: its entry name is
    // never a path on disk.
    await fs.mkdir(opts.tmpDir, { recursive: true });
    temp = path.join(opts.tmpDir, `nested-${++state.nested}.zip`);
    try {
      await item.extractTo!(temp);
    } catch (err) {
      await fs.rm(temp, { force: true });
      yield { type: "found", count: 1 };
      yield { type: "failed", name: item.name, code: "ZIP_INVALID", message: `${item.name} could not be unpacked: ${(err as Error).message}`, sha256: null };
      return;
    }
    file = temp;
  }
  let zip: ZipArchive | null = null;
  try {
    try {
      zip = await openZip(file, item.name);
    } catch (err) {
      if (!isDomainError(err)) throw err;
      yield { type: "found", count: 1 };
      yield { type: "failed", name: item.name, code: err.code, message: err.message, sha256: null };
      return;
    }
    const items = zipItems(zip, item.name, item.innerName, opts.limits);
    const bomb = archiveBomb(items, zip.fileBytes, item.name, opts.limits);
    if (bomb !== null) {
      yield { type: "found", count: 1 };
      yield { type: "failed", name: item.name, ...bomb, sha256: null };
      return;
    }
    if (kmz) {
      // Google Earth and OpenTracks write doc.kml; the format allows any one .kml at the root.
      const kml = items.find((i) => i.relPath.toLowerCase() === "doc.kml") ?? items.find((i) => i.type.kind === "kml");
      if (kml === undefined) {
        yield { type: "found", count: 1 };
        yield { type: "failed", name: item.name, code: "KMZ_NO_KML", message: `${item.name} holds no KML document.`, sha256: null };
        return;
      }
      yield* walkContainer([kml], opts, budget, state, depth + 1);
      return;
    }
    if (items.length === 0) {
      yield { type: "found", count: 1 };
      yield { type: "skipped", name: item.name, code: "NO_ACTIVITY_FILES", message: `${item.name} holds no activity files.`, sha256: null };
      return;
    }
    yield* walkContainer(items, opts, budget, state, depth + 1);
  } finally {
    zip?.close();
    if (temp !== null) await fs.rm(temp, { force: true });
  }
}
