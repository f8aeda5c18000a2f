import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import BetterSqlite3 from "better-sqlite3";
import pg from "pg";
import { DEFAULT_MIGRATION_TABLE, Kysely, Migrator, PostgresDialect, SqliteDialect } from "kysely";
import { DomainError } from "../core/errors.js";
import { migrationProvider } from "./migrations/index.js";
import { DEFAULT_WAL_AUTOCHECKPOINT, startCheckpointer } from "./sqlite-checkpointer.js";
import { NO_WAIT, withDatabaseWait } from "./wait-for-database.js";
import type { DatabaseWait } from "./wait-for-database.js";
import type { Checkpointer } from "./sqlite-checkpointer.js";
import type { Schema } from "./schema.js";

export type DialectName = "sqlite" | "postgres";

export interface Database {
  db: Kysely<Schema>;
  dialect: DialectName;
  /** A human description without secrets: the file path or host:port/database. */
  describe: string;
  /**
   * Runs `work`, which writes a great deal (an import), the way the database takes it best. On
   * SQLite, WAL checkpoints then run on a thread of their own instead of inside the commits
   * (see sqlite-checkpointer.ts); on PostgreSQL it simply runs `work`.
   */
  bulkWrites<T>(work: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export { DEFAULT_SQLITE_PATH } from "./default-path.js";

/**
 * Pages of 32 KiB, not SQLite's 4 KiB: the runner's originals (gzipped FIT, GPX and TCX files,
 * tens of kB each) and activity streams are most of what is written, and a blob spans a few
 * pages instead of fifteen, each with its own log frame, checksum and copy at checkpoint. Measured
 * on 186 MB of 62 kB blobs in batches of 100: 0.41 s of CPU with 4 KiB pages, 0.20 s with 32 KiB
 * (64 KiB saves little more); on bench:import about 0.3 s of the import. A small update writes a
 * whole page to the log, which a laptop's disk does not notice.
 */
export const SQLITE_PAGE_SIZE = 32 * 1024;
const PG_CONNECT_TIMEOUT_MS = 5000;

export function isPostgresUrl(spec: string): boolean {
  return /^postgres(ql)?:\/\//i.test(spec);
}

export interface OpenOptions {
  cwd?: string;
  /**
   * PostgreSQL only: how long to keep trying while the server is not reachable yet (see
   * wait-for-database.ts). Default: one try, for commands a person waits on; `serve` waits.
   */
  wait?: DatabaseWait;
  /** Hears one line per retry while waiting for PostgreSQL. */
  onRetry?: (line: string) => void;
}

/**
 * Opens the database named by `spec`: a postgres:// URL, or a path to an SQLite file
 * (created on first use, WAL journal). Fails with one clear sentence when it cannot.
 */
export async function openDatabase(spec: string, opts: OpenOptions = {}): Promise<Database> {
  return isPostgresUrl(spec)
    ? openPostgres(spec, opts)
    : openSqlite(path.resolve(opts.cwd ?? ".", spec));
}

function openSqlite(file: string): Database {
  const dir = path.dirname(file);
  if (!fs.existsSync(dir)) {
    // The default ./data folder is ours to create; any other missing folder is a typo to report.
    if (path.basename(dir) === "data") fs.mkdirSync(dir, { recursive: true });
    else
      throw new DomainError(
        "DB_FOLDER_MISSING",
        `The database folder ${dir} does not exist: create it or choose another --db path.`,
      );
  }
  try {
    fs.accessSync(dir, fs.constants.W_OK);
  } catch {
    throw new DomainError(
      "DB_FOLDER_READONLY",
      `The database folder ${dir} is not writable: choose a --db path in a folder you can write to.`,
    );
  }
  let sqlite: BetterSqlite3.Database;
  try {
    sqlite = new BetterSqlite3(file);
    // Only a new, empty file takes a page size; an existing database keeps the one it was made with.
    sqlite.pragma(`page_size = ${SQLITE_PAGE_SIZE}`);
    sqlite.pragma("journal_mode = WAL");
    sqlite.pragma("foreign_keys = ON");
    sqlite.pragma("busy_timeout = 5000");
    sqlite.pragma("synchronous = NORMAL");
  } catch (err) {
    throw new DomainError(
      "DB_OPEN_FAILED",
      `Cannot open the SQLite database ${file}: ${(err as Error).message}.`,
    );
  }
  const db = new Kysely<Schema>({ dialect: new SqliteDialect({ database: sqlite }) });
  let bulk = 0;
  let checkpointer: Promise<Checkpointer | null> | null = null;
  return {
    db,
    dialect: "sqlite",
    describe: file,
    async bulkWrites(work) {
      // Nested or concurrent bulk writes share one checkpointer; the last to finish stops it.
      if (bulk++ === 0) {
        checkpointer = startCheckpointer(file);
        if ((await checkpointer) !== null) sqlite.pragma("wal_autocheckpoint = 0");
      }
      try {
        return await work();
      } finally {
        if (--bulk === 0) {
          sqlite.pragma(`wal_autocheckpoint = ${DEFAULT_WAL_AUTOCHECKPOINT}`);
          const c = await checkpointer;
          checkpointer = null;
          await c?.stop();
        }
      }
    },
    close: () => db.destroy(),
  };
}

function describePg(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || "5432"}${u.pathname}`;
  } catch {
    return "the PostgreSQL URL";
  }
}

/**
 * A pg client that prepares each parameterised SELECT once per connection (a named statement,
 * named by a hash of its text) instead of having PostgreSQL parse and plan it on every call:
 * the session lookup runs before every signed-in request, so this is CPU the database no longer
 * spends on each one (issue 7, bench:load). Writes, DDL and multi-statement texts (pg-boss) go
 * through unchanged.
 */
class PreparingClient extends pg.Client {
  // pg's query() has many overloads; only the (text, values) form that Kysely uses is rewritten.
  override query(...args: unknown[]): never {
    const [text, values] = args;
    if (
      typeof text === "string" &&
      Array.isArray(values) &&
      values.length > 0 &&
      args.length === 2 &&
      /^\s*select\b/i.test(text) &&
      !text.includes(";")
    ) {
      const name = `kw_${createHash("sha1").update(text).digest("hex").slice(0, 20)}`;
      return (super.query as unknown as (config: pg.QueryConfig) => never)({ name, text, values });
    }
    return (super.query as unknown as (...a: unknown[]) => never)(...args);
  }
}

async function openPostgres(url: string, opts: OpenOptions): Promise<Database> {
  const where = describePg(url);
  const pool = new pg.Pool({
    connectionString: url,
    connectionTimeoutMillis: PG_CONNECT_TIMEOUT_MS,
    max: Number(process.env.KNEEWISE_PG_POOL ?? 10),
    Client: PreparingClient,
  });
  // An idle client that loses its connection must not crash the process.
  pool.on("error", () => undefined);
  try {
    await withDatabaseWait(() => pool.query("select 1"), {
      where,
      wait: opts.wait ?? NO_WAIT,
      onRetry: opts.onRetry,
    });
  } catch (err) {
    await pool.end().catch(() => undefined);
    throw err;
  }
  const db = new Kysely<Schema>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    dialect: "postgres",
    describe: where,
    bulkWrites: (work) => work(),
    close: () => db.destroy(),
  };
}

/** The one sentence an instance logs when a newer kneewise has migrated its database. */
export const NEWER_DATABASE_WARNING =
  "A newer version of kneewise has migrated this database; this one runs on with what it knows.";

function newMigrator(database: Database): Migrator {
  // Unordered: a migration that lands on the main line after a later-numbered one has run
  // somewhere (two branches merged) still runs, instead of stopping every start.
  return new Migrator({
    db: database.db,
    provider: migrationProvider,
    allowUnorderedMigrations: true,
  });
}

/**
 * Migrations the database has run that this build does not know: a newer kneewise migrated it
 * (a rolling upgrade, with old instances still serving, or a rollback of the code alone).
 */
export async function migrationsUnknownHere(database: Database): Promise<string[]> {
  const tables = await database.db.introspection.getTables({ withInternalKyselyTables: true });
  // No migration table yet: a new database, which nothing has migrated.
  if (
    !tables.some(
      (t) =>
        t.name === DEFAULT_MIGRATION_TABLE && (t.schema === undefined || t.schema === "public"),
    )
  )
    return [];
  const known = new Set(Object.keys(await migrationProvider.getMigrations()));
  const applied = await (database.db as unknown as Kysely<{ kysely_migration: { name: string } }>)
    .selectFrom("kysely_migration")
    .select("name")
    .execute();
  return applied
    .map((r) => r.name)
    .filter((name) => !known.has(name))
    .sort();
}

/**
 * Brings the schema up to date. Safe to run from several instances at once (Kysely locks).
 *
 * A database that a newer kneewise has migrated is left as it is: Kysely would refuse it
 * ("corrupted migrations": an applied migration it cannot find), and the instance would
 * crash-loop through a rolling upgrade. Migrations only add (docs/deploy.md), so this build's
 * tables are all there; `onNewerDatabase` hears the names it does not know.
 */
export async function migrateToLatest(
  database: Database,
  opts: { onNewerDatabase?: (unknown: string[]) => void } = {},
): Promise<string[]> {
  const before = await migrationsUnknownHere(database);
  if (before.length > 0) {
    opts.onNewerDatabase?.(before);
    return [];
  }
  const migrator = newMigrator(database);
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    // A newer instance may have migrated between the check above and Kysely's lock. Should this
    // look fail too, the migration's own error below is the one worth reporting.
    const after = await migrationsUnknownHere(database).catch((): string[] => []);
    if (after.length > 0) {
      opts.onNewerDatabase?.(after);
      return [];
    }
    const failed = results?.find((r) => r.status === "Error")?.migrationName ?? "unknown";
    throw new DomainError(
      "DB_MIGRATION_FAILED",
      `Database migration ${failed} failed: ${(error as Error).message}`,
    );
  }
  return (results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName);
}

/** Migrations this build knows that the database has not run yet (the readiness check). */
export async function pendingMigrations(database: Database): Promise<string[]> {
  const migrator = newMigrator(database);
  return (await migrator.getMigrations())
    .filter((m) => m.executedAt === undefined)
    .map((m) => m.name);
}
