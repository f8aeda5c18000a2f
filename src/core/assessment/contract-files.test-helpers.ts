/**
 * For tests only: reads the shared contract files (../shared/assessment) where they live,
 * never copied. Core code may not import node:fs (DESIGN.md), so the files come in as JSON
 * modules, which the test runner loads from ASSESSMENT_DIR.
 */
import { ASSESSMENT_DIR } from "../../../test/paths.js";
import type { VignetteCase } from "./vignette-scoring.js";

export async function loadContractJson(fileName: string): Promise<unknown> {
  const module = (await import(`${ASSESSMENT_DIR}/${fileName}`, { with: { type: "json" } })) as {
    default: unknown;
  };
  return module.default;
}

export async function loadPublicVignettes(): Promise<VignetteCase[]> {
  const file = (await loadContractJson("public-vignettes.json")) as { cases: VignetteCase[] };
  return file.cases;
}
