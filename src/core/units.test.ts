import { describe, expect, it } from "vitest";
import { formatDistanceIn } from "./units.js";

describe("formatDistanceIn", () => {
  it("formats metres in either unit the way the web does", () => {
    expect(formatDistanceIn(21_097.5, "km")).toBe("21.1 km");
    expect(formatDistanceIn(21_097.5, "mi")).toBe("13.1 mi");
  });
});
