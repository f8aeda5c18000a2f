import { describe, expect, it } from "vitest";
import { DEFAULT_TRAINING_CONFIG } from "../core/training/config.js";
import { shoeStatus } from "../core/training/shoe-mileage.js";
import { shoeWornPercent } from "./shoes.js";

describe("a pair's percentage and its status words", () => {
  const fraction = DEFAULT_TRAINING_CONFIG.shoeReplaceSoonFraction;
  const soonPct = Math.round(fraction * 100);

  it("say the same thing at every metre around both thresholds, for the usual limits", () => {
    for (const limitM of [500_000, 640_000, 700_000, 804_672]) {
      for (const at of [fraction, 1]) {
        const edge = Math.round(limitM * at);
        for (let d = edge - 2000; d <= edge + 2000; d++) {
          const pct = shoeWornPercent(d, limitM);
          const status = shoeStatus(d, limitM, fraction);
          const words = pct >= 100 ? "replace" : pct >= soonPct ? "replace_soon" : "ok";
          if (words !== status) throw new Error(`${d} m of ${limitM} m reads ${pct}% but is ${status}`);
        }
      }
    }
  });

  it("rounds down: 89.99% is 89%, not a 90% beside 'fine'", () => {
    expect(shoeWornPercent(629_999, 700_000)).toBe(89);
    expect(shoeWornPercent(630_000, 700_000)).toBe(90);
    expect(shoeWornPercent(699_999, 700_000)).toBe(99);
    expect(shoeWornPercent(700_000, 700_000)).toBe(100);
    expect(shoeWornPercent(5, 0)).toBe(0);
  });
});
