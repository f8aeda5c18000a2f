import { randomUUID } from "node:crypto";
import {
  assess,
  CONDITION_IDS,
  CONDITION_LABELS,
  formatValidationError,
  hitsFor,
  levelSettingFlags,
  NOT_A_DIAGNOSIS,
  RED_FLAG_LABELS,
  selfCareTipFor,
  selfCareTipsAllowed,
  TRIAGE_ADVICE,
  TRIAGE_LEVELS,
  urgencyRank,
  validateAssessmentInput,
  WHEN_TO_SEE_A_CLINICIAN,
} from "../core/assessment/index.js";
import type {
  AssessmentInput,
  AssessmentResult,
  ConditionId,
  RedFlagId,
  RedFlagRuleId,
  TriageLevel,
} from "../core/assessment/index.js";
import type { FlagInstructionsView } from "../contracts/assessments.js";
import { articleUrl, CARE_SECTION_ID, exerciseUrl } from "../core/content/site-urls.js";
import { DomainError } from "../core/errors.js";
import { assessments } from "../store/index.js";
import type { AssessmentRow } from "../store/index.js";
import type { App } from "./app.js";

/*
 * Record, list and compare knee assessments. The engine (src/core/assessment) decides; this
 * file validates, stores the contract's input and result whole, and presents them with the
 * plain-words advice and the links to the matching articles, programmes and care pages.
 */

export interface AssessmentLinkView {
  kind: "article" | "programme" | "care";
  title: string;
  url: string;
  condition: ConditionId;
}

export interface AssessmentView {
  id: string | null;
  createdAt: string | null;
  input: AssessmentInput;
  result: AssessmentResult;
  advice: { headline: string; nextStep: string; notADiagnosis: string; whenToSeeAClinician: string };
  conditions: { id: ConditionId; label: string; score: number | null; reasons: string[] }[];
  redFlags: { id: RedFlagRuleId; label: string; level: TriageLevel }[];
  instructions: FlagInstructionsView[];
  selfCareAllowed: boolean;
  selfCareTip: string | null;
  links: AssessmentLinkView[];
}

export interface AssessmentSummaryView {
  id: string;
  createdAt: string;
  triage: TriageLevel;
  headline: string;
  topCondition: { id: ConditionId; label: string } | null;
  redFlags: { id: RedFlagId; label: string }[];
}

export interface AssessmentComparisonView {
  from: AssessmentSummaryView;
  to: AssessmentSummaryView;
  triage: { from: TriageLevel; to: TriageLevel; change: "more_urgent" | "less_urgent" | "same" };
  conditions: {
    id: ConditionId;
    label: string;
    fromRank: number | null;
    toRank: number | null;
    movement: "new" | "gone" | "up" | "down" | "same";
  }[];
  redFlags: { added: { id: RedFlagId; label: string }[]; removed: { id: RedFlagId; label: string }[] };
}

interface ContentPage {
  slug: string;
  title: string;
}

/**
 * Where each condition is written up in content/. Titles are the pages' own (a test checks them
 * against the files). Programmes and ice/support advice exist only for the overuse conditions a
 * runner can manage themselves; for an injury, an infection or a clot the article says when and
 * where to get care, and no exercise or ice link is offered.
 */
const CONDITION_CONTENT: Readonly<Record<ConditionId, { article: ContentPage; programme?: ContentPage; care?: ContentPage }>> = (() => {
  const page = (slug: string, title: string): ContentPage => ({ slug, title });
  const overuse = (slug: string, article: string, programme: string, care: string) => ({
    article: page(slug, article),
    programme: page(slug, programme),
    care: page(slug, care),
  });
  const pfp = overuse("patellofemoral-pain", "Patellofemoral pain (runner's knee)", "Runner's knee (patellofemoral pain) programme", "Ice and supports for runner's knee");
  const bursitis = overuse("knee-bursitis", "Knee bursitis", "Knee bursitis programme", "Ice and supports for knee bursitis");
  const acute = { article: page("acute-knee-injuries", "Acute knee injuries and when to seek care") };
  const which = { article: page("which-condition-is-it", "Which condition is it?") };
  return {
    patellofemoral_pain: pfp,
    iliotibial_band_syndrome: overuse(
      "iliotibial-band-syndrome",
      "Iliotibial band syndrome (ITBS)",
      "Outer-knee pain (iliotibial band syndrome) programme",
      "Ice and supports for outer-knee pain (ITB syndrome)",
    ),
    patellar_tendinopathy: overuse(
      "patellar-tendinopathy",
      "Patellar tendinopathy (jumper's knee)",
      "Jumper's knee (patellar tendinopathy) programme",
      "Ice and supports for jumper's knee (patellar tendinopathy)",
    ),
    distal_hamstring_tendinopathy: overuse(
      "distal-hamstring-tendinopathy",
      "Distal hamstring tendinopathy (pain behind the knee)",
      "Back-of-knee hamstring tendon pain programme",
      "Ice and supports for back-of-knee hamstring tendon pain",
    ),
    prepatellar_bursitis: bursitis,
    infrapatellar_bursitis: bursitis,
    pes_anserine_bursitis: bursitis,
    ligament_injury: acute,
    meniscal_tear: acute,
    stress_fracture: acute,
    septic_arthritis: acute,
    deep_vein_thrombosis: acute,
    // The growth-plate problems are written up beside the adult tendon they mimic; the adult
    // loading programme is not offered to children.
    osgood_schlatter: { article: page("patellar-tendinopathy", "Patellar tendinopathy (jumper's knee)") },
    sinding_larsen_johansson: { article: page("patellar-tendinopathy", "Patellar tendinopathy (jumper's knee)") },
    knee_osteoarthritis: which,
    referred_hip_pain: which,
    slipped_capital_femoral_epiphysis: which,
    bakers_cyst: which,
    patellar_dislocation: acute,
    extensor_mechanism_injury: acute,
    inflammatory_arthritis: which,
    lumbar_referred_pain: which,
    other_or_unclear: which,
  };
})();

