import { ProfileAdvicePanel } from "./profile-advice.js";
import { useEffect, useState } from "react";
import type { FormEvent } from "react";
import { Link } from "react-router";
import type { ProfileResponse, ProfileUpdateBody } from "../../../src/contracts/profile.js";
import { api, ApiError } from "../api.js";
import { Page } from "../shell/page.js";
import { useSession } from "../shell/session.js";
import {
  EXPERIENCE_WORDS,
  FOOT_TYPE_WORDS,
  SPORT_WORDS,
  SURFACE_WORDS,
  TIGHT_WORDS,
  UNIT_WORDS,
  WEAK_WORDS,
} from "./profile-words.js";
import { Checks, Radios, WeekStartSelect } from "./choice-fields.js";
import { bpmOrNull, HeartRateFields, heartRateText } from "./heart-rate-fields.js";
import type { HeartRateText } from "./heart-rate-fields.js";

type Form = Omit<ProfileResponse, "updatedAt" | "rampThreshold" | "maxHr" | "thresholdHr">;

function ProfileForm({ initial, onSaved }: { initial: ProfileResponse; onSaved: (p: ProfileResponse) => void }) {
  const { units: sessionUnits } = useSession();
  const [form, setForm] = useState<Form>(() => {
    const { updatedAt, rampThreshold: _r, maxHr: _m, thresholdHr: _t, ...fields } = initial;
    // Before the first save, the units the runner already chose on this device win over the default.
    return updatedAt === null ? { ...fields, units: sessionUnits } : fields;
  });
  const [heartRate, setHeartRate] = useState<HeartRateText>(() => heartRateText(initial));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const set = (patch: Partial<Form>) => {
    setSaved(null);
    setForm((f) => ({ ...f, ...patch }));
  };
  const fieldError = (name: string) => error?.fields.find((f) => f.path === name || f.path.startsWith(`${name}.`) || f.path.startsWith(`${name}[`))?.message;

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const body: Omit<ProfileUpdateBody, "maxHr" | "thresholdHr"> & Record<"maxHr" | "thresholdHr", unknown> = {
        ...form,
        maxHr: bpmOrNull(heartRate.maxHr),
        thresholdHr: bpmOrNull(heartRate.thresholdHr),
      };
      const p = await api<ProfileResponse>("PUT", "/api/profile", body);
      onSaved(p);
      setSaved(`Saved. Your weekly build-up guide is now ${Math.round(p.rampThreshold * 100)}%.`);
    } catch (err) {
      setError(err instanceof ApiError ? err : new ApiError(0, "UNKNOWN", "Saving failed."));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="profile-form" onSubmit={(e) => void submit(e)} noValidate>
      <Radios
        name="experience"
        legend="Your running experience"
        hint={<p>New and returning runners get the gentler 5% weekly build-up guide; regular runners 10%.</p>}
        options={EXPERIENCE_WORDS}
        value={form.experience}
        onChange={(v) => set({ experience: v })}
        error={fieldError("experience")}
      />
      <Radios
        name="footType"
        legend="Your foot type"
        hint={
          <details>
            <summary>Don&apos;t know yours? A two-minute self-check</summary>
            <ol>
              <li>
                Wet the sole of your foot, stand normally on dark paper or card, and compare the print: almost the whole sole means a flat foot,
                a clear inner curve a normal arch, and only a thin outer strip a high arch. Step by step:{" "}
                <a href="/exercises/wet-footprint-test">the wet-footprint test</a>.
              </li>
              <li>
                Look at the soles of an old pair of running shoes: wear along the inner edge hints that your foot rolls in, wear along the outer
                edge that it rolls out. See <a href="/exercises/shoe-wear-pattern">the shoe-wear pattern</a>.
              </li>
            </ol>
            <p>
              Still unsure? Leave it as &quot;don&apos;t know&quot;. More in <a href="/learn/foot-types">the five foot types</a>.
            </p>
          </details>
        }
        options={FOOT_TYPE_WORDS}
        value={form.footType}
        onChange={(v) => set({ footType: v })}
        error={fieldError("footType")}
      />
      <Checks name="surfaces" legend="Where you usually run" options={SURFACE_WORDS} value={form.surfaces} onChange={(v) => set({ surfaces: v })} error={fieldError("surfaces")} />
      <Checks name="otherSports" legend="Other sports you do" options={SPORT_WORDS} value={form.otherSports} onChange={(v) => set({ otherSports: v })} error={fieldError("otherSports")} />
      <Checks
        name="weakGroups"
        legend="Muscle groups you know are weak"
        hint={
          <p>
            From a physiotherapist or your own checks; see <a href="/learn/muscle-weakness-and-tightness">muscle weakness and tightness</a>. These
            exercises come first in your programmes.
          </p>
        }
        options={WEAK_WORDS}
        value={form.weakGroups}
        onChange={(v) => set({ weakGroups: v })}
        error={fieldError("weakGroups")}
      />
      <Checks
        name="tightGroups"
        legend="Muscle groups the self-tests found tight"
        hint={
          <p>
            Each option names the self-test that checks it: <a href="/exercises/thomas-test">Thomas</a>, <a href="/exercises/ober-test">Ober</a>,{" "}
            <a href="/exercises/ninety-ninety-hamstring-test">90/90 hamstring</a> and <a href="/exercises/ely-test">Ely</a>.
          </p>
        }
        options={TIGHT_WORDS}
        value={form.tightGroups}
        onChange={(v) => set({ tightGroups: v })}
        error={fieldError("tightGroups")}
      />
      <WeekStartSelect id="weekStart" value={form.weekStart} onChange={(weekStart) => set({ weekStart })} />
      <HeartRateFields
        value={heartRate}
        onChange={(patch) => {
          setSaved(null);
          setHeartRate((h) => ({ ...h, ...patch }));
        }}
        fieldError={fieldError}
      />
      <Radios
        name="units"
        legend="Distances in"
        options={UNIT_WORDS}
        value={form.units}
        onChange={(v) => set({ units: v })}
        error={fieldError("units")}
      />
      {error && error.fields.length === 0 ? (
        <p className="error" role="alert">
          {error.message}
        </p>
      ) : null}
      <div aria-live="polite">{saved ? <p className="saved-note">{saved}</p> : null}</div>
      <button type="submit" disabled={busy}>
        {busy ? "Saving…" : "Save profile"}
      </button>
    </form>
  );
}

