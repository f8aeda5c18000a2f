import fs from "node:fs";
import path from "node:path";
import { DomainError } from "../core/errors.js";
import { parseFrontMatter } from "../core/content/front-matter.js";
import { profileAdvice } from "../core/profile-advice.js";
import type { ExerciseFacts, FootTypeAdvice, ProfileAdvice } from "../core/profile-advice.js";
import { defaultContentDir } from "./content.js";
import {
  applyProfileUpdate,
  heartRateOrderErrors,
  DEFAULT_PROFILE,
  DISTANCE_UNITS,
  EXPERIENCE_LEVELS,
  FOOT_TYPES,
  OTHER_SPORTS,
  PROFILE_SURFACES,
  rampThresholdFor,
  TIGHT_GROUPS,
  validateProfileUpdate,
  WEAK_GROUPS,
} from "../core/profile.js";
import type { Profile } from "../core/profile.js";
import { profiles } from "../store/index.js";
import type { ProfileRow } from "../store/index.js";
import type { App } from "./app.js";

export interface ProfileView extends Profile {
  /** null until the runner first saves a profile. */
  updatedAt: string | null;
  rampThreshold: number;
}

/** Keeps only known codes, so a row written by a later version never breaks an older reader. */
function codes<T extends string>(json: string, allowed: readonly T[]): T[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    parsed = [];
  }
  return Array.isArray(parsed) ? allowed.filter((c) => parsed.includes(c)) : [];
}

function oneOf<T extends string>(value: string, allowed: readonly T[], fallback: T): T {
  return (allowed as readonly string[]).includes(value) ? (value as T) : fallback;
}

function fromRow(row: ProfileRow): Profile {
  return {
    experience: oneOf(row.experience, EXPERIENCE_LEVELS, DEFAULT_PROFILE.experience),
    footType: oneOf(row.foot_type, FOOT_TYPES, DEFAULT_PROFILE.footType),
    surfaces: codes(row.surfaces_json, PROFILE_SURFACES),
    otherSports: codes(row.other_sports_json, OTHER_SPORTS),
    weakGroups: codes(row.weak_groups_json, WEAK_GROUPS),
    tightGroups: codes(row.tight_groups_json, TIGHT_GROUPS),
    weekStart: row.week_start,
    units: oneOf(row.units, DISTANCE_UNITS, DEFAULT_PROFILE.units),
    maxHr: row.max_hr,
    thresholdHr: row.threshold_hr,
  };
}

function view(profile: Profile, updatedAt: string | null): ProfileView {
  return { ...profile, updatedAt, rampThreshold: rampThresholdFor(profile) };
}

/** The runner's profile, or the defaults when they have not saved one. */
export async function getProfile(app: App, userId: string): Promise<ProfileView> {
  const row = await profiles.findProfile(app.database.db, userId);
  return row ? view(fromRow(row), row.updated_at) : view({ ...DEFAULT_PROFILE }, null);
}

/** Applies a partial update (fields given replace the stored ones) after checking every field. */
export async function updateProfile(app: App, userId: string, update: unknown): Promise<ProfileView> {
  const checked = validateProfileUpdate(update);
  if (!checked.ok) {
    const fields = checked.errors.map((e) => ({ path: e.path === "" ? "(body)" : e.path, message: e.message }));
    throw new DomainError("VALIDATION_FAILED", "Some profile fields are not valid.", { fields });
  }
  return app.database.db.transaction().execute(async (trx) => {
    const row = await profiles.findProfile(trx, userId);
    const current = row ? fromRow(row) : { ...DEFAULT_PROFILE };
    // One heart rate sent alone is checked against the other as stored.
    const order = heartRateOrderErrors(current, checked.value);
    if (order.length > 0) throw new DomainError("VALIDATION_FAILED", "Some profile fields are not valid.", { fields: order });
    const next = applyProfileUpdate(current, checked.value);
    const saved = await profiles.upsertProfile(trx, {
      user_id: userId,
      experience: next.experience,
      foot_type: next.footType,
      surfaces_json: JSON.stringify(next.surfaces),
      other_sports_json: JSON.stringify(next.otherSports),
      weak_groups_json: JSON.stringify(next.weakGroups),
      tight_groups_json: JSON.stringify(next.tightGroups),
      week_start: next.weekStart,
      units: next.units,
      max_hr: next.maxHr,
      threshold_hr: next.thresholdHr,
      updated_at: app.now().toISOString(),
    });
    return view(fromRow(saved), saved.updated_at);
  });
}

/** The foot-type texts of content/profile/foot-types.md, read once. */
let footTypesCache: FootTypeAdvice[] | null = null;

function loadFootTypes(): FootTypeAdvice[] {
  if (footTypesCache) return footTypesCache;
  const file = path.join(defaultContentDir(), "profile", "foot-types.md");
  const { meta } = parseFrontMatter(fs.readFileSync(file, "utf8"));
  const list = Array.isArray(meta.types) ? meta.types : [];
  footTypesCache = list.flatMap((t) =>
    typeof t === "object" && !Array.isArray(t) && typeof t.code === "string" && typeof t.advice === "string"
      ? [{ code: t.code, name: String(t.name ?? t.code), advice: t.advice }]
      : [],
  );
  return footTypesCache;
}

/** Shoe advice for the runner's foot type and the exercises to start with, from their profile. */
export async function getProfileAdvice(
  app: App,
  userId: string,
  exercises: readonly ExerciseFacts[],
): Promise<ProfileAdvice> {
  const profile = await getProfile(app, userId);
  return profileAdvice(profile, loadFootTypes(), exercises);
}
