import type { ProgrammeExerciseView } from "../../../src/contracts/programmes.js";

/** "3 sets of 15, each side, 3 times a week" or "5 holds of 45 seconds, daily" from an exercise's dose. */
export function doseText(d: ProgrammeExerciseView["dose"]): string {
  const sets =
    d.holdSeconds !== null
      ? `${d.sets} ${d.sets === 1 ? "hold" : "holds"} of ${d.holdSeconds} seconds`
      : `${d.sets} ${d.sets === 1 ? "set" : "sets"}${d.reps !== null ? ` of ${d.reps}` : ""}`;
  const side = d.eachSide ? ", each side" : "";
  const often = d.perWeek >= 7 ? ", daily" : d.perWeek > 0 ? `, ${d.perWeek} ${d.perWeek === 1 ? "time" : "times"} a week` : "";
  return `${sets}${side}${often}`;
}

export function todayLocal(now: Date = new Date()): string {
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, "0")}-${String(now.getDate()).padStart(2, "0")}`;
}
