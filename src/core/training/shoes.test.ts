import { describe, expect, it } from "vitest";
import { DomainError } from "../errors.js";
import { DEFAULT_TRAINING_CONFIG } from "./config.js";
import { addDays, runOn, shoe } from "./factories.test-helpers.js";
import { dateOfDay, dayOfDate } from "./local-day.js";
import { prepareActivities } from "./prepared-activity.js";
import { assignShoe, normalizeGearName } from "./shoe-assignment.js";
import { shoeMileage, shoeStatus } from "./shoe-mileage.js";
import { rotationWarning, shoeRotation } from "./shoe-rotation.js";
import type { Shoe, TrainingActivity } from "./types.js";

const AS_OF = "2024-06-30";
const last = dayOfDate(AS_OF);
const mileage = (shoes: Shoe[], acts: TrainingActivity[]) =>
  shoeMileage(shoes, prepareActivities(acts, last), last, DEFAULT_TRAINING_CONFIG);

describe("shoe mileage", () => {
  it("adds the distance before kneewise to every assigned activity up to asOf", () => {
    const acts = [
      runOn("2024-06-01", 10, { shoeId: "s1" }),
      runOn("2024-06-05", 12, { shoeId: "s1" }),
      runOn("2024-06-07", 8, { shoeId: "s2" }),
      runOn("2024-07-02", 30, { shoeId: "s1" }), // after asOf
    ];
    const [m] = mileage([shoe({ id: "s1", distanceBeforeM: 100_000 })], acts);
    expect(m?.distanceM).toBe(122_000);
    expect(m?.limitM).toBe(700_000);
    expect(m?.status).toBe("ok");
  });

  it("turns to replace soon at 90% of the limit and replace at the limit", () => {
    expect(shoeStatus(629_999, 700_000, 0.9)).toBe("ok");
    expect(shoeStatus(630_000, 700_000, 0.9)).toBe("replace_soon");
    expect(shoeStatus(700_000, 700_000, 0.9)).toBe("replace");
    const [m] = mileage([shoe({ limitM: 640_000, distanceBeforeM: 650_000 })], []);
    expect(m?.status).toBe("replace");
    expect(m?.forecastDay).toBeNull();
  });

  it("forecasts retirement from the pace of the last 8 weeks (hand-computed)", () => {
    // 600 km on the pair, 40 km in the last 56 days: 100 km left at 40/56 km a day = 140 days.
    const acts = [3, 17, 31, 45].map((d) => runOn(addDays(AS_OF, -d), 10, { shoeId: "s1" }));
    const [m] = mileage([shoe({ startDate: "2023-01-01", distanceBeforeM: 560_000 })], acts);
    expect(m?.distanceM).toBe(600_000);
    expect(dateOfDay(m?.forecastDay ?? 0)).toBe(addDays(AS_OF, 140));
  });

  it("uses only the days since a new pair's first day for its pace", () => {
    // Started 13 days before asOf (14 days of use), 20 km so far: 680 km left at 20/14 km a day = 476 days.
    const acts = [
      runOn(addDays(AS_OF, -10), 10, { shoeId: "s1" }),
      runOn(addDays(AS_OF, -2), 10, { shoeId: "s1" }),
    ];
    const [m] = mileage([shoe({ startDate: addDays(AS_OF, -13) })], acts);
    expect(m?.recentDays).toBe(14);
    expect(dateOfDay(m?.forecastDay ?? 0)).toBe(addDays(AS_OF, 476));
  });

  it("keeps a retired pair's history but gives it no forecast", () => {
    const acts = [runOn("2024-06-01", 10, { shoeId: "s1" })];
    const [m] = mileage([shoe({ retiredOn: "2024-06-15", distanceBeforeM: 5000 })], acts);
    expect(m).toMatchObject({ retired: true, distanceM: 15_000, forecastDay: null });
    const [later] = mileage([shoe({ retiredOn: "2024-07-15" })], acts);
    expect(later?.retired).toBe(false);
  });
});

