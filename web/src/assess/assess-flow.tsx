import { useEffect, useMemo, useRef, useState } from "react";
import type { ReactNode } from "react";
import { Link, useNavigate } from "react-router";
import type { AssessmentInput, AssessmentResponse } from "../../../src/contracts/assessments.js";
import { api, ApiError } from "../api.js";
import { Page } from "../shell/page.js";
import { useSession } from "../shell/session.js";
import {
  DURATION_CHOICES,
  FACTOR_CHOICES,
  HISTORY_CHOICES,
  INJURY_SIGNS,
  LIFE_STAGE_CHOICES,
  MECHANISM_CHOICES,
  ONSET_CHOICES,
  OTHER_SIGNS,
  SEX_CHOICES,
  SIDE_CHOICES,
  STIFFNESS_CHOICES,
  SWELLING_CHOICES,
  TENDER_CHOICES,
  TRAINING_CHOICES,
  WARNING_SIGNS,
} from "./answer-labels.js";
import type { Choice, History, LifeStage, PainLocation, Sign, TenderSpot } from "./answer-labels.js";
import {
  backgroundHistory,
  backgroundLifeStage,
  buildInput,
  checkStep,
  childFastPath,
  clearDraft,
  CLOT_HISTORY,
  clotTriggerWhere,
  EMPTY_ANSWERS,
  FEVER_HISTORY,
  FEVER_LIFE_STAGE,
  HIP_HISTORY,
  HIP_LIFE_STAGE,
  INJURY_TENDER_SPOTS,
  loadDraft,
  replaceWithin,
  saveDraft,
  showsClotFollowUp,
  showsFeverFollowUp,
  showsHipFollowUp,
  showsInjuryFollowUp,
  STEPS,
} from "./answers.js";
import type { Answers, FieldErrors } from "./answers.js";
import { CheckboxGroup, RadioGroup } from "./choice-fields.js";
import { KneeDiagram } from "./knee-diagram.js";
import { FlagSteps, ResultView } from "./result-view.js";
import { SafetyNote } from "./safety-note.js";

const PENDING_KEY = "kneewise.assess.pending";
const WARNING_CODES = WARNING_SIGNS.map((s) => s.code);
const INJURY_SIGN_CODES = INJURY_SIGNS.map((s) => s.code);

/** Saved results open on their own page; the view travels along so it is not fetched twice. */
export interface ResultNavigationState {
  view: AssessmentResponse;
}

function assessUrl(save: boolean): string {
  return save ? "/api/assessments" : "/api/assessments?save=false";
}

/**
 * The stop shown as soon as the answers so far make it an emergency: each flag that set the level
 * with its own instructions first (what to do now, where to go, how soon), then why.
 */
function EmergencyStop({ view, onBack }: { view: AssessmentResponse; onBack: () => void }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  // The instructions are the flags that set the level, here the emergency ones.
  const steps = view.instructions;
  return (
    <section className="emergency-stop" role="alert" aria-labelledby="emergency-heading">
      <p className="triage-tag">Emergency</p>
      <h2 id="emergency-heading" tabIndex={-1} ref={heading}>
        {view.advice.headline}
      </h2>
      {steps.length > 0 ? (
        steps.map((flag, i) => <FlagSteps key={flag.id} flag={flag} index={i} />)
      ) : (
        <>
          <p className="emergency-next">{view.advice.nextStep}</p>
          <h3>Why</h3>
          <ul>
            {view.redFlags
              .filter((f) => f.level === "emergency")
              .map((f) => (
                <li key={f.id}>{f.label}</li>
              ))}
          </ul>
        </>
      )}
      <p>Use your local emergency number: for example 999 in the UK, 112 across Europe, 911 in North America.</p>
      <p>The questions stop here: nothing else you could tell us would change this advice.</p>
      <button type="button" className="secondary" onClick={onBack}>
        I ticked something by mistake: go back to my answers
      </button>
    </section>
  );
}

function SaveArea({ view, canSave }: { view: AssessmentResponse; canSave: boolean }) {
  if (view.id !== null) {
    return (
      <p className="save-area">
        Saved to your <Link to="/assess/history">assessment history</Link>, where you can compare it with later ones.
      </p>
    );
  }
  if (canSave) return null;
  return (
    <div className="save-area">
      <h2>Keep this result</h2>
      <p>
        <Link to="/account">Sign in or create an account</Link> to save this result to your history and compare it over time. Your answers are kept
        in this browser tab until you come back.
      </p>
    </div>
  );
}

