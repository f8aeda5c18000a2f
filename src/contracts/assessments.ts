import { z } from "zod";
import { CONDITION_IDS, RED_FLAG_IDS, RED_FLAG_RULE_IDS, SCHEMA_VERSIONS, TRIAGE_LEVELS } from "../core/assessment/codes.js";
import type { AssessmentInput } from "../core/assessment/types.js";

/*
 * The knee-assessment API. The request body is the contract's input object exactly as
 * ../shared/assessment/1.1/assessment-input.schema.json defines it (snake_case; schema_version
 * "1.0" or "1.1"); the server checks it with the engine's own validator, so every message names
 * the field path. The response wraps the contract's result (which answers "1.1" and, its schema
 * being closed, carries no instructions) with plain-words advice, the instructions of the red
 * flags that set the level, self-care only where no flag rules it out, and content links.
 */
export type { AssessmentInput, AssessmentResult, RankedCondition } from "../core/assessment/types.js";
export type { ConditionId, RedFlagId, TriageLevel } from "../core/assessment/codes.js";
/** The clot risks the possible_dvt rule reads, so the web asks exactly those after calf pain. */
export { CLOT_RISKS } from "../core/assessment/red-flags.js";
/** The engine's own wording, so the web shows the same safety text before any answer reaches the server. */
export { NOT_A_DIAGNOSIS, TRIAGE_ADVICE, WHEN_TO_SEE_A_CLINICIAN } from "../core/assessment/triage.js";

/** POST /api/assessments?save=false assesses without saving (and without needing to sign in). */
export const assessmentQuery = z
  .object({ save: z.enum(["true", "false"], { error: 'save must be "true" or "false".' }).optional() })
  .strict();
export type AssessmentQuery = z.infer<typeof assessmentQuery>;

export const assessmentIdParams = z.object({ id: z.string().min(1).max(100) }).strict();

/** GET /api/assessments/compare?from=<older id>&to=<newer id> */
export const assessmentCompareQuery = z
  .object({ from: z.string().min(1, "Give the id of the earlier assessment.").max(100), to: z.string().min(1, "Give the id of the later assessment.").max(100) })
  .strict();
export type AssessmentCompareQuery = z.infer<typeof assessmentCompareQuery>;

export const triageLevel = z.enum(TRIAGE_LEVELS);
export const conditionId = z.enum(CONDITION_IDS);
export const redFlagId = z.enum(RED_FLAG_IDS);
/** A red-flag rule: the contract's flag ids plus the rules its result schema cannot list. */
export const redFlagRuleId = z.enum(RED_FLAG_RULE_IDS);

export const assessmentResultSchema = z.object({
  schema_version: z.enum(SCHEMA_VERSIONS).optional(),
  ranked_conditions: z.array(z.object({ id: conditionId, score: z.number().optional(), reasons: z.array(z.string()).optional() })),
  triage: triageLevel,
  red_flags: z.array(redFlagId),
});

export const flagInstructions = z.object({
  id: redFlagRuleId,
  label: z.string(),
  level: triageLevel,
  /** What to do now, most important first. */
  doNow: z.array(z.string()),
  /** Where to go (and where not to). */
  whereToGo: z.string(),
  howSoon: z.string(),
});
export type FlagInstructionsView = z.infer<typeof flagInstructions>;

export const assessmentAdvice = z.object({
  /** The triage level in plain words, e.g. "Urgent: be seen today". */
  headline: z.string(),
  /** What to do now, whom to see and how soon: the leading flag's own words when a flag set the level. */
  nextStep: z.string(),
  notADiagnosis: z.string(),
  whenToSeeAClinician: z.string(),
});
export type AssessmentAdvice = z.infer<typeof assessmentAdvice>;

export const LINK_KINDS = ["article", "programme", "care"] as const;
export const assessmentLink = z.object({
  kind: z.enum(LINK_KINDS),
  title: z.string(),
  url: z.string(),
  /** The ranked condition this link is for. */
  condition: conditionId,
});
export type AssessmentLink = z.infer<typeof assessmentLink>;

export const assessmentResponse = z.object({
  /** null when the assessment was not saved. */
  id: z.string().nullable(),
  createdAt: z.string().nullable(),
  /** The answers as sent (the contract's input object). */
  input: z.custom<AssessmentInput>((v) => typeof v === "object" && v !== null && !Array.isArray(v)),
  result: assessmentResultSchema,
  advice: assessmentAdvice,
  /** The ranked conditions with their plain-words names. */
  conditions: z.array(z.object({ id: conditionId, label: z.string(), score: z.number().nullable(), reasons: z.array(z.string()) })),
  /**
   * The red flags found, each with its plain-words reason and the level it demands. Includes rules
   * the contract's result cannot list (possible_knee_dislocation), so it may hold more than
   * result.red_flags.
   */
  redFlags: z.array(z.object({ id: redFlagRuleId, label: z.string(), level: triageLevel })),
  /**
   * The flags that set the triage level, most pressing first, each with its own instructions.
   * Shown before anything else; empty when no flag set the level.
   */
  instructions: z.array(flagInstructions),
  /**
   * Whether self-care advice (tips, ice, supports) may be shown at all: false when a flag sets
   * urgent or emergency, or a flag's instructions would be contradicted by it.
   */
  selfCareAllowed: z.boolean(),
  /** The top condition's self-care tip, or null: always null when selfCareAllowed is false. */
  selfCareTip: z.string().nullable(),
  links: z.array(assessmentLink),
});
export type AssessmentResponse = z.infer<typeof assessmentResponse>;

export const assessmentSummary = z.object({
  id: z.string(),
  createdAt: z.string(),
  triage: triageLevel,
  headline: z.string(),
  topCondition: z.object({ id: conditionId, label: z.string() }).nullable(),
  redFlags: z.array(z.object({ id: redFlagId, label: z.string() })),
});
export type AssessmentSummary = z.infer<typeof assessmentSummary>;

export const assessmentListResponse = z.object({ assessments: z.array(assessmentSummary) });
export type AssessmentListResponse = z.infer<typeof assessmentListResponse>;

export const RANK_MOVEMENTS = ["new", "gone", "up", "down", "same"] as const;
export const TRIAGE_CHANGES = ["more_urgent", "less_urgent", "same"] as const;

export const assessmentComparison = z.object({
  from: assessmentSummary,
  to: assessmentSummary,
  triage: z.object({ from: triageLevel, to: triageLevel, change: z.enum(TRIAGE_CHANGES) }),
  /** Conditions in the top three of either result, ordered by their rank in the later one. */
  conditions: z.array(
    z.object({
      id: conditionId,
      label: z.string(),
      /** 1-based rank, null when not in that result's top three. */
      fromRank: z.number().int().nullable(),
      toRank: z.number().int().nullable(),
      movement: z.enum(RANK_MOVEMENTS),
    }),
  ),
  redFlags: z.object({
    added: z.array(z.object({ id: redFlagId, label: z.string() })),
    removed: z.array(z.object({ id: redFlagId, label: z.string() })),
  }),
});
export type AssessmentComparison = z.infer<typeof assessmentComparison>;
