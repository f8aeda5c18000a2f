import { createGunzip } from "node:zlib";
import { Readable } from "node:stream";
import { sql } from "kysely";
import { DomainError } from "../../core/errors.js";
import { originalFiles, users } from "../../store/index.js";
import type { App } from "../app.js";
import { ownedBy, ownedTablesPresent } from "./user-data.js";
import { gzipMember, zipStream } from "./zip-writer.js";
import type { ZipEntry } from "./zip-writer.js";

/*
 * "Export all my data": one zip with kneewise-export.json (every row of the runner's data in
 * every table that holds it, JSON columns parsed) and original-files/, the files they imported
 * as they were. Everything streams: rows are read a page at a time and written out as the
 * download goes, so a runner with ten years of GPS streams does not need ten years in memory.
 *
 * Not one snapshot: the reads are not in one transaction (a long download would hold it open),
 * so an import running during the export may be half in it.
 */

export const EXPORT_FORMAT = "kneewise-export";
export const EXPORT_JSON_NAME = "kneewise-export.json";
export const ORIGINALS_FOLDER = "original-files";
const PAGE = 200;

type Row = Record<string, unknown>;

/**
 * One row as JSON text. `stream_json: "{…}"` becomes `"stream": {…}`: the export is for reading,
 * not for our SQL. JSON columns are written by our own services with JSON.stringify, so their
 * text goes in as it is; parsing and re-serialising ten years of GPS streams would double the
 * export's time for nothing. A value that does not even look like a JSON object or array stays a string.
 */
export function rowJson(row: Row, omit: readonly string[]): string {
  const plain: Row = {};
  const raw: string[] = [];
  for (const [key, value] of Object.entries(row)) {
    if (omit.includes(key) || key === "password_hash") continue;
    if (key.endsWith("_json") && typeof value === "string" && looksLikeJson(value)) {
      raw.push(`${JSON.stringify(key.slice(0, -5))}:${value}`);
      continue;
    }
    plain[key] = Buffer.isBuffer(value) ? value.toString("base64") : value;
  }
  const text = JSON.stringify(plain);
  if (raw.length === 0) return text;
  return `${text.slice(0, -1)}${text.length > 2 ? "," : ""}${raw.join(",")}}`;
}

function looksLikeJson(text: string): boolean {
  const t = text.trim();
  return (t.startsWith("{") && t.endsWith("}")) || (t.startsWith("[") && t.endsWith("]"));
}

