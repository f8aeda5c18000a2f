/**
 * Distances, paces, speeds and climbing in the runner's units. The API, the store and the core
 * speak metres and seconds; these are the only functions that turn them into words, so every
 * page, chart, report, calendar entry and CLI line reads the same units in the same way.
 */
import { METRES_PER_MILE } from "../units.js";
import type { Units } from "../units.js";

export type { Units };
export { METRES_PER_MILE };

export const FEET_PER_METRE = 3.28084;

/** Below this a pace or speed means nothing (a GPS wobble on the start line). */
const MIN_PACE_DISTANCE_M = 50;

function assertUnits(units: Units): void {
  if (units !== "km" && units !== "mi") throw new Error(`units: expected "km" or "mi", got ${JSON.stringify(units)}`);
}

/** Metres per unit: 1000 for km, 1609.344 for miles. */
export function metresPerUnit(units: Units): number {
  assertUnits(units);
  return units === "mi" ? METRES_PER_MILE : 1000;
}

/** The unit's short label: "km" or "mi". */
export function unitLabel(units: Units): "km" | "mi" {
  assertUnits(units);
  return units;
}

/** The unit's word for sentences and headings: "kilometres" or "miles". */
export function unitWord(units: Units): string {
  return unitLabel(units) === "mi" ? "miles" : "kilometres";
}

/** "km" or "mile", after "per" or "Splits per". */
export function unitSingular(units: Units): string {
  return unitLabel(units) === "mi" ? "mile" : "km";
}

/** Metres as a number in the runner's units (chart values, inputs). */
export function distanceValue(metres: number, units: Units): number {
  return metres / metresPerUnit(units);
}

/** A number in the runner's units (typed into a form) as whole metres. */
export function metresFrom(value: number, units: Units): number {
  return Math.round(value * metresPerUnit(units));
}

/** "12.5 km" or "7.8 mi": one decimal unless asked otherwise. */
export function formatDistance(metres: number, units: Units, digits = 1): string {
  return `${distanceValue(metres, units).toFixed(digits)} ${unitLabel(units)}`;
}

/**
 * A limit rounded DOWN to one decimal, so "under 19.8 km" never lets through a run the rule
 * would flag (a limit of 19.86 km reads 19.8, not 19.9).
 */
export function formatDistanceDown(metres: number, units: Units): string {
  const tenths = (distanceValue(metres, units) * 10);
  return `${(Math.floor(tenths + 1e-9) / 10).toFixed(1)} ${unitLabel(units)}`;
}

/** A week's distance: "32.0 km a week". */
export function formatWeeklyVolume(metres: number, units: Units): string {
  return `${formatDistance(metres, units)} a week`;
}

/** "/km" or "/mi": the unit of a pace, for a chart axis or a column head. */
export function paceLabel(units: Units): string {
  return `/${unitLabel(units)}`;
}

/** "km/h" or "mph". */
export function speedLabel(units: Units): string {
  return unitLabel(units) === "mi" ? "mph" : "km/h";
}

/** "m" or "ft": climbing is in feet for a runner who counts in miles. */
export function climbLabel(units: Units): string {
  return unitLabel(units) === "mi" ? "ft" : "m";
}

/** 3:05, or 1:02:03 past the hour. */
export function formatClock(seconds: number): string {
  const t = Math.round(seconds);
  const h = Math.floor(t / 3600);
  const m = Math.floor((t % 3600) / 60);
  const pad = (n: number) => String(n).padStart(2, "0");
  return h > 0 ? `${h}:${pad(m)}:${pad(t % 60)}` : `${m}:${pad(t % 60)}`;
}

/** Seconds per km or mile; null when there is no distance or time to speak of. */
export function paceSeconds(seconds: number, metres: number, units: Units): number | null {
  if (metres < MIN_PACE_DISTANCE_M || seconds <= 0) return null;
  return (seconds / metres) * metresPerUnit(units);
}

/** A pace already in seconds per unit: "5:32 /km". */
export function formatPaceValue(secondsPerUnit: number, units: Units): string {
  return `${formatClock(secondsPerUnit)} ${paceLabel(units)}`;
}

/** "5:32 /km" or "8:54 /mi"; null when there is no distance to speak of or slower than an hour. */
export function formatPace(seconds: number, metres: number, units: Units): string | null {
  const s = paceSeconds(seconds, metres, units);
  if (s === null || !Number.isFinite(s) || s > 3600) return null;
  return formatPaceValue(s, units);
}

/** "24.3 km/h" or "15.1 mph"; null when there is no distance or time to speak of. */
export function formatSpeed(seconds: number, metres: number, units: Units): string | null {
  if (metres < MIN_PACE_DISTANCE_M || seconds <= 0) return null;
  return `${(distanceValue(metres, units) / (seconds / 3600)).toFixed(1)} ${speedLabel(units)}`;
}

/** Metres climbed as a number in the runner's units (metres or feet), for charts. */
export function climbValue(metres: number, units: Units): number {
  return unitLabel(units) === "mi" ? metres * FEET_PER_METRE : metres;
}

/** "42 m", or "138 ft" for a runner who counts in miles. */
export function formatClimb(metres: number, units: Units): string {
  return `${Math.round(climbValue(metres, units))} ${climbLabel(units)}`;
}

/** Climb or descent per distance: "12 m per km", or "63 ft per mile". */
export function formatClimbRate(metresPerKm: number, units: Units): string {
  const perUnit = climbValue((metresPerKm * metresPerUnit(units)) / 1000, units);
  return `${Math.round(perUnit)} ${climbLabel(units)} per ${unitSingular(units)}`;
}

/**
 * A climb or descent rate that is a cut-off ("runs with more than 12.5 m per km"). Whole units
 * would put runs on the wrong side of the words (a median of 12.5 read "more than 13", though runs
 * at 12.7 were above it; 0.4 read "more than 0"), so it keeps its tenth: always below 10
 * ("0.4 m per km", "5.0 m per km"), and from 10 up unless the tenth is 0 ("12 m per km").
 */
export function formatClimbRateThreshold(metresPerKm: number, units: Units): string {
  const perUnit = climbValue((metresPerKm * metresPerUnit(units)) / 1000, units);
  const tenths = Math.round(perUnit * 10) / 10;
  const text = tenths >= 10 && Number.isInteger(tenths) ? String(tenths) : tenths.toFixed(1);
  return `${text} ${climbLabel(units)} per ${unitSingular(units)}`;
}

/** A rough range, each end to the nearest `step` units: "640 to 800 km", "400 to 500 mi". */
export function formatDistanceRange(fromM: number, toM: number, units: Units, step = 10): string {
  const rough = (m: number) => Math.round(distanceValue(m, units) / step) * step;
  return `${rough(fromM)} to ${rough(toM)} ${unitLabel(units)}`;
}
