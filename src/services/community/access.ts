import { DomainError } from "../../core/errors.js";
import type { ViewerInfo } from "../../contracts/community.js";
import { moderation, users } from "../../store/index.js";
import type { UserRow } from "../../store/index.js";
import type { App } from "../app.js";
import type { Db } from "./db.js";

/** Who may take part: signed-in, not banned; moderators and admins may also moderate. */

export function isModerator(user: Pick<UserRow, "role">): boolean {
  return user.role === "moderator" || user.role === "admin";
}

export async function actingUser(db: Db, userId: string): Promise<UserRow> {
  const user = await users.findUserById(db, userId);
  if (!user) throw new DomainError("NOT_SIGNED_IN", "Sign in to take part.");
  return user;
}

export async function notBanned(db: Db, user: UserRow): Promise<void> {
  if (await moderation.findBan(db, user.id))
    throw new DomainError("FORBIDDEN", "Your account can no longer post, edit or report comments.");
}

export async function moderatorOrThrow(db: Db, userId: string): Promise<UserRow> {
  const user = await actingUser(db, userId);
  if (!isModerator(user))
    throw new DomainError("FORBIDDEN", "Only moderators and admins can do this.");
  return user;
}

/** What the page needs to know of the reader: whether to offer the form and the moderator links. */
export async function viewerInfo(app: App, viewerId: string | null): Promise<ViewerInfo> {
  if (viewerId === null) return { signedIn: false, banned: false, moderator: false };
  const { db } = app.database;
  const user = await users.findUserById(db, viewerId);
  if (!user) return { signedIn: false, banned: false, moderator: false };
  return {
    signedIn: true,
    banned: (await moderation.findBan(db, viewerId)) !== undefined,
    moderator: isModerator(user),
  };
}
