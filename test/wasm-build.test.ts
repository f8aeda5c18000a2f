import { Buffer } from "node:buffer";
import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { WASM_MODULES, compileWasm } from "../scripts/build-wasm.js";

describe("the committed WebAssembly", () => {
  for (const spec of WASM_MODULES) {
    it(`${spec.constant} is what its source compiles to (run \`npm run build:wasm\` after changing it)`, async () => {
      const text = fs.readFileSync(spec.module, "utf8");
      const base64 = [...text.matchAll(/"([A-Za-z0-9+/=]+)"/g)].map((m) => m[1]).join("");
      const built = await compileWasm(spec);
      expect(base64.length).toBeGreaterThan(1000);
      expect(Buffer.from(base64, "base64").equals(Buffer.from(built))).toBe(true);
    }, 120_000);
  }
});