/** Exposed for the test that checks every page exists with this title. */
export function contentFor(condition: ConditionId): { article: ContentPage; programme?: ContentPage; care?: ContentPage } {
  return CONDITION_CONTENT[condition];
}

/** How many ranked conditions get links: the top three, as the contract scores top-3 accuracy. */
const LINKED_CONDITIONS = 3;

export function linksFor(result: AssessmentResult): AssessmentLinkView[] {
  const links: AssessmentLinkView[] = [];
  const seen = new Set<string>();
  const add = (link: AssessmentLinkView) => {
    if (seen.has(link.url)) return;
    seen.add(link.url);
    links.push(link);
  };
  for (const { id } of result.ranked_conditions.slice(0, LINKED_CONDITIONS)) {
    const content = CONDITION_CONTENT[id];
    add({ kind: "article", title: content.article.title, url: articleUrl(content.article.slug), condition: id });
    if (content.programme) add({ kind: "programme", title: content.programme.title, url: exerciseUrl(content.programme.slug), condition: id });
    // A care page is a section of its condition's programme page (src/core/content/site-urls.ts).
    if (content.care && content.programme) {
      add({ kind: "care", title: content.care.title, url: `${exerciseUrl(content.programme.slug)}#${CARE_SECTION_ID}`, condition: id });
    }
  }
  return links;
}

/**
 * The result as people read it. Red flags come from the answers (hitsFor), so a rule the result
 * schema cannot list still shows; the flags that set the level bring their own instructions, and
 * the leading one's words replace the generic next step, which could contradict them (a clot
 * needs a scan, not a minor injuries unit). Self-care tips appear only where no flag forbids them.
 */
export function presentAssessment(record: { id: string | null; createdAt: string | null; input: AssessmentInput; result: AssessmentResult }): AssessmentView {
  const { input, result } = record;
  const advice = TRIAGE_ADVICE[result.triage];
  const hits = hitsFor(input, result);
  const instructions = levelSettingFlags(hits, result.triage).map((f) => ({
    id: f.id,
    label: RED_FLAG_LABELS[f.id],
    level: f.level,
    doNow: [...f.do_now],
    whereToGo: f.where_to_go,
    howSoon: f.how_soon,
  }));
  const leading = instructions[0];
  return {
    id: record.id,
    createdAt: record.createdAt,
    input,
    result,
    advice: {
      headline: advice.headline,
      nextStep: leading === undefined ? advice.next_step : `${leading.howSoon} ${leading.whereToGo}`,
      notADiagnosis: NOT_A_DIAGNOSIS,
      whenToSeeAClinician: WHEN_TO_SEE_A_CLINICIAN,
    },
    conditions: result.ranked_conditions.map((c) => ({
      id: c.id,
      label: CONDITION_LABELS[c.id],
      score: c.score ?? null,
      reasons: c.reasons ?? [],
    })),
    redFlags: hits.map((h) => ({ id: h.id, label: RED_FLAG_LABELS[h.id], level: h.level })),
    instructions,
    selfCareAllowed: selfCareTipsAllowed(hits, result.triage),
    selfCareTip: selfCareTipFor(input, result),
    links: linksFor(result),
  };
}

/** Validates with the engine's own validator, so the paths and messages match the CLI's. */
export function checkAssessmentInput(body: unknown): AssessmentInput {
  const checked = validateAssessmentInput(body);
  if (!checked.ok) {
    const first = checked.errors[0];
    throw new DomainError(
      "VALIDATION_FAILED",
      first === undefined ? "The answers are not valid." : `Some answers are not valid: ${formatValidationError(first)}`,
      { fields: checked.errors.map((e) => ({ path: e.path === "" ? "(body)" : e.path, message: e.message })) },
    );
  }
  return checked.value;
}

