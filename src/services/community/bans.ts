import { DomainError } from "../../core/errors.js";
import type { BanResponse } from "../../contracts/community.js";
import { comments, moderation, users } from "../../store/index.js";
import type { UserRow } from "../../store/index.js";
import type { App } from "../app.js";
import { audit } from "../audit.js";
import { isModerator, moderatorOrThrow } from "./access.js";
import type { Db } from "./db.js";

/** Bans a user from posting, editing and reporting; by default hides everything they posted. */
export async function banUser(
  app: App,
  userId: string,
  targetId: string,
  input: { reason: string; hideComments: boolean },
): Promise<BanResponse> {
  return app.database.db.transaction().execute(async (trx) => {
    await moderatorOrThrow(trx, userId);
    const target = await bannableUser(trx, userId, targetId);
    const now = app.now().toISOString();
    const reason = input.reason.trim();
    await moderation.insertBan(trx, {
      user_id: target.id,
      banned_by: userId,
      reason,
      created_at: now,
    });
    const hidden = input.hideComments ? await hideLiveComments(trx, target.id, now) : 0;
    await audit(trx, app, userId, "user.ban", `user:${target.id}`, {
      reason,
      hiddenComments: hidden,
    });
    return { userId: target.id, banned: true, hiddenComments: hidden };
  });
}

/** The user to ban: someone else, and not a moderator or admin. */
async function bannableUser(db: Db, userId: string, targetId: string): Promise<UserRow> {
  const target = await users.findUserById(db, targetId);
  if (!target) throw new DomainError("USER_NOT_FOUND", "There is no such user.");
  if (target.id === userId) throw new DomainError("CANNOT_BAN_SELF", "You cannot ban yourself.");
  if (isModerator(target))
    throw new DomainError(
      "FORBIDDEN",
      "Moderators and admins cannot be banned; change their role first.",
    );
  return target;
}

/** Hides a user's visible and pending comments and closes their reports; answers how many. */
async function hideLiveComments(db: Db, authorId: string, now: string): Promise<number> {
  let hidden = 0;
  for (const c of await comments.listLiveByUser(db, authorId, ["visible", "pending"])) {
    if (c.status === "visible") await comments.unindexCommentTerms(db, c.id);
    await comments.updateComment(db, c.id, { status: "hidden" });
    await moderation.resolveReports(db, c.id, now);
    hidden++;
  }
  return hidden;
}

/** Lifts a ban (hidden comments stay hidden; a moderator approves them one by one). */
export async function unbanUser(app: App, userId: string, targetId: string): Promise<BanResponse> {
  return app.database.db.transaction().execute(async (trx) => {
    await moderatorOrThrow(trx, userId);
    const target = await users.findUserById(trx, targetId);
    if (!target) throw new DomainError("USER_NOT_FOUND", "There is no such user.");
    if (await moderation.deleteBan(trx, target.id))
      await audit(trx, app, userId, "user.unban", `user:${target.id}`, {});
    return { userId: target.id, banned: false, hiddenComments: 0 };
  });
}