/** A safe, unique path under original-files/ for each stored file name. */
export function originalPaths(names: readonly string[]): string[] {
  const used = new Set<string>();
  return names.map((raw) => {
    const parts = raw
      .replace(/\\/g, "/")
      .split("/")
      .map((p) => p.trim())
      .filter((p) => p !== "" && p !== "." && p !== "..")
      // Control characters and ":" confuse unzip tools and Windows alike.
      // eslint-disable-next-line no-control-regex
      .map((p) => p.replace(/[\u0000-\u001f:*?"<>|]/g, "_"));
    const base = `${ORIGINALS_FOLDER}/${parts.length > 0 ? parts.join("/") : "file"}`;
    let candidate = base;
    for (let n = 2; used.has(candidate); n++) {
      const dot = base.lastIndexOf(".");
      const slash = base.lastIndexOf("/");
      candidate = dot > slash + 1 ? `${base.slice(0, dot)} (${n})${base.slice(dot)}` : `${base} (${n})`;
    }
    used.add(candidate);
    return candidate;
  });
}

async function latestMigration(app: App): Promise<string | null> {
  const res = await sql<{ name: string }>`select name from kysely_migration order by name desc limit 1`.execute(app.database.db);
  return res.rows[0]?.name ?? null;
}

async function* exportJson(app: App, userId: string, originals: { id: string; file_name: string; sha256: string; size_bytes: number; path: string }[]): AsyncGenerator<Buffer> {
  const { db } = app.database;
  const user = await users.findUserById(db, userId);
  if (!user) throw new DomainError("USER_NOT_FOUND", "This account no longer exists.");
  const head = {
    format: EXPORT_FORMAT,
    schemaVersion: await latestMigration(app),
    appVersion: app.version,
    exportedAt: app.now().toISOString(),
    note: "Every record kneewise holds about you. Distances are metres, durations seconds, times UTC; columns ending in _json are given parsed, without the suffix.",
    user: JSON.parse(rowJson(user, [])) as unknown,
    originalFiles: originals.map((o) => ({ id: o.id, fileName: o.file_name, sha256: o.sha256, sizeBytes: o.size_bytes, path: o.path })),
  };
  const text = JSON.stringify(head, null, 1);
  // Reopen the object to append "tables" without building it in memory.
  yield Buffer.from(`${text.slice(0, -2)},\n "tables": {`);
  let firstTable = true;
  for (const { name, plan, columns } of await ownedTablesPresent(db)) {
    if (plan.export === false) continue;
    const omit = plan.export.omit;
    yield Buffer.from(`${firstTable ? "" : ","}\n  ${JSON.stringify(name)}: [`);
    firstTable = false;
    let first = true;
    const pageBy = plan.pageBy !== undefined && columns.has(plan.pageBy) ? plan.pageBy : undefined;
    let after: unknown = undefined;
    for (;;) {
      const where = pageBy !== undefined && after !== undefined ? sql`(${ownedBy(plan.owners, userId)}) and ${sql.ref(pageBy)} > ${after}` : ownedBy(plan.owners, userId);
      const order = pageBy ?? plan.owners[0]!;
      const limit = pageBy !== undefined ? sql`limit ${PAGE}` : sql``;
      const { rows } = await sql<Row>`select * from ${sql.table(name)} where ${where} order by ${sql.ref(order)} ${limit}`.execute(db);
      // One chunk per page, not per row: fewer, larger writes through the deflater.
      const lines: string[] = [];
      for (const row of rows) {
        lines.push(`${first ? "" : ","}\n   ${rowJson(row, omit)}`);
        first = false;
      }
      if (lines.length > 0) yield Buffer.from(lines.join(""));
      if (pageBy === undefined || rows.length < PAGE) break;
      after = rows[rows.length - 1]![pageBy];
    }
    yield Buffer.from(first ? "]" : "\n  ]");
  }
  yield Buffer.from("\n }\n}\n");
}

async function* exportEntries(app: App, userId: string): AsyncGenerator<ZipEntry> {
  const { db } = app.database;
  const tables = await ownedTablesPresent(db);
  const hasOriginals = tables.some((t) => t.name === "original_files");
  const list = hasOriginals ? await originalFiles.listOriginalFiles(db, userId) : [];
  const paths = originalPaths(list.map((o) => o.file_name));
  const originals = list.map((o, i) => ({ ...o, path: paths[i]! }));
  yield { name: EXPORT_JSON_NAME, data: exportJson(app, userId, originals) };
  for (const o of originals) {
    const file = await originalFiles.readOriginalFile(db, userId, o.id);
    if (!file) continue; // Deleted while the export ran.
    // A file that came gzipped is handed back as it came; others go in as the original bytes.
    if (/\.gz$/i.test(o.file_name)) {
      yield { name: o.path, data: file.bytes_gz, method: "store" };
      continue;
    }
    // The stored gzip already holds the deflated bytes a zip wants: passed through, not redone,
    // when its trailer agrees with the size the file had.
    const member = gzipMember(file.bytes_gz);
    if (member && member.size === o.size_bytes % 2 ** 32) yield { name: o.path, ...member };
    else yield { name: o.path, data: Readable.from([file.bytes_gz]).pipe(createGunzip()) };
  }
}

/** The whole export as a zip byte stream. */
export function exportAccount(app: App, userId: string): Readable {
  return zipStream(exportEntries(app, userId), app.now());
}

/** The file name offered for the download. */
export function exportFileName(app: App): string {
  return `kneewise-export-${app.now().toISOString().slice(0, 10)}.zip`;
}
