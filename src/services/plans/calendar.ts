/**
 * The plan in the runner's calendar: the signed-in download, and the secret subscription URL,
 * kept only as a SHA-256, whose feed follows the plan as it adapts.
 */
import { createHash, randomBytes } from "node:crypto";
import { planToICalendar } from "../../core/calendar/ical.js";
import { DomainError } from "../../core/errors.js";
import { forCalendar, readStoredPlan, readStoredReturnPlan, renderPlan, renderReturnPlan } from "../../core/plan/index.js";
import { calendarTokens, plans } from "../../store/index.js";
import type { PlanRow } from "../../store/index.js";
import type { App } from "../app.js";
import { getProfile } from "../profile.js";
import type { StoredInput } from "./stored.js";
import { refreshRow } from "./adapt.js";

/**
 * A calendar feed has no reader's locale (the profile keeps none, and a subscribed calendar app
 * sends none), so any day its descriptions name is written in one neutral style: "7 Dec 2026".
 */
const CALENDAR_LOCALE = "en-GB";

async function calendarText(row: PlanRow, app: App, userId: string): Promise<string> {
  const input = JSON.parse(row.input_json) as StoredInput;
  const withRest = input.kind === "build" && input.restDaysInCalendar === true;
  const { units } = await getProfile(app, userId);
  const plan =
    input.kind === "build"
      ? renderPlan(readStoredPlan(row.plan_json), units, CALENDAR_LOCALE)
      : renderReturnPlan(readStoredReturnPlan(row.plan_json), units, CALENDAR_LOCALE);
  return planToICalendar(forCalendar(plan, withRest), {
    units,
    calName: row.kind === "return" ? "kneewise walk-run return" : "kneewise training plan",
    // Per-user UIDs: two runners subscribing on one device keep separate events.
    uidDomain: `${createHash("sha256").update(userId).digest("hex").slice(0, 16)}.kneewise`,
    dtstamp: app.now().toISOString(),
  });
}

/** The signed-in runner's active plan as an iCalendar file (adapted first). */
export async function activePlanICalendar(app: App, userId: string): Promise<string> {
  const row = await plans.findActivePlan(app.database.db, userId);
  if (!row) throw new DomainError("PLAN_NOT_FOUND", "You have no active plan to export.");
  return calendarText(await refreshRow(app, userId, row), app, userId);
}

function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** A new secret subscription token; any earlier one stops working. The token is returned once. */
export async function rotateCalendarToken(
  app: App,
  userId: string,
): Promise<{ token: string; created_at: string }> {
  const token = randomBytes(32).toString("base64url");
  const now = app.now().toISOString();
  await app.database.db.transaction().execute(async (trx) => {
    await calendarTokens.revokeCalendarTokens(trx, userId, now);
    await calendarTokens.insertCalendarToken(trx, {
      token_hash: hashToken(token),
      user_id: userId,
      created_at: now,
      revoked_at: null,
    });
  });
  return { token, created_at: now };
}

export async function revokeCalendarToken(app: App, userId: string): Promise<void> {
  const n = await calendarTokens.revokeCalendarTokens(
    app.database.db,
    userId,
    app.now().toISOString(),
  );
  if (n === 0)
    throw new DomainError("CALENDAR_TOKEN_NOT_FOUND", "There is no calendar link to revoke.");
}

export async function calendarTokenState(
  app: App,
  userId: string,
): Promise<{ active: boolean; created_at: string | null }> {
  const row = await calendarTokens.findLiveCalendarTokenOf(app.database.db, userId);
  return { active: row !== undefined, created_at: row?.created_at ?? null };
}

/** Tokens are 32 random bytes in base64url; anything else is not worth a database look-up. */
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

/**
 * The calendar feed behind a subscription token: the owner's active plan, adapted to their
 * latest data, so a subscribed calendar follows the plan. Without an active plan the feed is an
 * empty calendar (the subscription keeps working for the next plan). Unknown or revoked: not found.
 */
export async function calendarFeed(app: App, token: string): Promise<string> {
  const notFound = new DomainError("CALENDAR_NOT_FOUND", "No calendar here.");
  if (!TOKEN_SHAPE.test(token)) throw notFound;
  const live = await calendarTokens.findLiveCalendarToken(app.database.db, hashToken(token));
  if (!live) throw notFound;
  const row = await plans.findActivePlan(app.database.db, live.user_id);
  if (!row)
    return planToICalendar(
      { weeks: [] },
      {
        calName: "kneewise training plan",
        uidDomain: "kneewise",
        dtstamp: app.now().toISOString(),
      },
    );
  return calendarText(await refreshRow(app, live.user_id, row), app, live.user_id);
}
