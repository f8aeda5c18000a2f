/**
 * What each session says to the runner. Every session that loads the legs starts with a
 * warm-up and ends with a cool-down, as issue 8 asks; the wording is ours.
 */
import { formatDistanceIn } from "../units.js";
import type { ProgrammeSlug } from "./types.js";

export function formatKm(metres: number): string {
  return formatDistanceIn(metres, "km");
}

const RUN_WARM_UP =
  "Warm-up: 5-10 min of brisk walking or very gentle jogging, then a few leg swings.";
const RUN_COOL_DOWN =
  "Cool-down: walk for 5 min, then ease out calves, thighs and hips with light stretches.";

export function easyRunText(distanceM: number): string {
  return `${RUN_WARM_UP} Main: ${formatKm(distanceM)} at a relaxed, chatty pace. ${RUN_COOL_DOWN}`;
}

export function longRunText(distanceM: number): string {
  return `${RUN_WARM_UP} Main: ${formatKm(distanceM)}, the longest run of the week, slower than your easy pace; walk breaks are fine. ${RUN_COOL_DOWN}`;
}

export function qualityRunText(distanceM: number): string {
  return (
    "Warm-up: 10-15 min of easy jogging and a few drills. " +
    `Main: ${formatKm(distanceM)} in all, including 6 x 2 min at a strong but controlled effort with 2 min of easy jogging after each. ` +
    "Cool-down: 10 min of easy jogging or walking. Skip the fast part if your knee aches."
  );
}

export function raceWeekRunText(distanceM: number): string {
  return `${RUN_WARM_UP} Main: ${formatKm(distanceM)} easy with 4 short, relaxed pick-ups of about 20 s to stay sharp. ${RUN_COOL_DOWN}`;
}

export function raceText(distanceM: number): string {
  return (
    `Race day: ${formatKm(distanceM)}. ` +
    "Warm-up: 10 min of easy jogging and a few relaxed strides before the start. " +
    "Start steadier than you feel like and settle in. " +
    "Cool-down: walk and jog gently for 10 min afterwards, then eat and drink."
  );
}

export function crossText(minutes: number): string {
  return (
    `Cross-training, ${minutes} min: cycling, swimming, rowing or a cross-trainer at an easy effort. ` +
    "Warm-up: the first 5 min very gently. Cool-down: the last 5 min easy. It trains the heart and lungs with less pounding on the knee."
  );
}

export function strengthText(programme: ProgrammeSlug, minutes: number): string {
  return (
    `Strength, about ${minutes} min: the "${programme}" exercise programme. ` +
    "Warm-up: 5 min of marching, squats to a chair and leg swings. " +
    "Cool-down: gentle stretches. Stronger hips and thighs help the knee cope with running."
  );
}

export function restText(): string {
  return "Rest day: no training. A walk is fine; recovery is when the body adapts.";
}

export function postRaceRestText(): string {
  return "Rest after the race: an easy walk at most.";
}

export function preRaceRestText(): string {
  return "Rest before the race: put your feet up and get your kit ready.";
}
