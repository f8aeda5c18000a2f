import { randomUUID } from "node:crypto";
import ICAL from "ical.js";
import { expect } from "vitest";
import { signUpVerified } from "../../../test/app.js";
import type { startTestServer } from "../../../test/app.js";
import { activePlanResponse } from "../../contracts/plans.js";
import type { ActivePlanView } from "../../contracts/plans.js";

export type TestServer = Awaited<ReturnType<typeof startTestServer>>;

/** Signs a new runner up and returns their session cookie. */
export async function signUpRunner(
  t: TestServer,
  name: string,
): Promise<{ cookies: Record<string, string>; id: string }> {
  return signUpVerified(t.server, { email: `${name}@example.org`, password: "correct horse battery", displayName: name });
}

/** Stores one activity for a runner, at noon UTC on `date` unless `startUtc` says otherwise. */
export async function addRun(
  t: TestServer,
  userId: string,
  date: string,
  distanceM: number,
  overrides: { sport?: string; startUtc?: string; offsetMin?: number | null } = {},
): Promise<void> {
  const start = overrides.startUtc ?? `${date}T12:00:00.000Z`;
  await t.app.database.db
    .insertInto("activities")
    .values({
      id: randomUUID(),
      user_id: userId,
      sport: overrides.sport ?? "run",
      start_utc: start,
      utc_offset_min: overrides.offsetMin === undefined ? 0 : overrides.offsetMin,
      moving_s: Math.round(distanceM * 0.33),
      elapsed_s: Math.round(distanceM * 0.35),
      distance_m: distanceM,
      elevation_gain_m: null,
      elevation_loss_m: null,
      avg_hr: null,
      max_hr: null,
      avg_cadence: null,
      device: null,
      gear: null,
      name: null,
      perceived_exertion: null,
      indoor: 0,
      source: "gpx",
      surface: null,
      shoe_id: null,
      laps_json: "[]",
      stream_json: "{}",
      source_file: null,
      dedupe_key: start.slice(0, 16),
      created_at: start,
    })
    .execute();
}

export function setClock(t: TestServer, iso: string): void {
  t.app.now = () => new Date(iso);
}

export async function activePlan(
  t: TestServer,
  cookies: Record<string, string>,
): Promise<ActivePlanView | null> {
  const res = await t.server.inject({ method: "GET", url: "/api/plans/active", cookies });
  expect(res.statusCode).toBe(200);
  return activePlanResponse.parse(res.json()).plan;
}

export function readCalendar(text: string) {
  const cal = new ICAL.Component(ICAL.parse(text) as unknown[]);
  return cal.getAllSubcomponents("vevent").map((v) => new ICAL.Event(v));
}

/** The sessions that become calendar events: every one but rest days, unless the runner asked for them. */
export function sessionCount(plan: ActivePlanView, withRest = false): number {
  return plan.plan.weeks.reduce((n, w) => n + w.sessions.filter((s) => withRest || s.kind !== "rest").length, 0);
}
