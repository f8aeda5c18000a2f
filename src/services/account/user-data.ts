import { sql } from "kysely";
import type { Kysely, Transaction } from "kysely";
import type { Schema } from "../../store/index.js";

type Db = Kysely<Schema> | Transaction<Schema>;

/**
 * Where a user's data lives, table by table: what the export reads and what deleting an account
 * removes. Every table of the database must be named here (test/architecture-like check in
 * user-data.test.ts), so a new table cannot hold personal data that export and deletion miss.
 *
 * A table named here may not exist yet in an older database or a build without its feature:
 * export and deletion only touch the tables the database has.
 */
export interface OwnedTable {
  kind: "owned";
  /** Columns holding the user's id: a row with the id in any of them is theirs, exported and deleted. */
  owners: readonly string[];
  /** Columns naming the user in a record that is someone else's: emptied (set null) on deletion. */
  mentions?: readonly string[];
  /** false: not exported (secrets a file should not carry). Otherwise columns left out of the rows. */
  export: false | { omit: readonly string[] };
  /** A unique column to read the rows in pages by; tables without one hold a few rows per user. */
  pageBy?: string;
}

/**
 * Rows that belong to the user through another table's row, without a foreign key to cascade
 * (they are deleted before their parents; not exported).
 */
export interface ChildTable {
  kind: "child";
  column: string;
  parent: string;
  parentKey: string;
}

/** Tables handled by their own code (users, comments, rate limits, the audit log) or holding no personal data. */
export interface OtherTable {
  kind: "special" | "none";
  why: string;
}

export type TablePlan = OwnedTable | ChildTable | OtherTable;

const owned = (owners: readonly string[], rest: Omit<OwnedTable, "kind" | "owners"> = { export: { omit: [] }, pageBy: "id" }): OwnedTable => ({
  kind: "owned",
  owners,
  ...rest,
});

export const USER_DATA: Readonly<Record<string, TablePlan>> = {
  users: { kind: "special", why: "the account itself: exported without the password hash, deleted last" },
  sessions: owned(["user_id"], { export: false }),
  password_reset_tokens: owned(["user_id"], { export: false }),
  // Links in emails, and the browsers that signed in: secrets, not exported. A waiting sign-up
  // (no user_id yet) is nobody's account; it is forgotten when its link expires.
  email_verifications: owned(["user_id"], { export: false }),
  login_devices: owned(["user_id"], { export: false }),
  profiles: owned(["user_id"], { export: { omit: [] } }),
  activities: owned(["user_id"]),
  // Deleted and merged-away activities: their twin key (so an import does not bring them back), and
  // for the undo window the deleted row itself, which the export leaves out.
  activity_tombstones: owned(["user_id"], { export: { omit: ["row_json"] }, pageBy: "id" }),
  import_files: owned(["user_id"]),
  import_jobs: owned(["user_id"], { export: { omit: ["claimed_by", "heartbeat_at"] }, pageBy: "id" }),
  original_files: owned(["user_id"], { export: { omit: ["bytes_gz"] }, pageBy: "id" }),
  // Pieces of an upload in progress (PostgreSQL), keyed by the import job with no foreign key.
  upload_parts: { kind: "child", column: "job_id", parent: "import_jobs", parentKey: "id" },
  shoes: owned(["user_id"]),
  checkins: owned(["user_id"]),
  // Resting heart rate and HRV by day from an import (Apple Health): the runner's own figures.
  daily_wellness: owned(["user_id"]),
  assessments: owned(["user_id"]),
  pain_entries: owned(["user_id"]),
  programme_sessions: owned(["user_id"]),
  plans: owned(["user_id"]),
  calendar_tokens: owned(["user_id"], { export: { omit: ["token_hash"] } }),
  // Upload tokens: their names and times are the runner's; the hash of the secret is not exported.
  upload_tokens: owned(["user_id"], { export: { omit: ["token_hash"] }, pageBy: "id" }),
  // Deletion takes comments out of the search index and keeps other people's replies first
  // (deletion.ts), so the generic delete finds none left.
  comments: owned(["user_id"]),
  comment_reports: owned(["user_id"]),
  comment_terms: { kind: "none", why: "search terms of comments, removed with each comment" },
  comment_vocabulary: { kind: "none", why: "word counts over all visible comments" },
  user_bans: owned(["user_id"], { mentions: ["banned_by"], export: { omit: ["banned_by"] } }),
  rate_limits: { kind: "special", why: "counters keyed by user id or email, deleted by key" },
  audit_log: { kind: "special", why: "the site's record: the user's id and email are taken out, the entries stay" },
  shares: owned(["athlete_id", "coach_id"], { mentions: ["revoked_by"], export: { omit: ["invite_token_hash"] }, pageBy: "id" }),
  coach_notes: owned(["athlete_id", "coach_id"]),
  site_setup_links: { kind: "none", why: "the hash of the one-time link that made the first admin" },
  signup_invites: { kind: "special", why: "addresses invited before they have an account; the row goes when the account is made" },
  kysely_migration: { kind: "none", why: "which migrations ran" },
  kysely_migration_lock: { kind: "none", why: "the migration lock" },
};

/** The tables this database has (PostgreSQL: in the public schema), with their columns. */
export async function existingTables(db: Db): Promise<Map<string, Set<string>>> {
  const tables = await db.introspection.getTables({ withInternalKyselyTables: true });
  const out = new Map<string, Set<string>>();
  for (const t of tables) {
    if (t.isView || (t.schema !== undefined && t.schema !== "public")) continue;
    out.set(t.name, new Set(t.columns.map((c) => c.name)));
  }
  return out;
}

/** The owned tables present in this database, in the catalogue's order. */
export async function ownedTablesPresent(db: Db): Promise<{ name: string; plan: OwnedTable; columns: Set<string> }[]> {
  const present = await existingTables(db);
  const out: { name: string; plan: OwnedTable; columns: Set<string> }[] = [];
  for (const [name, plan] of Object.entries(USER_DATA)) {
    const columns = present.get(name);
    if (plan.kind === "owned" && columns) out.push({ name, plan, columns });
  }
  return out;
}

/** The child tables present in this database whose parent table is present too. */
export async function childTablesPresent(db: Db): Promise<{ name: string; plan: ChildTable; parent: OwnedTable }[]> {
  const present = await existingTables(db);
  const out: { name: string; plan: ChildTable; parent: OwnedTable }[] = [];
  for (const [name, plan] of Object.entries(USER_DATA)) {
    if (plan.kind !== "child" || !present.has(name) || !present.has(plan.parent)) continue;
    const parent = USER_DATA[plan.parent];
    if (parent?.kind === "owned") out.push({ name, plan, parent });
  }
  return out;
}

/** `col1 = id OR col2 = id …` over identifiers from the catalogue above (never from input). */
export function ownedBy(owners: readonly string[], userId: string) {
  return sql.join(
    owners.map((c) => sql`${sql.ref(c)} = ${userId}`),
    sql` or `,
  );
}

/** Escapes a value for LIKE … ESCAPE '\' (emails hold "_", which LIKE reads as "any character"). */
export function likeLiteral(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}