describe("shoe rotation", () => {
  const tenRuns = (inA: number) =>
    Array.from({ length: 10 }, (_, i) =>
      runOn(addDays(AS_OF, -2 * i), 8, { shoeId: i < inA ? "a" : "b" }),
    );
  const pairs = [shoe({ id: "a", name: "Road One" }), shoe({ id: "b", name: "Road Two" })];

  it("reports each pair's share of the last 4 weeks' runs", () => {
    const r = shoeRotation(prepareActivities(tenRuns(7), last), last, 28);
    expect(r.assignedRuns).toBe(10);
    expect(r.pairs).toEqual([
      { shoeId: "a", runs: 7, share: 0.7 },
      { shoeId: "b", runs: 3, share: 0.3 },
    ]);
    expect(rotationWarning(r, pairs, last, DEFAULT_TRAINING_CONFIG)).toBeNull();
  });

  it("nudges to alternate when one pair carries nearly every run (SHOE_ROTATE)", () => {
    const r = shoeRotation(prepareActivities(tenRuns(9), last), last, 28);
    const w = rotationWarning(r, pairs, last, DEFAULT_TRAINING_CONFIG);
    expect(w?.code).toBe("SHOE_ROTATE");
    expect(w?.message).toContain("Road Two");
    expect(w?.data).toMatchObject({ shoe_id: "a", share: 0.9, runs: 9 });
  });

  it("suggests a second pair when the runner has only one", () => {
    const r = shoeRotation(prepareActivities(tenRuns(10), last), last, 28);
    expect(
      rotationWarning(r, [pairs[0] ?? shoe()], last, DEFAULT_TRAINING_CONFIG)?.message,
    ).toMatch(/second pair/);
  });

  it("waits for a few assigned runs", () => {
    const r = shoeRotation(
      prepareActivities([runOn(AS_OF, 5, { shoeId: "a" }), runOn(AS_OF, 5)], last),
      last,
      28,
    );
    expect(r.unassignedRuns).toBe(1);
    expect(rotationWarning(r, pairs, last, DEFAULT_TRAINING_CONFIG)).toBeNull();
  });
});

describe("shoe assignment", () => {
  const pairs = [
    shoe({
      id: "peg",
      name: "Pegasus 40",
      brand: "Nike",
      defaultForSports: ["run"],
      startDate: "2023-01-01",
      retiredOn: "2024-03-01",
    }),
    shoe({
      id: "nova",
      name: "Novablast",
      brand: "Asics",
      defaultForSports: ["run"],
      startDate: "2024-02-15",
    }),
    shoe({ id: "trail", name: "Speedgoat", brand: "Hoka", defaultForSports: ["trail_run"] }),
  ];

  it("lets a manual choice win over everything", () => {
    expect(assignShoe({ sport: "run", gear: "Speedgoat", overrideShoeId: "peg" }, pairs)).toBe(
      "peg",
    );
  });

  it("refuses a manual choice of a pair that does not exist", () => {
    expect(() => assignShoe({ sport: "run", gear: null, overrideShoeId: "nope" }, pairs)).toThrow(
      DomainError,
    );
  });

  it("matches gear names ignoring case and spaces, with or without the brand", () => {
    expect(normalizeGearName("  Nike  PEGASUS 40 ")).toBe("nikepegasus40");
    expect(assignShoe({ sport: "run", gear: "pegasus40", date: "2024-06-01" }, pairs)).toBe("peg");
    expect(assignShoe({ sport: "run", gear: "  nike   PEGASUS 40" }, pairs)).toBe("peg");
  });

  it("falls back to the sport's default pair in use that day", () => {
    expect(assignShoe({ sport: "run", gear: "Unknown Shoe", date: "2024-06-01" }, pairs)).toBe(
      "nova",
    );
    expect(assignShoe({ sport: "run", gear: null, date: "2024-01-10" }, pairs)).toBe("peg");
    expect(assignShoe({ sport: "trail_run", gear: null }, pairs)).toBe("trail");
    expect(assignShoe({ sport: "ride", gear: "Road Bike" }, pairs)).toBeNull();
  });
});
