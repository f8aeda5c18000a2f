import type { Kysely, Transaction } from "kysely";
import type { AuditLogRow, Schema } from "../schema.js";

type Db = Kysely<Schema> | Transaction<Schema>;

export interface AuditEntry {
  id: string;
  actorId: string | null;
  /** A dotted verb, e.g. "comment.hide", "user.ban". */
  action: string;
  /** What was acted on, e.g. "comment:<id>", "user:<id>". */
  target: string;
  details: Record<string, unknown>;
  createdAt: string;
}

export async function insertAudit(db: Db, entry: AuditEntry): Promise<void> {
  await db
    .insertInto("audit_log")
    .values({
      id: entry.id,
      actor_id: entry.actorId,
      action: entry.action,
      target: entry.target,
      details_json: JSON.stringify(entry.details),
      created_at: entry.createdAt,
    })
    .execute();
}

/** Newest first; `target` narrows to one record's history. */
export async function listAudit(
  db: Db,
  opts: { target?: string; limit: number },
): Promise<AuditLogRow[]> {
  let q = db.selectFrom("audit_log").selectAll();
  if (opts.target !== undefined) q = q.where("target", "=", opts.target);
  return q.orderBy("created_at", "desc").orderBy("id", "desc").limit(opts.limit).execute();
}
