import type { Kysely, Transaction } from "kysely";
import type { CommentReportRow, CommentRow, Schema, UserBanRow } from "../schema.js";

type Db = Kysely<Schema> | Transaction<Schema>;

/** Records a report; a second report of the same comment by the same person changes nothing. */
export async function insertReport(db: Db, report: CommentReportRow): Promise<boolean> {
  const res = await db
    .insertInto("comment_reports")
    .values(report)
    .onConflict((oc) => oc.columns(["comment_id", "user_id"]).doNothing())
    .executeTakeFirst();
  return Number(res.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function resolveReports(db: Db, commentId: string, at: string): Promise<number> {
  const res = await db
    .updateTable("comment_reports")
    .set({ resolved_at: at })
    .where("comment_id", "=", commentId)
    .where("resolved_at", "is", null)
    .executeTakeFirst();
  return Number(res.numUpdatedRows);
}

export async function openReportsFor(db: Db, commentIds: string[]): Promise<CommentReportRow[]> {
  if (commentIds.length === 0) return [];
  return db
    .selectFrom("comment_reports")
    .selectAll()
    .where("comment_id", "in", commentIds)
    .where("resolved_at", "is", null)
    .orderBy("created_at", "asc")
    .execute();
}

export interface QueueRow extends CommentRow {
  display_name: string;
  banned: number;
}

/** What needs a moderator: comments waiting for approval, and live comments with open reports. */
function queueQuery(db: Db) {
  return db
    .selectFrom("comments as c")
    .innerJoin("users as u", "u.id", "c.user_id")
    .where("c.deleted_at", "is", null)
    .where((eb) =>
      eb.or([
        eb("c.status", "=", "pending"),
        eb.exists(
          eb
            .selectFrom("comment_reports as r")
            .select("r.id")
            .whereRef("r.comment_id", "=", "c.id")
            .where("r.resolved_at", "is", null),
        ),
      ]),
    );
}

export async function countQueue(db: Db): Promise<number> {
  const row = await queueQuery(db)
    .select((eb) => eb.fn.countAll().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Oldest first: whoever has waited longest is seen first. */
export async function listQueue(db: Db, offset: number, limit: number): Promise<QueueRow[]> {
  return queueQuery(db)
    .selectAll("c")
    .select("u.display_name")
    .select((eb) =>
      eb
        .case()
        .when(
          eb.exists(
            eb
              .selectFrom("user_bans as b")
              .select("b.user_id")
              .whereRef("b.user_id", "=", "c.user_id"),
          ),
        )
        .then(1)
        .else(0)
        .end()
        .as("banned"),
    )
    .orderBy("c.created_at", "asc")
    .orderBy("c.id", "asc")
    .offset(offset)
    .limit(limit)
    .execute();
}

export async function findBan(db: Db, userId: string): Promise<UserBanRow | undefined> {
  return db.selectFrom("user_bans").selectAll().where("user_id", "=", userId).executeTakeFirst();
}

/** Bans a user; banning twice keeps the first ban. Returns false when already banned. */
export async function insertBan(db: Db, ban: UserBanRow): Promise<boolean> {
  const res = await db
    .insertInto("user_bans")
    .values(ban)
    .onConflict((oc) => oc.column("user_id").doNothing())
    .executeTakeFirst();
  return Number(res.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function deleteBan(db: Db, userId: string): Promise<boolean> {
  const res = await db.deleteFrom("user_bans").where("user_id", "=", userId).executeTakeFirst();
  return Number(res.numDeletedRows) > 0;
}
