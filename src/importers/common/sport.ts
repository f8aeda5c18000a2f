import type { Sport } from "../../core/activity.js";

/**
 * Maps a sport name as files and exports write it (FIT enum names, TCX Sport attribute, GPX
 * <type>, Strava "Activity Type") to kneewise's sports. Unknown names become "other", which still
 * counts as cross-training for the variety check.
 */
export function sportFromName(name: string | null | undefined, subSport?: string | null): Sport {
  const n = (name ?? "").toLowerCase().replace(/[\s_-]+/g, "");
  const sub = (subSport ?? "").toLowerCase().replace(/[\s_-]+/g, "");
  if (n === "running" || n === "run" || n === "virtualrun") {
    if (sub === "treadmill" || sub === "indoorrunning" || sub === "virtualactivity")
      return "treadmill";
    if (sub === "trail") return "trail_run";
    return "run";
  }
  if (n === "trailrun" || n === "trailrunning") return "trail_run";
  if (n === "treadmill" || n === "treadmillrunning" || n === "indoorrunning") return "treadmill";
  if (n === "walking" || n === "walk") return "walk";
  if (n === "hiking" || n === "hike") return "hike";
  if (
    n === "cycling" ||
    n === "biking" ||
    n === "ride" ||
    n === "virtualride" ||
    n === "ebikeride" ||
    n === "mountainbikeride" ||
    n === "gravelride" ||
    n === "bike"
  )
    return "ride";
  if (n === "swimming" || n === "swim" || n === "openwaterswim") return "swim";
  if (n === "rowing" || n === "row" || n === "indoorrowing") return "row";
  if (n === "training" && (sub === "strengthtraining" || sub === "cardiotraining"))
    return "strength";
  if (
    n === "weighttraining" ||
    n === "strengthtraining" ||
    n === "strength" ||
    n === "workout" ||
    n === "crossfit"
  )
    return "strength";
  if (n === "fitnessequipment" && sub === "indoorrowing") return "row";
  if (n === "fitnessequipment" && sub === "treadmill") return "treadmill";
  return "other";
}