const HISTORY_LABELS = new Map<string, Choice<History>>(HISTORY_CHOICES.map((c) => [c.code, c]));
const LIFE_STAGE_LABELS = new Map<string, Choice<LifeStage>>(LIFE_STAGE_CHOICES.map((c) => [c.code, c]));

function historyChoices(codes: readonly History[]): Choice<History>[] {
  return codes.flatMap((c) => HISTORY_LABELS.get(c) ?? []);
}

function lifeStageChoices(codes: readonly LifeStage[]): Choice<LifeStage>[] {
  return codes.flatMap((c) => LIFE_STAGE_LABELS.get(c) ?? []);
}

/**
 * A follow-up asking background items that live in two lists of the answers (history and life
 * stage) as one group of checkboxes.
 */
function BackgroundFollowUp({
  id,
  legend,
  hint,
  history,
  lifeStage = [],
  answers,
  set,
}: {
  id: string;
  legend: string;
  hint: string;
  history: readonly History[];
  lifeStage?: readonly LifeStage[];
  answers: Answers;
  set: (patch: Partial<Answers>) => void;
}) {
  type Code = History | LifeStage;
  const choices: Choice<Code>[] = [...historyChoices(history), ...lifeStageChoices(lifeStage)];
  const value: Code[] = [...answers.history.filter((h) => history.includes(h)), ...answers.lifeStage.filter((l) => lifeStage.includes(l))];
  return (
    <CheckboxGroup
      id={id}
      className="follow-up"
      legend={legend}
      hint={hint}
      choices={choices}
      value={value}
      onChange={(picked) =>
        set({
          history: replaceWithin(answers.history, history, picked.filter((c): c is History => history.includes(c as History))),
          lifeStage: replaceWithin(answers.lifeStage, lifeStage, picked.filter((c): c is LifeStage => lifeStage.includes(c as LifeStage))),
        })
      }
    />
  );
}

const CHILD_MORE = [
  { code: "hip", label: "It also hurts in the hip, groin or thigh" },
  { code: "numb", label: "Numbness, pins and needles or tingling in the leg or foot" },
] as const satisfies Choice<string>[];

/** The few answers that can still make a child's visit an emergency rather than a same-day one. */
function ChildFastPath({ answers, set }: { answers: Answers; set: (patch: Partial<Answers>) => void }) {
  const more = [...(answers.painLocations.includes("hip_groin_thigh") ? ["hip" as const] : []), ...(answers.signs.includes("numbness_tingling") ? ["numb" as const] : [])];
  return (
    <section className="child-fast-path" aria-labelledby="child-fast-heading">
      <h3 id="child-fast-heading">A child or teenager with a limp or a fever</h3>
      <p>
        This needs a clinician today, whatever the other answers would be, so the rest of the questions are skipped. These three can still
        change where to go; answer what you can, then see the advice.
      </p>
      <RadioGroup id="childSwelling" legend="Is the knee joint swollen?" choices={SWELLING_CHOICES} value={answers.swelling} onChange={(v) => set({ swelling: v })} />
      <RadioGroup
        id="childOnset"
        legend="How did it start?"
        choices={ONSET_CHOICES}
        value={answers.onset}
        onChange={(v) => set({ onset: v, ...(v === "sudden_with_injury" ? {} : { mechanism: "" }) })}
      />
      <CheckboxGroup
        id="childMore"
        legend="Is either of these true as well?"
        choices={[...CHILD_MORE]}
        value={more}
        onChange={(v) =>
          set({
            painLocations: replaceWithin(answers.painLocations, ["hip_groin_thigh"], v.includes("hip") ? ["hip_groin_thigh"] : []),
            signs: replaceWithin(answers.signs, ["numbness_tingling"], v.includes("numb") ? ["numbness_tingling"] : []),
          })
        }
      />
    </section>
  );
}

