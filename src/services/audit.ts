/**
 * One audit row: who did what, to whom, when. Moderation, sharing, notes and role changes all
 * write through here, inside the transaction of the change they record. Details never hold the
 * text of a comment or note, nor an email address.
 */
import { randomUUID } from "node:crypto";
import type { Kysely, Transaction } from "kysely";
import { auditLog } from "../store/index.js";
import type { Schema } from "../store/index.js";
import type { App } from "./app.js";

type Db = Kysely<Schema> | Transaction<Schema>;

export async function audit(
  db: Db,
  app: App,
  actorId: string,
  action: string,
  target: string,
  details: Record<string, unknown>,
): Promise<void> {
  await auditLog.insertAudit(db, {
    id: randomUUID(),
    actorId,
    action,
    target,
    details,
    createdAt: app.now().toISOString(),
  });
}
