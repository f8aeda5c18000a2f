import { comments } from "../../store/index.js";
import type { UserRow } from "../../store/index.js";
import type { App } from "../app.js";
import { isModerator } from "./access.js";
import type { Db } from "./db.js";

/** In multi-user mode a runner's comments wait for a moderator until this many have been approved. */
export const HELD_UNTIL_APPROVED = 3;

/** Whether what this user writes now shows at once or waits for a moderator. */
export async function initialStatus(
  app: App,
  db: Db,
  user: UserRow,
): Promise<"visible" | "pending"> {
  if (app.mode === "local" || isModerator(user)) return "visible";
  return (await comments.countVisibleByUser(db, user.id)) >= HELD_UNTIL_APPROVED
    ? "visible"
    : "pending";
}
