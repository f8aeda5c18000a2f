/**
 * For tests only: reads the shared contract files (../shared/assessment/1.1, the contract the
 * engine implements) where they live, never copied. Core code may not import node:fs
 * (DESIGN.md), so the files come in as JSON modules, which the test runner loads from
 * CONTRACT_DIR. The 1.0 files beside it stay as they were.
 */
import { ASSESSMENT_DIR } from "../../../test/paths.js";

export const CONTRACT_DIR = `${ASSESSMENT_DIR}/1.1`;
import type { VignetteCase } from "./vignette-scoring.js";

export async function loadContractJson(fileName: string): Promise<unknown> {
  const module = (await import(`${CONTRACT_DIR}/${fileName}`, { with: { type: "json" } })) as {
    default: unknown;
  };
  return module.default;
}

export async function loadPublicVignettes(): Promise<VignetteCase[]> {
  const file = (await loadContractJson("public-vignettes.json")) as { cases: VignetteCase[] };
  return file.cases;
}