function parseRow(row: AssessmentRow): { id: string; createdAt: string; input: AssessmentInput; result: AssessmentResult } {
  return {
    id: row.id,
    createdAt: row.created_at,
    input: JSON.parse(row.input_json) as AssessmentInput,
    result: JSON.parse(row.result_json) as AssessmentResult,
  };
}

/**
 * Assesses the answers and, when `userId` is given, saves them with the result. Without a user
 * nothing is stored: a signed-out visitor still gets the full result (and the red-flag advice).
 */
export async function runAssessment(app: App, userId: string | null, body: unknown): Promise<AssessmentView> {
  const input = checkAssessmentInput(body);
  const result = assess(input);
  if (userId === null) return presentAssessment({ id: null, createdAt: null, input, result });
  const row = await assessments.insertAssessment(app.database.db, {
    id: randomUUID(),
    user_id: userId,
    input_json: JSON.stringify(input),
    result_json: JSON.stringify(result),
    triage: result.triage,
    top_condition: result.ranked_conditions[0]?.id ?? null,
    created_at: app.now().toISOString(),
  });
  return presentAssessment(parseRow(row));
}

export async function getAssessment(app: App, userId: string, id: string): Promise<AssessmentView> {
  const row = await assessments.findAssessment(app.database.db, userId, id);
  // Another runner's assessment is "not found", never "forbidden": its existence is private too.
  if (!row) throw new DomainError("ASSESSMENT_NOT_FOUND", "There is no saved assessment with this id.");
  return presentAssessment(parseRow(row));
}

function isTriage(value: string): value is TriageLevel {
  return (TRIAGE_LEVELS as readonly string[]).includes(value);
}
function isCondition(value: string | null): value is ConditionId {
  return value !== null && (CONDITION_IDS as readonly string[]).includes(value);
}

function summarise(row: AssessmentRow): AssessmentSummaryView {
  const { result } = parseRow(row);
  const triage = isTriage(row.triage) ? row.triage : result.triage;
  return {
    id: row.id,
    createdAt: row.created_at,
    triage,
    headline: TRIAGE_ADVICE[triage].headline,
    topCondition: isCondition(row.top_condition) ? { id: row.top_condition, label: CONDITION_LABELS[row.top_condition] } : null,
    redFlags: result.red_flags.map((id) => ({ id, label: RED_FLAG_LABELS[id] })),
  };
}

/** How many saved assessments the history shows. */
export const HISTORY_LIMIT = 100;

export async function listAssessmentHistory(app: App, userId: string): Promise<AssessmentSummaryView[]> {
  const rows = await assessments.listAssessments(app.database.db, userId, HISTORY_LIMIT);
  return rows.map(summarise);
}

const COMPARED_RANKS = 3;

/** What changed from one result to a later one: the triage level, the top three and the red flags. Pure. */
export function compareResults(
  from: AssessmentResult,
  to: AssessmentResult,
): Pick<AssessmentComparisonView, "triage" | "conditions" | "redFlags"> {
  const rank = (r: AssessmentResult, id: ConditionId): number | null => {
    const i = r.ranked_conditions.slice(0, COMPARED_RANKS).findIndex((c) => c.id === id);
    return i < 0 ? null : i + 1;
  };
  const ids: ConditionId[] = [];
  for (const c of [...to.ranked_conditions.slice(0, COMPARED_RANKS), ...from.ranked_conditions.slice(0, COMPARED_RANKS)]) {
    if (!ids.includes(c.id)) ids.push(c.id);
  }
  const conditions = ids.map((id) => {
    const fromRank = rank(from, id);
    const toRank = rank(to, id);
    const movement =
      fromRank === null ? "new" : toRank === null ? "gone" : toRank < fromRank ? "up" : toRank > fromRank ? "down" : "same";
    return { id, label: CONDITION_LABELS[id], fromRank, toRank, movement } as const;
  });
  const d = urgencyRank(to.triage) - urgencyRank(from.triage);
  const flag = (id: RedFlagId) => ({ id, label: RED_FLAG_LABELS[id] });
  return {
    triage: { from: from.triage, to: to.triage, change: d < 0 ? "more_urgent" : d > 0 ? "less_urgent" : "same" },
    conditions,
    redFlags: {
      added: to.red_flags.filter((f) => !from.red_flags.includes(f)).map(flag),
      removed: from.red_flags.filter((f) => !to.red_flags.includes(f)).map(flag),
    },
  };
}

/** Compares two of the runner's own saved assessments; either one missing (or not theirs) is a 404. */
export async function compareAssessments(app: App, userId: string, fromId: string, toId: string): Promise<AssessmentComparisonView> {
  const db = app.database.db;
  const [a, b] = await Promise.all([assessments.findAssessment(db, userId, fromId), assessments.findAssessment(db, userId, toId)]);
  if (!a || !b) throw new DomainError("ASSESSMENT_NOT_FOUND", "There is no saved assessment with this id.");
  return { from: summarise(a), to: summarise(b), ...compareResults(parseRow(a).result, parseRow(b).result) };
}
