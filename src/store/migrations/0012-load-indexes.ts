import { PostgresAdapter, sql } from "kysely";
import type { Kysely } from "kysely";

/**
 * users.data_version: a counter the database itself raises on every write to what the training
 * report reads (activities, shoes, check-ins, the profile), so any instance can tell whether the
 * report it holds for a runner is still true with one indexed read (issue 7: the dashboard API
 * under load). Triggers rather than application code, so that no write path, present or future,
 * can forget it.
 *
 * PostgreSQL: statement-level triggers over transition tables, so an import writing 200 rows in
 * one statement raises the counter once, not 200 times. SQLite has row triggers only; an UPDATE
 * there is a cheap in-place write inside the same transaction.
 */
const TABLES = ["activities", "shoes", "checkins", "profiles"] as const;

// Frozen: typed Kysely<any> and never importing app types, so it runs the same forever.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("users")
    .addColumn("data_version", "integer", (c) => c.notNull().defaultTo(0))
    .execute();

  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    const bump = (name: string, rows: string) =>
      sql`CREATE FUNCTION ${sql.raw(name)}() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          UPDATE users SET data_version = data_version + 1 WHERE id IN (${sql.raw(rows)});
          RETURN NULL;
        END $$`.execute(db);
    await bump("kw_data_version_new", "SELECT user_id FROM kw_new");
    await bump("kw_data_version_old", "SELECT user_id FROM kw_old");
    await bump(
      "kw_data_version_both",
      "SELECT user_id FROM kw_new UNION SELECT user_id FROM kw_old",
    );
    for (const t of TABLES) {
      const on = sql.raw(t);
      await sql`CREATE TRIGGER ${sql.raw(`${t}_data_version_ins`)} AFTER INSERT ON ${on}
        REFERENCING NEW TABLE AS kw_new FOR EACH STATEMENT EXECUTE FUNCTION kw_data_version_new()`.execute(
        db,
      );
      await sql`CREATE TRIGGER ${sql.raw(`${t}_data_version_upd`)} AFTER UPDATE ON ${on}
        REFERENCING OLD TABLE AS kw_old NEW TABLE AS kw_new FOR EACH STATEMENT EXECUTE FUNCTION kw_data_version_both()`.execute(
        db,
      );
      await sql`CREATE TRIGGER ${sql.raw(`${t}_data_version_del`)} AFTER DELETE ON ${on}
        REFERENCING OLD TABLE AS kw_old FOR EACH STATEMENT EXECUTE FUNCTION kw_data_version_old()`.execute(
        db,
      );
    }
    return;
  }

  for (const t of TABLES) {
    const on = sql.raw(t);
    await sql`CREATE TRIGGER ${sql.raw(`${t}_data_version_ins`)} AFTER INSERT ON ${on}
      BEGIN UPDATE users SET data_version = data_version + 1 WHERE id = NEW.user_id; END`.execute(
      db,
    );
    await sql`CREATE TRIGGER ${sql.raw(`${t}_data_version_upd`)} AFTER UPDATE ON ${on}
      BEGIN UPDATE users SET data_version = data_version + 1 WHERE id IN (NEW.user_id, OLD.user_id); END`.execute(
      db,
    );
    await sql`CREATE TRIGGER ${sql.raw(`${t}_data_version_del`)} AFTER DELETE ON ${on}
      BEGIN UPDATE users SET data_version = data_version + 1 WHERE id = OLD.user_id; END`.execute(
      db,
    );
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  for (const t of TABLES)
    for (const e of ["ins", "upd", "del"])
      await sql`DROP TRIGGER IF EXISTS ${sql.raw(`${t}_data_version_${e}`)}${sql.raw(pg ? ` ON ${t}` : "")}`.execute(
        db,
      );
  if (pg)
    for (const f of ["new", "old", "both"])
      await sql`DROP FUNCTION IF EXISTS ${sql.raw(`kw_data_version_${f}`)}()`.execute(db);
  await db.schema.alterTable("users").dropColumn("data_version").execute();
}
