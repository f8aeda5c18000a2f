import { Buffer } from "node:buffer";
import { describe, expect, it } from "vitest";
import { compilePointRuns } from "../scripts/build-wasm.js";
import { POINT_RUNS_WASM } from "../src/importers/xml/point-runs.wasm.js";

describe("the committed WebAssembly", () => {
  it("is what point-runs.as.ts compiles to (run `npm run build:wasm` after changing it)", async () => {
    const built = await compilePointRuns();
    expect(Buffer.from(POINT_RUNS_WASM, "base64").equals(Buffer.from(built))).toBe(true);
  }, 120_000);
});