export function ProfilePage() {
  const { mode, user, loading, units, setUnits } = useSession();
  const [profile, setProfile] = useState<ProfileResponse | null>(null);
  const [error, setError] = useState<string | null>(null);
  const signedIn = mode === "local" || user !== null;

  useEffect(() => {
    if (loading || !signedIn) return;
    let live = true;
    api<ProfileResponse>("GET", "/api/profile")
      .then((p) => {
        if (!live) return;
        setProfile(p);
      })
      .catch((err: unknown) => live && setError(err instanceof ApiError ? err.message : "Your profile could not be loaded."));
    return () => {
      live = false;
    };
  }, [loading, signedIn]);

  // A saved profile is the source of truth for units: bring this device's choice in line with it.
  useEffect(() => {
    if (profile && profile.updatedAt !== null && profile.units !== units) setUnits(profile.units);
  }, [profile, units, setUnits]);

  const intro = <p>Tell kneewise about your running so its advice fits you: the weekly build-up guide, shoe advice and which exercises come first.</p>;

  if (!loading && !signedIn) {
    return (
      <Page title="Runner profile" intro={intro}>
        <p>
          <Link to="/account">Sign in</Link> to keep a profile.
        </p>
      </Page>
    );
  }
  return (
    <Page title="Runner profile" intro={intro}>
      {error ? (
        <p className="error" role="alert">
          {error}
        </p>
      ) : null}
      {profile === null && !error ? <p>Loading…</p> : null}
      {profile !== null ? (
        <ProfileForm
          initial={profile}
          onSaved={(p) => {
            setProfile(p);
            setUnits(p.units);
          }}
        />
      ) : null}
      {profile !== null ? <ProfileAdvicePanel version={profile.updatedAt} /> : null}
    </Page>
  );
}
