import { describe, expect, it } from "vitest";
import { formatDistance } from "./format/distance.js";

describe("formatDistance", () => {
  it("formats metres in either unit the way the web does", () => {
    expect(formatDistance(21_097.5, "km")).toBe("21.1 km");
    expect(formatDistance(21_097.5, "mi")).toBe("13.1 mi");
  });
});