function useStepFields(answers: Answers, set: (patch: Partial<Answers>) => void, errors: FieldErrors) {
  const toggleLocation = (code: PainLocation) =>
    set({ painLocations: answers.painLocations.includes(code) ? answers.painLocations.filter((c) => c !== code) : [...answers.painLocations, code] });

  const injured = showsInjuryFollowUp(answers);
  // After an injury the kneecap question sits with the other injury questions.
  const otherSignChoices = injured ? OTHER_SIGNS.filter((c) => !INJURY_SIGN_CODES.includes(c.code)) : OTHER_SIGNS;
  const otherCodes = otherSignChoices.map((c) => c.code);
  const signsIn = (codes: readonly Sign[]) => answers.signs.filter((s) => codes.includes(s));
  const setSignsIn = (codes: readonly Sign[], picked: Sign[]) => set({ signs: replaceWithin(answers.signs, codes, picked) });
  const setTender = (picked: Exclude<TenderSpot, "none_found">[]) => set({ tenderSpots: picked, ...(picked.length > 0 ? { tenderChecked: "some" as const } : {}) });

  const clotFollowUp = (
    <BackgroundFollowUp
      id="clotRisks"
      legend="With pain in the calf or behind the knee: do any of these apply?"
      hint="Each makes a blood clot in the leg more likely, and a possible clot needs checking today."
      history={CLOT_HISTORY}
      answers={answers}
      set={set}
    />
  );

  const steps: Record<(typeof STEPS)[number]["id"], ReactNode> = {
    warning: (
      <>
        <div className="field">
          <label htmlFor="age">Your age in years</label>
          <input
            id="age"
            inputMode="numeric"
            autoComplete="off"
            value={answers.age}
            onChange={(e) => set({ age: e.currentTarget.value })}
            aria-invalid={errors.age ? true : undefined}
            aria-describedby={errors.age ? "age-error" : undefined}
            className="short-input"
          />
          {errors.age ? (
            <p className="error" id="age-error">
              {errors.age}
            </p>
          ) : null}
        </div>
        <CheckboxGroup
          id="signs"
          legend="Do any of these apply right now?"
          hint="These come first because each one changes what you should do today."
          error={errors.signs}
          choices={WARNING_SIGNS}
          value={signsIn(WARNING_CODES)}
          onChange={(v) => set({ signs: replaceWithin(answers.signs, WARNING_CODES, v), ...(v.length > 0 ? { noWarningSigns: false } : {}) })}
        >
          <label className="choice none-choice">
            <input
              type="checkbox"
              checked={answers.noWarningSigns}
              onChange={(e) =>
                set({ noWarningSigns: e.currentTarget.checked, ...(e.currentTarget.checked ? { signs: replaceWithin(answers.signs, WARNING_CODES, []) } : {}) })
              }
            />
            <span>None of these</span>
          </label>
        </CheckboxGroup>
        {showsFeverFollowUp(answers) ? (
          <BackgroundFollowUp
            id="feverRisks"
            legend="With the fever: do any of these apply?"
            hint="Each makes an infection inside the joint more likely, even when the knee is not swollen."
            history={FEVER_HISTORY}
            lifeStage={FEVER_LIFE_STAGE}
            answers={answers}
            set={set}
          />
        ) : null}
        {childFastPath(answers) ? <ChildFastPath answers={answers} set={set} /> : null}
      </>
    ),
    start: (
      <>
        <RadioGroup id="swelling" legend="Is the knee joint swollen?" hint="A lump in one spot comes later; this is about the knee as a whole." error={errors.swelling} choices={SWELLING_CHOICES} value={answers.swelling} onChange={(v) => set({ swelling: v })} />
        <RadioGroup id="onset" legend="How did it start?" error={errors.onset} choices={ONSET_CHOICES} value={answers.onset} onChange={(v) => set({ onset: v, ...(v === "sudden_with_injury" ? {} : { mechanism: "" }) })} />
        {injured ? (
          <>
            <RadioGroup id="mechanism" legend="What happened?" error={errors.mechanism} choices={MECHANISM_CHOICES} value={answers.mechanism} onChange={(v) => set({ mechanism: v })} />
            <CheckboxGroup
              id="injurySigns"
              className="follow-up"
              legend="Since the injury, is any of these true?"
              hint="Tick all that apply, or none."
              choices={INJURY_SIGNS}
              value={signsIn(INJURY_SIGN_CODES)}
              onChange={(v) => setSignsIn(INJURY_SIGN_CODES, v)}
            />
            <CheckboxGroup
              id="injuryTender"
              className="follow-up"
              legend="Press gently with your fingertips: is any of these spots sore?"
              hint="Only if it is comfortable to try. Tick all that are sore, or none."
              choices={TENDER_CHOICES.filter((c) => INJURY_TENDER_SPOTS.includes(c.code))}
              value={answers.tenderSpots.filter((t) => INJURY_TENDER_SPOTS.includes(t))}
              onChange={(v) => setTender(replaceWithin(answers.tenderSpots, INJURY_TENDER_SPOTS, v))}
            />
          </>
        ) : null}
      </>
    ),
    where: (
      <>
        <fieldset className="choices" id="painLocations" tabIndex={-1} aria-describedby={errors.painLocations ? "painLocations-hint painLocations-error" : "painLocations-hint"}>
          <legend>Mark where it hurts</legend>
          <p className="hint" id="painLocations-hint">
            Tap each place that hurts on the drawings, or tick it in the numbered list below them; tap again to clear it. Mark as many as apply.
          </p>
          {errors.painLocations ? (
            <p className="error" id="painLocations-error">
              {errors.painLocations}
            </p>
          ) : null}
          <KneeDiagram selected={answers.painLocations} onToggle={toggleLocation} />
        </fieldset>
        {clotTriggerWhere(answers) ? clotFollowUp : null}
        {showsHipFollowUp(answers) ? (
          <BackgroundFollowUp
            id="hipRisks"
            legend="With pain in the hip, groin or thigh: do any of these apply?"
            hint="Each makes a stress fracture near the hip more likely, which needs checking today."
            history={HIP_HISTORY}
            lifeStage={HIP_LIFE_STAGE}
            answers={answers}
            set={set}
          />
        ) : null}
        <RadioGroup
          id="side"
          legend="Which knee?"
          choices={[...SIDE_CHOICES, { code: "unsure", label: "Not sure / rather not say" }]}
          value={answers.side}
          onChange={(v) => set({ side: v })}
        />
      </>
    ),
    triggers: (
      <CheckboxGroup id="factors" legend="What brings the pain on or makes it worse?" hint="Tick all that apply. Leave them all empty if nothing in particular." choices={FACTOR_CHOICES} value={answers.factors} onChange={(v) => set({ factors: v })} />
    ),
    knee: (
      <>
        <CheckboxGroup id="otherSigns" legend="Have you noticed any of these?" hint="Tick all that apply, or none." choices={otherSignChoices} value={signsIn(otherCodes)} onChange={(v) => setSignsIn(otherCodes, v)} />
        <RadioGroup id="stiffness" legend="Is the knee stiff when you get up in the morning?" choices={STIFFNESS_CHOICES} value={answers.stiffness} onChange={(v) => set({ stiffness: v })} />
        <RadioGroup
          id="tenderChecked"
          legend="Pressing around the knee with your fingertips"
          hint="Optional, and only if it is comfortable to try."
          choices={[
            { code: "not_checked", label: "I haven't tried" },
            { code: "none_found", label: "I tried: nothing is sore to press" },
            { code: "some", label: "I tried: some spots are sore" },
          ]}
          value={answers.tenderChecked}
          // One answer about pressing: leaving "some spots" clears the spots, wherever they were ticked.
          onChange={(v) => set({ tenderChecked: v, ...(v === "some" ? {} : { tenderSpots: [] }) })}
        />
        {answers.tenderChecked === "some" ? (
          <CheckboxGroup id="tenderSpots" legend="Which spots are sore to press?" choices={TENDER_CHOICES} value={answers.tenderSpots} onChange={(v) => set({ tenderSpots: v })} />
        ) : null}
        {showsClotFollowUp(answers) && !clotTriggerWhere(answers) ? clotFollowUp : null}
      </>
    ),
    time: (
      <>
        <RadioGroup id="duration" legend="How long has this episode lasted?" error={errors.duration} choices={DURATION_CHOICES.map((d) => ({ code: d.code, label: d.label }))} value={answers.duration} onChange={(v) => set({ duration: v })} />
        <RadioGroup
          id="severity"
          legend="The worst pain in the last week, from 0 (none) to 10 (the worst you can imagine)"
          choices={[
            ...Array.from({ length: 11 }, (_, i) => ({ code: String(i), label: String(i) })),
            { code: "", label: "Not sure" },
          ]}
          value={answers.severity}
          onChange={(v) => set({ severity: v })}
        />
      </>
    ),
    background: (
      <>
        <CheckboxGroup id="trainingChanges" legend="In the four to six weeks before it began, did you change anything?" hint="Tick all that apply, or none." choices={TRAINING_CHOICES} value={answers.trainingChanges} onChange={(v) => set({ trainingChanges: v })} />
        <div className="field">
          <label htmlFor="volumeChange">Change in weekly distance over the last two weeks, in percent (optional)</label>
          <p className="hint" id="volumeChange-hint">
            35 means 35% more than before; -20 means 20% less. Leave empty if not sure.
          </p>
          <input
            id="volumeChange"
            inputMode="numeric"
            className="short-input"
            value={answers.volumeChange}
            onChange={(e) => set({ volumeChange: e.currentTarget.value })}
            aria-invalid={errors.volumeChange ? true : undefined}
            aria-describedby={errors.volumeChange ? "volumeChange-hint volumeChange-error" : "volumeChange-hint"}
          />
          {errors.volumeChange ? (
            <p className="error" id="volumeChange-error">
              {errors.volumeChange}
            </p>
          ) : null}
        </div>
        <RadioGroup id="sex" legend="Sex" hint="Some causes are more common in women or in men." error={errors.sex} choices={SEX_CHOICES} value={answers.sex} onChange={(v) => set({ sex: v })} />
        <BackgroundLists answers={answers} set={set} />
      </>
    ),
  };
  return steps;
}

