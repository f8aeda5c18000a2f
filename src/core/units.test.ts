import { describe, expect, it } from "vitest";
import { distancesInUnits, formatDistanceIn } from "./units.js";

describe("distancesInUnits", () => {
  it("leaves km texts alone for a runner who reads km", () => {
    const text = "Main: 8.0 km at a relaxed, chatty pace.";
    expect(distancesInUnits(text, "km")).toBe(text);
  });

  it("gives every distance a plan text holds in miles, to one decimal", () => {
    expect(distancesInUnits("Main: 8.0 km at a relaxed, chatty pace.", "mi")).toContain("Main: 5.0 mi at a relaxed");
    expect(distancesInUnits("Main: 16.1 km, the longest run", "mi")).toContain("Main: 10.0 mi, the longest run");
    const reason = "last week you ran 12.0 km of the 24.2 km planned (50%)";
    expect(distancesInUnits(reason, "mi")).toBe(
      "last week you ran 7.5 mi of the 15.0 mi planned (50%)",
    );
    expect(distancesInUnits("Below 1 km a week there is nothing to build on", "mi")).toBe(
      "Below 0.6 mi a week there is nothing to build on",
    );
  });

  it("touches only numbers followed by km as a word", () => {
    const text = "5km, 3 kmh, v1.2 km2, 4 m per km and 12 min";
    expect(distancesInUnits(text, "mi")).toBe(text);
    expect(distancesInUnits("a 42.2 km race.", "mi")).toBe("a 26.2 mi race.");
    expect(distancesInUnits("km 0.0 km", "mi")).toBe("km 0.0 mi");
  });

  it("formats metres in either unit the way the web does", () => {
    expect(formatDistanceIn(21_097.5, "km")).toBe("21.1 km");
    expect(formatDistanceIn(21_097.5, "mi")).toBe("13.1 mi");
  });
});
