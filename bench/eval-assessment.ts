/**
 * Scores the assessment engine on a vignette file (../shared/assessment/1.1/vignettes.schema.json).
 *
 *   npx tsx bench/eval-assessment.ts [FILE]      (default: the 1.1 public vignettes)
 *
 * Prints top-1, top-3, exact-triage and under-triage figures and every miss with expected vs got.
 * Exits 1 when any case is under-triaged (the one error that must never ship) or the file cannot
 * be used, 0 otherwise.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { assess } from "../src/core/assessment/assess.js";
import {
  formatValidationError,
  validateAssessmentInput,
} from "../src/core/assessment/validate-input.js";
import { scoreVignettes } from "../src/core/assessment/vignette-scoring.js";
import type { VignetteCase } from "../src/core/assessment/vignette-scoring.js";

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const DEFAULT_FILE = path.resolve(
  REPO_ROOT,
  "..",
  "shared",
  "assessment",
  "1.1",
  "public-vignettes.json",
);

function loadCases(file: string): VignetteCase[] {
  const parsed: unknown = JSON.parse(readFileSync(file, "utf8"));
  const cases = (parsed as { cases?: unknown }).cases;
  if (!Array.isArray(cases)) throw new Error(`${file}: expected an object with a "cases" list`);
  const usable: VignetteCase[] = [];
  for (const c of cases as VignetteCase[]) {
    const outcome = validateAssessmentInput(c.input);
    if (outcome.ok) {
      usable.push(c);
    } else {
      console.error(`${c.id}: input skipped, it does not match the input schema:`);
      for (const e of outcome.errors) console.error(`  ${formatValidationError(e)}`);
    }
  }
  return usable;
}

const pct = (k: number, n: number): string =>
  `${k}/${n} (${n === 0 ? "0.0" : ((100 * k) / n).toFixed(1)}%)`;

function main(argv: string[]): number {
  const file = path.resolve(argv[0] ?? DEFAULT_FILE);
  let cases: VignetteCase[];
  try {
    cases = loadCases(file);
  } catch (err) {
    console.error(`cannot evaluate ${file}: ${err instanceof Error ? err.message : String(err)}`);
    return 1;
  }
  const report = scoreVignettes(cases, assess);
  const n = report.cases;
  console.log(`assessment eval: ${file}`);
  console.log(`cases          ${n}`);
  console.log(`top-1          ${pct(report.top1, n)}`);
  console.log(`top-3          ${pct(report.top3, n)}`);
  console.log(`exact triage   ${pct(report.triageExact, n)}`);
  console.log(`under-triage   ${report.underTriage}`);
  console.log(`  of urgent or emergency cases  ${report.underTriageUrgent}`);
  console.log(`  by two levels or more         ${report.underTriageTwoLevels}`);
  const misses = report.outcomes.filter((o) => !o.top1 || !o.triageExact);
  if (misses.length > 0) console.log("\nmisses:");
  for (const o of misses) {
    const what: string[] = [];
    if (!o.top1) {
      what.push(
        `condition expected ${o.expectedCondition}, got ${o.got.slice(0, 3).join(" > ")}${o.top3 ? "" : " (not in top 3)"}`,
      );
    }
    if (!o.triageExact) {
      what.push(
        `triage expected ${o.expectedTriage}, got ${o.gotTriage}${o.underTriage ? " (UNDER-TRIAGE)" : ""}`,
      );
    }
    console.log(`  ${o.id} [${o.tags.join(",")}]: ${what.join("; ")}`);
  }
  return report.underTriage > 0 ? 1 : 0;
}

process.exitCode = main(process.argv.slice(2));
