/**
 * `kneewise assess [FILE] [--json]`: assesses questionnaire answers. FILE (or standard input
 * when FILE is missing or "-") holds one answers object or a list of them; results come out in
 * the same order. The JSON form prints exactly the contract's result objects (1.1); the text form
 * is for people: the triage level first, then the instructions of the red flags that set it, and
 * self-care only where no flag rules it out. Scores are relative, so the text never shows them
 * as percentages.
 */
import {
  assess,
  CONDITION_LABELS,
  formatValidationError,
  hitsFor,
  levelSettingFlags,
  NOT_A_DIAGNOSIS,
  RED_FLAG_LABELS,
  selfCareTipFor,
  TRIAGE_ADVICE,
  urgencyRank,
  validateAssessmentInput,
  WHEN_TO_SEE_A_CLINICIAN,
} from "../../core/assessment/index.js";
import type { AssessmentInput, AssessmentResult } from "../../core/assessment/index.js";
import { EXIT_OK, EXIT_USAGE } from "../io.js";
import type { CliIO } from "../io.js";

export interface AssessOptions {
  json: boolean;
  /** Path to a JSON file; undefined or "-" reads standard input. */
  file: string | undefined;
}

export async function runAssess(opts: AssessOptions, io: CliIO): Promise<number> {
  const fromStdin = opts.file === undefined || opts.file === "-";
  const source = fromStdin ? "standard input" : (opts.file ?? "");

  let text: string;
  try {
    text = fromStdin ? await io.readStdin() : await io.readFile(source);
  } catch (err) {
    io.stderr(
      `assess: cannot read ${source}: ${err instanceof Error ? err.message : String(err)}\n`,
    );
    return EXIT_USAGE;
  }

  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    io.stderr(
      `assess: ${source} is not valid JSON (${reason}); expected one answers object or a list of them\n`,
    );
    return EXIT_USAGE;
  }

  const many = Array.isArray(parsed);
  const items: unknown[] = many ? (parsed as unknown[]) : [parsed];
  const inputs: AssessmentInput[] = [];
  const problems: string[] = [];
  items.forEach((item, i) => {
    const outcome = validateAssessmentInput(item);
    if (outcome.ok) {
      inputs.push(outcome.value);
      return;
    }
    for (const error of outcome.errors) {
      // In a list, each path starts with the item's index so the answer can be found.
      const line = many
        ? `[${i}]${error.path === "" ? "" : error.path.startsWith("[") ? error.path : `.${error.path}`}: ${error.message}`
        : formatValidationError(error);
      problems.push(line);
    }
  });
  if (problems.length > 0) {
    io.stderr(`assess: ${source} does not match the assessment input schema:\n`);
    for (const line of problems) io.stderr(`${line}\n`);
    return EXIT_USAGE;
  }

  const results = inputs.map((input) => assess(input));
  if (opts.json) {
    io.stdout(`${JSON.stringify(many ? results : results[0], null, 2)}\n`);
    return EXIT_OK;
  }
  if (results.length === 0) {
    io.stdout("No answers to assess: the list is empty.\n");
    return EXIT_OK;
  }
  io.stdout(
    results
      .map((r, i) =>
        describe(
          inputs[i] as AssessmentInput,
          r,
          many ? `Assessment ${i + 1} of ${results.length}` : undefined,
        ),
      )
      .join("\n"),
  );
  return EXIT_OK;
}

/** The text form of one result: triage, the flags' own instructions, causes, then the rest. */
function describe(
  input: AssessmentInput,
  result: AssessmentResult,
  heading: string | undefined,
): string {
  const advice = TRIAGE_ADVICE[result.triage];
  const hits = hitsFor(input, result);
  const steps = levelSettingFlags(hits, result.triage);
  const lines: string[] = [];
  if (heading !== undefined) lines.push(`== ${heading} ==`);
  lines.push(`Triage: ${result.triage.toUpperCase().replace("_", " ")} - ${advice.headline}`);
  if (steps.length === 0) {
    lines.push(`Next step: ${advice.next_step}`);
  } else {
    for (const step of steps) {
      lines.push(`! ${RED_FLAG_LABELS[step.id]} (${step.id})`);
      lines.push("  What to do now:");
      for (const line of step.do_now) lines.push(`    - ${line}`);
      lines.push(`  Where to go: ${step.where_to_go}`);
      lines.push(`  How soon: ${step.how_soon}`);
    }
  }
  const setting = new Set(steps.map((s) => s.id));
  const others = hits.filter((h) => !setting.has(h.id));
  if (hits.length === 0) {
    lines.push("Red flags: none found");
  } else if (others.length > 0) {
    lines.push(steps.length > 0 ? "Also tell the clinician about:" : "Red flags:");
    for (const flag of others) lines.push(`  ! ${RED_FLAG_LABELS[flag.id]} (${flag.id})`);
  }
  lines.push("Possible causes, most likely first (an examination decides):");
  result.ranked_conditions.forEach((condition, i) => {
    lines.push(`  ${i + 1}. ${CONDITION_LABELS[condition.id]} (${condition.id})`);
    const reasons = condition.reasons ?? [];
    if (reasons.length > 0) lines.push(`     because of: ${reasons.join(", ")}`);
  });
  const tip = selfCareTipFor(input, result);
  if (tip !== null) lines.push(`Meanwhile: ${tip}`);
  // A result that already says "today" or "now" needs no general "when to be seen sooner".
  if (urgencyRank(result.triage) > urgencyRank("urgent")) {
    lines.push(`When to get help sooner: ${WHEN_TO_SEE_A_CLINICIAN}`);
  }
  lines.push(NOT_A_DIAGNOSIS);
  return `${lines.join("\n")}\n`;
}
