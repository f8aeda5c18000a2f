import { describe, expect, it } from "vitest";
import { adaptPlan } from "./adapt-plan.js";
import { generatePlan } from "./generate-plan.js";
import { renderPlan, renderReturnPlan } from "./render-plan.js";
import { generateReturnToRun } from "./return-to-run.js";
import { readStoredPlan, readStoredReturnPlan } from "./stored-plan.js";

/** What kneewise stored before issue 17: the plan in words, in km (renderPlan in km writes that very shape). */
function oldRow(): string {
  const old = renderPlan(
    generatePlan({
      start: "2025-03-03",
      currentWeeklyM: 20_000,
      goal: { kind: "event", date: "2025-05-18", distanceM: 21_097 },
      beginner: false,
      returning: false,
    }),
    "km",
  );
  return JSON.stringify(old);
}

describe("plans stored before issue 17", () => {
  it("read as they were in km, and in miles with every distance converted", () => {
    const before = JSON.parse(oldRow()) as ReturnType<typeof renderPlan>;
    const plan = readStoredPlan(oldRow());
    expect(renderPlan(plan, "km")).toEqual(before);
    const miles = renderPlan(plan, "mi");
    const texts = [
      ...miles.weeks.flatMap((w) => [w.reason, ...w.sessions.map((s) => s.description)]),
      ...miles.warnings.map((w) => w.message),
      ...miles.notes,
    ];
    for (const t of texts) expect(t).not.toMatch(/\d km\b/);
    expect(miles.weeks.at(-1)?.reason).toContain("then the 13.1 mi race on 2025-05-18");
    expect(miles.weeks.at(-1)?.sessions.find((s) => s.kind === "race")?.description).toContain("Race day: 13.1 mi.");
  });

  it("adapt, keeping the old weeks' words and writing the new weeks' from numbers", () => {
    const plan = readStoredPlan(oldRow());
    const { plan: adapted, changes } = adaptPlan(plan, [{ weekStart: "2025-03-03", distanceM: 6_000 }], [], "2025-03-10");
    expect(changes.length).toBeGreaterThan(0);
    // The change is last week's shortfall: 6 km run of the old plan's first week, re-planned from 6 km.
    const planned = plan.weeks[0]!.distance_m;
    expect(planned).toBeGreaterThan(6_000);
    expect(changes[0]).toMatchObject({
      week: "2025-03-10",
      why: { key: "change", note: null, why: { planned_m: planned, done_m: 6_000, share_pct: Math.round((6_000 / planned) * 100), pain: "settled", level_m: 6_000 } },
    });
    expect(changes[0]!.after_m).toBeLessThan(changes[0]!.before_m);
    // A week run as planned changes nothing, old plan or not.
    expect(adaptPlan(plan, [{ weekStart: "2025-03-03", distanceM: planned }], [], "2025-03-10").changes).toEqual([]);
    expect(adapted.weeks[0]?.reason[0]?.key).toBe("legacy");
    expect(adapted.weeks[1]?.reason[0]).toMatchObject({ key: "replanned" });
    // Stored again and read back, the mix reads the same.
    const again = readStoredPlan(JSON.stringify(adapted));
    expect(renderPlan(again, "mi")).toEqual(renderPlan(adapted, "mi"));
    expect(renderPlan(again, "mi").weeks[1]?.reason).toMatch(/^Re-planned: Last week you ran 3\.7 mi of the /);
  });

  it("read a walk-run return's sessions, and one stored now passes through unchanged", () => {
    const fresh = generateReturnToRun({ start: "2025-03-03", painLog: [] });
    const old = renderReturnPlan(fresh, "km");
    const read = readStoredReturnPlan(JSON.stringify(old));
    expect(renderReturnPlan(read, "mi").weeks).toEqual(old.weeks);
    expect(readStoredReturnPlan(JSON.stringify(fresh))).toEqual(fresh);
  });
});
