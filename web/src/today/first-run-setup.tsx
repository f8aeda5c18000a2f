import { useState } from "react";
import type { FormEvent } from "react";
import { Link } from "react-router";
import type { DistanceUnits, Experience, ProfileResponse, ProfileUpdateBody } from "../../../src/contracts/profile.js";
import { unitWord } from "../../../src/contracts/format.js";
import { api, ApiError } from "../api.js";
import { useSession } from "../shell/session.js";
import { Radios, WeekStartSelect } from "../profile/choice-fields.js";
import { EXPERIENCE_WORDS, UNIT_WORDS, WEEKDAYS } from "../profile/profile-words.js";

/** Runners in the US think in miles; everyone else is offered kilometres first. */
function unitsForLanguage(language: string): DistanceUnits {
  return /^en-US$/i.test(language) ? "mi" : "km";
}

/** The first day of the week where the browser's language is spoken (0 Sunday … 6 Saturday). */
function weekStartForLanguage(language: string, fallback: number): number {
  try {
    const locale = new Intl.Locale(language) as Intl.Locale & { getWeekInfo?: () => { firstDay: number }; weekInfo?: { firstDay: number } };
    const firstDay = locale.getWeekInfo?.().firstDay ?? locale.weekInfo?.firstDay;
    return typeof firstDay === "number" ? firstDay % 7 : fallback;
  } catch {
    return fallback;
  }
}

/**
 * Three questions the first time kneewise opens: units, the first day of the week and whether
 * the runner is new, coming back or running regularly (new and returning runners get the 5% weekly
 * guide). Saved to the profile; then the import is offered.
 */
export function FirstRunSetup({ profile, onSaved }: { profile: ProfileResponse; onSaved: (p: ProfileResponse) => void }) {
  const { setUnits } = useSession();
  const [units, setUnitsChoice] = useState<DistanceUnits>(() => unitsForLanguage(navigator.language));
  const [weekStart, setWeekStart] = useState(() => weekStartForLanguage(navigator.language, profile.weekStart));
  const [experience, setExperience] = useState<Experience>(profile.experience);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<ProfileResponse | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setSaving(true);
    setError(null);
    try {
      const body: ProfileUpdateBody = { units, weekStart, experience };
      const p = await api<ProfileResponse>("PUT", "/api/profile", body);
      setUnits(p.units);
      setSaved(p);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : "Could not save. Try again.");
    } finally {
      setSaving(false);
    }
  }

  if (saved !== null)
    return (
      <section className="today-card today-setup" aria-labelledby="setup-heading">
        <h2 id="setup-heading" tabIndex={-1}>
          Saved: now bring in your runs
        </h2>
        <p role="status">
          Distances in {unitWord(saved.units)}, weeks from {WEEKDAYS[saved.weekStart]}, weekly guide{" "}
          {Math.round(saved.rampThreshold * 100)}%.
        </p>
        <p>
          Import a Strava or Garmin export, or files from your watch, and this page will show the run that is safe today.
          You can also log a run by hand on the Training page.
        </p>
        <div className="button-row">
          <Link className="button-link" to="/training/import">
            Import your runs
          </Link>
          <button type="button" className="secondary" onClick={() => onSaved(saved)}>
            Not now
          </button>
        </div>
      </section>
    );

  return (
    <form className="today-card today-setup" aria-labelledby="setup-heading" onSubmit={(e) => void submit(e)}>
      <h2 id="setup-heading">Set up kneewise in three questions</h2>
      <p className="hint">You can change any of these later on your profile.</p>
      <Radios
        name="setup-units"
        legend="Distances in"
        options={UNIT_WORDS}
        value={units}
        onChange={setUnitsChoice}
      />
      <WeekStartSelect id="setup-week-start" value={weekStart} onChange={setWeekStart} />
      <Radios
        name="setup-experience"
        legend="Your running"
        hint="New and returning runners get a gentler weekly guide: 5% more than the recent highest week instead of 10%."
        options={EXPERIENCE_WORDS}
        value={experience}
        onChange={setExperience}
      />
      {error ? (
        <p className="error" role="alert">
          {error}
        </p>
      ) : null}
      <button type="submit" disabled={saving}>
        {saving ? "Saving…" : "Save and continue"}
      </button>
    </form>
  );
}
