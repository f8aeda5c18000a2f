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
import type { PainLocation, Sign } from "./answer-labels.js";
import { buildInput, checkStep, clearDraft, EMPTY_ANSWERS, loadDraft, saveDraft, STEPS } from "./answers.js";
import type { Answers, FieldErrors } from "./answers.js";
import { CheckboxGroup, RadioGroup } from "./choice-fields.js";
import { KneeDiagram } from "./knee-diagram.js";
import { ResultView } from "./result-view.js";
import { SafetyNote } from "./safety-note.js";

const PENDING_KEY = "kneewise.assess.pending";
const WARNING_CODES = WARNING_SIGNS.map((s) => s.code);

/** Saved results open on their own page; the view travels along so it is not fetched twice. */
export interface ResultNavigationState {
  view: AssessmentResponse;
}

function assessUrl(save: boolean): string {
  return save ? "/api/assessments" : "/api/assessments?save=false";
}

function EmergencyStop({ view, onBack }: { view: AssessmentResponse; onBack: () => void }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <section className="emergency-stop" role="alert" aria-labelledby="emergency-heading">
      <p className="triage-tag">Emergency</p>
      <h2 id="emergency-heading" tabIndex={-1} ref={heading}>
        {view.advice.headline}
      </h2>
      <p className="emergency-next">{view.advice.nextStep}</p>
      <p>Use your local emergency number: for example 999 in the UK, 112 across Europe, 911 in North America.</p>
      <h3>Why</h3>
      <ul>
        {view.redFlags
          .filter((f) => f.level === "emergency")
          .map((f) => (
            <li key={f.id}>{f.label}</li>
          ))}
      </ul>
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

function useStepFields(answers: Answers, set: (patch: Partial<Answers>) => void, errors: FieldErrors) {
  const toggleLocation = (code: PainLocation) =>
    set({ painLocations: answers.painLocations.includes(code) ? answers.painLocations.filter((c) => c !== code) : [...answers.painLocations, code] });

  const warningSigns = answers.signs.filter((s) => WARNING_CODES.includes(s));
  const otherSigns = answers.signs.filter((s) => !WARNING_CODES.includes(s));
  const setSigns = (warning: Sign[], other: Sign[]) => set({ signs: [...warning, ...other] });

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
          value={warningSigns}
          onChange={(v) => set({ signs: [...v, ...otherSigns], ...(v.length > 0 ? { noWarningSigns: false } : {}) })}
        >
          <label className="choice none-choice">
            <input
              type="checkbox"
              checked={answers.noWarningSigns}
              onChange={(e) => set({ noWarningSigns: e.currentTarget.checked, ...(e.currentTarget.checked ? { signs: otherSigns } : {}) })}
            />
            <span>None of these</span>
          </label>
        </CheckboxGroup>
      </>
    ),
    start: (
      <>
        <RadioGroup id="swelling" legend="Is the knee joint swollen?" hint="A lump in one spot comes later; this is about the knee as a whole." error={errors.swelling} choices={SWELLING_CHOICES} value={answers.swelling} onChange={(v) => set({ swelling: v })} />
        <RadioGroup id="onset" legend="How did it start?" error={errors.onset} choices={ONSET_CHOICES} value={answers.onset} onChange={(v) => set({ onset: v, ...(v === "sudden_with_injury" ? {} : { mechanism: "" }) })} />
        {answers.onset === "sudden_with_injury" ? (
          <RadioGroup id="mechanism" legend="What happened?" error={errors.mechanism} choices={MECHANISM_CHOICES} value={answers.mechanism} onChange={(v) => set({ mechanism: v })} />
        ) : null}
      </>
    ),
    where: (
      <>
        <fieldset className="choices" id="painLocations" tabIndex={-1} aria-describedby={errors.painLocations ? "painLocations-hint painLocations-error" : "painLocations-hint"}>
          <legend>Mark where it hurts</legend>
          <p className="hint" id="painLocations-hint">
            Tap or press Enter on each place that hurts; tap again to clear it. Mark as many as apply.
          </p>
          {errors.painLocations ? (
            <p className="error" id="painLocations-error">
              {errors.painLocations}
            </p>
          ) : null}
          <KneeDiagram selected={answers.painLocations} onToggle={toggleLocation} />
        </fieldset>
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
        <CheckboxGroup id="otherSigns" legend="Have you noticed any of these?" hint="Tick all that apply, or none." choices={OTHER_SIGNS} value={otherSigns} onChange={(v) => setSigns(warningSigns, v)} />
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
          onChange={(v) => set({ tenderChecked: v })}
        />
        {answers.tenderChecked === "some" ? (
          <CheckboxGroup id="tenderSpots" legend="Which spots are sore to press?" choices={TENDER_CHOICES} value={answers.tenderSpots} onChange={(v) => set({ tenderSpots: v })} />
        ) : null}
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
        <CheckboxGroup id="lifeStage" legend="Do any of these apply to you?" choices={LIFE_STAGE_CHOICES} value={answers.lifeStage} onChange={(v) => set({ lifeStage: v })} />
        <CheckboxGroup id="history" legend="Anything in your health background?" choices={HISTORY_CHOICES} value={answers.history} onChange={(v) => set({ history: v })} />
      </>
    ),
  };
  return steps;
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
    const last = step === STEPS.length - 1;
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
        <SafetyNote />
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
            {busy ? "Checking…" : step === STEPS.length - 1 ? "See my result" : "Next"}
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