/** The last step's life-stage and health lists, without what a follow-up on show has asked already. */
function BackgroundLists({ answers, set }: { answers: Answers; set: (patch: Partial<Answers>) => void }) {
  const lifeStage = backgroundLifeStage(answers);
  const history = backgroundHistory(answers);
  return (
    <>
      <CheckboxGroup
        id="lifeStage"
        legend="Do any of these apply to you?"
        choices={lifeStageChoices(lifeStage)}
        value={answers.lifeStage.filter((l) => lifeStage.includes(l))}
        onChange={(v) => set({ lifeStage: replaceWithin(answers.lifeStage, lifeStage, v) })}
      />
      <CheckboxGroup
        id="history"
        legend="Anything in your health background?"
        choices={historyChoices(history)}
        value={answers.history.filter((h) => history.includes(h))}
        onChange={(v) => set({ history: replaceWithin(answers.history, history, v) })}
      />
    </>
  );
}

function PendingSave({ onSaved }: { onSaved: (view: AssessmentResponse) => void }) {
  const [pending, setPending] = useState<AssessmentInput | null>(() => {
    try {
      const raw = sessionStorage.getItem(PENDING_KEY);
      return raw === null ? null : (JSON.parse(raw) as AssessmentInput);
    } catch {
      // Storage refused or a stale value: there is simply nothing to offer.
      return null;
    }
  });
  const [error, setError] = useState<string | null>(null);
  if (pending === null) return null;
  const save = async () => {
    try {
      const view = await api<AssessmentResponse>("POST", assessUrl(true), pending);
      sessionStorage.removeItem(PENDING_KEY);
      onSaved(view);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : "Saving failed.");
    }
  };
  return (
    <div className="pending-save">
      <p>You have a result from before you signed in that is not saved yet.</p>
      <button type="button" onClick={() => void save()}>
        Save it to my history
      </button>{" "}
      <button
        type="button"
        className="secondary"
        onClick={() => {
          sessionStorage.removeItem(PENDING_KEY);
          setPending(null);
        }}
      >
        Discard it
      </button>
      {error ? (
        <p className="error" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}

export function AssessFlow() {
  const { mode, user } = useSession();
  const navigate = useNavigate();
  const draft = useMemo(loadDraft, []);
  const [answers, setAnswers] = useState<Answers>(draft?.answers ?? EMPTY_ANSWERS);
  const [step, setStep] = useState(Math.min(draft?.step ?? 0, STEPS.length - 1));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [emergency, setEmergency] = useState<AssessmentResponse | null>(null);
  const [urgent, setUrgent] = useState<AssessmentResponse["redFlags"]>([]);
  const [unsaved, setUnsaved] = useState<AssessmentResponse | null>(null);
  const stepHeading = useRef<HTMLHeadingElement>(null);
  const moved = useRef(false);
  const canSave = mode === "local" || user !== null;

  const set = (patch: Partial<Answers>) => setAnswers((a) => ({ ...a, ...patch }));
  const fields = useStepFields(answers, set, errors);
  const current = STEPS[step] ?? STEPS[0];

  useEffect(() => saveDraft(answers, step), [answers, step]);
  useEffect(() => {
    // Move focus to the new step's heading, but not on first load (the page heading has it).
    if (moved.current) stepHeading.current?.focus();
  }, [step]);

  const openSaved = (view: AssessmentResponse) => {
    clearDraft();
    void navigate(`/assess/result/${view.id ?? ""}`, { state: { view } satisfies ResultNavigationState });
  };

  async function next() {
    const found = checkStep(current.id, answers);
    setErrors(found);
    const first = Object.keys(found)[0];
    if (first !== undefined) {
      document.getElementById(first)?.focus();
      return;
    }
    setBusy(true);
    setProblem(null);
    // A child with a limp or a fever goes from the warning signs straight to the result.
    const last = step === STEPS.length - 1 || (current.id === "warning" && childFastPath(answers));
    try {
      const input = buildInput(answers);
      const view = await api<AssessmentResponse>("POST", assessUrl(last && canSave), input);
      if (view.result.triage === "emergency") {
        setEmergency(view);
        return;
      }
      setUrgent(view.redFlags.filter((f) => f.level === "urgent"));
      if (!last) {
        moved.current = true;
        setStep(step + 1);
      } else if (view.id !== null) {
        openSaved(view);
      } else {
        sessionStorage.setItem(PENDING_KEY, JSON.stringify(input));
        setUnsaved(view);
      }
    } catch (err) {
      setProblem(err instanceof ApiError ? err.message : "Something went wrong. Please try again.");
    } finally {
      setBusy(false);
    }
  }

  function back() {
    setErrors({});
    moved.current = true;
    setStep(Math.max(0, step - 1));
  }

  function restart() {
    clearDraft();
    setAnswers(EMPTY_ANSWERS);
    setErrors({});
    setUrgent([]);
    setUnsaved(null);
    setEmergency(null);
    moved.current = true;
    setStep(0);
  }

  const intro = (
    <p>
      A few quick questions, urgent warning signs first. You get the likely causes, what to do now, and when and whom to see. About two minutes.{" "}
      {canSave ? <Link to="/assess/history">Your earlier results</Link> : null}
    </p>
  );

  if (emergency) {
    return (
      <Page title="Check your knee">
        <EmergencyStop view={emergency} onBack={() => setEmergency(null)} />
        <SafetyNote triage="emergency" />
      </Page>
    );
  }

  if (unsaved) {
    return (
      <Page title="Your result">
        <ResultView view={unsaved} saveArea={<SaveArea view={unsaved} canSave={canSave} />} />
        <p>
          <button type="button" className="secondary" onClick={restart}>
            Start a new assessment
          </button>
        </p>
      </Page>
    );
  }

  return (
    <Page title="Check your knee" intro={intro}>
      {canSave ? <PendingSave onSaved={openSaved} /> : null}
      <div className="assess-progress">
        <p id="assess-progress-label">
          Step {step + 1} of {STEPS.length}
        </p>
        <progress value={step + 1} max={STEPS.length} aria-labelledby="assess-progress-label" />
      </div>
      {urgent.length > 0 ? (
        <div className="urgent-banner" role="status">
          <p>
            <strong>Already clear: be seen by a clinician today.</strong> {urgent.map((f) => f.label).join(". ")}. You can still finish the
            questions to see the likely causes.
          </p>
        </div>
      ) : null}
      <form
        className="assess-step"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void next();
        }}
        aria-labelledby="step-heading"
      >
        <h2 id="step-heading" tabIndex={-1} ref={stepHeading}>
          {current.title}
        </h2>
        {fields[current.id]}
        {problem ? (
          <p className="error" role="alert">
            {problem}
          </p>
        ) : null}
        <div className="step-buttons">
          {step > 0 ? (
            <button type="button" className="secondary" onClick={back} disabled={busy}>
              Back
            </button>
          ) : null}
          <button type="submit" disabled={busy}>
            {busy ? "Checking…" : step === STEPS.length - 1 ? "See my result" : current.id === "warning" && childFastPath(answers) ? "See the advice now" : "Next"}
          </button>
        </div>
      </form>
      {step > 0 ? (
        <p>
          <button type="button" className="link-button" onClick={restart}>
            Start again
          </button>
        </p>
      ) : null}
      <SafetyNote />
    </Page>
  );
}
