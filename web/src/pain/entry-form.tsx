import { useEffect, useState } from "react";
import type { FormEvent } from "react";
import { PAIN_FLAG_LABELS, PAIN_LOCATION_LABELS, PAIN_LOCATIONS, PAIN_NOTES_MAX, PAIN_TRIGGER_LABELS, PAIN_TRIGGERS } from "../../../src/contracts/pain.js";
import type { PainEntryBody, PainEntryView, PainLocation, PainTrigger } from "../../../src/contracts/pain.js";
import { ScorePicker } from "./score-picker.js";

const HINT = "0 no pain · 1-2 safe · 3-5 acceptable if gone by morning · 6-10 too much";

const FLAGS = ["nightPain", "swelling", "givingWay"] as const;
type Flag = (typeof FLAGS)[number];
const NO_FLAGS: Record<Flag, boolean> = { nightPain: false, swelling: false, givingWay: false };

function toggle<T>(list: readonly T[], item: T): T[] {
  return list.includes(item) ? list.filter((x) => x !== item) : [...list, item];
}

/**
 * The daily entry, built to take 20 seconds on a phone: three taps for the scores, optional
 * ticks for where and why, and one button. Choosing a day that already has an entry edits it.
 */
export function EntryForm({
  date,
  today,
  existing,
  busy,
  error,
  onDateChange,
  onSave,
}: {
  date: string;
  today: string;
  existing: PainEntryView | undefined;
  busy: boolean;
  error: string | null;
  onDateChange: (d: string) => void;
  onSave: (body: PainEntryBody) => void;
}) {
  const [during, setDuring] = useState<number | null>(null);
  const [after, setAfter] = useState<number | null>(null);
  const [nextMorning, setNextMorning] = useState<number | null>(null);
  const [locations, setLocations] = useState<PainLocation[]>([]);
  const [triggers, setTriggers] = useState<PainTrigger[]>([]);
  const [notes, setNotes] = useState("");
  const [flags, setFlags] = useState<Record<Flag, boolean>>(NO_FLAGS);

  useEffect(() => {
    setDuring(existing?.during ?? null);
    setAfter(existing?.after ?? null);
    setNextMorning(existing?.nextMorning ?? null);
    setLocations(existing?.locations ?? []);
    setTriggers(existing?.triggers ?? []);
    setNotes(existing?.notes ?? "");
    setFlags({ nightPain: existing?.nightPain === true, swelling: existing?.swelling === true, givingWay: existing?.givingWay === true });
  }, [existing, date]);

  const nothing = during === null && after === null && nextMorning === null;
  function submit(e: FormEvent) {
    e.preventDefault();
    // The questions are on screen, so an unticked box is a "no", not "not asked".
    onSave({ during, after, nextMorning, locations, triggers, notes, ...flags });
  }

  return (
    <form className="pain-form" onSubmit={submit} aria-labelledby="entry-heading" noValidate>
      <h2 id="entry-heading" tabIndex={-1}>
        {existing ? "Edit the entry" : "How is the knee?"}
      </h2>
      <div className="field pain-date">
        <label htmlFor="pain-date">Day</label>
        <input id="pain-date" type="date" value={date} max={today} required onChange={(e) => e.target.value && onDateChange(e.target.value)} />
      </div>
      <ScorePicker legend="During the run" hint={HINT} value={during} onChange={setDuring} />
      <ScorePicker legend="After the run" value={after} onChange={setAfter} />
      <ScorePicker legend="The next morning, on waking" value={nextMorning} onChange={setNextMorning} />
      <fieldset className="check-grid pain-flags">
        <legend>Also tick if</legend>
        {FLAGS.map((f) => (
          <label key={f}>
            <input type="checkbox" checked={flags[f]} onChange={() => setFlags((x) => ({ ...x, [f]: !x[f] }))} />
            {PAIN_FLAG_LABELS[f]}
          </label>
        ))}
      </fieldset>
      <details className="pain-more" open={locations.length > 0 || triggers.length > 0 || notes !== ""}>
        <summary>Where it hurt, what set it off, notes</summary>
        <fieldset className="check-grid">
          <legend>Where</legend>
          {PAIN_LOCATIONS.map((code) => (
            <label key={code}>
              <input type="checkbox" checked={locations.includes(code)} onChange={() => setLocations((l) => toggle(l, code))} />
              {PAIN_LOCATION_LABELS[code]}
            </label>
          ))}
        </fieldset>
        <fieldset className="check-grid">
          <legend>What set it off</legend>
          {PAIN_TRIGGERS.map((code) => (
            <label key={code}>
              <input type="checkbox" checked={triggers.includes(code)} onChange={() => setTriggers((l) => toggle(l, code))} />
              {PAIN_TRIGGER_LABELS[code]}
            </label>
          ))}
        </fieldset>
        <div className="field">
          <label htmlFor="pain-notes">Notes</label>
          <textarea id="pain-notes" rows={3} maxLength={PAIN_NOTES_MAX} value={notes} onChange={(e) => setNotes(e.target.value)} />
        </div>
      </details>
      {error ? (
        <p className="error" role="alert">
          {error}
        </p>
      ) : null}
      {nothing ? <p className="score-hint">Pick at least one score to save.</p> : null}
      <button type="submit" disabled={busy || nothing}>
        {busy ? "Saving…" : existing ? "Save changes" : "Save"}
      </button>
    </form>
  );
}
